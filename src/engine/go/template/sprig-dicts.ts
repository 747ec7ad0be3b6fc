/**
 * sprig's dict functions, including `merge`/`mergeOverwrite` (imdario/mergo's deep merge
 * into the first dict, which is modified in place and returned, as in Go), `pluck` and
 * `deepCopy`.
 */
import { GoInt, GoMap, GoStringSlice, GoTime, GoValue, compareGoStrings, goTypeName, isGoMap } from '../values';
import { GoCallError, GoFunc, fn, variadicFn } from './funcs';
import { hasOwn, setKey, strval } from './sprig-values';

/** mergo's `isEmptyValue` of a map entry (an interface holding the value). */
function isEmptyEntry(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoStringSlice) return v.items.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

const isSliceValue = (v: unknown): boolean => Array.isArray(v) || v instanceof GoStringSlice;

/**
 * mergo's `deepMerge` of `src` into `dst` (both `map[string]interface{}`): nested maps merge
 * recursively (into dst's own nested map), other values are taken when dst lacks the key or
 * holds an empty value, or always with `overwrite` (even empty ones, but a nil src entry is
 * only copied with `overwrite`, and a non-empty scalar in dst is never replaced by a map).
 */
function deepMerge(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const srcElement = src[key];
    const dstHas = hasOwn(dst, key);
    const dstElement = dstHas ? dst[key] : undefined;
    if (srcElement === null) {
      if (overwrite) setKey(dst, key, null);
      continue;
    }
    if (isGoMap(srcElement)) {
      if (isGoMap(dstElement)) deepMerge(dstElement, srcElement, overwrite);
      if (dstHas && !isEmptyEntry(dstElement)) continue;
    } else if (isSliceValue(srcElement)) {
      if (dstHas && !isEmptyEntry(dstElement)) {
        if (overwrite) setKey(dst, key, srcElement);
        continue;
      }
    }
    if (overwrite || !dstHas || isEmptyEntry(dstElement)) setKey(dst, key, srcElement);
  }
}

/** sprig's `merge`: mergo makes a nil destination a new map first. */
function merge(dst: GoMap | null, srcs: readonly unknown[], overwrite: boolean): GoMap {
  const out = dst ?? {};
  for (const src of srcs) {
    if (src !== null) deepMerge(out, src as GoMap, overwrite);
  }
  return out;
}

/** copystructure's deep copy of an engine value. */
function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isGoMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) setKey(out, k, deepCopy(v[k]) as GoValue);
    return out;
  }
  if (v instanceof GoStringSlice) return new GoStringSlice([...v.items]);
  if (v instanceof GoTime) return v;
  return v;
}

function dict(args: readonly unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < args.length; i += 2) {
    setKey(out, strval(args[i]), i + 1 >= args.length ? '' : (args[i + 1] as GoValue));
  }
  return out;
}

/** The dict functions, by sprig name. */
export function dictFuncs(): Array<[string, GoFunc]> {
  // mergo cannot fail on map[string]interface{} arguments, so the must variants are the same.
  const mergeFn = (overwrite: boolean): GoFunc => variadicFn(['map'], 'map', ([dst, ...srcs]) => merge(dst as GoMap | null, srcs, overwrite));
  return [
    ['dict', variadicFn([], 'any', (args) => dict(args))],
    ['get', fn(['map', 'string'], ([d, k]) => {
      const map = d as GoMap | null;
      return map && hasOwn(map, k as string) ? map[k as string] : '';
    })],
    ['set', fn(['map', 'string', 'any'], ([d, k, v]) => {
      if (d === null) throw new GoCallError('assignment to entry in nil map');
      setKey(d as GoMap, k as string, v as GoValue);
      return d;
    })],
    ['unset', fn(['map', 'string'], ([d, k]) => {
      if (d !== null) delete (d as GoMap)[k as string];
      return d;
    })],
    ['hasKey', fn(['map', 'string'], ([d, k]) => d !== null && hasOwn(d as GoMap, k as string))],
    // Go map iteration order is unspecified; sorted order is one valid outcome and stays deterministic.
    ['keys', variadicFn([], 'map', (dicts) => new GoStringSlice(dicts.flatMap((d) => (d ? Object.keys(d as GoMap) : [])).sort(compareGoStrings)))],
    ['values', fn(['map'], ([d]) => (d ? Object.keys(d as GoMap).sort(compareGoStrings).map((k) => (d as GoMap)[k]) : []))],
    ['pick', variadicFn(['map'], 'string', ([d, ...ks]) => {
      const out: GoMap = {};
      for (const k of ks as string[]) if (d && hasOwn(d as GoMap, k)) setKey(out, k, (d as GoMap)[k]);
      return out;
    })],
    ['omit', variadicFn(['map'], 'string', ([d, ...ks]) => {
      const out: GoMap = {};
      for (const k of Object.keys((d as GoMap | null) ?? {})) if (!(ks as string[]).includes(k)) setKey(out, k, (d as GoMap)[k]);
      return out;
    })],
    ['pluck', variadicFn(['string'], 'map', ([k, ...dicts]) => dicts
      .filter((d) => d !== null && hasOwn(d as GoMap, k as string))
      .map((d) => (d as GoMap)[k as string]))],
    ['dig', variadicFn([], 'any', (args) => {
      if (args.length < 3) throw new GoCallError('reflect: Call with too few input arguments');
      const dictArg = args[args.length - 1];
      if (!isGoMap(dictArg)) throw new GoCallError(`interface conversion: interface {} is ${dictArg === null ? 'nil' : goTypeName(dictArg)}, not map[string]interface {}`);
      let current: unknown = dictArg;
      for (const key of args.slice(0, -2) as string[]) {
        if (!isGoMap(current) || !hasOwn(current, key)) return args[args.length - 2];
        current = current[key];
      }
      return current;
    })],
    ['merge', mergeFn(false)],
    ['mustMerge', mergeFn(false)],
    ['mergeOverwrite', mergeFn(true)],
    ['mustMergeOverwrite', mergeFn(true)],
    ['deepCopy', fn(['any'], ([v]) => deepCopy(v))],
    ['mustDeepCopy', fn(['any'], ([v]) => deepCopy(v))],
  ];
}

/** sprig functions that modify the dict they are given (callers sharing decoded data must copy it). */
export const MAP_MUTATING_FUNCTIONS: readonly string[] = ['set', 'unset', 'merge', 'mustMerge', 'mergeOverwrite', 'mustMergeOverwrite'];
