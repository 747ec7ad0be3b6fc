/**
 * govaluate's lexer (`parseTokens`/`readToken`), rune by rune, with its quirks kept:
 * - a backslash escapes any next character everywhere (strings, names, symbols); there
 *   are no escape sequences, so `"\d"` is the text `d`;
 * - a string ends at either quote character, whichever opened it;
 * - symbols are read greedily up to the next letter, digit, paren, bracket, quote or
 *   space, so `a>-1` yields the invalid token `>-`;
 * - `-`, `!`, `~` are prefixes only where the previous token allows a prefix;
 * - string literals that parse as dates become TIME tokens.
 * No functions are registered (Argo registers none), so a name is never a FUNCTION.
 */
import { GovaluateError } from './errors';
import { canTransition } from './lexer-states';
import {
  COMPARATOR_SYMBOLS,
  LOGICAL_SYMBOLS,
  MODIFIER_SYMBOLS,
  PREFIX_SYMBOLS,
  TERNARY_SYMBOLS,
  Token,
  TokenKind,
  TokenValue,
} from './tokens';
import { tryParseTimeLiteral } from './time-literal';

class LexerStream {
  private readonly runes: string[];
  position = 0;

  constructor(source: string) {
    this.runes = Array.from(source);
  }

  canRead(): boolean {
    return this.position < this.runes.length;
  }

  read(): string {
    if (this.position >= this.runes.length) {
      // Go indexes past the end of the rune slice here (a trailing backslash) and panics.
      throw new GovaluateError(`runtime error: index out of range [${this.position}] with length ${this.runes.length}`);
    }
    return this.runes[this.position++];
  }

  rewind(amount: number): void {
    this.position -= amount;
  }
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
/** Go `unicode.IsSpace`. */
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;

const isLetter = (c: string) => LETTER.test(c);
const isDigit = (c: string) => DIGIT.test(c);
const isSpace = (c: string) => SPACE.test(c);
const isNotQuote = (c: string) => c !== "'" && c !== '"';
const isNumeric = (c: string) => isDigit(c) || c === '.';
const isVariableName = (c: string) => isLetter(c) || isDigit(c) || c === '_' || c === '.';
const isNotClosingBracket = (c: string) => c !== ']';
const isHexDigit = (c: string) => /^[0-9a-fA-F]$/.test(c) || isDigit(c);
const isNotAlphanumeric = (c: string) =>
  !(isDigit(c) || isLetter(c) || c === '(' || c === ')' || c === '[' || c === ']' || !isNotQuote(c));

/**
 * Go's `readUntilFalse`: collects characters while `condition` holds; returns the text and
 * whether it stopped on a failing character (which is left unread) or on a space.
 */
function readUntilFalse(
  stream: LexerStream,
  includeWhitespace: boolean,
  breakWhitespace: boolean,
  allowEscaping: boolean,
  condition: (c: string) => boolean,
): [string, boolean] {
  let buffer = '';
  while (stream.canRead()) {
    let c = stream.read();
    if (allowEscaping && c === '\\') {
      c = stream.read();
      buffer += c;
      continue;
    }
    if (isSpace(c)) {
      if (breakWhitespace && buffer.length > 0) return [buffer, true];
      if (!includeWhitespace) continue;
    }
    if (!condition(c)) {
      stream.rewind(1);
      return [buffer, true];
    }
    buffer += c;
  }
  return [buffer, false];
}

/** Go's `readTokenUntilFalse`: re-reads from the character just consumed. */
function readTokenUntilFalse(stream: LexerStream, condition: (c: string) => boolean): string {
  stream.rewind(1);
  return readUntilFalse(stream, false, true, true, condition)[0];
}

/**
 * `strconv.ParseFloat` on the numeric token text. The text starts with a digit or a dot
 * (escapes can add other characters), so only the decimal syntax is reachable.
 */
function parseGoFloat(text: string): number | undefined {
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined; // Go reports overflow as ErrRange
}

/** Reads one token; returns undefined at the end of input (only spaces left). */
function readToken(stream: LexerStream, previousKind: TokenKind): Token | undefined {
  while (stream.canRead()) {
    const c = stream.read();
    if (isSpace(c)) continue;

    if (isNumeric(c)) {
      if (stream.canRead() && c === '0') {
        const next = stream.read();
        if (stream.canRead() && next === 'x') {
          const [hex] = readUntilFalse(stream, false, true, true, isHexDigit);
          if (!/^[0-9a-fA-F]+$/.test(hex) || BigInt(`0x${hex}`) > 0xffffffffffffffffn) {
            throw new GovaluateError(`Unable to parse hex value '${hex}' to uint64\n`);
          }
          return { kind: 'NUMERIC', value: Number(BigInt(`0x${hex}`)) };
        }
        stream.rewind(1);
      }
      const text = readTokenUntilFalse(stream, isNumeric);
      const value = parseGoFloat(text);
      if (value === undefined) {
        throw new GovaluateError(`Unable to parse numeric value '${text}' to float64\n`);
      }
      return { kind: 'NUMERIC', value };
    }

    if (c === ',') return { kind: 'SEPARATOR', value: ',' };

    if (c === '[') {
      const [name, completed] = readUntilFalse(stream, true, false, true, isNotClosingBracket);
      if (!completed) throw new GovaluateError('Unclosed parameter bracket');
      stream.rewind(-1); // skip the closing bracket
      return { kind: 'VARIABLE', value: name };
    }

    if (isLetter(c)) return readName(stream);

    if (!isNotQuote(c)) {
      const [text, completed] = readUntilFalse(stream, true, false, true, isNotQuote);
      if (!completed) throw new GovaluateError('Unclosed string literal');
      stream.rewind(-1); // skip the closing quote
      const time = tryParseTimeLiteral(text);
      return time ? { kind: 'TIME', value: time } : { kind: 'STRING', value: text };
    }

    if (c === '(') return { kind: 'CLAUSE', value: 40 };
    if (c === ')') return { kind: 'CLAUSE_CLOSE', value: 41 };

    const symbol = readTokenUntilFalse(stream, isNotAlphanumeric);
    // "-" is a negation or a subtraction depending on what came before.
    if (canTransition(previousKind, 'PREFIX') && PREFIX_SYMBOLS.has(symbol)) return { kind: 'PREFIX', value: symbol };
    if (MODIFIER_SYMBOLS.has(symbol)) return { kind: 'MODIFIER', value: symbol };
    if (LOGICAL_SYMBOLS.has(symbol)) return { kind: 'LOGICALOP', value: symbol };
    if (COMPARATOR_SYMBOLS.has(symbol)) return { kind: 'COMPARATOR', value: symbol };
    if (TERNARY_SYMBOLS.has(symbol)) return { kind: 'TERNARY', value: symbol };
    throw new GovaluateError(`Invalid token: '${symbol}'`);
  }
  return undefined;
}

/** A name: a variable, `true`/`false`, the `in` operator, or a dotted accessor. */
function readName(stream: LexerStream): Token {
  const name = readTokenUntilFalse(stream, isVariableName);
  let kind: TokenKind = 'VARIABLE';
  let value: TokenValue = name;
  if (name === 'true' || name === 'false') {
    kind = 'BOOLEAN';
    value = name === 'true';
  }
  if (name === 'in' || name === 'IN') {
    kind = 'COMPARATOR';
    value = 'in';
  }
  if (name.indexOf('.') > 0) {
    if (name.endsWith('.')) throw new GovaluateError(`Hanging accessor on token '${name}'`);
    const parts = name.split('.');
    for (const part of parts.slice(1)) {
      const first = Array.from(part)[0] ?? '';
      // Go: unicode.ToUpper(first) != first means an unexported (lower-case) field.
      if (first !== '' && first.toUpperCase() !== first) {
        throw new GovaluateError(`Unable to access unexported field '${part}' in token '${name}'`);
      }
    }
    kind = 'ACCESSOR';
    value = parts;
  }
  return { kind, value };
}

/** govaluate's `parseTokens` (lexing only; balance and grammar are checked separately). */
export function lex(expression: string): Token[] {
  const stream = new LexerStream(expression);
  const tokens: Token[] = [];
  let previousKind: TokenKind = 'UNKNOWN';
  while (stream.canRead()) {
    const token = readToken(stream, previousKind);
    if (!token) break;
    tokens.push(token);
    previousKind = token.kind;
  }
  return tokens;
}
