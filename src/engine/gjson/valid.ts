/**
 * gjson `Valid`: strict JSON (RFC 8259 grammar) with surrounding whitespace allowed.
 * Iterative, so deep nesting cannot overflow the call stack; one pass, no allocation per value.
 */

/** True when `json` is exactly one valid JSON value, optionally surrounded by whitespace. */
export function valid(json: string): boolean {
  return validate(json);
}

/** JSON whitespace: space, tab, line feed, carriage return. */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The first index at or after `from` that is not JSON whitespace. */
export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * {@link valid}; when `ends` is given, the end (exclusive) of every container is also recorded
 * at its opening index, so that a reader can skip containers without rescanning them.
 */
export function validate(text: string, ends?: Int32Array): boolean {
  // Opening positions of the open containers; the closer follows from the character there.
  const stack: number[] = [];
  let i = skipSpace(text, 0);
  const n = text.length;
  for (;;) {
    // Expect a value at i.
    if (i >= n) return false;
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        if (ends) ends[start] = i;
      } else {
        i = validKeyColon(text, i);
        if (i < 0) return false;
        stack.push(start);
        continue;
      }
    } else if (c === 0x5b) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        if (ends) ends[start] = i;
      } else {
        stack.push(start);
        continue;
      }
    } else if (c === 0x22) {
      i = validString(text, i);
    } else if (c === 0x74) {
      i = text.startsWith('true', i) ? i + 4 : -1;
    } else if (c === 0x66) {
      i = text.startsWith('false', i) ? i + 5 : -1;
    } else if (c === 0x6e) {
      i = text.startsWith('null', i) ? i + 4 : -1;
    } else {
      i = validNumber(text, i);
    }
    if (i < 0) return false;
    // After a value: close containers or continue with the next member/element.
    for (;;) {
      i = skipSpace(text, i);
      if (stack.length === 0) return i === n;
      const open = stack[stack.length - 1];
      const close = text.charCodeAt(open) === 0x7b ? 0x7d : 0x5d;
      const ch = text.charCodeAt(i);
      if (ch === close) {
        stack.pop();
        i++;
        if (ends) ends[open] = i;
        continue;
      }
      if (ch !== 0x2c) return false;
      i = skipSpace(text, i + 1);
      if (close === 0x7d) {
        i = validKeyColon(text, i);
        if (i < 0) return false;
      }
      break;
    }
  }
}

/** Validates `"key" :` at i; returns the index of the value (after spaces) or -1. */
function validKeyColon(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x22) return -1;
  let i = validString(text, from);
  if (i < 0) return -1;
  i = skipSpace(text, i);
  if (text.charCodeAt(i) !== 0x3a) return -1;
  return skipSpace(text, i + 1);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A run of string characters that need no check; a sticky regex skips it natively. */
// eslint-disable-next-line no-control-regex -- unescaped control characters are invalid in a JSON string
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;

function validString(text: string, start: number): number {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    PLAIN_STRING_RUN.lastIndex = i;
    PLAIN_STRING_RUN.test(text);
    i = PLAIN_STRING_RUN.lastIndex;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        if (!(isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)))) return -1;
        i += 6;
        continue;
      }
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      return -1;
    }
    i++;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function validNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return -1;
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}
