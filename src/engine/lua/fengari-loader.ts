/**
 * Loads fengari configured to turn numbers into strings the way gopher-lua (Argo's VM)
 * does, for `tostring`, `..`, `print` and `string.format("%s")`:
 * - a float with an integral value in int64 range prints as that integer (`5`, not `5.0`;
 *   `2^53` as `9007199254740992`, where C Lua prints `9.007199254741e+15`);
 * - any other float prints as Go's `fmt.Sprint(float64)` (`0.1`, `1e+20`, `NaN`, `+Inf`).
 *
 * fengari reads its configuration when its modules are first loaded: `FENGARICONF`
 * (set around the first require and restored right after) turns off the `.0` suffix, and
 * `luaconf.lua_number2str` is replaced before `lobject.js` captures it. If fengari was
 * already loaded elsewhere, loading fails loudly rather than printing numbers differently.
 *
 * fengari has no allocator hook, so the same way (before the modules that use them capture
 * them) the functions that create Lua strings and grow string buffers are wrapped to report
 * sizes to the state's {@link StringGuard}, which enforces the simulator's memory caps.
 */
import type * as Fengari from 'fengari';
import type { LuaState } from 'fengari';
import { formatFloat } from '../go/strconv';

interface FengariLuaConf {
  lua_number2str: (n: number) => string;
}

const TWO_63 = 2 ** 63;

/** gopher-lua's `LNumber.String()`: int64 digits when `float64(int64(n)) == n`, else `%v`. */
export function gopherLuaNumberToString(n: number): string {
  if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63) return BigInt(n).toString();
  return formatFloat(n, 'g', -1); // Go `%v` of a float64
}

/**
 * Checks the size of strings a Lua state creates; installed on a state by the sandbox. It
 * raises a Lua error (and must stop checking) when a cap is exceeded.
 */
export interface StringGuard {
  /** A new string of `bytes` bytes is being created. */
  created(L: LuaState, bytes: number): void;
  /** A string buffer is about to hold `bytes` bytes. */
  buffering(L: LuaState, bytes: number): void;
}

/** Where a state's guard lives: on fengari's global state, shared by the state's threads. */
const STRING_GUARD = Symbol('stringGuard');

interface GuardedState {
  l_G?: { [STRING_GUARD]?: StringGuard };
}

function guardOf(L: unknown): StringGuard | undefined {
  return (L as GuardedState | null)?.l_G?.[STRING_GUARD];
}

/** Installs the guard of a state (the sandbox does, once per state). */
export function setStringGuard(L: LuaState, guard: StringGuard): void {
  const global = (L as unknown as GuardedState).l_G;
  if (global === undefined) throw new Error('fengari state without a global state');
  global[STRING_GUARD] = guard;
}

type AnyFunction = (...args: never[]) => unknown;
interface LuaBuffer { L: LuaState; n: number }

/** Replaces `module[name]` by a wrapper that runs `check(args)` first (or after, with `after`). */
function wrap(module: Record<string, unknown>, name: string, check: (args: unknown[]) => void, after = false): void {
  const original = module[name] as AnyFunction;
  // A plain function: fengari calls some of these with `new` (ltm.js: `new luaS_new(...)`).
  module[name] = function guarded(...args: unknown[]): unknown {
    if (!after) check(args);
    const result = original(...(args as never[]));
    if (after) check(args);
    return result;
  };
}

/** Wraps string creation (lstring.js) and buffer growth (lauxlib.js) with the state's guard. */
function guardStrings(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lstring = require('fengari/src/lstring.js') as Record<string, unknown>;
  const created = (args: unknown[]) => {
    const str = args[1] as { length: number } | string;
    guardOf(args[0])?.created(args[0] as LuaState, str.length);
  };
  for (const name of ['luaS_bless', 'luaS_new', 'luaS_newliteral']) wrap(lstring, name, created);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lauxlib = require('fengari/src/lauxlib.js') as Record<string, unknown>;
  const buffering = (B: LuaBuffer, more: number) => guardOf(B.L)?.buffering(B.L, B.n + more);
  wrap(lauxlib, 'luaL_prepbuffsize', (args) => buffering(args[0] as LuaBuffer, args[1] as number));
  wrap(lauxlib, 'luaL_buffinitsize', (args) => guardOf(args[0])?.buffering(args[0] as LuaState, args[2] as number));
  wrap(lauxlib, 'luaL_addlstring', (args) => buffering(args[0] as LuaBuffer, args[2] as number));
  wrap(lauxlib, 'luaL_addstring', (args) => buffering(args[0] as LuaBuffer, 0), true);
  wrap(lauxlib, 'luaL_addvalue', (args) => buffering(args[0] as LuaBuffer, 0), true);
}

function loadFengari(): typeof Fengari {
  const previous = process.env.FENGARICONF;
  const config = { ...(previous ? (JSON.parse(previous) as object) : {}), LUA_COMPAT_FLOATSTRING: true };
  process.env.FENGARICONF = JSON.stringify(config);
  try {
    // defs.js first: it is what loads luaconf.js in fengari's own order (the two require
    // each other, and loading luaconf.js first leaves defs' constants undefined).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('fengari/src/defs.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const luaconf = require('fengari/src/luaconf.js') as FengariLuaConf;
    luaconf.lua_number2str = gopherLuaNumberToString;
    guardStrings();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('fengari') as typeof Fengari;
  } finally {
    if (previous === undefined) delete process.env.FENGARICONF;
    else process.env.FENGARICONF = previous;
  }
}

/** The fengari module, configured for gopher-lua number printing. */
export const fengari = loadFengari();

/** Confirms the configuration took effect (it cannot if fengari was loaded earlier). */
function assertConfigured(): void {
  const { lua, lauxlib, to_jsstring } = fengari;
  const L = lauxlib.luaL_newstate();
  try {
    lua.lua_pushnumber(L, 2 ** 53);
    const printed = to_jsstring(lauxlib.luaL_tolstring(L, -1));
    if (printed !== '9007199254740992' || !fengari.luaconf.LUA_COMPAT_FLOATSTRING) {
      throw new Error(
        `fengari was loaded before the script filter could configure its number printing (2^53 prints as ${printed}); ` +
          'load src/engine/lua before any other use of fengari',
      );
    }
  } finally {
    lua.lua_close(L);
  }
}

assertConfigured();
