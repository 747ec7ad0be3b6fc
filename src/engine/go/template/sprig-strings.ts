/**
 * sprig's string functions built on huandu/xstrings (`snakecase`, `kebabcase`,
 * `camelcase`, `swapcase`) and Masterminds/goutils (`untitle`, `initials`, `abbrevboth`,
 * `wrap`, `wrapWith`), with those libraries' quirks: goutils works on bytes, so
 * `initials` of a non-ASCII word yields the first byte as a Latin-1 character.
 */
import { GoFunc, fn } from './funcs';
import { isSpace, toLowerRune, toUpperRune } from '../unicode';
import { asNumber } from './sprig-values';

const isUpper = (ch: string): boolean => /^\p{Lu}$/u.test(ch);
const isLower = (ch: string): boolean => /^\p{Ll}$/u.test(ch);
const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
const isNumber = (ch: string): boolean => /^\p{N}$/u.test(ch);
const isPunct = (ch: string): boolean => /^\p{P}$/u.test(ch);
const isConnector = (ch: string): boolean => ch === '-' || ch === '_' || isSpace(ch);

// ---- xstrings

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

/** xstrings' `nextWord`: the next run of one kind of runes. */
function nextWord(runes: readonly string[], start: number): { wt: WordType; end: number } {
  if (start >= runes.length) return { wt: 'invalid', end: start };
  const r = runes[start];
  let i = start + 1;
  const run = (pred: (c: string) => boolean): void => {
    while (i < runes.length && pred(runes[i])) i++;
  };
  if (isConnector(r)) {
    run(isConnector);
    return { wt: 'connector', end: i };
  }
  if (isPunct(r)) {
    run(isPunct);
    return { wt: 'punct', end: i };
  }
  if (isUpper(r)) {
    if (i < runes.length && isUpper(runes[i])) {
      run(isUpper);
      // "HTTPStatus" splits into "HTTP" and "Status".
      if (i < runes.length && isLetter(runes[i])) i--;
    } else if (i < runes.length && isLetter(runes[i])) {
      run((c) => isLetter(c) && !isUpper(c));
    }
    return { wt: 'upper', end: i };
  }
  if (isLetter(r)) {
    run((c) => isLetter(c) && !isUpper(c));
    return { wt: 'alphabet', end: i };
  }
  if (isNumber(r)) {
    run(isNumber);
    return { wt: 'number', end: i };
  }
  run((c) => !(isConnector(c) || isLetter(c) || isNumber(c) || isPunct(c)));
  return { wt: 'other', end: i };
}

/** xstrings' `camelCaseToLowerCase` behind `ToSnakeCase` and `ToKebabCase`. */
function camelCaseToLowerCase(s: string, connector: string): string {
  if (s === '') return '';
  const runes = Array.from(s);
  let out = '';
  const lower = (wt: WordType, from: number, to: number): void => {
    const word = runes.slice(from, to);
    if (wt !== 'upper' && wt !== 'connector') {
      out += word.join('');
      return;
    }
    for (const r of word) out += isConnector(r) ? connector : isUpper(r) ? toLowerRune(r) : r;
  };
  let start = 0;
  let { wt, end } = nextWord(runes, 0);
  const advance = (): void => {
    start = end;
    ({ wt, end } = nextWord(runes, end));
  };
  // Reads the current word type afresh (advance() changes it behind TypeScript's narrowing).
  const current = (): WordType => wt;
  while (end < runes.length) {
    if (wt !== 'connector') lower(wt, start, end);
    const prev = wt;
    const prevStart = start;
    const prevEnd = end;
    advance();
    if (prev === 'number') {
      while (current() === 'alphabet') {
        lower(wt, start, end);
        advance();
      }
      if (!['invalid', 'punct', 'connector'].includes(current())) out += connector;
    } else if (prev === 'connector') {
      lower(prev, prevStart, prevEnd);
    } else if (prev !== 'punct') {
      if (wt !== 'number') {
        if (wt !== 'connector' && wt !== 'punct') out += connector;
        continue;
      }
      if (end >= runes.length) continue;
      const numberStart = start;
      const numberEnd = end;
      advance();
      if (current() !== 'alphabet') {
        // A number belongs to the word before it: "Bld4Floor" -> "bld4_floor".
        lower('number', numberStart, numberEnd);
        if (!['punct', 'connector'].includes(current())) out += connector;
        continue;
      }
      // Lower-case letters after a number start a new word: "HTTP2xx" -> "http_2xx".
      out += connector;
      lower('number', numberStart, numberEnd);
      while (current() === 'alphabet') {
        lower(wt, start, end);
        advance();
      }
      if (!['invalid', 'punct', 'connector'].includes(current())) out += connector;
    }
  }
  lower(wt, start, end);
  return out;
}

/** xstrings' `ToCamelCase`: connectors dropped, the rune after one upper-cased, the rest lower-cased. */
function toCamelCase(s: string): string {
  if (s === '') return '';
  const runes = Array.from(s);
  let out = '';
  let i = 0;
  let r0 = '';
  // Leading connectors are kept.
  while (i < runes.length) {
    r0 = runes[i++];
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      break;
    }
    out += r0;
  }
  if (i >= runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      r0 = toUpperRune(r0);
    } else {
      r0 = toLowerRune(r0);
      out += r1;
    }
  }
  return out + r0;
}

/** xstrings' `SwapCase`. */
function swapCase(s: string): string {
  let out = '';
  for (const r of s) out += isUpper(r) ? toLowerRune(r) : isLower(r) ? toUpperRune(r) : r;
  return out;
}

// ---- goutils

/** goutils' `Uncapitalize`: the first rune of each white-space separated word lower-cased. */
function uncapitalize(s: string): string {
  let out = '';
  let next = true;
  for (const r of s) {
    if (isSpace(r)) {
      next = true;
      out += r;
    } else if (next) {
      out += toLowerRune(r);
      next = false;
    } else {
      out += r;
    }
  }
  return out;
}

/** goutils' `Initials`, which reads bytes as runes (Latin-1). */
function initials(s: string): string {
  let out = '';
  let lastWasGap = true;
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (isSpace(ch)) {
      lastWasGap = true;
    } else if (lastWasGap) {
      out += ch;
      lastWasGap = false;
    }
  }
  return out;
}

const bytesOf = (s: string): Buffer => Buffer.from(s, 'utf8');
const text = (b: Buffer, from: number, to?: number): string => b.subarray(from, to).toString('utf8');

/** goutils' `AbbreviateFull` (byte offsets); sprig's guards rule out its error cases. */
function abbreviateFull(s: string, offsetArg: number, maxWidth: number): string {
  const b = bytesOf(s);
  if (b.length <= maxWidth) return s;
  let offset = Math.min(offsetArg, b.length);
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  if (offset <= 4) return text(b, 0, maxWidth - 3) + '...';
  if (offset + maxWidth - 3 < b.length) return '...' + abbreviateFull(text(b, offset), 0, maxWidth - 3);
  return '...' + text(b, b.length - (maxWidth - 3));
}

/** goutils' `WrapCustom` (byte offsets, splitting at ASCII spaces). */
function wrapCustom(s: string, wrapLengthArg: number, newLine: string, wrapLongWords: boolean): string {
  if (s === '') return '';
  const nl = newLine === '' ? '\n' : newLine;
  const wrapLength = Math.max(1, wrapLengthArg);
  const b = bytesOf(s);
  const SPACE = 0x20;
  let offset = 0;
  let out = '';
  while (b.length - offset > wrapLength) {
    if (b[offset] === SPACE) {
      offset++;
      continue;
    }
    const end = Math.min(wrapLength + offset + 1, b.length);
    const spaceToWrapAt = b.subarray(offset, end).lastIndexOf(SPACE) + offset;
    if (spaceToWrapAt >= offset) {
      out += text(b, offset, spaceToWrapAt) + nl;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += text(b, offset, wrapLength + offset) + nl;
      offset += wrapLength;
    } else {
      const index = b.subarray(wrapLength + offset).indexOf(SPACE);
      if (index === -1) {
        out += text(b, offset);
        offset = b.length;
      } else {
        const at = index + wrapLength + offset;
        out += text(b, offset, at) + nl;
        offset = at + 1;
      }
    }
  }
  return out + text(b, offset);
}

/** The string functions of this file, by sprig name. */
export function stringFuncs(): Array<[string, GoFunc]> {
  return [
    ['snakecase', fn(['string'], ([s]) => camelCaseToLowerCase(s as string, '_'))],
    ['kebabcase', fn(['string'], ([s]) => camelCaseToLowerCase(s as string, '-'))],
    ['camelcase', fn(['string'], ([s]) => toCamelCase(s as string))],
    ['swapcase', fn(['string'], ([s]) => swapCase(s as string))],
    ['untitle', fn(['string'], ([s]) => uncapitalize(s as string))],
    ['initials', fn(['string'], ([s]) => initials(s as string))],
    ['abbrevboth', fn(['int', 'int', 'string'], ([l, r, s]) => {
      const left = asNumber(l);
      const right = asNumber(r);
      const str = s as string;
      if (right < 4 || (left > 0 && right < 7)) return str;
      return str === '' ? '' : abbreviateFull(str, left, right);
    })],
    ['wrap', fn(['int', 'string'], ([l, s]) => wrapCustom(s as string, asNumber(l), '', false))],
    ['wrapWith', fn(['int', 'string', 'string'], ([l, sep, s]) => wrapCustom(s as string, asNumber(l), sep as string, true))],
  ];
}
