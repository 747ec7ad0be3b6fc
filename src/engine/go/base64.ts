/**
 * Go `encoding/base64.StdEncoding`: padded standard alphabet, `\r`/`\n` ignored when
 * decoding, and Go's `illegal base64 data at input byte N` error offsets (which sprig's
 * `b64dec` returns as its output).
 */

/** Go's `base64.CorruptInputError`. */
export class GoBase64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = 'GoBase64Error';
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) DECODE[ALPHABET.charCodeAt(k)] = k;
const PAD = 0x3d;
const isNewline = (b: number): boolean => b === 0x0a || b === 0x0d;

/** `base64.StdEncoding.EncodeToString([]byte(s))` of a Go string (UTF-8). */
export function base64Encode(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** `base64.StdEncoding.DecodeString(s)` returning the bytes; throws {@link GoBase64Error}. */
export function base64DecodeBytes(s: string): Buffer {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const { next, bytes, done } = decodeQuantum(src, si);
    out.push(...bytes);
    si = next;
    if (done) return Buffer.from(out);
  }
}

/** Decodes one 4-character quantum the way Go's `decodeQuantum` does, including error offsets. */
function decodeQuantum(src: Buffer, start: number): { next: number; bytes: number[]; done: boolean } {
  const dbuf = [0, 0, 0, 0];
  let dlen = 4;
  let si = start;
  let done = false;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) {
      if (j === 0) return { next: si, bytes: [], done: true };
      // A partial quantum at the end: padding is required.
      throw new GoBase64Error(si - j);
    }
    const input = src[si];
    si++;
    const value = DECODE[input];
    if (value >= 0) {
      dbuf[j] = value;
      continue;
    }
    if (isNewline(input)) {
      j--;
      continue;
    }
    if (input !== PAD) throw new GoBase64Error(si - 1);
    // Padding: only valid as the last one or two characters of a quantum.
    switch (j) {
      case 0:
      case 1:
        throw new GoBase64Error(si - 1);
      case 2:
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new GoBase64Error(src.length);
        if (src[si] !== PAD) throw new GoBase64Error(si - 1);
        si++;
        break;
      default:
        break;
    }
    while (si < src.length && isNewline(src[si])) si++;
    if (si < src.length) throw new GoBase64Error(si);
    dlen = j;
    done = true;
    break;
  }
  const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
  const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff].slice(0, dlen - 1);
  return { next: si, bytes, done: done || si === src.length };
}

/** Go `string(bytes)` shown as a JS string (invalid UTF-8 becomes U+FFFD). */
export function base64Decode(s: string): string {
  return base64DecodeBytes(s).toString('utf8');
}
