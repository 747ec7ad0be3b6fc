/**
 * gjson's `Result`: a value found in JSON text, with gjson's conversions (`String`,
 * `Float`, `Bool`, `Value`, `Array`) and its lenient `Parse` / `ForEach` over raw text.
 */
import { formatFloat, GoNumError, parseFloat as goParseFloat } from '../go/strconv';
import { literalEnd, squash, stringEnd, unescape } from './scan';

/** gjson's value types. `JSON` is an object or an array. */
export type GjsonType = 'Null' | 'False' | 'Number' | 'String' | 'True' | 'JSON';

/** A gjson result (see {@link Result} for the conversion rules). */
export interface GjsonResult {
  /** gjson type; a missing value is `Null` with an empty `raw`. */
  readonly type: GjsonType;
  /** Raw JSON text of the value ('' when missing). */
  readonly raw: string;
  /** gjson `Exists()`: false only for a missing value. */
  readonly exists: boolean;
  /** gjson `String()`. */
  string(): string;
  /** gjson `Float()`. */
  float(): number;
  /** gjson `Bool()`. */
  bool(): boolean;
  /** gjson `Value()`; `undefined` for a missing value. */
  value(): unknown;
  /** gjson `Array()`. */
  array(): GjsonResult[];
}

/** The gjson result implementation. `str` is the unescaped text of a string, `num` a number's float64. */
export class Result implements GjsonResult {
  constructor(
    readonly type: GjsonType,
    readonly raw: string,
    readonly str: string = '',
    readonly num: number = 0,
  ) {}

  get exists(): boolean {
    return this.type !== 'Null' || this.raw.length !== 0;
  }

  /** True/false as text, null as '', strings unescaped, objects/arrays as raw text, numbers per {@link numberText}. */
  string(): string {
    switch (this.type) {
      case 'False':
        return 'false';
      case 'True':
        return 'true';
      case 'Number':
        return numberText(this.raw, this.num);
      case 'String':
        return this.str;
      case 'JSON':
        return this.raw;
      default:
        return '';
    }
  }

  /** Numbers as is; strings through Go `ParseFloat` (failure gives 0); true gives 1; else 0. */
  float(): number {
    switch (this.type) {
      case 'True':
        return 1;
      case 'Number':
        return this.num;
      case 'String':
        return goFloatOrZero(this.str);
      default:
        return 0;
    }
  }

  /** True; numbers other than 0; strings `1`, `t`, `true` in any case. */
  bool(): boolean {
    switch (this.type) {
      case 'True':
        return true;
      case 'Number':
        return this.num !== 0;
      case 'String': {
        const lower = this.str.toLowerCase();
        return lower === '1' || lower === 't' || lower === 'true';
      }
      default:
        return false;
    }
  }

  /** Plain JS data; numbers are float64; duplicate object keys: the first wins. */
  value(): unknown {
    switch (this.type) {
      case 'String':
        return this.str;
      case 'Number':
        return this.num;
      case 'True':
        return true;
      case 'False':
        return false;
      case 'JSON':
        return containerValue(this.raw);
      default:
        return this.exists ? null : undefined;
    }
  }

  /** The elements of an array; a missing value or null gives []; any other value gives [itself]. */
  array(): Result[] {
    if (this.type === 'Null') return [];
    if (!this.isArray()) return [this];
    return containerElements(this.raw, 0x5b);
  }

  isArray(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(0) === 0x5b;
  }

  isObject(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(0) === 0x7b;
  }
}

/** The missing value. */
export const MISSING = new Result('Null', '');

const DIGITS_ONLY = /^-?[0-9]*$/;

/** gjson's number text: the raw text when it is digits with an optional `-`, else the shortest float64 without exponent. */
export function numberText(raw: string, num: number): string {
  if (raw.length > 0 && DIGITS_ONLY.test(raw)) return raw;
  return formatFloat(num, 'f', -1);
}

/** Go `strconv.ParseFloat` with the error ignored, as gjson does: syntax errors give 0, overflow ±Inf. */
export function goFloatOrZero(text: string): number {
  try {
    return goParseFloat(text);
  } catch (error) {
    if (error instanceof GoNumError && error.reason === 'value out of range') {
      return text.startsWith('-') ? -Infinity : Infinity;
    }
    return 0;
  }
}

/** A number token of gjson: raw text up to whitespace, `,`, `]` or `}`. */
function numberToken(text: string): string {
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x2c || c === 0x5d || c === 0x7d) return text.slice(0, i);
  }
  return text;
}

/** A string token at the start of `text` (gjson `tostr`): raw text and unescaped content. */
function stringToken(text: string): Result {
  const end = stringEnd(text, 1);
  if (end >= 0) {
    const raw = text.slice(0, end);
    const inner = raw.slice(1, -1);
    return new Result('String', raw, inner.indexOf('\\') >= 0 ? unescape(inner) : inner);
  }
  // Unterminated: gjson keeps the rest of the text.
  const inner = text.slice(1);
  return new Result('String', text, inner.indexOf('\\') >= 0 ? unescape(inner) : inner);
}

/**
 * gjson `Parse`: the first value of `json`. An object/array takes the whole rest of the
 * text as its raw (gjson does not look for its end); anything unrecognised is missing.
 */
export function parse(json: string): Result {
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return new Result('JSON', json.slice(i));
    if (c <= 0x20) continue;
    const rest = json.slice(i);
    switch (json[i]) {
      case 'n':
        if (i + 1 < json.length && json[i + 1] !== 'u') return numberResult(numberToken(rest));
        return new Result('Null', rest.slice(0, literalEnd(rest, 0)));
      case 't':
        return new Result('True', rest.slice(0, literalEnd(rest, 0)));
      case 'f':
        return new Result('False', rest.slice(0, literalEnd(rest, 0)));
      case '"':
        return stringToken(rest);
      default:
        if (isNumberStart(c)) return numberResult(numberToken(rest));
        return MISSING;
    }
  }
  return MISSING;
}

/** A Number result for a raw number token. */
export function numberResult(raw: string): Result {
  return new Result('Number', raw, '', goFloatOrZero(raw));
}

/** Characters gjson takes as the start of a number: `+ - 0-9 i I N`. */
export function isNumberStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x69 || c === 0x49 || c === 0x4e;
}

/**
 * gjson `ForEach`: calls `visit(key, value)` for each member of an object (key is the
 * string result of the key) or element of an array (key undefined); a scalar is visited
 * once as itself. Stops when `visit` returns false or at the first unparsable value.
 */
export function forEach(result: Result, visit: (key: Result | undefined, value: Result) => boolean): void {
  if (!result.exists) return;
  if (result.type !== 'JSON') {
    visit(undefined, result);
    return;
  }
  const json = result.raw;
  let i = 0;
  let isObject = false;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      isObject = c === 0x7b;
      i++;
      break;
    }
    if (c > 0x20) return;
  }
  for (; i < json.length; i++) {
    let key: Result | undefined;
    if (isObject) {
      if (json.charCodeAt(i) !== 0x22) continue;
      const end = stringEnd(json, i + 1);
      if (end < 0) return;
      key = stringToken(json.slice(i, end));
      i = end;
    }
    for (; i < json.length; i++) {
      const c = json.charCodeAt(i);
      if (c <= 0x20 || c === 0x2c || c === 0x3a) continue;
      break;
    }
    const parsed = parseAny(json, i);
    if (parsed === undefined) return;
    i = parsed.end;
    if (!visit(key, parsed.value)) return;
  }
}

/**
 * gjson `parseAny`: the first value at or after `start`, skipping any character that
 * cannot start one. Undefined when none is found or a string is unterminated.
 */
export function parseAny(json: string, start: number): { end: number; value: Result } | undefined {
  for (let i = start; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const raw = squash(json.slice(i));
      return { end: i + raw.length, value: new Result('JSON', raw) };
    }
    if (c <= 0x20) continue;
    if (c === 0x22) {
      const end = stringEnd(json, i + 1);
      if (end < 0) return undefined;
      return { end, value: stringToken(json.slice(i, end)) };
    }
    if (c === 0x6e && !(i + 1 < json.length && json[i + 1] !== 'u')) {
      const end = literalEnd(json, i);
      return { end, value: new Result('Null', json.slice(i, end)) };
    }
    if (c === 0x74 || c === 0x66) {
      const end = literalEnd(json, i);
      return { end, value: new Result(c === 0x74 ? 'True' : 'False', json.slice(i, end)) };
    }
    if (c === 0x6e || isNumberStart(c)) {
      const raw = numberToken(json.slice(i));
      return { end: i + raw.length, value: numberResult(raw) };
    }
  }
  return undefined;
}

/** The element results of a container's raw text (gjson `arrayOrMap`, not valueized). */
function containerElements(raw: string, open: number): Result[] {
  const out: Result[] = [];
  scanContainer(raw, open, (value) => {
    out.push(value);
  });
  return out;
}

/** Plain data for an object/array raw text (gjson `arrayOrMap` valueized). */
function containerValue(raw: string): unknown {
  let isObject = false;
  let opened = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      isObject = c === 0x7b;
      opened = true;
      break;
    }
    if (c > 0x20) break;
  }
  if (!opened) return null;
  if (!isObject) {
    const list: unknown[] = [];
    scanContainer(raw, 0, (value) => {
      list.push(value.value());
    });
    return list;
  }
  const map: Record<string, unknown> = {};
  let key: Result | undefined;
  scanContainer(raw, 0, (value) => {
    if (key === undefined) {
      key = value;
      return;
    }
    const name = key.str;
    key = undefined;
    if (Object.prototype.hasOwnProperty.call(map, name)) return;
    // defineProperty so a "__proto__" key becomes an ordinary own property.
    Object.defineProperty(map, name, { value: value.value(), enumerable: true, writable: true, configurable: true });
  });
  return map;
}

/**
 * Walks the tokens of a container (keys and values alike), as gjson's `arrayOrMap` does.
 * `open` is the required opening bracket, or 0 for whichever comes first.
 */
function scanContainer(raw: string, open: number, visit: (token: Result) => void): void {
  let i = 0;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (open === 0 ? c === 0x7b || c === 0x5b : c === open) {
      i++;
      break;
    }
    if (c > 0x20) return;
  }
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    let token: Result;
    if (c === 0x22) token = stringToken(raw.slice(i));
    else if (c === 0x7b || c === 0x5b) token = new Result('JSON', squash(raw.slice(i)));
    else if (c === 0x6e) token = new Result('Null', raw.slice(i, literalEnd(raw, i)));
    else if (c === 0x74) token = new Result('True', raw.slice(i, literalEnd(raw, i)));
    else if (c === 0x66) token = new Result('False', raw.slice(i, literalEnd(raw, i)));
    else if (isNumberStart(c)) token = numberResult(numberToken(raw.slice(i)));
    else if (c === 0x5d || c === 0x7d) return;
    else continue;
    visit(token);
    i += token.raw.length - 1;
  }
}
