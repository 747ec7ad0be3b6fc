/**
 * Type declarations for the part of `fengari` (Lua 5.3 in JavaScript, no bundled types)
 * that the script filter uses. Lua strings are byte arrays (`Uint8Array`).
 */
declare module 'fengari' {
  /** An opaque Lua thread/state. */
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export type LuaJsFunction = (L: LuaState) => number;
  export type LuaHook = (L: LuaState, ar: unknown) => void;
  /** `lua_Debug` as `lua_getstack` / `lua_getinfo` fill it (strings are Lua strings or null). */
  export interface LuaDebug {
    what: LuaString | null;
    short_src: LuaString;
    currentline: number;
    linedefined: number;
    name: LuaString | null | undefined;
    namewhat: LuaString | null | undefined;
    istailcall: boolean;
  }

  export const lua: {
    LUA_OK: number;
    LUA_MULTRET: number;
    LUA_MASKCOUNT: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    LUA_TNUMBER: number;
    LUA_TFUNCTION: number;
    lua_call(L: LuaState, nargs: number, nresults: number): void;
    lua_getglobal(L: LuaState, name: LuaString): number;
    lua_insert(L: LuaState, idx: number): void;
    lua_pushcclosure(L: LuaState, fn: LuaJsFunction, n: number): void;
    lua_upvalueindex(i: number): number;
    lua_Debug: new () => LuaDebug;
    lua_concat(L: LuaState, n: number): void;
    lua_error(L: LuaState): never;
    lua_getinfo(L: LuaState, what: LuaString, ar: LuaDebug): number;
    lua_getlocal(L: LuaState, ar: LuaDebug | null, n: number): LuaString | null;
    lua_getmetatable(L: LuaState, idx: number): boolean;
    lua_getstack(L: LuaState, level: number, ar: LuaDebug): boolean;
    lua_isnil(L: LuaState, idx: number): boolean;
    lua_pushjsfunction(L: LuaState, fn: LuaJsFunction): void;
    lua_setfield(L: LuaState, idx: number, k: LuaString): void;
    lua_setmetatable(L: LuaState, idx: number): void;
    lua_stringtonumber(L: LuaState, s: LuaString): number;
    lua_tostring(L: LuaState, idx: number): LuaString;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_typename(L: LuaState, type: number): LuaString;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_close(L: LuaState): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, idx: number): void;
    lua_pop(L: LuaState, n: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: LuaString): LuaString;
    lua_rawset(L: LuaState, idx: number): void;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_setglobal(L: LuaState, name: LuaString): void;
    lua_sethook(L: LuaState, hook: LuaHook | null, mask: number, count: number): void;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_type(L: LuaState, idx: number): number;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_requiref(L: LuaState, modname: LuaString, openf: LuaJsFunction, glb: boolean | number): void;
    luaL_loadbufferx(L: LuaState, buff: LuaString, size: number, name: LuaString, mode: LuaString | null): number;
    luaL_tolstring(L: LuaState, idx: number): LuaString;
    luaL_error(L: LuaState, fmt: LuaString, ...args: unknown[]): never;
    luaL_where(L: LuaState, level: number): void;
  };

  export const lualib: {
    luaopen_base: LuaJsFunction;
    luaopen_string: LuaJsFunction;
    luaopen_table: LuaJsFunction;
    luaopen_math: LuaJsFunction;
  };

  export const luaconf: {
    LUA_COMPAT_FLOATSTRING: boolean;
  };

  export function to_luastring(s: string): LuaString;
  export function to_jsstring(s: LuaString): string;
}
