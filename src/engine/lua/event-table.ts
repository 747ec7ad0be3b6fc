/**
 * Pushes event data onto the Lua stack the way Argo's `mapToTable` builds it for the
 * script filter: object keys with null values are omitted; arrays become 1-based
 * sequences keeping only objects, numbers, strings and booleans (null and nested-array
 * elements are dropped, so later elements move up); numbers are floats (gopher-lua's
 * LNumber is float64).
 */
import type { LuaState } from 'fengari';
import { fengari } from './fengari-loader';

const { lua, to_luastring } = fengari;

/** Pushes one table built from a JSON object. */
export function pushObjectTable(L: LuaState, object: Readonly<Record<string, unknown>>): void {
  lua.lua_createtable(L, 0, 0);
  for (const [key, value] of Object.entries(object)) {
    if (value === null || value === undefined) continue;
    lua.lua_pushstring(L, to_luastring(key));
    pushValue(L, value, true);
    lua.lua_rawset(L, -3);
  }
}

/**
 * Pushes a JSON value; returns false (pushing nothing) for values Argo drops: null
 * everywhere, and arrays when they are array elements.
 */
function pushValue(L: LuaState, value: unknown, arraysAllowed: boolean): boolean {
  if (value === null || value === undefined) {
    return false;
  } else if (typeof value === 'number') {
    lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, to_luastring(value));
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (Array.isArray(value)) {
    if (!arraysAllowed) return false;
    lua.lua_createtable(L, value.length, 0);
    let index = 0;
    for (const element of value) {
      if (pushValue(L, element, false)) lua.lua_rawseti(L, -2, ++index);
    }
  } else if (typeof value === 'object' && value !== null) {
    pushObjectTable(L, value as Record<string, unknown>);
  } else {
    throw new TypeError(`cannot pass a JavaScript ${typeof value} to Lua`);
  }
  return true;
}
