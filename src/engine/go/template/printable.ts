/**
 * Values of Go types with a `String()` method that the shared fmt/json ports do not know
 * (`*semver.Version`). Go's `%v`/`%s` print them through `String()`, which is exactly how
 * `%v` prints a string holding that text, and their `MarshalJSON` gives that text as a JSON
 * string, so they are turned into strings before printing or encoding.
 */
import { isGoMap } from '../values';
import { GoSemver } from './semver';

function containsSpecial(v: unknown): boolean {
  if (v instanceof GoSemver) return true;
  if (Array.isArray(v)) return v.some(containsSpecial);
  if (isGoMap(v)) return Object.values(v).some(containsSpecial);
  return false;
}

function convert(v: unknown): unknown {
  if (v instanceof GoSemver) return v.toString();
  if (Array.isArray(v)) return v.map(convert);
  if (isGoMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: convert(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/**
 * `v` with Stringer values replaced by their `String()` text: what `%v`/`%s` print, and what
 * their `MarshalJSON` encodes (a JSON string).
 */
export function toPrintable(v: unknown): unknown {
  return containsSpecial(v) ? convert(v) : v;
}
