/**
 * What each govaluate operator computes (`evaluationStage.go`) and which operand types it
 * accepts (`findTypeChecks`), with govaluate's error formats. Operators assume their type
 * checks passed, as govaluate's do.
 */
import { RE2JS } from 're2js';
import { GovaluateError } from './errors';
import { OperatorSymbol } from './tokens';
import { CompiledPattern, compareGoStrings, formatGoValue, goDeepEqual, goInterfaceEqual } from './values';

export type Operator = (left: unknown, right: unknown) => unknown;
export type TypeCheck = (value: unknown) => boolean;
export type CombinedTypeCheck = (left: unknown, right: unknown) => boolean;

export const LOGICAL_ERROR_FORMAT = "Value '%v' cannot be used with the logical operator '%v', it is not a bool";
export const MODIFIER_ERROR_FORMAT = "Value '%v' cannot be used with the modifier '%v', it is not a number";
export const COMPARATOR_ERROR_FORMAT = "Value '%v' cannot be used with the comparator '%v', it is not a number";
export const TERNARY_ERROR_FORMAT = "Value '%v' cannot be used with the ternary operator '%v', it is not a bool";
export const PREFIX_ERROR_FORMAT = "Value '%v' cannot be used with the prefix '%v'";

/** Fills a govaluate error format: the offending value, then the operator text. */
export function formatTypeError(format: string, value: unknown, symbolText: string): string {
  return format.replace('%v', () => formatGoValue(value)).replace('%v', () => symbolText);
}

const isFloat64: TypeCheck = (v) => typeof v === 'number';
const isString: TypeCheck = (v) => typeof v === 'string';
const isBool: TypeCheck = (v) => typeof v === 'boolean';
const isArray: TypeCheck = (v) => Array.isArray(v);
const isRegexOrString: TypeCheck = (v) => typeof v === 'string' || v instanceof CompiledPattern;

/** `+` takes two numbers, or anything when one side is a string. */
const additionTypeCheck: CombinedTypeCheck = (l, r) => (isFloat64(l) && isFloat64(r)) || isString(l) || isString(r);
/** Ordering takes two numbers or two strings. */
const comparatorTypeCheck: CombinedTypeCheck = (l, r) => (isFloat64(l) && isFloat64(r)) || (isString(l) && isString(r));

export interface TypeChecks {
  left?: TypeCheck;
  right?: TypeCheck;
  combined?: CombinedTypeCheck;
}

/** `findTypeChecks`. */
export function typeChecksFor(symbol: OperatorSymbol): TypeChecks {
  switch (symbol) {
    case 'GT':
    case 'LT':
    case 'GTE':
    case 'LTE':
      return { combined: comparatorTypeCheck };
    case 'REQ':
    case 'NREQ':
      return { left: isString, right: isRegexOrString };
    case 'AND':
    case 'OR':
      return { left: isBool, right: isBool };
    case 'IN':
      return { right: isArray };
    case 'PLUS':
      return { combined: additionTypeCheck };
    case 'BITWISE_LSHIFT':
    case 'BITWISE_RSHIFT':
    case 'BITWISE_OR':
    case 'BITWISE_AND':
    case 'BITWISE_XOR':
    case 'MINUS':
    case 'MULTIPLY':
    case 'DIVIDE':
    case 'MODULUS':
    case 'EXPONENT':
      return { left: isFloat64, right: isFloat64 };
    case 'NEGATE':
    case 'BITWISE_NOT':
      return { right: isFloat64 };
    case 'INVERT':
      return { right: isBool };
    case 'TERNARY_TRUE':
      return { left: isBool };
    default:
      return {};
  }
}

const TWO_63 = 2 ** 63;
const INT64_INDEFINITE = -(2n ** 63n);

/** Go `int64(f)` on amd64: truncation; NaN and out-of-range values give the minimum int64. */
function toInt64(value: number): bigint {
  if (Number.isNaN(value) || value >= TWO_63 || value < -TWO_63) return INT64_INDEFINITE;
  return BigInt(Math.trunc(value));
}

/** Go `uint64(f)` on amd64 (values >= 2^63 go through a subtract-and-flip sequence). */
function toUint64(value: number): bigint {
  if (!(value >= TWO_63)) return BigInt.asUintN(64, toInt64(value));
  return BigInt.asUintN(64, toInt64(value - TWO_63)) ^ (1n << 63n);
}

const fromInt64 = (value: bigint): number => Number(BigInt.asIntN(64, value));

/** Go `math.Pow` where it differs from JS `**`. */
function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}

/** `regexp.Compile` + `Match` (unanchored search, RE2 syntax). */
function regexMatches(left: unknown, right: unknown): boolean {
  let pattern: RE2JS;
  if (right instanceof CompiledPattern) {
    pattern = right.regex;
  } else {
    try {
      pattern = RE2JS.compile(right as string);
    } catch (err) {
      throw new GovaluateError(`Unable to compile regexp pattern '${right as string}': ${(err as Error).message}`);
    }
  }
  return pattern.matcher(left as string).find();
}

function order(left: unknown, right: unknown): number {
  if (typeof left === 'string' && typeof right === 'string') return compareGoStrings(left, right);
  const l = left as number;
  const r = right as number;
  return l < r ? -1 : l > r ? 1 : l === r ? 0 : NaN;
}

/** The computation of each operator symbol that has one. */
export const OPERATORS: Readonly<Partial<Record<OperatorSymbol, Operator>>> = {
  EQ: (l, r) => goDeepEqual(l, r),
  NEQ: (l, r) => !goDeepEqual(l, r),
  GT: (l, r) => order(l, r) > 0,
  LT: (l, r) => order(l, r) < 0,
  GTE: (l, r) => order(l, r) >= 0,
  LTE: (l, r) => order(l, r) <= 0,
  REQ: (l, r) => regexMatches(l, r),
  NREQ: (l, r) => !regexMatches(l, r),
  IN: (l, r) => (r as unknown[]).some((candidate) => goInterfaceEqual(l, candidate)),
  AND: (l, r) => (l as boolean) && r,
  OR: (l, r) => l || r,
  PLUS: (l, r) =>
    typeof l === 'string' || typeof r === 'string' ? formatGoValue(l) + formatGoValue(r) : (l as number) + (r as number),
  MINUS: (l, r) => (l as number) - (r as number),
  MULTIPLY: (l, r) => (l as number) * (r as number),
  DIVIDE: (l, r) => (l as number) / (r as number),
  MODULUS: (l, r) => (l as number) % (r as number), // JS % is Go math.Mod (sign of the dividend)
  EXPONENT: (l, r) => goPow(l as number, r as number),
  BITWISE_AND: (l, r) => fromInt64(toInt64(l as number) & toInt64(r as number)),
  BITWISE_OR: (l, r) => fromInt64(toInt64(l as number) | toInt64(r as number)),
  BITWISE_XOR: (l, r) => fromInt64(toInt64(l as number) ^ toInt64(r as number)),
  BITWISE_LSHIFT: (l, r) => shift(l as number, r as number, 'left'),
  BITWISE_RSHIFT: (l, r) => shift(l as number, r as number, 'right'),
  NEGATE: (_l, r) => -(r as number),
  INVERT: (_l, r) => !(r as boolean),
  BITWISE_NOT: (_l, r) => fromInt64(~toInt64(r as number)),
  TERNARY_TRUE: (l, r) => ((l as boolean) ? r : null),
  TERNARY_FALSE: (l, r) => (l !== null && l !== undefined ? l : r),
  COALESCE: (l, r) => (l !== null && l !== undefined ? l : r),
  NOOP: (_l, r) => r,
  SEPARATE: (l, r) => (Array.isArray(l) ? [...(l as unknown[]), r] : [l, r]),
};

/** `float64(uint64(l) << uint64(r))`; Go shifts of 64 or more give 0. */
function shift(left: number, right: number, direction: 'left' | 'right'): number {
  const value = toUint64(left);
  const amount = toUint64(right);
  if (amount >= 64n) return 0;
  return Number(BigInt.asUintN(64, direction === 'left' ? value << amount : value >> amount));
}
