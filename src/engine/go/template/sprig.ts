/**
 * Masterminds sprig v3 functions (as Argo Events registers them with `sprig.FuncMap()`),
 * with sprig's Go signatures and quirks: `b64dec` returns the decode error text, the
 * non-`must` regex functions panic on a bad pattern (`regexMatch` just returns false),
 * `int64`/`float64` go through spf13/cast (unparsable -> 0), `toJson` swallows errors.
 * Sprig functions not implemented here are still known names: using one fails with a
 * clear "not supported by this engine" error instead of Go's "not defined".
 */
import { createHash, randomUUID } from 'crypto';
import { base64Decode, base64Encode, GoBase64Error } from '../base64';
import { sprintf, sprintValue } from '../fmt';
import { marshalGo, marshalGoNoHtmlEscape, marshalIndentGo, unmarshalGo, GoJsonError } from '../json';
import {
  compileGoRegexp, findAllString, findString, GoRegexpError, mustCompileMessage, quoteMeta, replaceAll, splitRegexp,
} from '../regexp';
import { formatGoTime } from '../time';
import { parseFloat as goParseFloat, parseInt as goParseInt, quote } from '../strconv';
import { GoInt, GoMap, GoStringSlice, GoTime, GoValue, MIN_INT64, compareGoStrings, goByteLength, goTypeName, isGoMap } from '../values';
import { GoCallError, GoFunc, UnsupportedFunctionError, fn, variadicFn } from './funcs';
import { isEmpty } from './truth';

/** Clock used by `now` (injectable for deterministic tests). */
export type Clock = () => GoTime;

// ---- conversions (sprig's strval, spf13/cast)

/** sprig's `strval`: strings as is, everything else through `%v`. */
function strval(v: unknown): string {
  return typeof v === 'string' ? v : sprintValue(v);
}

/** sprig's `strslice`: a list of strings from a []string, []interface{} (nils dropped) or one value. */
function strslice(v: unknown): string[] {
  if (v instanceof GoStringSlice) return [...v.items];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** spf13/cast `ToInt64`: numbers truncate, strings parse with base prefixes, failures give 0. */
export function castToInt64(v: unknown): bigint {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') {
    // Go's float->int conversion of NaN/out-of-range values yields MinInt64 on amd64.
    if (!Number.isFinite(v) || v >= 2 ** 63 || v < -(2 ** 63)) return MIN_INT64;
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    try {
      return goParseInt(trimZeroDecimal(v), 0, 64);
    } catch {
      return 0n;
    }
  }
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

/** spf13/cast `ToFloat64`. */
export function castToFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === 'string') {
    try {
      return goParseFloat(v);
    } catch {
      return 0;
    }
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

const int = (n: bigint | number): GoInt => new GoInt(BigInt(n), 'int');
const int64 = (n: bigint): GoInt => new GoInt(BigInt.asIntN(64, n), 'int64');
const asNumber = (v: unknown): number => Number((v as GoInt).value);

// ---- strings (Go's strings package semantics)

/** Maps each code point like Go's unicode.ToUpper/ToLower (no multi-character expansions). */
function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const mapped = f(ch);
    out += Array.from(mapped).length === 1 ? mapped : ch;
  }
  return out;
}

const toUpper = (s: string): string => mapRunes(s, (c) => c.toUpperCase());
const toLower = (s: string): string => mapRunes(s, (c) => c.toLowerCase());

function isTitleSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return /^\s$/u.test(ch);
}

/** Go's (deprecated) `strings.Title`. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? mapRunes(ch, (c) => c.toUpperCase()) : ch;
    prev = ch;
  }
  return out;
}

/** Go's `strings.TrimSpace` (Unicode white space). */
const trimSpace = (s: string): string => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');

function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const runes = Array.from(s);
  let start = 0;
  let end = runes.length;
  while (start < end && set.has(runes[start])) start++;
  while (end > start && set.has(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

/** Go's `strings.Split` (an empty separator splits into characters). */
function splitString(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = Array.from(s);
    if (n > 0 && runes.length > n) return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
    return runes;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

/** Go's `strings.Replace(s, old, new, -1)`. */
function replaceString(s: string, old: string, repl: string): string {
  if (old === '') {
    return repl + Array.from(s).join(repl) + (s === '' ? '' : repl);
  }
  return s.split(old).join(repl);
}

/** Byte-indexed string slicing with Go's panic for bad bounds. */
function sliceBytes(s: string, start: number, end: number | undefined): string {
  const bytes = Buffer.from(s, 'utf8');
  const e = end ?? bytes.length;
  if (e < 0) throw new GoCallError(`runtime error: slice bounds out of range [:${e}]`);
  if (e > bytes.length) throw new GoCallError(`runtime error: slice bounds out of range [:${e}] with length ${bytes.length}`);
  if (start < 0 || start > e) throw new GoCallError(`runtime error: slice bounds out of range [${start}:${e}]`);
  return bytes.subarray(start, e).toString('utf8');
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return sliceBytes(s, 0, end);
  if (end < 0 || end > goByteLength(s)) return sliceBytes(s, start, undefined);
  return sliceBytes(s, start, end);
}

function trunc(c: number, s: string): string {
  const length = goByteLength(s);
  if (c < 0 && length + c > 0) return sliceBytes(s, length + c, undefined);
  if (c >= 0 && length > c) return sliceBytes(s, 0, c);
  return s;
}

// ---- regexp helpers

function mustCompile(expr: string): ReturnType<typeof compileGoRegexp> {
  try {
    return compileGoRegexp(expr);
  } catch (err) {
    if (err instanceof GoRegexpError) throw new GoCallError(mustCompileMessage(expr, err));
    throw err;
  }
}

function compileOrError(expr: string): ReturnType<typeof compileGoRegexp> {
  try {
    return compileGoRegexp(expr);
  } catch (err) {
    if (err instanceof GoRegexpError) throw new GoCallError(err.message);
    throw err;
  }
}

// ---- lists and dicts

/** The items of a slice argument; `errorFormat` is sprig's message with `%s` for the kind. */
function listItems(v: unknown, errorFormat: string): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof GoStringSlice) return v.items;
  if (v === null || v === undefined) throw new GoCallError('runtime error: invalid memory address or nil pointer dereference');
  throw new GoCallError(errorFormat.replace('%s', reflectKind(v)));
}

/** Go's `reflect.Kind` name of a value, as sprig's error messages and `kindOf` show it. */
function reflectKind(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v) || v instanceof GoStringSlice) return 'slice';
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoTime) return 'struct';
  return 'map';
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a instanceof GoInt || b instanceof GoInt) {
    return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  }
  if (a instanceof GoStringSlice || b instanceof GoStringSlice) {
    return a instanceof GoStringSlice && b instanceof GoStringSlice && deepEqual([...a.items], [...b.items]);
  }
  if (a instanceof GoTime || b instanceof GoTime) {
    return a instanceof GoTime && b instanceof GoTime && a.epochMs === b.epochMs && a.extraNanos === b.extraNanos;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isGoMap(a) && isGoMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  if (a === undefined) return b === undefined || b === null;
  if (b === undefined) return a === null;
  return a === b;
}

function listSlice(list: unknown, indices: readonly unknown[]): unknown {
  const items = listSliceItems(list);
  if (items.length === 0) return null;
  const start = indices.length > 0 ? Number(castToInt64(indices[0])) : 0;
  const end = indices.length < 2 ? items.length : Number(castToInt64(indices[1]));
  if (start < 0 || end < start || end > items.length) {
    throw new GoCallError(`reflect: slice index out of range`);
  }
  const sliced = items.slice(start, end);
  return list instanceof GoStringSlice ? new GoStringSlice(sliced as string[]) : sliced;
}

function listSliceItems(list: unknown): readonly unknown[] {
  if (Array.isArray(list)) return list;
  if (list instanceof GoStringSlice) return list.items;
  if (list === null || list === undefined) throw new GoCallError('runtime error: invalid memory address or nil pointer dereference');
  throw new GoCallError(`list should be type of slice or array but ${reflectKind(list)}`);
}

function dict(args: readonly unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = strval(args[i]);
    setKey(out, key, i + 1 >= args.length ? '' : (args[i + 1] as GoValue));
  }
  return out;
}

function setKey(m: GoMap, key: string, value: GoValue): void {
  Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---- dates

/** sprig's `dateInZone` for the zone names this engine knows (UTC; Local = UTC in Argo's containers). */
function dateInZone(layout: string, date: unknown, zone: string, clock: Clock): string {
  let t: GoTime;
  if (date instanceof GoTime) t = date;
  else if (date instanceof GoInt && (date.kind === 'int' || date.kind === 'int64' || date.kind === 'int32')) t = new GoTime(Number(date.value) * 1000);
  else t = clock(); // sprig falls back to time.Now() for any other type (float64 included)
  if (zone !== 'UTC' && zone !== 'Local' && zone !== '' && zone !== 'Etc/UTC') {
    throw new UnsupportedFunctionError(`dateInZone with zone ${JSON.stringify(zone)}`);
  }
  return formatGoTime(t, layout);
}

// ---- the function table

/** Sprig v3 function names this engine does not implement (usable names in Go, so not "undefined"). */
const UNSUPPORTED_SPRIG = [
  'date_in_zone', 'date_modify', 'dateModify', 'mustDateModify', 'ago', 'toDate', 'mustToDate', 'duration', 'durationRound',
  'abbrevboth', 'initials', 'randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'swapcase', 'shuffle', 'snakecase',
  'camelcase', 'kebabcase', 'wrap', 'wrapWith', 'seq', 'randInt', 'add1f', 'addf', 'subf', 'divf', 'mulf', 'maxf', 'minf',
  'env', 'expandenv', 'getHostByName', 'base', 'dir', 'clean', 'ext', 'isAbs', 'osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs',
  'b32enc', 'b32dec', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite', 'pluck', 'deepCopy', 'mustDeepCopy',
  'chunk', 'mustChunk', 'bcrypt', 'htpasswd', 'genPrivateKey', 'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey',
  'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'encryptAES', 'decryptAES',
  'randBytes', 'semver', 'semverCompare', 'urlParse', 'urlJoin', 'typeIsLike', 'untitle', 'mustRegexSplit', 'mustToPrettyJson',
  'mustToRawJson', 'mustFromJson', 'mustAppend', 'mustPush', 'mustPrepend', 'mustFirst', 'mustRest', 'mustLast', 'mustInitial',
  'mustReverse', 'mustUniq', 'mustWithout', 'mustHas', 'mustSlice', 'mustCompact', 'untilStep', 'round',
];

function unsupported(name: string): GoFunc {
  return variadicFn([], 'any', () => {
    throw new UnsupportedFunctionError(name);
  });
}

/** Builds the sprig function map; `clock` drives `now` and date fallbacks. */
export function sprigFuncs(clock: Clock): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  for (const name of UNSUPPORTED_SPRIG) m.set(name, unsupported(name));
  const s = (name: string, f: GoFunc): void => {
    m.set(name, f);
  };

  // strings
  s('hello', fn([], () => 'Hello!'));
  s('b64enc', fn(['string'], ([v]) => base64Encode(v as string)));
  s('b64dec', fn(['string'], ([v]) => {
    try {
      return base64Decode(v as string);
    } catch (err) {
      if (err instanceof GoBase64Error) return err.message;
      throw err;
    }
  }));
  s('lower', fn(['string'], ([v]) => toLower(v as string)));
  s('upper', fn(['string'], ([v]) => toUpper(v as string)));
  s('title', fn(['string'], ([v]) => title(v as string)));
  s('trim', fn(['string'], ([v]) => trimSpace(v as string)));
  s('trimAll', fn(['string', 'string'], ([cut, v]) => trimCutset(v as string, cut as string)));
  s('trimall', fn(['string', 'string'], ([cut, v]) => trimCutset(v as string, cut as string)));
  s('trimPrefix', fn(['string', 'string'], ([p, v]) => ((v as string).startsWith(p as string) ? (v as string).slice((p as string).length) : v)));
  s('trimSuffix', fn(['string', 'string'], ([p, v]) => {
    const str = v as string;
    const suffix = p as string;
    return suffix !== '' && str.endsWith(suffix) ? str.slice(0, str.length - suffix.length) : str;
  }));
  s('nospace', fn(['string'], ([v]) => (v as string).replace(/[\s\u0085]/gu, '')));
  s('replace', fn(['string', 'string', 'string'], ([o, n, v]) => replaceString(v as string, o as string, n as string)));
  s('contains', fn(['string', 'string'], ([sub, v]) => (v as string).includes(sub as string)));
  s('hasPrefix', fn(['string', 'string'], ([p, v]) => (v as string).startsWith(p as string)));
  s('hasSuffix', fn(['string', 'string'], ([p, v]) => (v as string).endsWith(p as string)));
  s('repeat', fn(['int', 'string'], ([c, v]) => {
    const count = asNumber(c);
    if (count < 0) throw new GoCallError('strings: negative Repeat count');
    return (v as string).repeat(count);
  }));
  s('substr', fn(['int', 'int', 'string'], ([a, b, v]) => substr(asNumber(a), asNumber(b), v as string)));
  s('trunc', fn(['int', 'string'], ([c, v]) => trunc(asNumber(c), v as string)));
  s('abbrev', fn(['int', 'string'], ([w, v]) => {
    const width = asNumber(w);
    const str = v as string;
    if (width < 4 || goByteLength(str) <= width) return str;
    return sliceBytes(str, 0, width - 3) + '...';
  }));
  s('indent', fn(['int', 'string'], ([n, v]) => {
    const pad = ' '.repeat(Math.max(0, asNumber(n)));
    return pad + (v as string).split('\n').join('\n' + pad);
  }));
  s('nindent', fn(['int', 'string'], ([n, v]) => {
    const pad = ' '.repeat(Math.max(0, asNumber(n)));
    return '\n' + pad + (v as string).split('\n').join('\n' + pad);
  }));
  s('plural', fn(['string', 'string', 'int'], ([one, many, c]) => (asNumber(c) === 1 ? one : many)));
  s('quote', variadicFn([], 'any', (args) => args.filter((a) => a !== null).map((a) => quote(strval(a))).join(' ')));
  s('squote', variadicFn([], 'any', (args) => args.filter((a) => a !== null).map((a) => `'${sprintValue(a)}'`).join(' ')));
  s('cat', variadicFn([], 'any', (args) => {
    const present = args.filter((a) => a !== null);
    return sprintf(Array(present.length).fill('%v').join(' '), present);
  }));
  s('toString', fn(['any'], ([v]) => strval(v)));
  s('toStrings', fn(['any'], ([v]) => new GoStringSlice(strslice(v))));
  s('splitList', fn(['string', 'string'], ([sep, v]) => new GoStringSlice(splitString(v as string, sep as string))));
  s('split', fn(['string', 'string'], ([sep, v]) => {
    const out: GoMap = {};
    splitString(v as string, sep as string).forEach((part, i) => setKey(out, `_${i}`, part));
    return out;
  }));
  s('splitn', fn(['string', 'int', 'string'], ([sep, n, v]) => {
    const out: GoMap = {};
    splitString(v as string, sep as string, asNumber(n)).forEach((part, i) => setKey(out, `_${i}`, part));
    return out;
  }));
  s('join', fn(['string', 'any'], ([sep, v]) => strslice(v).join(sep as string)));
  s('sortAlpha', fn(['any'], ([v]) => new GoStringSlice(strslice(v).sort(compareGoStrings))));

  // hashes
  s('sha256sum', fn(['string'], ([v]) => createHash('sha256').update(v as string, 'utf8').digest('hex')));
  s('sha1sum', fn(['string'], ([v]) => createHash('sha1').update(v as string, 'utf8').digest('hex')));
  s('adler32sum', fn(['string'], ([v]) => {
    let a = 1;
    let b = 0;
    for (const byte of Buffer.from(v as string, 'utf8')) {
      a = (a + byte) % 65521;
      b = (b + a) % 65521;
    }
    return String(((b << 16) | a) >>> 0);
  }));
  s('uuidv4', fn([], () => randomUUID()));

  // regular expressions (Go RE2 semantics)
  s('regexMatch', fn(['string', 'string'], ([re, v]) => {
    try {
      return compileGoRegexp(re as string).test(v as string);
    } catch (err) {
      if (err instanceof GoRegexpError) return false;
      throw err;
    }
  }));
  s('mustRegexMatch', fn(['string', 'string'], ([re, v]) => compileOrError(re as string).test(v as string)));
  s('regexFind', fn(['string', 'string'], ([re, v]) => findString(mustCompile(re as string), v as string)));
  s('mustRegexFind', fn(['string', 'string'], ([re, v]) => findString(compileOrError(re as string), v as string)));
  const findAll = (compile: typeof mustCompile) => fn(['string', 'string', 'int'], ([re, v, n]) => {
    const found = findAllString(compile(re as string), v as string, asNumber(n));
    return new GoStringSlice(found ?? []);
  });
  s('regexFindAll', findAll(mustCompile));
  s('mustRegexFindAll', findAll(compileOrError));
  const replace = (compile: typeof mustCompile, literal: boolean) => fn(['string', 'string', 'string'], ([re, v, repl]) =>
    replaceAll(compile(re as string), v as string, repl as string, literal));
  s('regexReplaceAll', replace(mustCompile, false));
  s('mustRegexReplaceAll', replace(compileOrError, false));
  s('regexReplaceAllLiteral', replace(mustCompile, true));
  s('mustRegexReplaceAllLiteral', replace(compileOrError, true));
  s('regexSplit', fn(['string', 'string', 'int'], ([re, v, n]) =>
    new GoStringSlice(splitRegexp(mustCompile(re as string), re as string, v as string, asNumber(n)) ?? [])));
  s('regexQuoteMeta', fn(['string'], ([v]) => quoteMeta(v as string)));

  // conversions
  s('int', fn(['any'], ([v]) => int(castToInt64(v))));
  s('int64', fn(['any'], ([v]) => int64(castToInt64(v))));
  s('float64', fn(['any'], ([v]) => castToFloat64(v)));
  s('atoi', fn(['string'], ([v]) => {
    try {
      return int(goParseInt(v as string, 10, 64));
    } catch {
      return int(0);
    }
  }));
  s('toDecimal', fn(['any'], ([v]) => {
    try {
      return int64(goParseInt(strval(v), 8, 64));
    } catch {
      return int64(0n);
    }
  }));

  // JSON
  const jsonOrEmpty = (marshal: (v: unknown) => string) => fn(['any'], ([v]) => {
    try {
      return marshal(v);
    } catch (err) {
      if (err instanceof GoJsonError) return '';
      throw err;
    }
  });
  s('toJson', jsonOrEmpty(marshalGo));
  s('toRawJson', jsonOrEmpty(marshalGoNoHtmlEscape));
  s('toPrettyJson', jsonOrEmpty((v) => marshalIndentGo(v, '', '  ')));
  s('mustToJson', fn(['any'], ([v]) => {
    try {
      return marshalGo(v);
    } catch (err) {
      if (err instanceof GoJsonError) throw new GoCallError(err.message);
      throw err;
    }
  }));
  s('fromJson', fn(['string'], ([v]) => {
    try {
      return unmarshalGo(v as string);
    } catch (err) {
      if (err instanceof GoJsonError) return null;
      throw err;
    }
  }));

  // defaults and flow
  s('default', variadicFn(['any'], 'any', ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0])));
  s('empty', fn(['any'], ([v]) => isEmpty(v)));
  s('coalesce', variadicFn([], 'any', (args) => args.find((a) => !isEmpty(a)) ?? null));
  s('all', variadicFn([], 'any', (args) => args.every((a) => !isEmpty(a))));
  s('any', variadicFn([], 'any', (args) => args.some((a) => !isEmpty(a))));
  s('compact', fn(['any'], ([v]) => listItems(v, 'Cannot compact on type %s').filter((a) => !isEmpty(a))));
  s('ternary', fn(['any', 'any', 'bool'], ([t, f, c]) => (c ? t : f)));
  s('fail', fn(['string'], ([msg]) => {
    throw new GoCallError(msg as string);
  }));

  // reflection
  s('typeOf', fn(['any'], ([v]) => (v === null ? '<nil>' : goTypeName(v))));
  s('typeIs', fn(['string', 'any'], ([t, v]) => t === (v === null ? '<nil>' : goTypeName(v))));
  s('kindOf', fn(['any'], ([v]) => reflectKind(v)));
  s('kindIs', fn(['string', 'any'], ([k, v]) => k === reflectKind(v)));
  s('deepEqual', fn(['any', 'any'], ([a, b]) => deepEqual(a, b)));

  // dicts
  s('dict', variadicFn([], 'any', (args) => dict(args)));
  s('get', fn(['map', 'string'], ([d, k]) => {
    const map = d as GoMap | null;
    return map && Object.prototype.hasOwnProperty.call(map, k as string) ? map[k as string] : '';
  }));
  s('set', fn(['map', 'string', 'any'], ([d, k, v]) => {
    if (d === null) throw new GoCallError('assignment to entry in nil map');
    setKey(d as GoMap, k as string, v as GoValue);
    return d;
  }));
  s('unset', fn(['map', 'string'], ([d, k]) => {
    if (d !== null) delete (d as GoMap)[k as string];
    return d;
  }));
  s('hasKey', fn(['map', 'string'], ([d, k]) => d !== null && Object.prototype.hasOwnProperty.call(d, k as string)));
  // Go map iteration order is unspecified; sorted order is one valid outcome and stays deterministic.
  s('keys', variadicFn([], 'map', (dicts) => new GoStringSlice(dicts.flatMap((d) => (d ? Object.keys(d as GoMap) : [])).sort(compareGoStrings))));
  s('values', fn(['map'], ([d]) => (d ? Object.keys(d as GoMap).sort(compareGoStrings).map((k) => (d as GoMap)[k]) : [])));
  s('pick', variadicFn(['map'], 'string', ([d, ...ks]) => {
    const out: GoMap = {};
    for (const k of ks as string[]) if (d && Object.prototype.hasOwnProperty.call(d, k)) setKey(out, k, (d as GoMap)[k]);
    return out;
  }));
  s('omit', variadicFn(['map'], 'string', ([d, ...ks]) => {
    const out: GoMap = {};
    for (const k of Object.keys((d as GoMap | null) ?? {})) if (!(ks as string[]).includes(k)) setKey(out, k, (d as GoMap)[k]);
    return out;
  }));
  s('dig', variadicFn([], 'any', (args) => {
    if (args.length < 3) throw new GoCallError('reflect: Call with too few input arguments');
    const dictArg = args[args.length - 1];
    if (!isGoMap(dictArg)) throw new GoCallError(`interface conversion: interface {} is ${goTypeName(dictArg)}, not map[string]interface {}`);
    const keys = args.slice(0, -2).map((k) => k as string);
    let current: unknown = dictArg;
    for (const key of keys) {
      if (!isGoMap(current) || !Object.prototype.hasOwnProperty.call(current, key)) return args[args.length - 2];
      current = current[key];
    }
    return current;
  }));

  // lists
  s('list', variadicFn([], 'any', (args) => args));
  s('tuple', variadicFn([], 'any', (args) => args));
  s('first', fn(['any'], ([v]) => {
    const items = listItems(v, 'Cannot find first on type %s');
    return items.length === 0 ? null : items[0];
  }));
  s('last', fn(['any'], ([v]) => {
    const items = listItems(v, 'Cannot find last on type %s');
    return items.length === 0 ? null : items[items.length - 1];
  }));
  s('rest', fn(['any'], ([v]) => {
    const items = listItems(v, 'Cannot find rest on type %s');
    return items.length === 0 ? null : items.slice(1);
  }));
  s('initial', fn(['any'], ([v]) => {
    const items = listItems(v, 'Cannot find initial on type %s');
    return items.length === 0 ? null : items.slice(0, -1);
  }));
  s('append', fn(['any', 'any'], ([l, v]) => [...listItems(l, 'Cannot push on type %s'), v]));
  s('push', fn(['any', 'any'], ([l, v]) => [...listItems(l, 'Cannot push on type %s'), v]));
  s('prepend', fn(['any', 'any'], ([l, v]) => [v, ...listItems(l, 'Cannot prepend on type %s')]));
  s('reverse', fn(['any'], ([l]) => [...listItems(l, 'Cannot find reverse on type %s')].reverse()));
  s('uniq', fn(['any'], ([l]) => listItems(l, 'Cannot find uniq on type %s').filter((x, i, all) => all.findIndex((y) => deepEqual(x, y)) === i)));
  s('without', variadicFn(['any'], 'any', ([l, ...omit]) => listItems(l, 'Cannot find without on type %s').filter((x) => !omit.some((o) => deepEqual(x, o)))));
  s('has', fn(['any', 'any'], ([needle, hay]) => (hay === null ? false : listItems(hay, 'Cannot find has on type %s').some((x) => deepEqual(x, needle)))));
  s('concat', variadicFn([], 'any', (lists) => lists.flatMap((l) => [...listItems(l, 'Cannot concat type %s as list')])));
  s('slice', variadicFn(['any'], 'any', ([l, ...idx]) => listSlice(l, idx)));
  s('until', fn(['int'], ([n]) => {
    const count = asNumber(n);
    return count >= 0 ? Array.from({ length: count }, (_, i) => int(i)) : Array.from({ length: -count }, (_, i) => int(-i));
  }));

  // math (sprig works in int64 via cast)
  s('add1', fn(['any'], ([v]) => int64(castToInt64(v) + 1n)));
  s('add', variadicFn([], 'any', (args) => int64(args.reduce<bigint>((a, b) => a + castToInt64(b), 0n))));
  s('sub', fn(['any', 'any'], ([a, b]) => int64(castToInt64(a) - castToInt64(b))));
  s('mul', variadicFn(['any'], 'any', ([a, ...rest]) => int64(rest.reduce<bigint>((x, y) => x * castToInt64(y), castToInt64(a)))));
  s('div', fn(['any', 'any'], ([a, b]) => {
    const d = castToInt64(b);
    if (d === 0n) throw new GoCallError('runtime error: integer divide by zero');
    return int64(castToInt64(a) / d);
  }));
  s('mod', fn(['any', 'any'], ([a, b]) => {
    const d = castToInt64(b);
    if (d === 0n) throw new GoCallError('runtime error: integer divide by zero');
    return int64(castToInt64(a) % d);
  }));
  s('max', variadicFn(['any'], 'any', ([a, ...rest]) => int64(rest.reduce<bigint>((x, y) => {
    const v = castToInt64(y);
    return v > x ? v : x;
  }, castToInt64(a)))));
  s('biggest', m.get('max')!);
  s('min', variadicFn(['any'], 'any', ([a, ...rest]) => int64(rest.reduce<bigint>((x, y) => {
    const v = castToInt64(y);
    return v < x ? v : x;
  }, castToInt64(a)))));
  s('floor', fn(['any'], ([v]) => Math.floor(castToFloat64(v))));
  s('ceil', fn(['any'], ([v]) => Math.ceil(castToFloat64(v))));

  // dates (UTC)
  s('now', fn([], () => clock()));
  s('date', fn(['string', 'any'], ([layout, d]) => dateInZone(layout as string, d, 'Local', clock)));
  s('dateInZone', fn(['string', 'any', 'string'], ([layout, d, z]) => dateInZone(layout as string, d, z as string, clock)));
  s('htmlDate', fn(['any'], ([d]) => dateInZone('2006-01-02', d, 'Local', clock)));
  s('htmlDateInZone', fn(['any', 'string'], ([d, z]) => dateInZone('2006-01-02', d, z as string, clock)));
  s('unixEpoch', fn(['time'], ([d]) => String(Math.floor((d as GoTime).epochMs / 1000))));
  return m;
}
