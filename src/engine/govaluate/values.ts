/**
 * Runtime values of the govaluate port and the Go semantics that depend on their types:
 * `%v` printing (used in error texts and in string `+`), `reflect.DeepEqual` (`==`),
 * interface `==` (`in`), and byte-order string comparison.
 *
 * Values are what gjson `Value()` gives (string, float64 number, boolean, null, plain
 * objects as `map[string]interface{}`, arrays as `[]interface{}`) plus compiled
 * regexes, which govaluate keeps as `*regexp.Regexp` literals.
 */
import { RE2JS } from 're2js';
import { formatFloat } from '../go/strconv';
import { GovaluateError } from './errors';
import { isJsonObject, type JsonObject } from '../plain-data';

/** A regex literal compiled at parse time (govaluate's PATTERN token). */
export class CompiledPattern {
  constructor(
    readonly source: string,
    readonly regex: RE2JS,
  ) {}
}

/** A string literal that parsed as a date (govaluate's TIME token). */
export class TimeLiteral {
  constructor(
    /** `time.Time.Unix()`: whole seconds, floored. */
    readonly unixSeconds: number,
    /** `time.Time.String()`, as `%v` prints it in syntax errors. */
    readonly text: string,
  ) {}
}

export type PlainObject = JsonObject;

/** A `map[string]interface{}`: plain data, not one of the literals above. */
export function isPlainObject(value: unknown): value is PlainObject {
  return isJsonObject(value) && !(value instanceof CompiledPattern) && !(value instanceof TimeLiteral);
}

/** Go `fmt` `%v` of a govaluate value (maps print with sorted keys, as Go's fmt does). */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return formatFloat(value, 'g', -1); // Go `%v` of a float64
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof CompiledPattern) return value.source;
  if (value instanceof TimeLiteral) return value.text;
  if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort(compareGoStrings)
      .map((key) => `${key}:${formatGoValue(value[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  throw new GovaluateError(`unsupported value of JavaScript type ${typeof value} in a govaluate expression`);
}

/** Go string comparison: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
export function compareGoStrings(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i].codePointAt(0) as number) - (right[i].codePointAt(0) as number);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** `reflect.DeepEqual` for govaluate values: types must match, so `"1"` differs from `1`. */
export function goDeepEqual(a: unknown, b: unknown): boolean {
  const left = a === undefined ? null : a;
  const right = b === undefined ? null : b;
  if (left === null || right === null) return left === right;
  if (typeof left !== typeof right) return false;
  if (typeof left !== 'object') return left === right; // NaN != NaN, as in Go
  if (left instanceof CompiledPattern || right instanceof CompiledPattern) {
    return left instanceof CompiledPattern && right instanceof CompiledPattern && left.source === right.source;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((element, i) => goDeepEqual(element, right[i]));
  }
  const leftObject = left as PlainObject;
  const rightObject = right as PlainObject;
  const keys = Object.keys(leftObject);
  if (keys.length !== Object.keys(rightObject).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(rightObject, key) && goDeepEqual(leftObject[key], rightObject[key]));
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof CompiledPattern) return '*regexp.Regexp';
  if (isPlainObject(value)) return 'map[string]interface {}';
  if (value === null || value === undefined) return 'nil';
  return { number: 'float64', string: 'string', boolean: 'bool' }[typeof value as string] ?? typeof value;
}

/**
 * Go interface `==` (what govaluate's `in` uses): different dynamic types are unequal;
 * equal uncomparable types (maps, slices) make Go panic, reported here as an error
 * carrying the panic text.
 */
export function goInterfaceEqual(a: unknown, b: unknown): boolean {
  const leftType = goTypeName(a);
  if (leftType !== goTypeName(b)) return false;
  if (leftType === 'nil') return true;
  if (leftType === '[]interface {}' || leftType === 'map[string]interface {}') {
    throw new GovaluateError(`runtime error: comparing uncomparable type ${leftType}`);
  }
  return a === b;
}
