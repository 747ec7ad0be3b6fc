/**
 * Conversions and reflection helpers shared by the sprig function files: sprig's
 * `strval`/`strslice`, spf13/cast's `ToInt64`/`ToFloat64`, Go's `reflect.Kind` names and
 * `reflect.DeepEqual` over the engine's value model.
 */
import { sprintValue } from '../fmt';
import { parseFloat as goParseFloat, parseInt as goParseInt } from '../strconv';
import { GoInt, GoMap, GoStringSlice, GoTime, GoValue, MIN_INT64, isGoMap } from '../values';
import { GoCallError } from './funcs';
import { GoSemver } from './semver';
import { toPrintable } from './printable';

/** sprig's `strval`: strings as is, everything else through `%v` (Stringers print their String()). */
export function strval(v: unknown): string {
  return typeof v === 'string' ? v : sprintValue(toPrintable(v));
}

/** sprig's `strslice`: a list of strings from a []string, []interface{} (nils dropped) or one value. */
export function strslice(v: unknown): string[] {
  if (v instanceof GoStringSlice) return [...v.items];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/**
 * spf13/cast v1.10.0 `trimDecimal`: a decimal number text (`[-+]?\d*(\.\d*)?` with a dot)
 * keeps only its integer part (`1.5` gives `1`, `-.5` gives `-0`, `.5` gives `0`); other text
 * is left for ParseInt to reject.
 */
function trimDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const m = /^([-+]?[0-9]*)(\.[0-9]*)?$/.exec(s);
  if (m === null) return s;
  const integer = m[1];
  if (integer === '-' || integer === '+') return `${integer}0`;
  return integer === '' ? '0' : integer;
}

/** spf13/cast v1.10.0 `ToInt64`: numbers truncate, strings parse with base prefixes (decimals truncated), failures give 0. */
export function castToInt64(v: unknown): bigint {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') {
    // Go's float->int conversion of NaN/out-of-range values yields MinInt64 on amd64.
    if (!Number.isFinite(v) || v >= 2 ** 63 || v < -(2 ** 63)) return MIN_INT64;
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    try {
      return goParseInt(trimDecimal(v), 0, 64);
    } catch {
      return 0n;
    }
  }
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

/** spf13/cast `ToFloat64`. */
export function castToFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === 'string') {
    try {
      return goParseFloat(v);
    } catch {
      return 0;
    }
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** A Go `int`. */
export const int = (n: bigint | number): GoInt => new GoInt(BigInt(n), 'int');
/** A Go `int64` (wrapping like Go's arithmetic). */
export const int64 = (n: bigint): GoInt => new GoInt(BigInt.asIntN(64, n), 'int64');
/** The number of an `int`/`int64` argument. */
export const asNumber = (v: unknown): number => Number((v as GoInt).value);

/** Go's `reflect.Kind` name of a value, as sprig's error messages and `kindOf` show it. */
export function reflectKind(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v) || v instanceof GoStringSlice) return 'slice';
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoTime) return 'struct';
  if (v instanceof GoSemver) return 'ptr';
  return 'map';
}

/** Go's `reflect.DeepEqual`. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a instanceof GoInt || b instanceof GoInt) {
    return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  }
  if (a instanceof GoStringSlice || b instanceof GoStringSlice) {
    return a instanceof GoStringSlice && b instanceof GoStringSlice && deepEqual([...a.items], [...b.items]);
  }
  if (a instanceof GoTime || b instanceof GoTime) {
    return a instanceof GoTime && b instanceof GoTime && a.epochMs === b.epochMs && a.extraNanos === b.extraNanos;
  }
  if (a instanceof GoSemver || b instanceof GoSemver) {
    return a instanceof GoSemver && b instanceof GoSemver && a.original === b.original;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isGoMap(a) && isGoMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  if (a === undefined) return b === undefined || b === null;
  if (b === undefined) return a === null;
  return a === b;
}

/** Go's panic for `reflect.TypeOf(nil).Kind()`, which sprig's list functions hit on nil. */
export const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

/** The items of a slice argument; `errorFormat` is sprig's message with `%s` for the kind. */
export function listItems(v: unknown, errorFormat: string): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof GoStringSlice) return v.items;
  if (v === null || v === undefined) throw new GoCallError(NIL_DEREFERENCE);
  throw new GoCallError(errorFormat.replace('%s', reflectKind(v)));
}

/** Sets a map key (also `__proto__`, which is an ordinary key in Go). */
export function setKey(m: GoMap, key: string, value: GoValue): void {
  Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Own-key lookup in a Go map. */
export function hasOwn(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}
