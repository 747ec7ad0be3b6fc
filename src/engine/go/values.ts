/**
 * How Go values are modelled in plain JS data.
 *
 * Data decoded by Go's `json.Unmarshal` into `interface{}` maps directly: object =
 * `map[string]interface{}`, array = `[]interface{}`, number = float64, string, bool,
 * `null` = nil. Values that only Go code creates (integers from sprig's `int64`, the
 * `[]string` of `splitList`, `time.Time` of `now`) get small wrapper classes so that
 * printing and type checks behave as in Go.
 */

/** Go integer kinds the engine produces (literals are `int`, sprig's `int64`, string bytes are `uint8`). */
export type GoIntKind = 'int' | 'int64' | 'int32' | 'uint8';

/** A Go integer value of a given kind; prints as plain digits, unlike float64. */
export class GoInt {
  constructor(
    /** The integer value (always within the kind's range). */
    readonly value: bigint,
    /** The Go type, used for type names in errors and `%T`. */
    readonly kind: GoIntKind = 'int64',
  ) {}
}

/** A Go `[]string` (what `splitList`, `keys` and `regexFindAll` return). */
export class GoStringSlice {
  /** `isNil`: Go's nil slice, which prints as `[]` but encodes to JSON as `null`. */
  constructor(readonly items: readonly string[], readonly isNil = false) {}
}

/** A Go `time.Time`, as far as templates can observe it. */
export class GoTime {
  constructor(
    /** Milliseconds since the Unix epoch. */
    readonly epochMs: number,
    /** Nanoseconds within the millisecond (0..999999), for Go's finer clock. */
    readonly extraNanos: number = 0,
  ) {}
}

/** A Go `map[string]interface{}` value. */
export type GoMap = { [key: string]: GoValue };

/** Any value the engine can hold: JSON-decoded data plus the Go-only wrappers. */
export type GoValue = null | boolean | number | string | GoValue[] | GoMap | GoInt | GoStringSlice | GoTime;

/** True for a plain object modelling `map[string]interface{}`. */
export function isGoMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Marks a list that Go holds as `[]int` (sprig's `until`, `untilStep`), not `[]interface {}`. */
const INT_SLICE = Symbol('[]int');

/** A Go `[]int`: a plain list of ints for every list operation, typed `[]int` for `typeOf`. */
export function intSlice(items: GoInt[]): GoInt[] {
  Object.defineProperty(items, INT_SLICE, { value: true });
  return items;
}

/** Whether a list is a Go `[]int` (see {@link intSlice}). */
export function isIntSlice(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[INT_SLICE] === true;
}

/** The Go type name of a value, as `%T` and reflection errors print it. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return isIntSlice(v) ? '[]int' : '[]interface {}';
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoStringSlice) return '[]string';
  if (v instanceof GoTime) return 'time.Time';
  if (isGoMap(v)) return 'map[string]interface {}';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- names whatever value arrived in the error message
  throw new Error(`not a Go value: ${String(v)}`);
}

/** Go's `int` range (64-bit platforms), for overflow checks. */
export const MAX_INT64 = (1n << 63n) - 1n;
/** Lower bound of Go's `int`/`int64`. */
export const MIN_INT64 = -(1n << 63n);

/** Keys of a Go map in the order Go's `fmt` and `text/template` visit them (byte-wise sorted). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** Compares strings as Go does (byte-wise on UTF-8, which equals code-point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const pa = ca.value.codePointAt(0)!;
    const pb = cb.value.codePointAt(0)!;
    if (pa !== pb) return pa < pb ? -1 : 1;
  }
}

/** Byte length of a Go string (UTF-8). */
export function goByteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
