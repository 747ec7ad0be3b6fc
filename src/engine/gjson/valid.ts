/**
 * gjson `Valid`: strict JSON (RFC 8259 grammar) with surrounding whitespace allowed.
 * Implemented iteratively so deep nesting cannot overflow the call stack.
 */

/** True when `json` is exactly one valid JSON value, optionally surrounded by whitespace. */
export function valid(json: string): boolean {
  const end = validValue(json, skipSpace(json, 0));
  return end >= 0 && skipSpace(json, end) === json.length;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipSpace(json: string, from: number): number {
  let i = from;
  while (i < json.length && isSpace(json.charCodeAt(i))) i++;
  return i;
}

/** End of the valid value starting at `start`, or -1. */
function validValue(json: string, start: number): number {
  // Each stack entry is the closing bracket of an open container.
  const stack: number[] = [];
  let i = start;
  for (;;) {
    // Expecting a value at i.
    i = skipSpace(json, i);
    if (i >= json.length) return -1;
    const c = json.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      const next = skipSpace(json, i + 1);
      if (json.charCodeAt(next) === close) {
        i = next + 1;
      } else {
        stack.push(close);
        i = close === 0x7d ? validKeyColon(json, next) : next;
        if (i < 0) return -1;
        continue;
      }
    } else {
      i = validScalar(json, i);
      if (i < 0) return -1;
    }
    // A value ended at i: close containers or move to the next member.
    for (;;) {
      if (stack.length === 0) return i;
      i = skipSpace(json, i);
      const c2 = json.charCodeAt(i);
      const close = stack[stack.length - 1];
      if (c2 === close) {
        stack.pop();
        i++;
        continue;
      }
      if (c2 !== 0x2c /* , */) return -1;
      i++;
      if (close === 0x7d) {
        i = validKeyColon(json, skipSpace(json, i));
        if (i < 0) return -1;
      }
      break;
    }
  }
}

/** Parses `"key" :` at `i`; returns the index after the colon, or -1. */
function validKeyColon(json: string, i: number): number {
  if (json.charCodeAt(i) !== 0x22) return -1;
  const end = validString(json, i);
  if (end < 0) return -1;
  const colon = skipSpace(json, end);
  return json.charCodeAt(colon) === 0x3a ? colon + 1 : -1;
}

function validScalar(json: string, i: number): number {
  const c = json.charCodeAt(i);
  if (c === 0x22) return validString(json, i);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return validNumber(json, i);
  for (const literal of ['true', 'false', 'null']) {
    if (json.startsWith(literal, i)) return i + literal.length;
  }
  return -1;
}

function validString(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x20) return -1;
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      i++;
      const e = json[i];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(json.slice(i + 1, i + 5))) return -1;
        i += 4;
      } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
        return -1;
      }
    }
  }
  return -1;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function validNumber(json: string, i: number): number {
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(json);
  return m ? i + m[0].length : -1;
}
