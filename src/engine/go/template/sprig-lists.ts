/**
 * sprig's list functions. Each `mustX` returns the error that `x` panics with, so a
 * template reports the same `error calling <fn>: <msg>` for both (e.g. `Cannot find
 * first on type string`); nil lists fail as Go's nil dereference.
 */
import { GoStringSlice, intSlice } from '../values';
import { checkTemplateListLength } from '../../limits';
import { GoCallError, GoFunc, fn, variadicFn } from './funcs';
import { isEmpty } from './truth';
import { NIL_DEREFERENCE, asNumber, castToInt64, deepEqual, int, listItems, reflectKind } from './sprig-values';

function listSlice(list: unknown, indices: readonly unknown[]): unknown {
  if (list === null || list === undefined) throw new GoCallError(NIL_DEREFERENCE);
  if (!Array.isArray(list) && !(list instanceof GoStringSlice)) {
    throw new GoCallError(`list should be type of slice or array but ${reflectKind(list)}`);
  }
  const items = Array.isArray(list) ? list : list.items;
  if (items.length === 0) return null;
  const start = indices.length > 0 ? Number(castToInt64(indices[0])) : 0;
  const end = indices.length < 2 ? items.length : Number(castToInt64(indices[1]));
  if (start < 0 || end < start || end > items.length) throw new GoCallError('reflect.Value.Slice: slice index out of range');
  const sliced = items.slice(start, end);
  return list instanceof GoStringSlice ? new GoStringSlice(sliced as string[]) : sliced;
}

/** sprig's `mustChunk`, including Go's float arithmetic for the chunk count. */
function chunk(size: number, list: unknown): unknown[][] {
  const items = listItems(list, 'Cannot chunk type %s');
  const l = items.length;
  const toInt = (f: number): number => (Number.isFinite(f) && Math.abs(f) < 2 ** 63 ? Math.trunc(f) : -(2 ** 63));
  const cs = toInt(Math.floor((l - 1) / size) + 1);
  if (cs < 0) throw new GoCallError('runtime error: makeslice: len out of range');
  const out: unknown[][] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      // Go's math.Mod keeps the sign of the dividend, as JS's % does.
      clen = toInt(Math.floor(l % size));
      if (clen === 0) clen = size;
    }
    if (clen < 0) throw new GoCallError('runtime error: makeslice: len out of range');
    const part: unknown[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= l) throw new GoCallError(`reflect: slice index out of range`);
      part.push(items[ix]);
    }
    out.push(part);
  }
  return out;
}

/** `[name, mustName]` pairs sharing one implementation. */
function both(name: string, f: GoFunc): Array<[string, GoFunc]> {
  return [[name, f], [`must${name[0].toUpperCase()}${name.slice(1)}`, f]];
}

/** The list functions, by sprig name. */
export function listFuncs(): Array<[string, GoFunc]> {
  const push = fn(['any', 'any'], ([l, v]) => [...listItems(l, 'Cannot push on type %s'), v]);
  return [
    ['list', variadicFn([], 'any', (args) => args)],
    ['tuple', variadicFn([], 'any', (args) => args)],
    ...both('first', fn(['any'], ([v]) => {
      const items = listItems(v, 'Cannot find first on type %s');
      return items.length === 0 ? null : items[0];
    })),
    ...both('last', fn(['any'], ([v]) => {
      const items = listItems(v, 'Cannot find last on type %s');
      return items.length === 0 ? null : items[items.length - 1];
    })),
    ...both('rest', fn(['any'], ([v]) => {
      const items = listItems(v, 'Cannot find rest on type %s');
      return items.length === 0 ? null : items.slice(1);
    })),
    ...both('initial', fn(['any'], ([v]) => {
      const items = listItems(v, 'Cannot find initial on type %s');
      return items.length === 0 ? null : items.slice(0, -1);
    })),
    ...both('append', push),
    ...both('push', push),
    ...both('prepend', fn(['any', 'any'], ([l, v]) => [v, ...listItems(l, 'Cannot prepend on type %s')])),
    ...both('reverse', fn(['any'], ([l]) => [...listItems(l, 'Cannot find reverse on type %s')].reverse())),
    ...both('uniq', fn(['any'], ([l]) => listItems(l, 'Cannot find uniq on type %s').filter((x, i, all) => all.findIndex((y) => deepEqual(x, y)) === i))),
    ...both('without', variadicFn(['any'], 'any', ([l, ...omit]) => listItems(l, 'Cannot find without on type %s').filter((x) => !omit.some((o) => deepEqual(x, o))))),
    ...both('has', fn(['any', 'any'], ([needle, hay]) => (hay === null ? false : listItems(hay, 'Cannot find has on type %s').some((x) => deepEqual(x, needle))))),
    ...both('compact', fn(['any'], ([v]) => listItems(v, 'Cannot compact on type %s').filter((a) => !isEmpty(a)))),
    ...both('slice', variadicFn(['any'], 'any', ([l, ...idx]) => listSlice(l, idx))),
    ...both('chunk', fn(['int', 'any'], ([size, l]) => chunk(asNumber(size), l))),
    ['concat', variadicFn([], 'any', (lists) => {
      const items = lists.map((l) => listItems(l, 'Cannot concat type %s as list'));
      checkTemplateListLength('concat', items.reduce((sum, l) => sum + l.length, 0));
      return items.flatMap((l) => [...l]);
    })],
    ['until', fn(['int'], ([n]) => {
      const count = asNumber(n);
      checkTemplateListLength('until', Math.abs(count));
      return intSlice(count >= 0 ? Array.from({ length: count }, (_, i) => int(i)) : Array.from({ length: -count }, (_, i) => int(-i)));
    })],
  ];
}
