/**
 * Pushes event data onto the Lua stack the way Argo's `mapToTable` builds it for the
 * script filter: object keys with null values are omitted; arrays become 1-based
 * sequences keeping only objects, numbers, strings and booleans (null and nested-array
 * elements are dropped, so later elements move up); numbers are floats (gopher-lua's
 * LNumber is float64).
 *
 * gopher-lua builds the tables in Go (`LTable.RawSetString`, no VM stack involved), so any
 * nesting depth works there. Here every open table sits on the Lua stack until it is
 * complete, so the builder grows the stack as it descends (`lua_checkstack`, up to
 * fengari's LUAI_MAXSTACK) and walks the data with an explicit stack instead of recursion.
 */
import type { LuaState } from 'fengari';
import { fengari } from './fengari-loader';

const { lua, to_luastring } = fengari;

/** A table being filled: its remaining members and, for a sequence, the last index used. */
interface OpenTable {
  readonly isArray: boolean;
  readonly members: readonly unknown[];
  /** For objects: the keys, parallel to `members`. */
  readonly keys: readonly string[] | undefined;
  next: number;
  sequenceLength: number;
}

/** Lua stack slots one more level needs: the key, the new table, and a scalar member. */
const SLOTS_PER_LEVEL = 3;

function openTable(L: LuaState, value: object): OpenTable {
  if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    return { isArray: true, members: value, keys: undefined, next: 0, sequenceLength: 0 };
  }
  const keys = Object.keys(value);
  lua.lua_createtable(L, 0, 0);
  return { isArray: false, members: keys.map((key) => (value as Record<string, unknown>)[key]), keys, next: 0, sequenceLength: 0 };
}

/** Pushes a scalar; false (nothing pushed) for a value that is a table or that Argo drops. */
function pushScalar(L: LuaState, value: unknown): boolean {
  if (typeof value === 'number') lua.lua_pushnumber(L, value);
  else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (value === null || value === undefined || typeof value === 'object') return false;
  else throw new TypeError(`cannot pass a JavaScript ${typeof value} to Lua`);
  return true;
}

/** Stores the value on top of the stack into the open table below it (and the key, for objects). */
function store(L: LuaState, table: OpenTable): void {
  if (table.isArray) lua.lua_rawseti(L, -2, ++table.sequenceLength);
  else lua.lua_rawset(L, -3);
}

/**
 * Pushes one table built from a JSON object.
 * @throws Error when the data nests deeper than the Lua stack can grow (about 330,000 levels)
 */
export function pushObjectTable(L: LuaState, object: Readonly<Record<string, unknown>>): void {
  const open: OpenTable[] = [openTable(L, object)];
  while (open.length > 0) {
    const table = open[open.length - 1];
    if (table.next === table.members.length) {
      open.pop();
      if (open.length > 0) store(L, open[open.length - 1]);
      continue;
    }
    const index = table.next++;
    const value = table.members[index];
    if (value === null || value === undefined) continue;
    // Argo keeps only objects among array elements: nested arrays are dropped.
    if (table.isArray && Array.isArray(value)) continue;
    if (!lua.lua_checkstack(L, SLOTS_PER_LEVEL)) {
      throw new Error(`event data nests ${open.length} levels deep, more than the Lua stack can hold`);
    }
    if (!table.isArray) lua.lua_pushstring(L, to_luastring((table.keys as readonly string[])[index]));
    if (pushScalar(L, value)) store(L, table);
    else open.push(openTable(L, value));
  }
}
