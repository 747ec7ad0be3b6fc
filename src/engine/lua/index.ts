/**
 * Argo Events' script filter (reference §5): the event data, a JSON object, becomes the
 * global table `event`; the script runs once; the event passes only when the last value
 * the script returns is the boolean `true`.
 *
 * Argo runs gopher-lua (Lua 5.1); this runs fengari (Lua 5.3) adapted to 5.1 number and
 * syntax semantics (see lua51-source.ts for what differs and how it is handled). Each call
 * uses a fresh state with only the base, string, table and math libraries.
 */
import { fengari } from './fengari-loader';
import { pushObjectTable } from './event-table';
import {
  gopherLuaMessageHandler,
  gopherLuaSyntaxMessage,
  installGopherLuaErrors,
  resetSyntaxErrorPosition,
  syntaxErrorColumn,
} from './gopher-errors';
import { Lua51SyntaxError, adaptToLua51 } from './lua51-source';
import { SimulatorLimitError } from '../limits';
import { newSandbox, type SandboxLimits } from './sandbox';

const { lua, lauxlib, to_luastring, to_jsstring } = fengari;

/** A script filter error: bad event data, a syntax error or a runtime error. */
export class LuaScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaScriptError';
  }
}

/**
 * The simulator's caps on one run (defaults in src/engine/limits.ts): instructions, bytes of
 * one string, bytes of all strings created. Argo has none of them.
 */
export type ScriptFilterOptions = SandboxLimits;

/** Go's `json.Unmarshal` type name for a JSON value that is not an object. */
function jsonTypeName(data: unknown): string {
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'boolean') return 'bool';
  return typeof data; // 'string' | 'number'
}

/**
 * Runs a script filter against event data.
 *
 * `data` is the decoded event data: a JSON object, or `null` (JSON `null`, which Go
 * decodes into an empty map, so `event` is an empty table). An empty script and absent
 * data (`undefined`) are not filtered by Argo: both pass.
 *
 * @param options the simulator's caps.
 * @returns true when the script's last returned value is `true`.
 * @throws LuaScriptError when the data is not a JSON object (Go's json error text), or the
 *   script fails to compile or raises, with gopher-lua's text (see gopher-errors.ts).
 * @throws SimulatorLimitError when the script exceeds one of the simulator's caps (whatever
 *   it does afterwards): Argo would hang or run out of memory, there is no verdict.
 */
export function runScriptFilter(script: string, data: unknown, options: ScriptFilterOptions = {}): boolean {
  if (script === '' || data === undefined) return true;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new LuaScriptError(`json: cannot unmarshal ${jsonTypeName(data)} into Go value of type map[string]interface {}`);
  }

  let source: string;
  try {
    source = adaptToLua51(script);
  } catch (err) {
    if (err instanceof Lua51SyntaxError) throw new LuaScriptError(err.message);
    throw err;
  }

  const { L, limitExceeded } = newSandbox(options);
  try {
    installGopherLuaErrors(L);
    pushObjectTable(L, (data ?? {}) as Record<string, unknown>);
    lua.lua_setglobal(L, to_luastring('event'));
    lua.lua_pushjsfunction(L, gopherLuaMessageHandler);
    const handler = lua.lua_gettop(L);
    const chunk = to_luastring(source);
    // "=<string>" names the chunk like gopher-lua's DoString, so messages read "<string>:1: ...".
    resetSyntaxErrorPosition();
    if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring('=<string>'), to_luastring('t')) !== lua.LUA_OK) {
      const message = to_jsstring(lauxlib.luaL_tolstring(L, -1));
      throw new LuaScriptError(gopherLuaSyntaxMessage(message, syntaxErrorColumn(script, source)));
    }
    const status = lua.lua_pcall(L, 0, lua.LUA_MULTRET, handler);
    const limit = limitExceeded();
    if (limit !== undefined) throw new SimulatorLimitError(limit);
    if (status !== lua.LUA_OK) {
      throw new LuaScriptError(to_jsstring(lauxlib.luaL_tolstring(L, -1)));
    }
    const top = lua.lua_gettop(L);
    return top > handler && lua.lua_type(L, top) === lua.LUA_TBOOLEAN && lua.lua_toboolean(L, top);
  } finally {
    lua.lua_close(L);
  }
}
