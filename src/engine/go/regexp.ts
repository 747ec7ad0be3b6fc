/**
 * Go `regexp` (RE2 syntax, leftmost-first) on top of re2js, with Go's iteration rules
 * for FindAll/ReplaceAll/Split (no empty match right after a previous match) and Go's
 * `$1` / `${name}` replacement expansion. Not JS RegExp.
 */
import { Matcher, RE2JS } from 're2js';
import { canBackquote, quote } from './strconv';

/** A regexp compile error with Go's text (`error parsing regexp: missing closing ): ...`). */
export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoRegexpError';
  }
}

/**
 * Go `regexp.Compile`. Not memoized: sprig's regex functions compile their pattern on every
 * call too (`regexp.MatchString`, `regexp.MustCompile`), and no Sensor this project
 * synthesizes calls them.
 */
export function compileGoRegexp(expr: string): RE2JS {
  try {
    return RE2JS.compile(expr);
  } catch (err) {
    throw new GoRegexpError((err as Error).message);
  }
}

/** Go `regexp.MustCompile`'s panic text for a bad pattern. */
export function mustCompileMessage(expr: string, err: GoRegexpError): string {
  const shown = canBackquote(expr) ? '`' + expr + '`' : quote(expr);
  return `regexp: Compile(${shown}): ${err.message}`;
}

type Match = { start: number; end: number; m: Matcher };

/** All successive matches, with Go's rule against an empty match right after a match. */
function* allMatches(re: RE2JS, s: string, n: number): Generator<Match> {
  const limit = n < 0 ? s.length + 1 : n;
  const m = re.matcher(s);
  let pos = 0;
  let count = 0;
  let prevMatchEnd = -1;
  while (count < limit && pos <= s.length) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === pos) {
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? String.fromCodePoint(s.codePointAt(pos)!).length : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) {
      count++;
      yield { start, end, m };
    }
  }
}

/** Go `(*Regexp).FindString`: the leftmost match, or '' when none. */
export function findString(re: RE2JS, s: string): string {
  const m = re.matcher(s);
  return m.find(0) ? s.slice(m.start(), m.end()) : '';
}

/** Go `(*Regexp).FindAllString(s, n)` (n < 0: all). Returns undefined for Go's nil (no match). */
export function findAllString(re: RE2JS, s: string, n: number): string[] | undefined {
  const out: string[] = [];
  for (const { start, end } of allMatches(re, s, n)) out.push(s.slice(start, end));
  return out.length > 0 ? out : undefined;
}

/** Go `(*Regexp).Split(s, n)`. */
export function splitRegexp(re: RE2JS, expr: string, s: string, n: number): string[] | undefined {
  if (n === 0) return undefined;
  if (expr.length > 0 && s.length === 0) return [''];
  const parts: string[] = [];
  let beg = 0;
  let end = 0;
  for (const match of allMatches(re, s, n)) {
    if (n > 0 && parts.length === n - 1) break;
    end = match.start;
    if (match.end !== 0) parts.push(s.slice(beg, end));
    beg = match.end;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return parts;
}

/**
 * Go `ReplaceAllString` (`literal` false: `$1`, `${1}`, `$name`, `${name}`, `$$` expand)
 * or `ReplaceAllLiteralString` (`literal` true).
 */
export function replaceAll(re: RE2JS, src: string, repl: string, literal: boolean): string {
  let out = '';
  let lastMatchEnd = 0;
  const m = re.matcher(src);
  let searchPos = 0;
  const names = re.namedGroups();
  while (searchPos <= src.length) {
    if (!m.find(searchPos)) break;
    const start = m.start();
    const end = m.end();
    out += src.slice(lastMatchEnd, start);
    // No replacement for an empty match right after another match.
    if (end > lastMatchEnd || start === 0) out += literal ? repl : expand(repl, src, m, names);
    lastMatchEnd = end;
    const width = searchPos < src.length ? String.fromCodePoint(src.codePointAt(searchPos)!).length : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

function expand(template: string, src: string, m: Matcher, names: Record<string, number>): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest[0] === '$') {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractGroupRef(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    const group = ref.num >= 0 ? ref.num : names[ref.name];
    if (group !== undefined && group <= m.groupCount()) {
      const start = m.start(group);
      if (start >= 0) out += src.slice(start, m.end(group));
    }
  }
  return out + rest;
}

function extractGroupRef(str: string): { name: string; num: number; rest: string } | undefined {
  let s = str;
  const brace = s[0] === '{';
  if (brace) s = s.slice(1);
  const nameMatch = /^[\p{L}\p{Nd}_]+/u.exec(s);
  if (!nameMatch) return undefined;
  const name = nameMatch[0];
  let i = name.length;
  if (brace) {
    if (s[i] !== '}') return undefined;
    i++;
  }
  let num = /^\d+$/.test(name) && name.length <= 8 ? Number(name) : -1;
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}
