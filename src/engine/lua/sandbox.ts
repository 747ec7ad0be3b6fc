/**
 * A fresh, isolated Lua state for one script run: only the base, string, table and math
 * libraries (no io, os, package/require, debug, coroutine), file loaders removed, Lua 5.1
 * globals restored, and an instruction budget.
 *
 * Argo's gopher-lua state opens every library and has no budget; a script that loops
 * forever hangs the sensor. Here it fails with an error instead, which is the closest
 * honest answer a simulator can give (the event would never pass).
 */
import type { LuaState } from 'fengari';
import { fengari } from './fengari-loader';

const { lua, lauxlib, lualib, to_luastring } = fengari;

/** Default number of instructions a script may execute before it is stopped (~0.5 s). */
export const DEFAULT_INSTRUCTION_BUDGET = 10_000_000;
const HOOK_INTERVAL = 1_000;

/**
 * Lua 5.1 globals that 5.3 dropped or moved, and 5.3 additions gopher-lua does not have
 * (a script using those would fail in Argo, so it fails here too).
 */
const LUA51_PRELUDE = `
dofile, loadfile = nil, nil
unpack = table.unpack
loadstring = load
table.getn = function(t) return #t end
table.maxn = function(t)
  local max = 0
  for k in pairs(t) do
    if type(k) == "number" and k > max then max = k end
  end
  return max
end
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
math.log10 = function(x) return math.log(x, 10) end
rawlen, utf8 = nil, nil
table.move, table.unpack = nil, nil
string.pack, string.unpack, string.packsize = nil, nil, nil
math.tointeger, math.type, math.ult, math.maxinteger, math.mininteger = nil, nil, nil, nil, nil
`;

function openLibrary(L: LuaState, name: string, open: (L: LuaState) => number): void {
  lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
  lua.lua_pop(L, 1);
}

/** Runs trusted setup code in the state; a failure here is a bug, not a script error. */
function runSetup(L: LuaState, code: string): void {
  const chunk = to_luastring(code);
  if (
    lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring('=prelude'), null) !== lua.LUA_OK ||
    lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK
  ) {
    throw new Error(`Lua sandbox setup failed: ${fengari.to_jsstring(lauxlib.luaL_tolstring(L, -1))}`);
  }
}

/** Creates the sandboxed state; the caller must `lua_close` it. */
export function newSandboxState(instructionBudget: number = DEFAULT_INSTRUCTION_BUDGET): LuaState {
  const budgetMessage = `script exceeded ${instructionBudget} Lua instructions (Argo sets no limit; the sensor would hang)`;
  const L = lauxlib.luaL_newstate();
  openLibrary(L, '_G', lualib.luaopen_base);
  openLibrary(L, 'string', lualib.luaopen_string);
  openLibrary(L, 'table', lualib.luaopen_table);
  openLibrary(L, 'math', lualib.luaopen_math);
  runSetup(L, LUA51_PRELUDE);

  let executed = 0;
  lua.lua_sethook(
    L,
    (hookState) => {
      executed += HOOK_INTERVAL;
      if (executed > instructionBudget) {
        // From now on every instruction raises, so a script cannot pcall its way past the limit.
        lua.lua_sethook(hookState, null, 0, 0);
        lua.lua_sethook(hookState, () => lauxlib.luaL_error(hookState, to_luastring(budgetMessage)), lua.LUA_MASKCOUNT, 1);
        lauxlib.luaL_error(hookState, to_luastring(budgetMessage));
      }
    },
    lua.LUA_MASKCOUNT,
    HOOK_INTERVAL,
  );
  return L;
}
