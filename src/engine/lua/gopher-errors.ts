/**
 * gopher-lua's error texts (v1.1.2, the version Argo Events pins) for script errors raised on
 * fengari, so that the script filter reports the error the sensor would log.
 *
 * gopher-lua words its runtime errors differently from C Lua and appends a stack traceback:
 *   <string>:1: attempt to index a non-table object(nil) with key 'x'
 *   stack traceback:
 *   	<string>:1: in main chunk
 *   	[G]: ?
 * (state.go `stackTrace`, `ApiError.Error`; vm.go `opArith`, `__len undefined`; auxlib.go
 * `ArgError`/`TypeError`). Errors whose text names operand types or keys are raised by
 * metamethods installed on the types that have no metatable in a fresh state (nil, boolean,
 * number, function) and on the string metatable (arithmetic and concatenation only run there
 * when Lua's own coercion failed). The remaining VM texts are reworded by the message handler,
 * which also builds gopher-lua's traceback from fengari's stack.
 *
 * Not reproduced (documented in test/golden/README.md): a table operand on both sides of an
 * arithmetic operator, `error()` with a non-string value other than nil (gopher-lua adds no
 * position), and table addresses (`table: 0x...`), which differ between runs anyway.
 */
import type { LuaState } from 'fengari';
import { fengari } from './fengari-loader';

const { lua, lauxlib, to_luastring, to_jsstring } = fengari;

/** Type name as gopher-lua's `LValueType.String()` spells it (the same words as Lua's). */
function typeName(L: LuaState, index: number): string {
  return to_jsstring(lua.lua_typename(L, lua.lua_type(L, index)));
}

/** Raises `message` with the position of the Lua code that triggered the metamethod. */
function raise(L: LuaState, message: string): never {
  lauxlib.luaL_where(L, 1);
  lua.lua_pushstring(L, to_luastring(message));
  lua.lua_concat(L, 2);
  lua.lua_error(L);
  throw new Error('unreachable: lua_error returns only by throwing');
}

/** gopher-lua's `key.String()` of the key at `index` (numbers as gopher-lua prints them). */
function keyText(L: LuaState, index: number): string {
  const text = to_jsstring(lauxlib.luaL_tolstring(L, index));
  lua.lua_pop(L, 1);
  return text;
}

/** Operand type after gopher-lua's string-to-number coercion (vm.go `arith`). */
function arithTypeName(L: LuaState, index: number): string {
  if (lua.lua_type(L, index) === lua.LUA_TSTRING && lua.lua_stringtonumber(L, lua.lua_tostring(L, index)) !== 0) {
    lua.lua_pop(L, 1);
    return 'number';
  }
  return typeName(L, index);
}

const indexError = (L: LuaState): number =>
  raise(L, `attempt to index a non-table object(${typeName(L, 1)}) with key '${keyText(L, 2)}'`);

const ARITH_EVENTS = ['add', 'sub', 'mul', 'div', 'mod', 'pow'] as const;

const arithError =
  (op: string) =>
  (L: LuaState): number =>
    raise(L, `cannot perform ${op} operation between ${arithTypeName(L, 1)} and ${arithTypeName(L, 2)}`);

const concatError = (L: LuaState): number =>
  raise(L, `cannot perform concat operation between ${typeName(L, 1)} and ${typeName(L, 2)}`);

/** Sets `fn` as field `name` of the table on top of the stack. */
function setHandler(L: LuaState, name: string, fn: (L: LuaState) => number): void {
  lua.lua_pushjsfunction(L, fn);
  lua.lua_setfield(L, -2, to_luastring(name));
}

/** Metatable for a type without one: every operation it does not support raises gopher-lua's text. */
function pushTypeMetatable(L: LuaState): void {
  lua.lua_createtable(L, 0, 11);
  setHandler(L, '__index', indexError);
  setHandler(L, '__newindex', indexError);
  setHandler(L, '__len', (S) => raise(S, '__len undefined'));
  setHandler(L, '__unm', (S) => raise(S, '__unm undefined'));
  setHandler(L, '__concat', concatError);
  for (const op of ARITH_EVENTS) setHandler(L, `__${op}`, arithError(op));
}

/**
 * The position gopher-lua's `raiseError(level, ...)` prefixes, `where(level-1, skipg=true)`:
 * the frame `level` above the running host function, skipping host functions. Pushed as
 * `<string>:N: ` (nothing when there is no such frame).
 */
function pushGopherWhere(L: LuaState, level: number): void {
  // gopher-lua's GetStack(0) is the running function, as lua_getstack's level 0 is.
  for (let at = level - 1; ; at++) {
    const frame = frameAt(L, at);
    if (frame === undefined) break;
    if (!isHost(frame)) {
      lua.lua_pushstring(L, to_luastring(`${frame.source}:${frame.line}: `));
      return;
    }
  }
  lua.lua_pushstring(L, to_luastring(''));
}

/**
 * gopher-lua's `error` (baselib.go `baseError`, state.go `Error`): a value is required; only
 * a string message gets a position (a number does not, unlike C Lua), taken from the frame
 * `level` up skipping host functions (so `pcall(error, "x")` reports the script's line).
 */
function gopherError(L: LuaState): number {
  if (lua.lua_gettop(L) === 0) {
    pushGopherWhere(L, 1);
    lua.lua_pushstring(L, to_luastring('bad argument #1 to error (value expected)'));
    lua.lua_concat(L, 2);
    return lua.lua_error(L);
  }
  const level = lua.lua_gettop(L) >= 2 && !lua.lua_isnil(L, 2) ? lua.lua_tonumber(L, 2) : 1;
  lua.lua_settop(L, 1);
  if (lua.lua_type(L, 1) === lua.LUA_TSTRING && level > 0) {
    pushGopherWhere(L, level);
    lua.lua_pushvalue(L, 1);
    lua.lua_concat(L, 2);
  }
  return lua.lua_error(L);
}

const TYPES_WITH_INSTALLED_METATABLE = new Set([lua.LUA_TNIL, lua.LUA_TBOOLEAN, lua.LUA_TNUMBER, lua.LUA_TFUNCTION]);

/** `getmetatable` (upvalue 1) that answers nil for the types given a metatable here. */
function hideTypeMetatables(L: LuaState): number {
  if (TYPES_WITH_INSTALLED_METATABLE.has(lua.lua_type(L, 1))) {
    lua.lua_pushnil(L);
    return 1;
  }
  lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
  lua.lua_insert(L, 1);
  lua.lua_call(L, lua.lua_gettop(L) - 1, 1);
  return 1;
}

/** Installs gopher-lua's `error` and the metamethods raising its runtime error texts in a fresh state. */
export function installGopherLuaErrors(L: LuaState): void {
  lua.lua_pushjsfunction(L, gopherError);
  lua.lua_setglobal(L, to_luastring('error'));
  // The metatables below are the simulator's: getmetatable keeps answering nil for those types.
  lua.lua_getglobal(L, to_luastring('getmetatable'));
  lua.lua_pushcclosure(L, hideTypeMetatables, 1);
  lua.lua_setglobal(L, to_luastring('getmetatable'));
  const samples: ((S: LuaState) => void)[] = [
    (S) => lua.lua_pushnil(S),
    (S) => lua.lua_pushboolean(S, false),
    (S) => lua.lua_pushnumber(S, 0),
    (S) => lua.lua_pushjsfunction(S, () => 0),
  ];
  for (const pushSample of samples) {
    pushSample(L);
    pushTypeMetatable(L);
    lua.lua_setmetatable(L, -2);
    lua.lua_pop(L, 1);
  }
  // Strings keep the string library's metatable; arithmetic and concatenation reach it only
  // when coercion failed (`"a" + 1`, `"a" .. {}`).
  lua.lua_pushstring(L, to_luastring(''));
  if (lua.lua_getmetatable(L, -1)) {
    setHandler(L, '__concat', concatError);
    for (const op of ARITH_EVENTS) setHandler(L, `__${op}`, arithError(op));
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
}

/** C Lua texts that gopher-lua words differently; each keeps its `<string>:N: ` prefix. */
const REWORDINGS: [RegExp, string][] = [
  [/attempt to call a \w+ value(?: \(.*\))?$/, 'attempt to call a non-function object'],
  [/attempt to compare two (\w+) values$/, 'attempt to compare $1 with $1'],
  [/attempt to get length of a \w+ value(?: \(.*\))?$/, '__len undefined'],
  // auxlib.go ArgError/TypeError: the function name is not quoted.
  [/bad argument #(\d+) to '([^']*)' \((.*)\)$/, 'bad argument #$1 to $2 ($3)'],
];

function reword(message: string): string {
  for (const [pattern, replacement] of REWORDINGS) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}

/**
 * Argument errors of library functions as gopher-lua's auxlib words them: a missing argument
 * is `nil` (gopher-lua reads past the top as nil), arguments of a method call are counted
 * with the receiver (C Lua's luaL_argerror does not count it), and math.max/min without
 * arguments fail with `wrong number of arguments` (mathlib.go).
 */
function rewordArgumentError(message: string, raiser: Frame): string {
  const m = /^(.*)bad argument #(\d+) to (\S+) \((.*)\)$/s.exec(message);
  if (m === null) return message;
  const [, where, argument, fn, detail] = m;
  if ((fn === 'max' || fn === 'min') && detail === 'value expected') return `${where}wrong number of arguments`;
  const position = raiser.namewhat === 'method' ? Number(argument) + 1 : Number(argument);
  return `${where}bad argument #${position} to ${fn} (${detail.replace(/got no value$/, 'got nil')})`;
}

const MAX_TRACE_LINES = 20;

interface Frame {
  readonly what: string;
  readonly source: string;
  readonly line: number;
  readonly defined: number;
  readonly name: string | null;
  readonly namewhat: string;
  readonly tail: boolean;
  /** Type name of the function's argument `n` (its n-th local), `no value` when absent. */
  argumentType(n: number): string;
}

function frameAt(L: LuaState, level: number): Frame | undefined {
  const ar = new lua.lua_Debug();
  if (!lua.lua_getstack(L, level, ar)) return undefined;
  lua.lua_getinfo(L, to_luastring('Slnt'), ar);
  return {
    what: ar.what === null ? '' : to_jsstring(ar.what),
    source: to_jsstring(ar.short_src),
    line: ar.currentline,
    defined: ar.linedefined,
    name: ar.name === null || ar.name === undefined ? null : to_jsstring(ar.name),
    namewhat: ar.namewhat === null || ar.namewhat === undefined ? '' : to_jsstring(ar.namewhat),
    tail: Boolean(ar.istailcall),
    argumentType: (n: number): string => {
      if (lua.lua_getlocal(L, ar, n) === null) return 'no value';
      const name = typeName(L, -1);
      lua.lua_pop(L, 1);
      return name;
    },
  };
}

/** One traceback line as gopher-lua's `stackTrace` writes it. */
/** A function of the host: Go in gopher-lua, JavaScript in fengari (`what` is `J`). */
function isHost(frame: Frame): boolean {
  return frame.what === 'J' || frame.what === 'C';
}

/**
 * gopher-lua's `formattedFrameFuncName`: the bottom frame is the main chunk (also when a tail
 * call replaced it); a function is named as its call site names it; a Lua function called
 * by a tail call or as a metamethod (no call site) is named by where it is defined.
 */
function traceLine(frame: Frame, bottom: boolean): string {
  const isGo = isHost(frame);
  const where = isGo ? '[G]:' : `${frame.source}:${frame.line}:`;
  let name: string;
  if (bottom && !isGo) name = 'main chunk';
  else if (frame.name !== null && !(!isGo && (frame.tail || frame.namewhat === 'metamethod'))) name = `function '${frame.name}'`;
  else if (!isGo) name = `function <${frame.source}:${frame.defined}>`;
  else name = 'function (anonymous)';
  return `\t${where} in ${name}`;
}

/**
 * The message handler for the script's `lua_pcall`: replaces the error value by gopher-lua's
 * `ApiError.Error()` text, the message followed by the stack traceback. Frames of the
 * metamethods installed by {@link installGopherLuaErrors} are left out: gopher-lua raises
 * those errors from the VM itself.
 */
export function gopherLuaMessageHandler(L: LuaState): number {
  // An error raised from a hook (the sandbox's instruction budget) is the simulator's own,
  // not one gopher-lua would raise: it is left as it is. fengari runs hooks with
  // `allowhook` cleared, as C Lua does.
  if (!(L as unknown as { allowhook: number }).allowhook) return 1;
  const frames: Frame[] = [];
  for (let level = 1; ; level++) {
    const frame = frameAt(L, level);
    if (frame === undefined) break;
    if (isHost(frame) && frame.namewhat === 'metamethod') continue;
    frames.push(frame);
  }
  let message = reword(to_jsstring(lauxlib.luaL_tolstring(L, 1)));
  const raiser = frames[0];
  if (raiser !== undefined && isHost(raiser)) message = rewordArgumentError(message, raiser);
  if (/bad argument #2 to setmetatable \(nil or table expected\)$/.test(message) && frames[0]?.name === 'setmetatable') {
    // gopher-lua's setmetatable raises a TypeError, which names the type it got.
    message = `${message.slice(0, -1)}, got ${frames[0].argumentType(2)})`;
  }
  let lines: string[] = [];
  for (const [i, frame] of frames.entries()) {
    lines.push(traceLine(frame, i === frames.length - 1));
    if (frame.tail && !isHost(frame)) lines.push('\t(tailcall): ?');
  }
  lines.push('\t[G]: ?');
  if (lines.length > MAX_TRACE_LINES) lines = [...lines.slice(0, 7), '\t...', ...lines.slice(-7)];
  lua.lua_pushstring(L, to_luastring(`${message}\nstack traceback:\n${lines.join('\n')}`));
  return 1;
}

/** What fengari's lexer state looks like when the parser raises a syntax error. */
interface LexState {
  readonly current: number;
  readonly z: { readonly off: number };
}

/**
 * Byte offset (in the chunk fengari parsed) of the last character of the token the latest
 * syntax error was raised at. fengari's parser reports errors through the `llex` module
 * object, so wrapping `luaX_syntaxerror` there observes every parser error; the lexer has
 * then read one character past the token (none at the end of the chunk). Loading is
 * synchronous, so the value always belongs to the chunk loaded last.
 */
let syntaxErrorEnd = -1;
{
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const llex = require('fengari/src/llex.js') as { luaX_syntaxerror: (ls: LexState, msg: unknown) => never };
  const raiseSyntaxError = llex.luaX_syntaxerror;
  llex.luaX_syntaxerror = (ls: LexState, msg: unknown): never => {
    syntaxErrorEnd = ls.current === -1 ? ls.z.off - 1 : ls.z.off - 2;
    return raiseSyntaxError(ls, msg);
  };
}

/** Clears the recorded syntax error position; call before loading a chunk. */
export function resetSyntaxErrorPosition(): void {
  syntaxErrorEnd = -1;
}

const NUMERAL_START = /[0-9]/;
const NUMERAL_CHAR = /[0-9a-zA-Z._]/;

/**
 * gopher-lua's column (1-based, in bytes, of the offending token's last character) for the
 * latest syntax error, in the script as written. fengari parsed `adapted` (the script with
 * its numerals rewritten, see lua51-source.ts), so the position is carried back to `source`
 * by walking both texts together, a numeral in one matching the numeral in the other.
 */
export function syntaxErrorColumn(source: string, adapted: string): number | undefined {
  if (syntaxErrorEnd < 0) return undefined;
  const adaptedBytes = Buffer.from(adapted, 'utf8');
  if (syntaxErrorEnd >= adaptedBytes.length) return undefined;
  const target = adaptedBytes.subarray(0, syntaxErrorEnd + 1).toString('utf8').length - 1;
  let i = 0; // in source
  let j = 0; // in adapted
  while (j < target && i < source.length) {
    if (NUMERAL_START.test(source[i]) && NUMERAL_START.test(adapted[j]) && !NUMERAL_CHAR.test(source[i - 1] ?? ' ')) {
      let iEnd = i;
      let jEnd = j;
      while (iEnd < source.length && NUMERAL_CHAR.test(source[iEnd])) iEnd++;
      while (jEnd < adapted.length && NUMERAL_CHAR.test(adapted[jEnd])) jEnd++;
      if (jEnd > target) break;
      i = iEnd;
      j = jEnd;
      continue;
    }
    i++;
    j++;
  }
  if (j !== target) return undefined;
  const lineStart = source.lastIndexOf('\n', i - 1) + 1;
  return Buffer.byteLength(source.slice(lineStart, i + 1), 'utf8');
}

/**
 * gopher-lua's text for a compile error reported by fengari as `<string>:N: <msg> near <eof>`
 * or `... near 'x'` (parse.go.y `Error`: `<string> at EOF:   syntax error` /
 * `<string> line:N(column:C) near 'x':   syntax error`, each ending in a newline), `column`
 * from {@link syntaxErrorColumn}. Other texts are returned unchanged.
 */
export function gopherLuaSyntaxMessage(message: string, column: number | undefined): string {
  const m = /^(<string>):(\d+): (.*) near (<eof>|'(.*)')$/s.exec(message);
  if (m === null) {
    const loop = /^<string>:\d+: <break> at line (\d+) not inside a loop$/.exec(message);
    if (loop !== null) return `compile error near line(${loop[1]}) <string>: no loop to break`;
    return message;
  }
  const [, chunk, line, what, near, token] = m;
  // A statement that is an expression but no call: gopher-lua's grammar action says `parse error`.
  const kind = /^unfinished (long )?string$/.test(what) ? 'unterminated string' : what === 'syntax error' ? 'parse error' : 'syntax error';
  if (near === '<eof>') return `${chunk} at EOF:   ${kind}\n`;
  if (column === undefined || kind === 'unterminated string') return message;
  // gopher-lua names a string token by its contents.
  const name = /^(["']).*\1$/s.test(token) ? token.slice(1, -1) : token;
  return `${chunk} line:${line}(column:${column}) near '${name}':   ${kind}\n`;
}
