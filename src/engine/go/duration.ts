/**
 * Go `time.Duration` (int64 nanoseconds): `ParseDuration`, `String` and `Round`, for
 * sprig's `duration`, `durationRound`, `dateModify` and `ago`.
 */
import { timeQuote } from './time-parse';

/** Largest and smallest Duration. */
export const MAX_DURATION = (1n << 63n) - 1n;
export const MIN_DURATION = -(1n << 63n);
/** One second in nanoseconds. */
export const SECOND = 1000000000n;

/** A `time.ParseDuration` failure with Go's message. */
export class GoDurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoDurationError';
  }
}

const UNITS: Record<string, bigint> = {
  ns: 1n, us: 1000n, '\u00b5s': 1000n, '\u03bcs': 1000n, ms: 1000000n, s: SECOND, m: 60n * SECOND, h: 3600n * SECOND,
};
const LIMIT = 1n << 63n;

/** Go's `time.ParseDuration` (e.g. `1h30m`, `-1.5s`, `300ms`). */
export function parseDuration(text: string): bigint {
  const invalid = (): never => {
    throw new GoDurationError(`time: invalid duration ${timeQuote(text)}`);
  };
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) invalid();
    const intDigits = /^[0-9]*/.exec(s)![0];
    let v = 0n;
    for (const c of intDigits) {
      if (v > LIMIT / 10n) invalid();
      v = v * 10n + BigInt(c);
      if (v > LIMIT) invalid();
    }
    s = s.slice(intDigits.length);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      const fracDigits = /^[0-9]*/.exec(s)![0];
      post = fracDigits.length > 0;
      let overflow = false;
      for (const c of fracDigits) {
        if (overflow) continue;
        if (f > (LIMIT - 1n) / 10n) {
          overflow = true;
          continue;
        }
        f = f * 10n + BigInt(c);
        scale *= 10;
      }
      s = s.slice(fracDigits.length);
    }
    if (intDigits.length === 0 && !post) invalid();
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText.length === 0) throw new GoDurationError(`time: missing unit in duration ${timeQuote(text)}`);
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) throw new GoDurationError(`time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(text)}`);
    if (v > LIMIT / unit) invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64 (nanosecond-accurate up to hours).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) invalid();
    }
    d += v;
    if (d > LIMIT) invalid();
  }
  if (neg) return BigInt.asIntN(64, -d);
  if (d > MAX_DURATION) invalid();
  return d;
}

function fmtFrac(v: bigint, prec: number): { text: string; rest: bigint } {
  let text = '';
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10n;
    print = print || digit !== 0n;
    if (print) text = digit.toString() + text;
    u /= 10n;
  }
  return { text: print ? '.' + text : '', rest: u };
}

/** Go's `Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`. */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  const u = neg ? -d : d;
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1000000n) {
      prec = 3;
      unit = '\u00b5s';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { text, rest } = fmtFrac(u, prec);
    out = rest.toString() + text + unit;
  } else {
    const { text, rest } = fmtFrac(u, 9);
    out = (rest % 60n).toString() + text + 's';
    let minutes = rest / 60n;
    if (minutes > 0n) {
      out = (minutes % 60n).toString() + 'm' + out;
      minutes /= 60n;
      if (minutes > 0n) out = minutes.toString() + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** Go's `Duration.Round(m)` (halves away from zero, saturating). */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 >= MIN_DURATION ? d1 : MIN_DURATION;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 <= MAX_DURATION ? d1 : MAX_DURATION;
}

/** Go's `t.Sub(u)` in nanoseconds, saturating at the Duration limits. */
export function subSaturating(tNanos: bigint, uNanos: bigint): bigint {
  const d = tNanos - uNanos;
  if (d > MAX_DURATION) return MAX_DURATION;
  if (d < MIN_DURATION) return MIN_DURATION;
  return d;
}
