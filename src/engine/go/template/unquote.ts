/**
 * Go `strconv.Unquote` / `UnquoteChar` for template string, raw-string and character
 * constants. Errors carry Go's text (`invalid syntax`).
 */

/** Thrown for malformed Go literals; the parser reports the message as Go does. */
export class UnquoteError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'UnquoteError';
  }
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** Decodes a `"..."` or `` `...` `` literal (the text includes the quotes). */
export function unquoteString(quoted: string): string {
  if (quoted.length < 2) throw new UnquoteError();
  const q = quoted[0];
  if (quoted[quoted.length - 1] !== q) throw new UnquoteError();
  const body = quoted.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new UnquoteError();
    return body.replace(/\r/g, '');
  }
  if (q !== '"') throw new UnquoteError();
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '"' || ch === '\n') throw new UnquoteError();
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(s, 'utf8'));
      i += s.length;
      continue;
    }
    const [value, isByte, next] = unquoteEscape(body, i + 1, '"');
    if (isByte) bytes.push(value);
    else bytes.push(...Buffer.from(String.fromCodePoint(value), 'utf8'));
    i = next;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes a `'x'` character constant to its code point. */
export function unquoteChar(quoted: string): number {
  if (quoted.length < 3 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") throw new UnquoteError();
  const body = quoted.slice(1, -1);
  let value: number;
  let next: number;
  if (body[0] === '\\') {
    [value, , next] = unquoteEscape(body, 1, "'");
  } else {
    if (body[0] === "'" || body[0] === '\n') throw new UnquoteError();
    value = body.codePointAt(0)!;
    next = String.fromCodePoint(value).length;
  }
  if (next !== body.length) throw new UnquoteError();
  return value;
}

/** Returns [value, value-is-a-raw-byte, index after the escape]. */
function unquoteEscape(s: string, start: number, quoteChar: string): [number, boolean, number] {
  const c = s[start];
  if (c === undefined) throw new UnquoteError();
  if (c in SIMPLE) return [SIMPLE[c], false, start + 1];
  if (c === quoteChar) return [c.charCodeAt(0), false, start + 1];
  if (c === 'x' || c === 'u' || c === 'U') {
    const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = s.slice(start + 1, start + 1 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw new UnquoteError();
    const v = Number.parseInt(hex, 16);
    if (c === 'x') return [v, true, start + 1 + n];
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteError();
    return [v, false, start + 1 + n];
  }
  if (c >= '0' && c <= '7') {
    const oct = s.slice(start, start + 3);
    if (!/^[0-7]{3}$/.test(oct)) throw new UnquoteError();
    const v = Number.parseInt(oct, 8);
    if (v > 255) throw new UnquoteError();
    return [v, true, start + 3];
  }
  throw new UnquoteError();
}
