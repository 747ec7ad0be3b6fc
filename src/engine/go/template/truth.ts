/**
 * Go template truthiness (`isTrue` in text/template) and sprig's `empty`, over the
 * engine's value model.
 */
import { GoInt, GoStringSlice, GoTime, isGoMap } from '../values';

/**
 * Go's `isTrue`: false for missing/nil values, empty strings, collections, zero numbers
 * and false; `undefined` for values Go cannot judge (none in this model besides those).
 */
export function isTrue(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoStringSlice) return v.items.length > 0;
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoTime) return true;
  if (isGoMap(v)) return Object.keys(v).length > 0;
  return undefined;
}

/** sprig's `empty`: the zero value of its type (struct values such as time.Time are never empty). */
export function isEmpty(v: unknown): boolean {
  return v instanceof GoTime ? false : !isTrue(v);
}
