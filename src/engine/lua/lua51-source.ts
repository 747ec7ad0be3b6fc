/**
 * Adapts a script for running Argo's Lua 5.1 semantics (gopher-lua) on fengari (Lua 5.3).
 *
 * Differences between the two VMs that can change a filter's outcome, and how each is handled:
 * - Numbers: 5.1 has only float64; 5.3 has integers too (fengari's are 32-bit and wrap:
 *   `100000 * 100000` would overflow). Integer numerals are rewritten as float numerals here,
 *   event numbers are pushed as floats, and fengari prints integral floats without `.0`
 *   (see fengari-loader.ts), so arithmetic and `tostring`/`..` match 5.1. Library results
 *   that 5.3 makes integers (`#t`, `math.floor`, `string.find`) stay integers; only sums
 *   of such values beyond 2^31 would differ.
 * - Operators `// & | ~ << >>` exist only in 5.3; gopher-lua rejects them as syntax
 *   errors, so they are rejected here too, with gopher-lua's message.
 * - Globals: 5.1's `unpack`, `loadstring`, `math.pow`, `math.mod`, `math.log10`,
 *   `table.getn`, `table.maxn` are provided (see sandbox.ts); 5.3-only library functions
 *   are removed. `setfenv`/`getfenv` are not provided: scripts using them fail here with
 *   "attempt to call a non-function object" where gopher-lua would run them.
 * - Error texts: gopher-lua's own (see gopher-errors.ts).
 */

/** A script that uses a construct Lua 5.1 does not have. */
export class Lua51SyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Lua51SyntaxError';
  }
}

const LONG_BRACKET = /^\[(=*)\[/;

/** Index just past the long bracket closing `]=*]` of the given level, or the end of the text. */
function skipLongBracket(source: string, start: number, level: string): number {
  const close = `]${level}]`;
  const end = source.indexOf(close, start);
  return end < 0 ? source.length : end + close.length;
}

/** Index just past a quoted string starting at `start` (unterminated: Lua reports it). */
function skipQuoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote && source[i] !== '\n') {
    i += source[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** Lua's `read_numeral`: digits, dots, hex digits and signed exponents, greedily. */
function numeralEnd(source: string, start: number): number {
  const hex = /^0[xX]/.test(source.slice(start, start + 2));
  const exponent = hex ? 'pP' : 'eE';
  let i = hex ? start + 2 : start;
  while (i < source.length) {
    const c = source[i];
    if (exponent.includes(c)) {
      i++;
      if (source[i] === '+' || source[i] === '-') i++;
    } else if (/[0-9a-fA-F.]/.test(c)) {
      i++;
    } else {
      break;
    }
  }
  return i;
}

/** The numeral as 5.1 reads it: integers become float numerals; anything else is kept. */
function asFloatNumeral(numeral: string): string {
  if (/^[0-9]+$/.test(numeral)) return `${numeral}.0`;
  if (/^0[xX][0-9a-fA-F]+$/.test(numeral)) {
    const value = String(Number(BigInt(numeral)));
    return /[.e]/.test(value) ? value : `${value}.0`;
  }
  return numeral;
}

const LUA53_OPERATORS = ['//', '<<', '>>', '&', '|', '~'];

/**
 * Returns the script with integer numerals made floats.
 * @throws Lua51SyntaxError when the script uses a Lua 5.3-only operator.
 */
export function adaptToLua51(source: string): string {
  let out = '';
  let i = 0;
  let line = 1;
  const copyTo = (end: number) => {
    const text = source.slice(i, end);
    line += text.split('\n').length - 1;
    out += text;
    i = end;
  };
  while (i < source.length) {
    const c = source[i];
    const rest = source.slice(i, i + 64);
    if (rest.startsWith('--')) {
      const long = LONG_BRACKET.exec(source.slice(i + 2, i + 2 + 64));
      copyTo(long ? skipLongBracket(source, i + 2 + long[0].length, long[1]) : nextLineStart(source, i));
    } else if (LONG_BRACKET.test(rest)) {
      const long = LONG_BRACKET.exec(rest) as RegExpExecArray;
      copyTo(skipLongBracket(source, i + long[0].length, long[1]));
    } else if (c === '"' || c === "'") {
      copyTo(Math.min(skipQuoted(source, i), source.length));
    } else if (/[A-Za-z_]/.test(c)) {
      copyTo(i + (/^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) as RegExpExecArray)[0].length);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const end = numeralEnd(source, i);
      out += asFloatNumeral(source.slice(i, end));
      i = end;
    } else if (rest.startsWith('~=') || rest.startsWith('==') || rest.startsWith('<=') || rest.startsWith('>=')) {
      copyTo(i + 2);
    } else {
      const operator = LUA53_OPERATORS.find((op) => rest.startsWith(op));
      if (operator) throw lua53OperatorError(source, i, line, operator);
      copyTo(i + 1);
    }
  }
  return out;
}

/**
 * gopher-lua's error for a Lua 5.3 operator at `at` (parse/lexer.go `Error`): `&`, `|` and a
 * lone `~` are invalid tokens for its lexer; `//`, `<<`, `>>` lex as two tokens and the
 * parser fails at the second. The column is that of the offending character, in bytes.
 */
function lua53OperatorError(source: string, at: number, line: number, operator: string): Lua51SyntaxError {
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const column = (end: number): number => Buffer.byteLength(source.slice(lineStart, end), 'utf8');
  const near = (token: string, end: number, message: string): Lua51SyntaxError =>
    new Lua51SyntaxError(`<string> line:${line}(column:${column(end)}) near '${token}':   ${message}\n`);
  if (operator.length === 2) return near(operator[1], at + 2, 'syntax error');
  if (operator === '~') return near('~', at + 1, "Invalid '~' token");
  return near(operator, at + 1, 'Invalid token');
}

function nextLineStart(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}
