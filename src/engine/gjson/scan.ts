/**
 * Low-level scanners over JSON text, with gjson's leniency: they find the end of a value
 * without validating it, so raw text (whitespace, number spelling, duplicate keys) is kept
 * exactly as in the source. Positions are UTF-16 indexes; every structural character is
 * ASCII, so this scans the same tokens gjson scans over UTF-8 bytes.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * End of a string whose opening quote is just before `start`: the index after the
 * closing quote, or -1 when the string is unterminated. A quote closes the string when
 * an even number of backslashes precedes it.
 */
export function stringEnd(json: string, start: number): number {
  let from = start;
  for (;;) {
    const q = json.indexOf('"', from);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let j = q - 1; j >= start && json.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * End of the object/array starting at `start` (an opening bracket), counting `{[(` and
 * `}])` alike as gjson does and skipping strings. Unterminated: the end of the text.
 */
export function squashEnd(json: string, start: number): number {
  let depth = 1;
  const len = json.length;
  for (let i = start + 1; i < len; i++) {
    const c = json.charCodeAt(i);
    if (c < QUOTE || c > 0x7d) continue;
    switch (c) {
      case QUOTE: {
        const end = stringEnd(json, i + 1);
        if (end < 0) return len;
        i = end - 1;
        break;
      }
      case 0x7b: // {
      case 0x5b: // [
      case 0x28: // (
        depth++;
        break;
      case 0x7d: // }
      case 0x5d: // ]
      case 0x29: // )
        depth--;
        if (depth === 0) return i + 1;
        break;
    }
  }
  return len;
}

/**
 * gjson's `squash`: the leading value of `text` when it starts with `"`, `{`, `[` or `(`
 * (used for modifier arguments and static values); the whole text when unterminated.
 */
export function squash(text: string): string {
  if (text.charCodeAt(0) === QUOTE) {
    const end = stringEnd(text, 1);
    return end < 0 ? text : text.slice(0, end);
  }
  return text.slice(0, squashEnd(text, 0));
}

/** gjson `trim`: strips characters <= space at both ends. */
export function trim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

/** End of a number token: the first whitespace/control character, `,`, `]` or `}`. */
export function numberEnd(json: string, start: number): number {
  const len = json.length;
  for (let i = start + 1; i < len; i++) {
    const c = json.charCodeAt(i);
    if (c <= 0x20 || c === 0x2c || c === 0x5d || c === 0x7d) return i;
  }
  return len;
}

/** End of a literal token (`true`, `false`, `null`): the first character outside `a`-`z`. */
export function literalEnd(json: string, start: number): number {
  const len = json.length;
  for (let i = start + 1; i < len; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return i;
  }
  return len;
}

/** The content of a raw JSON string token (quotes stripped), unescaped when needed. */
export function stringContent(raw: string): string {
  const inner = raw.slice(1, raw.length - 1);
  return inner.indexOf('\\') >= 0 ? unescape(inner) : inner;
}

/**
 * gjson's `unescape`: decodes JSON escapes. It stops at a control character or an invalid
 * escape (keeping what was decoded so far); lone or mismatched surrogates become U+FFFD and
 * a `\u` escape following a surrogate is always consumed as its pair.
 */
export function unescape(text: string): string {
  let out = '';
  let runStart = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return out + text.slice(runStart, i);
    if (c !== BACKSLASH) continue;
    out += text.slice(runStart, i);
    i++;
    if (i >= len) return out;
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case 'u': {
        if (i + 5 > len) return out;
        let code = hex4(text, i + 1);
        i += 5;
        if (code >= 0xd800 && code <= 0xdfff) {
          if (len - i >= 6 && text[i] === '\\' && text[i + 1] === 'u') {
            code = decodeSurrogates(code, hex4(text, i + 2));
            i += 6;
          } else {
            code = 0xfffd;
          }
        }
        out += String.fromCodePoint(code);
        i--;
        break;
      }
      default:
        return out;
    }
    runStart = i + 1;
  }
  return out + text.slice(runStart);
}

/** Four hex digits as a number; 0 when they are not all hex (Go's ParseUint failure). */
function hex4(text: string, at: number): number {
  const digits = text.slice(at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : 0;
}

/** Go's `utf16.DecodeRune`: the pair's code point, or U+FFFD when it is not a valid pair. */
function decodeSurrogates(high: number, low: number): number {
  if (high >= 0xd800 && high < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
    return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}
