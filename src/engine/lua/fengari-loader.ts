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
 */
import type * as Fengari from 'fengari';
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
