/**
 * Decimal digit strings of float64 values, the building block of Go's `strconv` float
 * formatting. Exact expansion uses BigInt so fixed-precision rounding can apply Go's
 * round-half-to-even on exact ties (JS `toFixed` rounds those ties up instead).
 */

/** Value = 0.`digits` x 10^`dp`; `digits` has no leading or trailing zeros ('' means zero). */
export interface DecimalDigits {
  readonly digits: string;
  readonly dp: number;
}

/** The shortest digits that round-trip to `abs` (a finite, non-negative float64). */
export function shortestDigits(abs: number): DecimalDigits {
  if (abs === 0) return { digits: '', dp: 0 };
  // toExponential() without an argument yields the shortest round-tripping digits.
  const [mantissa, exponent] = abs.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exponent) + 1 };
}

/** The exact decimal expansion of `abs` (a finite, non-negative float64). */
export function exactDigits(abs: number): DecimalDigits {
  if (abs === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2: number;
  if (biasedExp === 0) {
    exp2 = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp2 = biasedExp - 1075;
  }
  let text: string;
  let dp: number;
  if (exp2 >= 0) {
    text = (mantissa << BigInt(exp2)).toString();
    dp = text.length;
  } else {
    // m * 2^e = m * 5^-e / 10^-e
    text = (mantissa * 5n ** BigInt(-exp2)).toString();
    dp = text.length + exp2;
  }
  return trim({ digits: text, dp });
}

/** Rounds to `nd` significant digits the way Go's `decimal.Round` does (half to even on exact ties). */
export function roundDigits(d: DecimalDigits, nd: number): DecimalDigits {
  if (nd < 0 || nd >= d.digits.length) return d;
  if (shouldRoundUp(d, nd)) {
    let i = nd - 1;
    while (i >= 0 && d.digits[i] === '9') i--;
    if (i < 0) return { digits: '1', dp: d.dp + 1 };
    const bumped = d.digits.slice(0, i) + String.fromCharCode(d.digits.charCodeAt(i) + 1);
    return trim({ digits: bumped, dp: d.dp });
  }
  return trim({ digits: d.digits.slice(0, nd), dp: d.dp });
}

function shouldRoundUp(d: DecimalDigits, nd: number): boolean {
  if (d.digits[nd] === '5' && nd + 1 === d.digits.length) {
    // Exactly halfway: round to even.
    return nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  return d.digits[nd] >= '5';
}

function trim(d: DecimalDigits): DecimalDigits {
  let digits = d.digits;
  let dp = d.dp;
  let lead = 0;
  while (lead < digits.length && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  dp -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return { digits: '', dp: 0 };
  return { digits, dp };
}
