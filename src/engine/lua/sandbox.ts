/**
 * A fresh, isolated Lua state for one script run: only the base, string, table and math
 * libraries (no io, os, package/require, debug, coroutine), file loaders removed, Lua 5.1
 * globals restored, and the simulator's caps on work and memory (src/engine/limits.ts):
 * instructions, the size of one string, and the bytes of all strings created.
 *
 * Argo's gopher-lua state opens every library and has no caps: a script that loops forever
 * hangs the sensor, one that doubles a string 40 times exhausts its memory. Here the script
 * stops and the run reports that the simulator cannot evaluate it.
 */
import type { LuaState } from 'fengari';
import { capReason, LUA_INSTRUCTION_BUDGET, LUA_MAX_STRING_BYTES, LUA_STRING_BYTES_BUDGET } from '../limits';
import { fengari, setStringGuard } from './fengari-loader';

const { lua, lauxlib, lualib, to_luastring } = fengari;

const HOOK_INTERVAL = 1_000;

/** The caps of one script run; the defaults are in src/engine/limits.ts. */
export interface SandboxLimits {
  readonly instructionBudget?: number;
  readonly maxStringBytes?: number;
  readonly stringBytesBudget?: number;
}

/** A sandboxed state and what stopped it, if a cap did. */
export interface Sandbox {
  readonly L: LuaState;
  /** The reason for the cap that stopped the script, or undefined. */
  readonly limitExceeded: () => string | undefined;
}

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

/** Creates the sandboxed state; the caller must `lua_close` its `L`. */
export function newSandbox(limits: SandboxLimits = {}): Sandbox {
  const instructionBudget = limits.instructionBudget ?? LUA_INSTRUCTION_BUDGET;
  const maxStringBytes = limits.maxStringBytes ?? LUA_MAX_STRING_BYTES;
  const stringBytesBudget = limits.stringBytesBudget ?? LUA_STRING_BYTES_BUDGET;
  const L = lauxlib.luaL_newstate();
  openLibrary(L, '_G', lualib.luaopen_base);
  openLibrary(L, 'string', lualib.luaopen_string);
  openLibrary(L, 'table', lualib.luaopen_table);
  openLibrary(L, 'math', lualib.luaopen_math);
  runSetup(L, LUA51_PRELUDE);

  let exceeded: string | undefined;
  /**
   * Stops the script for good: from now on every instruction raises, so a script cannot
   * pcall its way past a cap (and no further string is checked, so the error can be built).
   */
  const stop = (state: LuaState, reason: string): never => {
    exceeded ??= reason;
    const message = to_luastring(exceeded);
    lua.lua_sethook(state, null, 0, 0);
    lua.lua_sethook(state, () => lauxlib.luaL_error(state, message), lua.LUA_MASKCOUNT, 1);
    return lauxlib.luaL_error(state, message);
  };
  let stringBytes = 0;
  const checkLength = (state: LuaState, bytes: number) => {
    if (bytes > maxStringBytes) {
      stop(state, capReason(`the script builds a string over ${maxStringBytes} bytes`, 'no limit; the sensor would run out of memory'));
    }
  };
  setStringGuard(L, {
    created: (state, bytes) => {
      if (exceeded !== undefined) return;
      checkLength(state, bytes);
      stringBytes += bytes;
      if (stringBytes > stringBytesBudget) {
        stop(state, capReason(`the script creates over ${stringBytesBudget} bytes of strings`, 'no limit; the sensor would run out of memory'));
      }
    },
    buffering: (state, bytes) => {
      if (exceeded === undefined) checkLength(state, bytes);
    },
  });

  let executed = 0;
  lua.lua_sethook(
    L,
    (hookState) => {
      executed += HOOK_INTERVAL;
      if (executed > instructionBudget) {
        stop(hookState, capReason(`the script runs over ${instructionBudget} Lua instructions`, 'no limit; a script that never ends hangs the sensor'));
      }
    },
    lua.LUA_MASKCOUNT,
    HOOK_INTERVAL,
  );
  return { L, limitExceeded: () => exceeded };
}
