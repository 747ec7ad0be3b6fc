/**
 * yaml.v2's syntax errors for YAML event data, worded and positioned as yaml.v2 v2.4.0 reports
 * them (`yaml: line 2: did not find expected key`). yaml.v2 is a Go port of libyaml; this module
 * follows its reader checks (readerc.go), scanner (scannerc.go) and parser state machine
 * (parserc.go) far enough to find the first problem, producing no values: the values come from
 * yaml-data.ts. The scanner and parser are pulled as yaml.v2's `Unmarshal` pulls them (decode.go):
 * up to the end of the first document only.
 *
 * The text is composed by decode.go `(*parser).fail`: the problem alone, prefixed by
 * `line N: ` where N is the problem mark's 0-based line (plus one for a scanner error), or when
 * that is 0 the context mark's 0-based line, and nothing when both are 0.
 */

/** A position as libyaml keeps it: characters read, 0-based line and column. */
interface Mark {
  readonly index: number;
  readonly line: number;
  readonly column: number;
}

type TokenType =
  | 'STREAM_START' | 'STREAM_END' | 'VERSION_DIRECTIVE' | 'TAG_DIRECTIVE' | 'DOCUMENT_START' | 'DOCUMENT_END'
  | 'BLOCK_SEQUENCE_START' | 'BLOCK_MAPPING_START' | 'BLOCK_END' | 'FLOW_SEQUENCE_START' | 'FLOW_SEQUENCE_END'
  | 'FLOW_MAPPING_START' | 'FLOW_MAPPING_END' | 'BLOCK_ENTRY' | 'FLOW_ENTRY' | 'KEY' | 'VALUE' | 'ALIAS' | 'ANCHOR'
  | 'TAG' | 'SCALAR';

interface Token {
  readonly type: TokenType;
  readonly start: Mark;
  readonly end: Mark;
  /** TAG: the handle; TAG_DIRECTIVE: the handle. */
  readonly handle?: string;
  /** SCALAR: whether it is plain (the parser's implicit tag rule). */
  readonly plain?: boolean;
  /** VERSION_DIRECTIVE */
  readonly major?: number;
  readonly minor?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** The first problem, as yaml.v2 records it; thrown to unwind the scanner and parser. */
class Problem {
  constructor(
    readonly kind: 'reader' | 'scanner' | 'parser',
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark: Mark,
  ) {}
}

const ZERO_MARK: Mark = { index: 0, line: 0, column: 0 };
const NUL = '\0';

const isBreak = (c: string): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isZ = (c: string): boolean => c === NUL;
const isBreakZ = (c: string): boolean => isBreak(c) || isZ(c);
const isBlankZ = (c: string): boolean => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string): boolean => /^[0-9A-Za-z_-]$/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => /^[0-9A-Fa-f]$/.test(c);
const URI_CHARS = new Set(";/?:@&=+$,.!~*'()[]%");

/** readerc.go: the characters YAML allows in a stream. */
function allowed(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0x7e) || code === 0x85
    || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class Scanner {
  private readonly chars: string[];
  private pos = 0;
  private mark: Mark = ZERO_MARK;
  private readonly tokens: Token[] = [];
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByToken = new Map<number, number>();
  private flowLevel = 0;

  constructor(chars: string[]) {
    this.chars = chars;
  }

  // --- the buffer ----------------------------------------------------------------------------

  private at(offset = 0): string {
    return this.chars[this.pos + offset] ?? NUL;
  }

  private skip(): void {
    this.pos++;
    this.mark = { index: this.mark.index + 1, line: this.mark.line, column: this.mark.column + 1 };
  }

  /** skip_line / read_line: a CR LF pair counts as two characters and one line. */
  private skipLine(): void {
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.pos += 2;
      this.mark = { index: this.mark.index + 2, line: this.mark.line + 1, column: 0 };
    } else if (isBreak(this.at())) {
      this.pos++;
      this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
    }
  }

  private fail(context: Mark, problem: string): never {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- unwinds to parse(), which turns it into yaml.v2's error text
    throw new Problem('scanner', problem, this.mark, context);
  }

  // --- the token queue (peek_token / skip_token) ---------------------------------------------

  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[0];
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.tokens.shift();
  }

  private insert(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(pos, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokens.length > 0) {
        const index = this.simpleKeysByToken.get(this.tokensParsed);
        if (index === undefined || !this.simpleKeyIsValid(this.simpleKeys[index])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.indent = -1;
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: ZERO_MARK });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      this.insert(-1, { type: 'STREAM_START', start: this.mark, end: this.mark });
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    const c = this.at();
    if (isZ(c)) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === '%') return this.fetchDirective();
    if (this.mark.column === 0 && c === '-' && this.at(1) === '-' && this.at(2) === '-' && isBlankZ(this.at(3))) {
      return this.fetchDocumentIndicator('DOCUMENT_START');
    }
    if (this.mark.column === 0 && c === '.' && this.at(1) === '.' && this.at(2) === '.' && isBlankZ(this.at(3))) {
      return this.fetchDocumentIndicator('DOCUMENT_END');
    }
    if (c === '[') return this.fetchFlowCollectionStart('FLOW_SEQUENCE_START');
    if (c === '{') return this.fetchFlowCollectionStart('FLOW_MAPPING_START');
    if (c === ']') return this.fetchFlowCollectionEnd('FLOW_SEQUENCE_END');
    if (c === '}') return this.fetchFlowCollectionEnd('FLOW_MAPPING_END');
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && isBlankZ(this.at(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(this.at(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(this.at(1)))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor('ALIAS');
    if (c === '&') return this.fetchAnchor('ANCHOR');
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    if (!(isBlankZ(c) || '-?:,[]{}#&*!|>\'"%@`'.includes(c))
      || (c === '-' && !isBlank(this.at(1)))
      || (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(this.at(1)))) {
      return this.fetchPlainScalar();
    }
    this.fail(this.mark, 'found character that cannot start any token');
  }

  // --- simple keys and indentation -----------------------------------------------------------

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.fail(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + this.tokens.length, mark: this.mark };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key.possible) return;
    if (key.required) this.fail(key.mark, "could not find expected ':'");
    key.possible = false;
    this.simpleKeysByToken.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + this.tokens.length, mark: this.mark });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.fail(this.mark, 'exceeded max depth of 10000');
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const last = this.simpleKeys.pop() as SimpleKey;
    this.simpleKeysByToken.delete(last.tokenNumber);
  }

  private rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > 10000) this.fail(this.mark, 'exceeded max depth of 10000');
    this.insert(number > -1 ? number - this.tokensParsed : -1, { type, start: mark, end: mark });
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, { type: 'BLOCK_END', start: this.mark, end: this.mark });
      this.indent = this.indents.pop() as number;
    }
  }

  // --- fetchers ------------------------------------------------------------------------------

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) this.mark = { index: this.mark.index, line: this.mark.line + 1, column: 0 };
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, { type: 'STREAM_END', start: this.mark, end: this.mark });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.skip();
    this.skip();
    this.skip();
    this.insert(-1, { type, start, end: this.mark });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.fetchIndicator(type);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.fetchIndicator(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator('FLOW_ENTRY');
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_SEQUENCE_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator('BLOCK_ENTRY');
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.fetchIndicator('KEY');
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      this.insert(key.tokenNumber - this.tokensParsed, { type: 'KEY', start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK_MAPPING_START', key.mark);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail(this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.fetchIndicator('VALUE');
  }

  private fetchIndicator(type: TokenType): void {
    const start = this.mark;
    this.skip();
    this.insert(-1, { type, start, end: this.mark });
  }

  private fetchAnchor(type: 'ALIAS' | 'ANCHOR'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanTag());
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insert(-1, this.scanBlockScalar());
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanPlainScalar());
  }

  // --- scanners ------------------------------------------------------------------------------

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.at() === '\uFEFF') this.skip();
      while (this.at() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === '\t')) this.skip();
      if (this.at() === '#') while (!isBreakZ(this.at())) this.skip();
      if (!isBreak(this.at())) break;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  private skipBlanksAndComment(): void {
    while (isBlank(this.at())) this.skip();
    if (this.at() === '#') while (!isBreakZ(this.at())) this.skip();
  }

  private scanDirective(): Token {
    const start = this.mark;
    this.skip();
    let name = '';
    while (isAlpha(this.at())) {
      name += this.at();
      this.skip();
    }
    if (name === '') this.fail(start, 'could not find expected directive name');
    if (!isBlankZ(this.at())) this.fail(start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name === 'YAML') {
      while (isBlank(this.at())) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.at() !== '.') this.fail(start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { type: 'VERSION_DIRECTIVE', start, end: this.mark, major, minor };
    } else if (name === 'TAG') {
      while (isBlank(this.at())) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.at())) this.fail(start, 'did not find expected whitespace');
      while (isBlank(this.at())) this.skip();
      this.scanTagUri('', start);
      if (!isBlankZ(this.at())) this.fail(start, 'did not find expected whitespace or line break');
      token = { type: 'TAG_DIRECTIVE', start, end: this.mark, handle };
    } else {
      this.fail(start, 'found unknown directive name');
    }
    this.skipBlanksAndComment();
    if (!isBreakZ(this.at())) this.fail(start, 'did not find expected comment or line break');
    if (isBreak(this.at())) this.skipLine();
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.at())) {
      length++;
      if (length > 2) this.fail(start, 'found extremely long version number');
      value = value * 10 + Number(this.at());
      this.skip();
    }
    if (length === 0) this.fail(start, 'did not find expected version number');
    return value;
  }

  private scanAnchor(type: 'ALIAS' | 'ANCHOR'): Token {
    const start = this.mark;
    this.skip();
    let length = 0;
    while (isAlpha(this.at())) {
      length++;
      this.skip();
    }
    const end = this.mark;
    if (length === 0 || !(isBlankZ(this.at()) || '?:,]}%@`'.includes(this.at()))) {
      this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end };
  }

  private scanTag(): Token {
    const start = this.mark;
    let handle: string;
    if (this.at(1) === '<') {
      this.skip();
      this.skip();
      this.scanTagUri('', start);
      if (this.at() !== '>') this.fail(start, "did not find the expected '>'");
      this.skip();
      handle = '';
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === '!' && handle.length > 1 && handle[handle.length - 1] === '!') {
        this.scanTagUri('', start);
      } else {
        const suffix = this.scanTagUri(handle, start);
        // `!foo` is the handle `!` with the suffix `foo`; a lone `!` has an empty handle.
        handle = suffix === '' ? '' : '!';
      }
    }
    if (!isBlankZ(this.at())) this.fail(start, 'did not find expected whitespace or line break');
    return { type: 'TAG', start, end: this.mark, handle };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== '!') this.fail(start, "did not find expected '!'");
    let handle = '!';
    this.skip();
    while (isAlpha(this.at())) {
      handle += this.at();
      this.skip();
    }
    if (this.at() === '!') {
      handle += '!';
      this.skip();
    } else if (directive && handle !== '!') {
      this.fail(start, "did not find expected '!'");
    }
    return handle;
  }

  /** The URI characters read (the head's text after its `!` included), possibly empty. */
  private scanTagUri(head: string, start: Mark): string {
    let uri = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    while (isAlpha(this.at()) || URI_CHARS.has(this.at())) {
      if (this.at() === '%') uri += this.scanUriEscapes(start);
      else {
        uri += this.at();
        this.skip();
      }
      hasTag = true;
    }
    if (!hasTag) this.fail(start, 'did not find expected tag URI');
    return uri;
  }

  private scanUriEscapes(start: Mark): string {
    let width = 1024;
    let text = '';
    while (width > 0) {
      if (!(this.at() === '%' && isHex(this.at(1)) && isHex(this.at(2)))) this.fail(start, 'did not find URI escaped octet');
      const octet = parseInt(this.at(1) + this.at(2), 16);
      if (width === 1024) {
        width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) this.fail(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
      }
      text += this.at() + this.at(1) + this.at(2);
      this.skip();
      this.skip();
      this.skip();
      width--;
    }
    return text;
  }

  private scanBlockScalar(): Token {
    const start = this.mark;
    this.skip();
    let increment = 0;
    const indicator = (): void => {
      if (this.at() === '0') this.fail(start, 'found an indentation indicator equal to 0');
      increment = Number(this.at());
      this.skip();
    };
    if (this.at() === '+' || this.at() === '-') {
      this.skip();
      if (isDigit(this.at())) indicator();
    } else if (isDigit(this.at())) {
      indicator();
      if (this.at() === '+' || this.at() === '-') this.skip();
    }
    this.skipBlanksAndComment();
    if (!isBreakZ(this.at())) this.fail(start, 'did not find expected comment or line break');
    if (isBreak(this.at())) this.skipLine();
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.scanBlockScalarBreaks(indent, start);
    while (this.mark.column === indent && !isZ(this.at())) {
      while (!isBreakZ(this.at())) this.skip();
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
    return { type: 'SCALAR', start, end: this.mark, plain: false };
  }

  private scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.mark.column < indent) && this.at() === ' ') this.skip();
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && this.at() === '\t') {
        this.fail(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.at())) break;
      this.skipLine();
    }
    if (indent === 0) indent = Math.max(maxIndent, this.indent + 1, 1);
    return indent;
  }

  private documentIndicatorAhead(): boolean {
    return this.mark.column === 0
      && ((this.at() === '-' && this.at(1) === '-' && this.at(2) === '-') || (this.at() === '.' && this.at(1) === '.' && this.at(2) === '.'))
      && isBlankZ(this.at(3));
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark;
    this.skip();
    for (;;) {
      if (this.documentIndicatorAhead()) this.fail(start, 'found unexpected document indicator');
      if (isZ(this.at())) this.fail(start, 'found unexpected end of stream');
      while (!isBlankZ(this.at())) {
        const c = this.at();
        if (single && c === "'" && this.at(1) === "'") {
          this.skip();
          this.skip();
        } else if (single && c === "'") {
          break;
        } else if (!single && c === '"') {
          break;
        } else if (!single && c === '\\' && isBreak(this.at(1))) {
          this.skip();
          this.skipLine();
          break;
        } else if (!single && c === '\\') {
          const codeLength = this.escapeLength(this.at(1), start);
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.at(k))) this.fail(start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(this.at(k), 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.fail(start, 'found invalid Unicode character escape code');
            }
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          this.skip();
        }
      }
      if (this.at() === (single ? "'" : '"')) break;
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    return { type: 'SCALAR', start, end: this.mark, plain: false };
  }

  /** The number of hex digits an escape takes (0 for a one-character escape). */
  private escapeLength(c: string, start: Mark): number {
    if ('0abt\tnvfre "\'\\N_LP'.includes(c)) return 0;
    if (c === 'x') return 2;
    if (c === 'u') return 4;
    if (c === 'U') return 8;
    // yaml.v2 words this one with "while parsing", the rest with "while scanning"; only the problem is shown.
    return this.fail(start, 'found unknown escape character');
  }

  private scanPlainScalar(): Token {
    const indent = this.indent + 1;
    const start = this.mark;
    let end = this.mark;
    let leadingBlanks = false;
    for (;;) {
      if (this.documentIndicatorAhead()) break;
      if (this.at() === '#') break;
      while (!isBlankZ(this.at())) {
        const c = this.at();
        if ((c === ':' && isBlankZ(this.at(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        leadingBlanks = false;
        this.skip();
        end = this.mark;
      }
      if (!(isBlank(this.at()) || isBreak(this.at()))) break;
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) {
          if (leadingBlanks && this.mark.column < indent && this.at() === '\t') {
            this.fail(start, 'found a tab character that violates indentation');
          }
          this.skip();
        } else {
          this.skipLine();
          leadingBlanks = true;
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: 'SCALAR', start, end, plain: true };
  }
}

type State =
  | 'STREAM_START' | 'IMPLICIT_DOCUMENT_START' | 'DOCUMENT_START' | 'DOCUMENT_CONTENT' | 'DOCUMENT_END'
  | 'BLOCK_NODE' | 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE' | 'FLOW_NODE' | 'BLOCK_SEQUENCE_FIRST_ENTRY'
  | 'BLOCK_SEQUENCE_ENTRY' | 'INDENTLESS_SEQUENCE_ENTRY' | 'BLOCK_MAPPING_FIRST_KEY' | 'BLOCK_MAPPING_KEY'
  | 'BLOCK_MAPPING_VALUE' | 'FLOW_SEQUENCE_FIRST_ENTRY' | 'FLOW_SEQUENCE_ENTRY' | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE' | 'FLOW_SEQUENCE_ENTRY_MAPPING_END' | 'FLOW_MAPPING_FIRST_KEY'
  | 'FLOW_MAPPING_KEY' | 'FLOW_MAPPING_VALUE' | 'FLOW_MAPPING_EMPTY_VALUE' | 'END';

/** The events decode.go tells apart; the rest only need to be produced. */
type Event = 'STREAM_START' | 'STREAM_END' | 'DOCUMENT_START' | 'DOCUMENT_END' | 'OTHER';

/** parserc.go's state machine, producing event kinds only. */
class Parser {
  private state: State = 'STREAM_START';
  private readonly states: State[] = [];
  private readonly marks: Mark[] = [];
  private tagHandles: string[] = [];

  constructor(private readonly scanner: Scanner) {}

  private fail(problem: string, problemMark: Mark, contextMark: Mark = ZERO_MARK): never {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- unwinds to parse(), which turns it into yaml.v2's error text
    throw new Problem('parser', problem, problemMark, contextMark);
  }

  private pop(): void {
    this.state = this.states.pop() as State;
  }

  next(): Event {
    const s = this.scanner;
    switch (this.state) {
      case 'STREAM_START': {
        const token = s.peek();
        if (token.type !== 'STREAM_START') this.fail('did not find expected <stream-start>', token.start);
        this.state = 'IMPLICIT_DOCUMENT_START';
        s.skipToken();
        return 'STREAM_START';
      }
      case 'IMPLICIT_DOCUMENT_START':
      case 'DOCUMENT_START':
        return this.documentStart(this.state === 'IMPLICIT_DOCUMENT_START');
      case 'DOCUMENT_CONTENT': {
        const token = s.peek();
        if (['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'DOCUMENT_END', 'STREAM_END'].includes(token.type)) {
          this.pop();
          return 'OTHER';
        }
        return this.node(true, false);
      }
      case 'DOCUMENT_END': {
        const token = s.peek();
        if (token.type === 'DOCUMENT_END') s.skipToken();
        this.tagHandles = [];
        this.state = 'DOCUMENT_START';
        return 'DOCUMENT_END';
      }
      case 'BLOCK_NODE':
        return this.node(true, false);
      case 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE':
        return this.node(true, true);
      case 'FLOW_NODE':
        return this.node(false, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY':
      case 'BLOCK_SEQUENCE_ENTRY':
        return this.blockSequenceEntry(this.state === 'BLOCK_SEQUENCE_FIRST_ENTRY');
      case 'INDENTLESS_SEQUENCE_ENTRY':
        return this.indentlessSequenceEntry();
      case 'BLOCK_MAPPING_FIRST_KEY':
      case 'BLOCK_MAPPING_KEY':
        return this.blockMappingKey(this.state === 'BLOCK_MAPPING_FIRST_KEY');
      case 'BLOCK_MAPPING_VALUE':
        return this.blockMappingValue();
      case 'FLOW_SEQUENCE_FIRST_ENTRY':
      case 'FLOW_SEQUENCE_ENTRY':
        return this.flowSequenceEntry(this.state === 'FLOW_SEQUENCE_FIRST_ENTRY');
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY': {
        const token = s.peek();
        if (token.type !== 'VALUE' && token.type !== 'FLOW_ENTRY' && token.type !== 'FLOW_SEQUENCE_END') {
          this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
          return this.node(false, false);
        }
        s.skipToken();
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
        return 'OTHER';
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE': {
        const token = s.peek();
        if (token.type === 'VALUE') {
          s.skipToken();
          const next = s.peek();
          if (next.type !== 'FLOW_ENTRY' && next.type !== 'FLOW_SEQUENCE_END') {
            this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
            return this.node(false, false);
          }
        }
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
        return 'OTHER';
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END':
        s.peek();
        this.state = 'FLOW_SEQUENCE_ENTRY';
        return 'OTHER';
      case 'FLOW_MAPPING_FIRST_KEY':
      case 'FLOW_MAPPING_KEY':
        return this.flowMappingKey(this.state === 'FLOW_MAPPING_FIRST_KEY');
      case 'FLOW_MAPPING_VALUE':
      case 'FLOW_MAPPING_EMPTY_VALUE':
        return this.flowMappingValue(this.state === 'FLOW_MAPPING_EMPTY_VALUE');
      case 'END':
        return 'STREAM_END';
    }
  }

  private documentStart(implicit: boolean): Event {
    const s = this.scanner;
    let token = s.peek();
    if (!implicit) {
      while (token.type === 'DOCUMENT_END') {
        s.skipToken();
        token = s.peek();
      }
    }
    if (implicit && !['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'STREAM_END'].includes(token.type)) {
      this.processDirectives();
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return 'DOCUMENT_START';
    }
    if (token.type !== 'STREAM_END') {
      this.processDirectives();
      token = s.peek();
      if (token.type !== 'DOCUMENT_START') this.fail('did not find expected <document start>', token.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      s.skipToken();
      return 'DOCUMENT_START';
    }
    this.state = 'END';
    s.skipToken();
    return 'STREAM_END';
  }

  private processDirectives(): void {
    const s = this.scanner;
    let token = s.peek();
    let version = false;
    while (token.type === 'VERSION_DIRECTIVE' || token.type === 'TAG_DIRECTIVE') {
      if (token.type === 'VERSION_DIRECTIVE') {
        if (version) this.fail('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token.start);
        version = true;
      } else {
        const handle = token.handle as string;
        if (this.tagHandles.includes(handle)) this.fail('found duplicate %TAG directive', token.start);
        this.tagHandles.push(handle);
      }
      s.skipToken();
      token = s.peek();
    }
    for (const handle of ['!', '!!']) if (!this.tagHandles.includes(handle)) this.tagHandles.push(handle);
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    const s = this.scanner;
    let token = s.peek();
    if (token.type === 'ALIAS') {
      this.pop();
      s.skipToken();
      return 'OTHER';
    }
    let start = token.start;
    let tagHandle: string | undefined;
    let tagMark = ZERO_MARK;
    let anchor = false;
    if (token.type === 'ANCHOR') {
      anchor = true;
      s.skipToken();
      token = s.peek();
      if (token.type === 'TAG') {
        tagHandle = token.handle;
        tagMark = token.start;
        s.skipToken();
        token = s.peek();
      }
    } else if (token.type === 'TAG') {
      tagHandle = token.handle;
      start = token.start;
      tagMark = token.start;
      s.skipToken();
      token = s.peek();
      if (token.type === 'ANCHOR') {
        anchor = true;
        s.skipToken();
        token = s.peek();
      }
    }
    if (tagHandle !== undefined && tagHandle !== '' && !this.tagHandles.includes(tagHandle)) {
      this.fail('found undefined tag handle', tagMark, start);
    }
    if (indentlessSequence && token.type === 'BLOCK_ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return 'OTHER';
    }
    switch (token.type) {
      case 'SCALAR':
        this.pop();
        s.skipToken();
        return 'OTHER';
      case 'FLOW_SEQUENCE_START':
        this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
        return 'OTHER';
      case 'FLOW_MAPPING_START':
        this.state = 'FLOW_MAPPING_FIRST_KEY';
        return 'OTHER';
      default:
    }
    if (block && token.type === 'BLOCK_SEQUENCE_START') {
      this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
      return 'OTHER';
    }
    if (block && token.type === 'BLOCK_MAPPING_START') {
      this.state = 'BLOCK_MAPPING_FIRST_KEY';
      return 'OTHER';
    }
    if (anchor || tagHandle !== undefined) {
      this.pop();
      return 'OTHER';
    }
    return this.fail('did not find expected node content', token.start, start);
  }

  private blockSequenceEntry(first: boolean): Event {
    const s = this.scanner;
    if (first) {
      this.marks.push(s.peek().start);
      s.skipToken();
    }
    let token = s.peek();
    if (token.type === 'BLOCK_ENTRY') {
      s.skipToken();
      token = s.peek();
      if (token.type !== 'BLOCK_ENTRY' && token.type !== 'BLOCK_END') {
        this.states.push('BLOCK_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'BLOCK_SEQUENCE_ENTRY';
      return 'OTHER';
    }
    if (token.type === 'BLOCK_END') {
      this.pop();
      this.marks.pop();
      s.skipToken();
      return 'OTHER';
    }
    return this.fail("did not find expected '-' indicator", token.start, this.marks.pop());
  }

  private indentlessSequenceEntry(): Event {
    const s = this.scanner;
    let token = s.peek();
    if (token.type === 'BLOCK_ENTRY') {
      s.skipToken();
      token = s.peek();
      if (!['BLOCK_ENTRY', 'KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('INDENTLESS_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return 'OTHER';
    }
    this.pop();
    return 'OTHER';
  }

  private blockMappingKey(first: boolean): Event {
    const s = this.scanner;
    if (first) {
      this.marks.push(s.peek().start);
      s.skipToken();
    }
    let token = s.peek();
    if (token.type === 'KEY') {
      s.skipToken();
      token = s.peek();
      if (!['KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('BLOCK_MAPPING_VALUE');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_VALUE';
      return 'OTHER';
    }
    if (token.type === 'BLOCK_END') {
      this.pop();
      this.marks.pop();
      s.skipToken();
      return 'OTHER';
    }
    return this.fail('did not find expected key', token.start, this.marks.pop());
  }

  private blockMappingValue(): Event {
    const s = this.scanner;
    let token = s.peek();
    if (token.type === 'VALUE') {
      s.skipToken();
      token = s.peek();
      if (!['KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('BLOCK_MAPPING_KEY');
        return this.node(true, true);
      }
    }
    this.state = 'BLOCK_MAPPING_KEY';
    return 'OTHER';
  }

  private flowSequenceEntry(first: boolean): Event {
    const s = this.scanner;
    if (first) {
      this.marks.push(s.peek().start);
      s.skipToken();
    }
    let token = s.peek();
    if (token.type !== 'FLOW_SEQUENCE_END') {
      if (!first) {
        if (token.type !== 'FLOW_ENTRY') this.fail("did not find expected ',' or ']'", token.start, this.marks.pop());
        s.skipToken();
        token = s.peek();
      }
      if (token.type === 'KEY') {
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
        s.skipToken();
        return 'OTHER';
      }
      if (token.type !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY');
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    s.skipToken();
    return 'OTHER';
  }

  private flowMappingKey(first: boolean): Event {
    const s = this.scanner;
    if (first) {
      this.marks.push(s.peek().start);
      s.skipToken();
    }
    let token = s.peek();
    if (token.type !== 'FLOW_MAPPING_END') {
      if (!first) {
        if (token.type !== 'FLOW_ENTRY') this.fail("did not find expected ',' or '}'", token.start, this.marks.pop());
        s.skipToken();
        token = s.peek();
      }
      if (token.type === 'KEY') {
        s.skipToken();
        token = s.peek();
        if (token.type !== 'VALUE' && token.type !== 'FLOW_ENTRY' && token.type !== 'FLOW_MAPPING_END') {
          this.states.push('FLOW_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_MAPPING_VALUE';
        return 'OTHER';
      }
      if (token.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_EMPTY_VALUE');
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    s.skipToken();
    return 'OTHER';
  }

  private flowMappingValue(empty: boolean): Event {
    const s = this.scanner;
    let token = s.peek();
    if (empty) {
      this.state = 'FLOW_MAPPING_KEY';
      return 'OTHER';
    }
    if (token.type === 'VALUE') {
      s.skipToken();
      token = s.peek();
      if (token.type !== 'FLOW_ENTRY' && token.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_KEY');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_MAPPING_KEY';
    return 'OTHER';
  }
}

/** decode.go `(*parser).fail`: the message after `yaml: `. */
function message(problem: Problem): string {
  let line = 0;
  if (problem.problemMark.line !== 0) line = problem.problemMark.line + (problem.kind === 'scanner' ? 1 : 0);
  else if (problem.contextMark.line !== 0) line = problem.contextMark.line;
  return (line !== 0 ? `line ${line}: ` : '') + problem.problem;
}

/**
 * The syntax error yaml.v2 v2.4.0 `Unmarshal` reports for `data` (`yaml: line 1: did not find
 * expected ',' or ']'`), or undefined when its first document is well formed.
 *
 * The reader's check of the characters is made on the whole text first: yaml.v2 decodes its input
 * in 512-byte chunks, so for data longer than that a forbidden character after a syntax error in
 * an earlier chunk would be reported by Go after, not before, that syntax error.
 */
export function yamlSyntaxError(data: string): string | undefined {
  // newParser: empty input is read as a single line break.
  const chars = Array.from(data === '' ? '\n' : data);
  for (const c of chars) {
    if (!allowed(c.codePointAt(0) as number)) return 'yaml: control characters are not allowed';
  }
  // determine_encoding: a leading byte order mark is dropped before any mark is counted.
  if (chars[0] === '\uFEFF') chars.shift();
  const parser = new Parser(new Scanner(chars));
  try {
    // decode.go: the stream start, then one document up to its end (or the stream's end).
    parser.next();
    let depth = 0;
    for (;;) {
      const event = parser.next();
      if (event === 'STREAM_END') return undefined;
      if (event === 'DOCUMENT_START') depth++;
      if (event === 'DOCUMENT_END' && depth > 0) return undefined;
    }
  } catch (err) {
    if (err instanceof Problem) return `yaml: ${message(err)}`;
    throw err;
  }
}
