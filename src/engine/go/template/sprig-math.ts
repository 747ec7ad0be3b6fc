/**
 * sprig's float math (`addf`, `add1f`, `subf`, `mulf`, `divf` go through
 * shopspring/decimal, so `addf 0.1 0.2` is 0.3; `maxf`/`minf` use Go's math.Max/Min),
 * `round`, and the integer sequences `seq` and `untilStep`.
 */
import { shortestDigits } from '../decimal';
import { checkTemplateListLength } from '../../limits';
import { GoFunc, GoCallError, fn, variadicFn } from './funcs';
import { intSlice } from '../values';
import { asNumber, castToFloat64, int } from './sprig-values';

/** A decimal number: `coefficient` x 10^`exponent`. */
interface Decimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

/** shopspring's `NewFromFloat`: the shortest decimal that round-trips. */
function decimalFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new GoCallError(`Cannot create a Decimal from ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return { coefficient: 0n, exponent: 0 };
  const { digits, dp } = shortestDigits(Math.abs(f));
  const coefficient = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { coefficient, exponent: dp - digits.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.coefficient * 10n ** BigInt(a.exponent - e), b.coefficient * 10n ** BigInt(b.exponent - e), e];
}

const DIVISION_PRECISION = 16;

/** shopspring's `Div`: rounded to 16 decimal places, halves away from zero. */
function divide(a: Decimal, b: Decimal): Decimal {
  if (b.coefficient === 0n) throw new GoCallError('decimal division by zero');
  // a/b in units of 10^-16: (ca x 10^(ea+16)) / (cb x 10^eb).
  const shift = DIVISION_PRECISION + a.exponent - b.exponent;
  let num = a.coefficient;
  let den = b.coefficient;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { coefficient: q, exponent: -DIVISION_PRECISION };
}

function operate(op: 'add' | 'sub' | 'mul' | 'div', a: Decimal, b: Decimal): Decimal {
  switch (op) {
    case 'add': case 'sub': {
      const [x, y, e] = align(a, b);
      return { coefficient: op === 'add' ? x + y : x - y, exponent: e };
    }
    case 'mul': return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
    default: return divide(a, b);
  }
}

/** shopspring's `Float64()`: the float64 nearest to the exact decimal. */
function decimalToFloat(d: Decimal): number {
  return Number(`${d.coefficient}e${d.exponent}`);
}

/** sprig's `execDecimalOp`: fold `rest` into `first` in decimal arithmetic. */
function decimalOp(op: 'add' | 'sub' | 'mul' | 'div', first: unknown, rest: readonly unknown[]): number {
  let acc = decimalFromFloat(castToFloat64(first));
  for (const x of rest) acc = operate(op, acc, decimalFromFloat(castToFloat64(x)));
  return decimalToFloat(acc);
}

/** Go's `math.Pow(10, p)`, exact where Go's is (|p| <= 22). */
function pow10(p: number): number {
  if (Number.isInteger(p) && Math.abs(p) <= 22) return p >= 0 ? Number(`1e${p}`) : 1 / Number(`1e${-p}`);
  return Math.pow(10, p);
}

/** sprig's `round`: ceil when the fraction reaches `roundOn` (default .5), else floor. */
function round(a: unknown, places: number, roundOn: number): number {
  const pow = pow10(places);
  const digit = pow * castToFloat64(a);
  const frac = Number.isFinite(digit) ? digit - Math.trunc(digit) : NaN;
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** sprig's `untilStep` ([]int). */
function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step !== 0) checkTemplateListLength('untilStep', Math.ceil((stop - start) / step));
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

/** sprig's `seq`: like GNU seq, numbers joined by spaces. */
function seq(params: readonly number[]): string {
  let list: number[];
  switch (params.length) {
    case 1: {
      const end = params[0];
      const increment = end < 1 ? -1 : 1;
      list = untilStep(1, end + increment, increment);
      break;
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      list = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = params;
      let increment = 1;
      if (end < start) {
        increment = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + increment, step);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

/** The math functions of this file, by sprig name. */
export function mathFuncs(): Array<[string, GoFunc]> {
  return [
    ['add1f', fn(['any'], ([a]) => decimalOp('add', a, [1]))],
    ['addf', variadicFn([], 'any', (args) => decimalOp('add', 0, args))],
    ['subf', variadicFn(['any'], 'any', ([a, ...rest]) => decimalOp('sub', a, rest))],
    ['mulf', variadicFn(['any'], 'any', ([a, ...rest]) => decimalOp('mul', a, rest))],
    ['divf', variadicFn(['any'], 'any', ([a, ...rest]) => decimalOp('div', a, rest))],
    ['maxf', variadicFn(['any'], 'any', ([a, ...rest]) => rest.reduce<number>((x, y) => goMax(x, castToFloat64(y)), castToFloat64(a)))],
    ['minf', variadicFn(['any'], 'any', ([a, ...rest]) => rest.reduce<number>((x, y) => goMin(x, castToFloat64(y)), castToFloat64(a)))],
    ['round', variadicFn(['any', 'int'], 'float64', ([a, p, ...opt]) => round(a, asNumber(p), opt.length > 0 ? (opt[0] as number) : 0.5))],
    ['seq', variadicFn([], 'int', (params) => seq(params.map(asNumber)))],
    ['untilStep', fn(['int', 'int', 'int'], ([a, b, c]) => intSlice(untilStep(asNumber(a), asNumber(b), asNumber(c)).map(int)))],
  ];
}

/** Go's `math.Max` (NaN wins, +0 beats -0), which is JS's Math.max. */
const goMax = (x: number, y: number): number => Math.max(x, y);
/** Go's `math.Min`. */
const goMin = (x: number, y: number): number => Math.min(x, y);
