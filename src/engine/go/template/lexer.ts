/**
 * Lexer of Go `text/template` (delimiters `{{ }}`), producing the same item kinds and
 * error texts as Go's `text/template/parse` lexer: trim markers `{{- -}}`, comments,
 * strings, raw strings, character constants, numbers, fields, variables, keywords.
 */
import { quote } from '../strconv';

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'EOF'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range'
  | 'template' | 'with';

/** One lexical item; `pos` is a UTF-16 offset into the template text, `line` 1-based. */
export interface Item {
  readonly typ: ItemType;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with',
]);

/** Keyword item types print as `<name>` in parse errors. */
export function isKeyword(typ: ItemType): boolean {
  return KEYWORDS.has(typ) || typ === 'dot';
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM = '-';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

/** Tokenizes a whole template (Go runs the lexer concurrently; here it is eager). */
export function lex(input: string): Item[] {
  return new Lexer(input).run();
}

class Lexer {
  private items: Item[] = [];
  private start = 0;
  private pos = 0;
  private parenDepth = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly input: string) {
    for (let i = input.indexOf('\n'); i >= 0; i = input.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  run(): Item[] {
    let state: State | null = () => this.lexText();
    while (state) state = state();
    return this.items;
  }

  /** 1-based line of a position (Go tracks the same number incrementally). */
  private lineAt(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += ch.length;
    return ch;
  }

  private peek(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    return String.fromCodePoint(this.input.codePointAt(this.pos)!);
  }

  private backup(ch: string | undefined): void {
    if (ch !== undefined) this.pos -= ch.length;
  }

  private emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineAt(this.start) });
    this.start = this.pos;
  }

  private ignore(): void {
    this.start = this.pos;
  }

  private errorf(message: string): null {
    this.items.push({ typ: 'error', pos: this.start, val: message, line: this.lineAt(this.start) });
    return null;
  }

  private lexText(): State | null {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('EOF');
      return null;
    }
    if (x > this.pos) {
      this.pos = x;
      // "{{- " trims the white space before the action.
      const trimLength = hasLeftTrimMarker(this.input.slice(x + LEFT.length))
        ? rightTrimLength(this.input.slice(this.start, this.pos))
        : 0;
      this.pos -= trimLength;
      if (this.pos > this.start) this.emit('text');
      this.pos += trimLength;
      this.ignore();
    }
    return () => this.lexLeftDelim();
  }

  private atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    const rest = this.input.slice(this.pos, this.pos + 4);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT, 2)) return { delim: true, trimSpaces: true };
    if (rest.startsWith(RIGHT)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  private lexLeftDelim(): State | null {
    this.pos += LEFT.length;
    const afterMarker = hasLeftTrimMarker(this.input.slice(this.pos, this.pos + 2)) ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit('leftDelim');
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  /** Comments are dropped, as in Go's default parse mode. */
  private lexComment(): State | null {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trimSpaces } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    if (trimSpaces) this.pos += 2;
    this.pos += RIGHT.length;
    if (trimSpaces) this.pos += leftTrimLength(this.input, this.pos);
    this.ignore();
    return () => this.lexText();
  }

  private lexRightDelim(): State | null {
    const { trimSpaces } = this.atRightDelim();
    if (trimSpaces) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trimSpaces) {
      this.pos += leftTrimLength(this.input, this.pos);
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): State | null {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return () => this.lexRightDelim();
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === undefined) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup(r); // the space may belong to " -}}"
      return () => this.lexSpace();
    }
    switch (r) {
      case '=':
        this.emit('assign');
        return () => this.lexInsideAction();
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        this.emit('declare');
        return () => this.lexInsideAction();
      case '|':
        this.emit('pipe');
        return () => this.lexInsideAction();
      case '"':
        return () => this.lexQuoted('"', 'string', 'unterminated quoted string');
      case '`':
        return () => this.lexRawQuote();
      case '$':
        return () => this.lexVariable();
      case "'":
        return () => this.lexQuoted("'", 'charConstant', 'unterminated character constant');
      case '(':
        this.parenDepth++;
        this.emit('leftParen');
        return () => this.lexInsideAction();
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        this.emit('rightParen');
        return () => this.lexInsideAction();
      default:
        break;
    }
    if (r === '.') {
      const p = this.input[this.pos];
      // ".5" is a number; anything else after "." is a field (or the dot).
      if (p !== undefined && (p < '0' || p > '9')) return () => this.lexFieldOrVariable('field');
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup(r);
      return () => this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup(r);
      return () => this.lexIdentifier();
    }
    if (/^[\x20-\x7e]$/.test(r)) {
      this.emit('char');
      return () => this.lexInsideAction();
    }
    return this.errorf(`unrecognized character in action: ${goRuneName(r)}`);
  }

  private lexSpace(): State | null {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    // The last space may start a " -}}" trim marker.
    if (hasRightTrimMarker(this.input.slice(this.pos - 1, this.pos + 1)) && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--;
      if (numSpaces === 1) return () => this.lexRightDelim();
    }
    this.emit('space');
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): State | null {
    while (isAlphaNumeric(this.peek())) this.next();
    const word = this.input.slice(this.start, this.pos);
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneName(this.peek())}`);
    if (KEYWORDS.has(word)) this.emit(word as ItemType);
    else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
    return () => this.lexInsideAction();
  }

  private lexVariable(): State | null {
    if (this.atTerminator()) {
      this.emit('variable'); // the bare "$"
      return () => this.lexInsideAction();
    }
    return this.lexFieldOrVariable('variable');
  }

  private lexFieldOrVariable(typ: 'field' | 'variable'): State | null {
    if (this.atTerminator()) {
      this.emit(typ === 'variable' ? 'variable' : 'dot');
      return () => this.lexInsideAction();
    }
    while (isAlphaNumeric(this.peek())) this.next();
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneName(this.peek())}`);
    this.emit(typ);
    return () => this.lexInsideAction();
  }

  /** What may follow an identifier, field or variable (Go's atTerminator). */
  private atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r) || '.,|:()'.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }


  private lexNumber(): State | null {
    const bad = (): null => this.errorf(`bad number syntax: ${quote(this.input.slice(this.start, this.pos))}`);
    if (!this.scanNumber()) return bad();
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      // Complex: 1+2i, no spaces, must end in 'i'.
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') return bad();
      this.emit('complex');
    } else {
      this.emit('number');
    }
    return () => this.lexInsideAction();
  }

  private scanNumber(): boolean {
    const accept = (valid: string): boolean => {
      const r = this.peek();
      if (r !== undefined && valid.includes(r)) {
        this.next();
        return true;
      }
      return false;
    };
    const acceptRun = (valid: string): void => {
      while (accept(valid)) { /* consume the run */ }
    };
    accept('+-');
    let digits = DECIMAL_DIGITS;
    if (accept('0')) {
      // A leading 0 does not mean octal in floats.
      if (accept('xX')) digits = HEX_DIGITS;
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits === DECIMAL_DIGITS && accept('eE')) {
      accept('+-');
      acceptRun(DECIMAL_DIGITS);
    }
    if (digits === HEX_DIGITS && accept('pP')) {
      accept('+-');
      acceptRun(DECIMAL_DIGITS);
    }
    accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  /**
   * The rest of a `'...'` character constant or `"..."` string, up to the closing quote
   * (Go's lexChar and lexQuote): a backslash escapes any character but a newline.
   */
  private lexQuoted(closing: "'" | '"', typ: 'charConstant' | 'string', unterminated: string): State | null {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== undefined && r !== '\n') continue;
        return this.errorf(unterminated);
      }
      if (r === undefined || r === '\n') return this.errorf(unterminated);
      if (r === closing) break;
    }
    this.emit(typ);
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): State | null {
    const end = this.input.indexOf('`', this.pos);
    if (end < 0) return this.errorf('unterminated raw quoted string');
    this.pos = end + 1;
    this.emit('rawString');
    return () => this.lexInsideAction();
  }
}

type State = () => State | null;

const DECIMAL_DIGITS = '0123456789_';
const HEX_DIGITS = '0123456789abcdefABCDEF_';

/** `{{- ` needs the marker followed by a space character. */
function hasLeftTrimMarker(afterDelim: string): boolean {
  return afterDelim.length >= 2 && afterDelim[0] === TRIM && isSpace(afterDelim[1]);
}

/** ` -}}`: a space character then the marker. */
function hasRightTrimMarker(s: string): boolean {
  return s.length >= 2 && isSpace(s[0]) && s[1] === TRIM;
}

function rightTrimLength(s: string): number {
  let n = 0;
  while (n < s.length && isSpace(s[s.length - 1 - n])) n++;
  return n;
}

function leftTrimLength(s: string, from: number): number {
  let n = 0;
  while (from + n < s.length && isSpace(s[from + n])) n++;
  return n;
}

/** Go's `%#U` of a rune: `U+002D '-'`. */
export function goRuneName(r: string | undefined): string {
  if (r === undefined) return 'U+FFFFFFFF';
  const cp = r.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{C}\p{Z}]$/u.test(r) && r !== ' ' ? hex : `${hex} '${r}'`;
}
