/**
 * sprig's base32 functions (`encoding/base32.StdEncoding`); like `b64dec`, `b32dec`
 * returns Go's decode error text as its output.
 */
import { GoFunc, fn } from './funcs';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAD = 0x3d;

/** `base32.StdEncoding.EncodeToString([]byte(s))`. */
export function base32Encode(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < chars ? ALPHABET[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** Go's `base32.CorruptInputError`. */
class CorruptInput extends Error {
  constructor(offset: number) {
    super(`illegal base32 data at input byte ${offset}`);
  }
}

/** `base32.StdEncoding.DecodeString(s)`; throws with Go's error text. */
function base32DecodeBytes(s: string): Buffer {
  // DecodeString drops CR and LF first; offsets count the remaining bytes.
  const src = Buffer.from(Buffer.from(s, 'utf8').filter((b) => b !== 0x0a && b !== 0x0d));
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (pos >= olen) throw new CorruptInput(olen - (olen - pos) - j);
      const c = src[pos++];
      const remaining = olen - pos;
      if (c === PAD && j >= 2 && remaining < 8) {
        if (remaining + j < 8 - 1) throw new CorruptInput(olen);
        for (let k = 0; k < 8 - 1 - j; k++) {
          if (remaining > k && src[pos + k] !== PAD) throw new CorruptInput(olen - remaining + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw new CorruptInput(olen - remaining - 1);
        break;
      }
      const v = ALPHABET.indexOf(String.fromCharCode(c));
      if (v < 0) throw new CorruptInput(olen - remaining - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (const v of dbuf) bits = (bits << 5n) | BigInt(v);
    const nbytes = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen];
    for (let k = 0; k < nbytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
  }
  return Buffer.from(out);
}

/** The base32 functions, by sprig name. */
export function encodingFuncs(): Array<[string, GoFunc]> {
  return [
    ['b32enc', fn(['string'], ([s]) => base32Encode(s as string))],
    ['b32dec', fn(['string'], ([s]) => {
      try {
        return base32DecodeBytes(s as string).toString('utf8');
      } catch (err) {
        if (err instanceof CorruptInput) return err.message;
        throw err;
      }
    })],
  ];
}
