/**
 * Go `strconv`: ParseBool, ParseFloat, ParseInt, FormatFloat and Quote, with Go's
 * accepted syntax and error texts (Argo Events parses data-filter values with these).
 */
import { DecimalDigits, exactDigits, roundDigits, shortestDigits } from './decimal';

/** A `strconv.NumError`: prints as `strconv.<Func>: parsing "<input>": <reason>`. */
export class GoNumError extends Error {
  constructor(
    readonly func: string,
    readonly input: string,
    /** Go's error text, e.g. `invalid syntax` or `value out of range`. */
    readonly reason: string,
  ) {
    super(`strconv.${func}: parsing ${quote(input)}: ${reason}`);
    this.name = 'GoNumError';
  }
}

const TRUE_TEXTS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_TEXTS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go `strconv.ParseBool`. Throws {@link GoNumError} for anything but the twelve accepted spellings. */
export function parseBool(s: string): boolean {
  if (TRUE_TEXTS.has(s)) return true;
  if (FALSE_TEXTS.has(s)) return false;
  throw new GoNumError('ParseBool', s, 'invalid syntax');
}

/**
 * Go `strconv.ParseFloat(s, 64)`: Go float literal syntax (decimal or hex with a `p`
 * exponent, `_` between digits), `Inf`/`Infinity`/`NaN` in any case, no surrounding
 * spaces. Overflow throws `value out of range`; underflow quietly gives zero, as in Go.
 */
export function parseFloat(s: string): number {
  const special = parseSpecial(s);
  if (special !== undefined) return special;
  const parsed = readFloat(s);
  if (parsed === undefined) throw new GoNumError('ParseFloat', s, 'invalid syntax');
  if (!Number.isFinite(parsed)) throw new GoNumError('ParseFloat', s, 'value out of range');
  return parsed;
}

function parseSpecial(s: string): number | undefined {
  let body = s;
  let sign = 1;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? -1 : 1;
    body = body.slice(1);
    const lower = body.toLowerCase();
    return lower === 'inf' || lower === 'infinity' ? sign * Infinity : undefined;
  }
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === 'nan') return NaN;
  return undefined;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.[\d_]+)(?:[eE][+-]?\d[\d_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([\da-fA-F_]*)(?:\.([\da-fA-F_]*))?[pP]([+-]?\d[\d_]*)$/;

function readFloat(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const intPart = hex[2].replace(/_/g, '');
    const fracPart = (hex[3] ?? '').replace(/_/g, '');
    if (intPart + fracPart === '') return undefined;
    // Huge exponents are capped: the result is already zero or out of range.
    const exp2 = Math.max(-5000, Math.min(5000, Number(hex[4].replace(/_/g, ''))));
    return hexToFloat(hex[1] === '-', intPart + fracPart, exp2 - 4 * fracPart.length);
  }
  if (!DECIMAL_FLOAT.test(s)) return undefined;
  // JS Number() rounds decimal text correctly (ties to even), as Go does.
  return Number(s.replace(/_/g, ''));
}

/** Go's rule: `_` only between digits (a base prefix counts as a digit). */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Correctly rounded (half to even) value of 0x`hexDigits` * 2^`exp2`, including subnormals. */
function hexToFloat(negative: boolean, hexDigits: string, exp2: number): number {
  let mantissa = BigInt('0x' + hexDigits);
  if (mantissa === 0n) return negative ? -0 : 0;
  let exponent = exp2;
  const bitLength = mantissa.toString(2).length;
  const topExponent = bitLength - 1 + exponent;
  const precision = topExponent >= -1022 ? 53 : Math.max(0, 53 - (-1022 - topExponent));
  const shift = bitLength - precision;
  if (shift > 0) {
    const half = 1n << BigInt(shift - 1);
    const remainder = mantissa & ((1n << BigInt(shift)) - 1n);
    mantissa >>= BigInt(shift);
    if (remainder > half || (remainder === half && (mantissa & 1n) === 1n)) mantissa += 1n;
    exponent += shift;
  }
  let value = Number(mantissa);
  // Scale in steps so intermediate powers of two neither overflow nor underflow.
  while (exponent > 0) {
    const step = Math.min(exponent, 1000);
    value *= 2 ** step;
    exponent -= step;
  }
  while (exponent < 0) {
    const step = Math.min(-exponent, 1000);
    value /= 2 ** step;
    exponent += step;
  }
  return negative ? -value : value;
}

/**
 * Go `strconv.ParseInt(s, base, 64)`. Base 0 infers the base from a `0x`, `0o`, `0b` or
 * `0` prefix and allows `_` between digits. Returns a bigint.
 */
export function parseInt(s: string, base: number, bitSize = 64): bigint {
  const fn = 'ParseInt';
  if (s === '') throw new GoNumError(fn, s, 'invalid syntax');
  let body = s;
  let negative = false;
  if (body[0] === '+' || body[0] === '-') {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  let radix = base;
  let allowUnderscores = false;
  if (base === 0) {
    allowUnderscores = true;
    radix = 10;
    if (body[0] === '0') {
      const p = body[1]?.toLowerCase();
      if (body.length >= 3 && (p === 'x' || p === 'o' || p === 'b')) {
        radix = p === 'x' ? 16 : p === 'o' ? 8 : 2;
        body = body.slice(2);
      } else {
        radix = 8;
        body = body.slice(1);
        if (body === '') body = '0';
      }
    }
  } else if (base < 2 || base > 36) {
    throw new GoNumError(fn, s, `invalid base ${base}`);
  }
  if (allowUnderscores && s.includes('_') && !underscoreOK(s)) throw new GoNumError(fn, s, 'invalid syntax');
  const digits = allowUnderscores ? body.replace(/_/g, '') : body;
  if (digits === '') throw new GoNumError(fn, s, 'invalid syntax');
  let value = 0n;
  const bigRadix = BigInt(radix);
  for (const ch of digits.toLowerCase()) {
    const d = digitValue(ch);
    if (d < 0 || d >= radix) throw new GoNumError(fn, s, 'invalid syntax');
    value = value * bigRadix + BigInt(d);
  }
  const limit = 1n << BigInt(bitSize - 1);
  if (negative ? value > limit : value >= limit) throw new GoNumError(fn, s, 'value out of range');
  return negative ? -value : value;
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/** Go `strconv.Atoi` (base 10, may have a sign, no underscores), with its error text. */
export function atoi(s: string): bigint {
  try {
    return parseInt(s, 10, 64);
  } catch (err) {
    if (err instanceof GoNumError) throw new GoNumError('Atoi', s, err.reason);
    throw err;
  }
}

/**
 * Go `strconv.FormatFloat(n, fmt, prec, 64)`. `prec` -1 means the fewest digits that
 * round-trip. `'g'` uses exponent form when the decimal exponent is < -4 or >= the
 * precision, and the precision counts as 6 when shortest: `1e+06`, `123456`, `1.234567e+06`.
 * Fixed precision rounds exact ties to even (`0.5` -> `0`, `2.5` -> `2`), as Go does.
 */
export function formatFloat(n: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (fmt === 'b' || fmt === 'x' || fmt === 'X') return formatBinary(n, fmt, prec);
  const negative = n < 0 || Object.is(n, -0);
  const abs = Math.abs(n);
  const sign = negative ? '-' : '';
  const shortest = prec < 0;
  let digits: DecimalDigits;
  let precision = prec;
  const lowerFmt = fmt.toLowerCase();
  if (shortest) {
    digits = shortestDigits(abs);
    if (lowerFmt === 'e') precision = Math.max(digits.digits.length - 1, 0);
    else if (lowerFmt === 'f') precision = Math.max(digits.digits.length - digits.dp, 0);
    else precision = digits.digits.length;
  } else {
    const exact = exactDigits(abs);
    if (lowerFmt === 'e') digits = roundDigits(exact, precision + 1);
    else if (lowerFmt === 'f') digits = roundDigits(exact, exact.dp + precision);
    else {
      if (precision === 0) precision = 1;
      digits = roundDigits(exact, precision);
    }
  }
  if (lowerFmt === 'e') return sign + formatE(digits, precision, fmt as 'e' | 'E');
  if (lowerFmt === 'f') return sign + formatF(digits, precision);
  // %g: %e when the exponent is < -4 or >= the precision (6 for shortest).
  let eprec = precision;
  if (eprec > digits.digits.length && digits.digits.length >= digits.dp) eprec = digits.digits.length;
  if (shortest) eprec = 6;
  const exp = digits.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (precision > digits.digits.length) precision = digits.digits.length;
    return sign + formatE(digits, precision - 1, fmt === 'G' ? 'E' : 'e');
  }
  if (precision > digits.dp) precision = digits.digits.length;
  return sign + formatF(digits, Math.max(precision - digits.dp, 0));
}

function formatE(d: DecimalDigits, prec: number, expChar: 'e' | 'E'): string {
  let out = d.digits.length > 0 ? d.digits[0] : '0';
  if (prec > 0) {
    out += '.' + d.digits.slice(1, prec + 1).padEnd(prec, '0');
  }
  let exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const expSign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${expChar}${expSign}${exp < 10 ? '0' + exp : String(exp)}`;
}

function formatF(d: DecimalDigits, prec: number): string {
  let out: string;
  if (d.dp > 0) {
    out = d.digits.slice(0, d.dp).padEnd(d.dp, '0');
  } else {
    out = '0';
  }
  if (prec > 0) {
    let frac = '';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      frac += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
    out += '.' + frac;
  }
  return out;
}

/**
 * Go `strconv.Quote`: double-quoted, with Go escapes for control and non-printable
 * characters; printable Unicode is kept. `asciiOnly` gives `strconv.QuoteToASCII`.
 */
export function quote(s: string, asciiOnly = false): string {
  return quoteWith(s, '"', asciiOnly);
}

/** Go `strconv.QuoteRune` style quoting of a single code point with `'`. */
export function quoteRune(codePoint: number, asciiOnly = false): string {
  return quoteWith(String.fromCodePoint(codePoint), "'", asciiOnly);
}

function quoteWith(s: string, q: '"' | "'", asciiOnly: boolean): string {
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 in Go; it quotes as the replacement character.
      out += asciiOnly ? '\\ufffd' : '\ufffd';
      continue;
    }
    if (asciiOnly ? cp >= 0x20 && cp < 0x7f : isGoPrintable(ch)) {
      out += ch;
      continue;
    }
    out += escapeCodePoint(cp);
  }
  return out + q;
}

const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeCodePoint(cp: number): string {
  if (SHORT_ESCAPES[cp]) return SHORT_ESCAPES[cp];
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

/** Go `strconv.CanBackquote`: no control characters (but tab), no backquote, no U+FEFF. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff || (cp < 0x20 && ch !== '\t') || cp === 0x7f) return false;
    if (cp >= 0xd800 && cp <= 0xdfff) return false;
  }
  return true;
}

const U64 = (1n << 64n) - 1n;
const MANT_BITS = 52n;
const FLOAT64_BIAS = -1023;

/**
 * `strconv.FormatFloat(n, 'b' | 'x' | 'X', prec, 64)` of a finite float64 (Go's genericFtoa with
 * fmtB and fmtX): `'b'` is `[-]mantissa p±exponent` in decimal (`42` gives
 * `5910974510923776p-47`); `'x'` is `[-]0x1.hhhhp±dd` (`10` gives `0x1.4p+03`), rounded to `prec`
 * hex digits when `prec` is 0..14.
 */
function formatBinary(n: number, fmt: 'b' | 'x' | 'X', prec: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n !== 0n;
  let exp = Number((bits >> MANT_BITS) & 0x7ffn);
  let mant = bits & ((1n << MANT_BITS) - 1n);
  if (exp === 0) exp++; // denormal
  else mant |= 1n << MANT_BITS;
  exp += FLOAT64_BIAS;
  const sign = neg ? '-' : '';
  if (fmt === 'b') {
    const e = exp - Number(MANT_BITS);
    return `${sign}${mant}p${e >= 0 ? '+' : ''}${e}`;
  }
  if (mant === 0n) exp = 0;
  mant = (mant << (60n - MANT_BITS)) & U64;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & U64;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant = (mant << (60n - shift)) & U64;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = (digit: bigint): string => {
    const h = digit.toString(16);
    return fmt === 'X' ? h.toUpperCase() : h;
  };
  let out = `${sign}0${fmt}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & U64;
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex((mant >> 60n) & 15n);
      mant = (mant << 4n) & U64;
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex((mant >> 60n) & 15n);
      mant = (mant << 4n) & U64;
    }
  }
  const magnitude = Math.abs(exp);
  return out + (fmt === 'X' ? 'P' : 'p') + (exp < 0 ? '-' : '+') + String(magnitude).padStart(2, '0');
}
