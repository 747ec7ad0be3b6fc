/**
 * Go `encoding/json` for `interface{}` values: Marshal (sorted keys, HTML-safe escaping,
 * Go's float format), MarshalIndent, and Unmarshal with Go's syntax-error texts.
 */
import { formatFloat, quote } from './strconv';
import { formatGoTime } from './time';
import { GoInt, GoMap, GoStringSlice, GoTime, GoValue, isGoMap, sortedKeys } from './values';

/** An error as Go's `encoding/json` reports it (`json: unsupported value: NaN`, syntax errors, ...). */
export class GoJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoJsonError';
  }
}

/** Go `json.Marshal(v)` of an engine value. Throws {@link GoJsonError} for NaN and infinities. */
export function marshalGo(value: unknown): string {
  return encode(value, true);
}

/** Go `json.Marshal` without HTML escaping (what sprig's `toRawJson` uses). */
export function marshalGoNoHtmlEscape(value: unknown): string {
  return encode(value, false);
}

/** Go `json.MarshalIndent(v, prefix, indent)`; empty objects and arrays stay `{}` / `[]`. */
export function marshalIndentGo(value: unknown, prefix: string, indent: string): string {
  return reindent(encode(value, true), prefix, indent);
}

function encode(value: unknown, escapeHtml: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Safe integers print the same in JS and Go; the rest (fractions, -0, huge) go through Go's format.
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : encodeFloat(value);
  if (typeof value === 'string') return encodeString(value, escapeHtml);
  // Plain maps and arrays (decoded JSON) first: they are most values, and no Go type is one.
  if (isGoMap(value)) return encodeMap(value, escapeHtml);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + encode(value[i], escapeHtml);
    return out + ']';
  }
  if (value instanceof GoInt) return value.value.toString();
  if (value instanceof GoStringSlice && value.isNil) return 'null';
  if (value instanceof GoStringSlice) return '[' + value.items.map((s) => encodeString(s, escapeHtml)).join(',') + ']';
  if (value instanceof GoTime) return encodeString(formatGoTime(value, '2006-01-02T15:04:05.999999999Z07:00'), escapeHtml);
  throw new GoJsonError(`json: unsupported type: ${typeof value}`);
}

function encodeMap(value: GoMap, escapeHtml: boolean): string {
  const keys = goOrderKeys(value);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    out += (i === 0 ? '' : ',') + encodeString(keys[i], escapeHtml) + ':' + encode(value[keys[i]], escapeHtml);
  }
  return out + '}';
}

/** Characters where UTF-16 order and Go's byte order can differ (surrogates vs U+E000-U+FFFF). */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The keys in Go's (UTF-8 byte) order. The default sort (UTF-16 code units) is the same order
 * when no key holds a surrogate, which is nearly always; otherwise the exact comparison is used.
 */
function goOrderKeys(m: GoMap): string[] {
  const keys = Object.keys(m);
  // One test over all keys is cheaper than one per key.
  if (SURROGATE.test(keys.join(''))) return sortedKeys(m);
  return keys.sort();
}

/** encoding/json's float64 format: 'f' unless |x| < 1e-6 or >= 1e21, and `e-07` shortened to `e-7`. */
function encodeFloat(n: number): string {
  if (!Number.isFinite(n)) throw new GoJsonError(`json: unsupported value: ${formatFloat(n, 'g', -1)}`);
  const abs = Math.abs(n);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let text = formatFloat(n, useExp ? 'e' : 'f', -1);
  if (useExp) text = text.replace(/e-0(\d)$/, 'e-$1');
  return text;
}

const HEX = '0123456789abcdef';

/** What JSON.stringify writes differently from Go: HTML characters, U+2028/U+2029, surrogates. */
const GO_SPECIAL_HTML = /[<>&\u2028\u2029\ud800-\udfff]/;
const GO_SPECIAL = /[\u2028\u2029\ud800-\udfff]/;
/** Anything that needs an escape at all; most strings (keys, names, URLs) have none. */
/* eslint-disable no-control-regex -- JSON escapes the control characters U+0000 to U+001F */
const NEEDS_ESCAPE_HTML = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\u2028\u2029\ud800-\udfff]/;
/* eslint-enable no-control-regex */

/** A JSON string as Go writes it: `<>&` and U+2028/U+2029 escaped, invalid UTF-16 as U+FFFD. */
export function encodeString(s: string, escapeHtml = true): string {
  // Without those characters, JSON.stringify escapes exactly as Go does (quote, backslash,
  // \b \f \n \r \t, other controls as lower-case \u00XX), and much faster.
  if (!(escapeHtml ? NEEDS_ESCAPE_HTML : NEEDS_ESCAPE).test(s)) return '"' + s + '"';
  if (!(escapeHtml ? GO_SPECIAL_HTML : GO_SPECIAL).test(s)) return JSON.stringify(s);
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      replacement = c === 0x22 ? '\\"' : c === 0x5c ? '\\\\' : c === 0x08 ? '\\b' : c === 0x0c ? '\\f'
        : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    } else if (escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26)) {
      replacement = '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    } else if (c === 0x2028 || c === 0x2029) {
      replacement = c === 0x2028 ? '\\u2028' : '\\u2029';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\\ufffd';
    }
    if (replacement !== undefined) {
      out += s.slice(start, i) + replacement;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Re-indents compact JSON the way Go's `json.Indent` does. */
function reindent(compact: string, prefix: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let needIndent = false;
  const newline = (): string => '\n' + prefix + indent.repeat(depth);
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    switch (c) {
      case '"': inString = true; out += c; break;
      case '{': case '[': out += c; needIndent = true; break;
      case ',': out += c + newline(); break;
      case ':': out += ': '; break;
      case '}': case ']':
        if (needIndent) {
          needIndent = false;
        } else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

/**
 * encoding/json's limit on nested objects and arrays: its scanner rejects the bracket that
 * opens level 10,001 with `invalid character '[' exceeded max depth` (`maxNestingDepth` and
 * `pushParseState` in src/encoding/json/scanner.go; the same code from Go 1.15 to the Go 1.26
 * Argo Events is built with; error texts confirmed with Go 1.19).
 */
export const GO_JSON_MAX_DEPTH = 10_000;

/** Depth up to which the fast path checks a decoded value recursively (real payloads stay far below). */
const RECURSIVE_CHECK_DEPTH = 1_000;

/**
 * Go `json.Unmarshal(text, &v)` with `v interface{}`: numbers become float64, and errors
 * carry Go's texts (`invalid character 'x' looking for beginning of value`,
 * `unexpected end of JSON input`, `json: cannot unmarshal number 1e400 into Go value of type float64`,
 * `invalid character '[' exceeded max depth`).
 */
export function unmarshalGo(text: string): GoValue {
  // Fast path: JSON.parse agrees with Go on valid JSON whose numbers fit a float64 and whose
  // strings hold no surrogates (Go turns unpaired ones into U+FFFD); everything else,
  // errors included, goes through the Go-faithful parser.
  let fast: unknown;
  try {
    fast = JSON.parse(text);
  } catch {
    fast = undefined;
  }
  if (fast !== undefined) {
    const likeGo = decodesLikeGo(fast, 0);
    if (likeGo === true) return fast as GoValue;
    if (likeGo === DEEP) {
      // Valid JSON nested deeper than the recursive check: without recursion, Go's depth error
      // or the same checks.
      const tooDeep = bracketPastGoDepth(text);
      if (tooDeep !== undefined) throw new GoJsonError(`invalid character '${text[tooDeep]}' exceeded max depth`);
      if (decodesLikeGoIteratively(fast)) return fast as GoValue;
    }
  }
  const parser = new JsonParser(text);
  const value = parser.parseTop();
  if (parser.rangeError) throw new GoJsonError(parser.rangeError);
  return value;
}

/** {@link decodesLikeGo} gave up: the value nests deeper than {@link RECURSIVE_CHECK_DEPTH}. */
const DEEP = 'deep';

/**
 * Whether a JSON.parse result is exactly what Go's decoder returns for the same text; `depth`
 * counts the objects and arrays around `value`.
 */
function decodesLikeGo(value: unknown, depth: number): boolean | typeof DEEP {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return !SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth === RECURSIVE_CHECK_DEPTH) return DEEP;
  let result: boolean | typeof DEEP = true;
  if (Array.isArray(value)) {
    for (const item of value) {
      const itemResult = decodesLikeGo(item, depth + 1);
      if (itemResult === false) return false;
      if (itemResult === DEEP) result = DEEP;
    }
    return result;
  }
  for (const key of Object.keys(value)) {
    if (SURROGATE.test(key)) return false;
    const itemResult = decodesLikeGo((value as Record<string, unknown>)[key], depth + 1);
    if (itemResult === false) return false;
    if (itemResult === DEEP) result = DEEP;
  }
  return result;
}

/** {@link decodesLikeGo} with an explicit stack, for values of any depth. */
function decodesLikeGoIteratively(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'number' && !Number.isFinite(value)) return false;
    if (typeof value === 'string' && SURROGATE.test(value)) return false;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (SURROGATE.test(key)) return false;
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return true;
}

/**
 * In valid JSON, the index of the first `{` or `[` that opens level {@link GO_JSON_MAX_DEPTH} + 1
 * (where Go's scanner stops), or undefined.
 */
function bracketPastGoDepth(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > GO_JSON_MAX_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', '/': '/', '"': '"' };
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

class JsonParser {
  private i = 0;
  rangeError: string | undefined;

  constructor(private readonly s: string) {}

  parseTop(): GoValue {
    this.skipSpace();
    const value = this.value();
    this.skipSpace();
    if (this.i < this.s.length) this.fail('after top-level value');
    return value;
  }

  private skipSpace(): void {
    while (this.i < this.s.length && isSpace(this.s[this.i])) this.i++;
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoJsonError('unexpected end of JSON input');
    throw new GoJsonError(`invalid character ${quoteChar(this.s, this.i)} ${context}`);
  }

  /**
   * A failure inside a literal, number or string escape. At the end of the input Go's scanner
   * (`scanner.eof`) feeds it a space, so `t` gives `invalid character ' ' in literal true
   * (expecting 'r')`, not `unexpected end of JSON input`.
   */
  private failInToken(context: string): never {
    if (this.i >= this.s.length) throw new GoJsonError(`invalid character ' ' ${context}`);
    return this.fail(context);
  }

  private value(): GoValue {
    const c = this.s[this.i];
    switch (c) {
      case '{': return this.object();
      case '[': return this.array();
      case '"': return this.string();
      case 't': return this.literal('true', true);
      case 'f': return this.literal('false', false);
      case 'n': return this.literal('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.fail('looking for beginning of value');
    }
  }

  private literal<T extends GoValue>(word: string, value: T): T {
    for (let k = 1; k < word.length; k++) {
      this.i++;
      if (this.s[this.i] !== word[k]) this.failInToken(`in literal ${word} (expecting ${quoteChar(word, k)})`);
    }
    this.i++;
    return value;
  }

  private object(): GoMap {
    const obj: GoMap = {};
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.skipSpace();
      const v = this.value();
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      this.skipSpace();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        this.skipSpace();
        continue;
      }
      if (c === '}') {
        this.i++;
        return obj;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): GoValue[] {
    const arr: GoValue[] = [];
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      this.skipSpace();
      arr.push(this.value());
      this.skipSpace();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return arr;
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    this.i++;
    let out = '';
    let start = this.i;
    for (;;) {
      if (this.i >= this.s.length) this.fail('in string literal');
      const code = this.s.charCodeAt(this.i);
      if (code === 0x22) {
        out += this.s.slice(start, this.i);
        this.i++;
        return toWellFormed(out);
      }
      if (code < 0x20) this.fail('in string literal');
      if (code !== 0x5c) {
        this.i++;
        continue;
      }
      out += this.s.slice(start, this.i);
      this.i++;
      const e = this.s[this.i];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        this.i++;
      } else if (e === 'u') {
        this.i++;
        for (let k = 0; k < 4; k++) {
          if (!/[0-9a-fA-F]/.test(this.s[this.i + k] ?? '')) {
            this.i += k;
            this.failInToken('in \\u hexadecimal character escape');
          }
        }
        out += String.fromCharCode(Number.parseInt(this.s.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else {
        this.failInToken('in string escape code');
      }
      start = this.i;
    }
  }

  private number(): number {
    const start = this.i;
    const digit = (): boolean => this.s[this.i] >= '0' && this.s[this.i] <= '9';
    if (this.s[this.i] === '-') {
      this.i++;
      if (!digit()) this.failInToken('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else while (digit()) this.i++;
    if (this.s[this.i] === '.') {
      this.i++;
      if (!digit()) this.failInToken('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!digit()) this.failInToken('in exponent of numeric literal');
      while (digit()) this.i++;
    }
    const text = this.s.slice(start, this.i);
    const n = Number(text);
    if (!Number.isFinite(n)) {
      this.rangeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return 0;
    }
    return n;
  }
}

/** Go decodes unpaired surrogates (from `\ud800` escapes) to U+FFFD. */
function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Go's `quoteChar` of the byte at `i` (non-ASCII text is shown by its first UTF-8 byte). */
function quoteChar(s: string, i: number): string {
  const c = s[i];
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const byte = Buffer.from(String.fromCodePoint(s.codePointAt(i)!), 'utf8')[0];
  return `'${quote(String.fromCharCode(byte)).slice(1, -1)}'`;
}
