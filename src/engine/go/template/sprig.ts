/**
 * Masterminds sprig v3 functions (as Argo Events registers them with `sprig.FuncMap()`),
 * with sprig's Go signatures and quirks: `b64dec` returns the decode error text, the
 * non-`must` regex functions panic on a bad pattern (`regexMatch` just returns false),
 * `int64`/`float64` go through spf13/cast (unparsable -> 0), `toJson` swallows errors.
 * Function groups live in the sprig-*.ts files; this file assembles them. Functions whose
 * results cannot be reproduced offline (random, secret-generating, environment, network)
 * stay known names that fail with an {@link UnsupportedFunctionError} saying why.
 */
import { createDecipheriv, createHash, randomUUID } from 'crypto';
import { RE2JS } from 're2js';
import { base64Decode, base64DecodeBytes, base64Encode, GoBase64Error } from '../base64';
import { sprintf } from '../fmt';
import { checkTemplateStringLength } from '../../limits';
import { marshalGo, marshalGoNoHtmlEscape, marshalIndentGo, unmarshalGo, GoJsonError } from '../json';
import {
  compileGoRegexp, findAllString, findString, GoRegexpError, mustCompileMessage, replaceAll, splitRegexp,
} from '../regexp';
import { parseInt as goParseInt, quote } from '../strconv';
import { GoMap, GoStringSlice, compareGoStrings, goByteLength, goTypeName } from '../values';
import { GoCallError, GoFunc, UnsupportedFunctionError, fn, variadicFn } from './funcs';
import { toPrintable } from './printable';
import { GoSemver, checkConstraint, newConstraint, newVersion } from './semver';
import { Clock, dateFuncs } from './sprig-dates';
import { dictFuncs } from './sprig-dicts';
import { encodingFuncs } from './sprig-encoding';
import { listFuncs } from './sprig-lists';
import { mathFuncs } from './sprig-math';
import { pathFuncs } from './sprig-paths';
import { stringFuncs } from './sprig-strings';
import { urlFuncs } from './sprig-urls';
import { asNumber, castToFloat64, castToInt64, deepEqual, int, int64, reflectKind, setKey, strslice, strval } from './sprig-values';
import { isEmpty } from './truth';
import { isSpace, toLower, toUpper, toUpperRune } from '../unicode';

export type { Clock } from './sprig-dates';
export { castToFloat64, castToInt64 } from './sprig-values';
export { MAP_MUTATING_FUNCTIONS } from './sprig-dicts';

// ---- strings (Go's strings package semantics)

function isTitleSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return !/[0-9a-zA-Z_]/.test(ch);
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return isSpace(ch);
}

/** Go's (deprecated) `strings.Title`. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? toUpperRune(ch) : ch;
    prev = ch;
  }
  return out;
}

/** Go's `strings.TrimSpace` (Unicode white space). */
function trimSpace(s: string): string {
  const runes = Array.from(s);
  let start = 0;
  let end = runes.length;
  while (start < end && isSpace(runes[start])) start++;
  while (end > start && isSpace(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

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

/**
 * Byte-indexed string slicing with Go's panic for bad bounds. A cut inside a multi-byte
 * character gives Go a string of invalid UTF-8, which this engine's strings cannot hold: refused.
 */
function sliceBytes(name: string, s: string, start: number, end: number | undefined): string {
  const bytes = Buffer.from(s, 'utf8');
  const e = end ?? bytes.length;
  if (e < 0) throw new GoCallError(`runtime error: slice bounds out of range [:${e}]`);
  if (e > bytes.length) throw new GoCallError(`runtime error: slice bounds out of range [:${e}] with length ${bytes.length}`);
  if (start < 0 || start > e) throw new GoCallError(`runtime error: slice bounds out of range [${start}:${e}]`);
  const continuation = (i: number): boolean => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
  if (continuation(start) || continuation(e)) {
    throw new UnsupportedFunctionError(name, 'it cuts a multi-byte character, and Go keeps the invalid UTF-8 bytes that this engine cannot represent');
  }
  return bytes.subarray(start, e).toString('utf8');
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return sliceBytes('substr', s, 0, end);
  if (end < 0 || end > goByteLength(s)) return sliceBytes('substr', s, start, undefined);
  return sliceBytes('substr', s, start, end);
}

function trunc(c: number, s: string): string {
  const length = goByteLength(s);
  if (c < 0 && length + c > 0) return sliceBytes('trunc', s, length + c, undefined);
  if (c >= 0 && length > c) return sliceBytes('trunc', s, 0, c);
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

/** A Go `[]string` result: nil when regexp returned none. */
function nilOrSlice(items: string[] | undefined): GoStringSlice {
  return items === undefined ? new GoStringSlice([], true) : new GoStringSlice(items);
}

// ---- the function table

const RANDOM = 'its output is random, so no offline run can reproduce it';
const SECRET = 'it generates secret material (random keys, salts or IVs), so no offline run can reproduce it';
const ENVIRONMENT = "it reads the sensor pod's environment variables, which this engine does not have";
const NETWORK = 'it needs the network (DNS), which this engine does not use';

/** Sprig v3 functions this engine refuses, with the reason (usable names in Go, so not "undefined"). */
const REFUSED_SPRIG: ReadonlyArray<[string, string]> = [
  ...['randAlphaNum', 'randAlpha', 'randAscii', 'randNumeric', 'randInt', 'randBytes', 'shuffle'].map((n): [string, string] => [n, RANDOM]),
  ...['bcrypt', 'htpasswd', 'genPrivateKey', 'derivePassword', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert',
    'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'encryptAES'].map((n): [string, string] => [n, SECRET]),
  ['env', ENVIRONMENT],
  ['expandenv', ENVIRONMENT],
  ['getHostByName', NETWORK],
];

function refused(name: string, reason: string): GoFunc {
  return variadicFn([], 'any', () => {
    throw new UnsupportedFunctionError(name, reason);
  });
}

/** sprig's `decryptAES`: AES-256-CBC with the password zero-padded to 32 bytes, IV first, padding cut without checks. */
function decryptAES(password: string, crypt64: string): string {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  let crypt: Buffer;
  try {
    crypt = base64DecodeBytes(crypt64);
  } catch (err) {
    if (err instanceof GoBase64Error) throw new GoCallError(err.message);
    throw err;
  }
  if (crypt.length < 16) {
    // Go's DecodeString buffer has capacity DecodedLen(len(s)).
    const capacity = Math.floor(Buffer.byteLength(crypt64, 'utf8') / 4) * 3;
    throw new GoCallError(`runtime error: slice bounds out of range [:16] with capacity ${capacity}`);
  }
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new GoCallError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new GoCallError('runtime error: index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', key, crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const decrypted = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = decrypted.length - decrypted[decrypted.length - 1];
  if (end < 0) throw new GoCallError(`runtime error: slice bounds out of range [:${end}]`);
  return decrypted.subarray(0, end).toString('utf8');
}

/** Go's `%T` of a value, including the Stringer types this package adds. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoSemver) return '*semver.Version';
  return goTypeName(v);
}

/** A Go JSON error as a template function error. */
function jsonCall<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof GoJsonError) throw new GoCallError(err.message);
    throw err;
  }
}

/** Builds the sprig function map; `clock` drives `now`, `ago` and date fallbacks. */
export function sprigFuncs(clock: Clock): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  for (const [name, reason] of REFUSED_SPRIG) m.set(name, refused(name, reason));
  const s = (name: string, f: GoFunc): void => {
    m.set(name, f);
  };
  const group = (entries: ReadonlyArray<[string, GoFunc]>): void => {
    for (const [name, f] of entries) s(name, f);
  };
  group(stringFuncs());
  group(mathFuncs());
  group(pathFuncs());
  group(encodingFuncs());
  group(urlFuncs());
  group(listFuncs());
  group(dictFuncs());
  group(dateFuncs(clock));

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
  s('nospace', fn(['string'], ([v]) => deleteWhiteSpace(v as string)));
  s('replace', fn(['string', 'string', 'string'], ([o, n, v]) => replaceString(v as string, o as string, n as string)));
  s('contains', fn(['string', 'string'], ([sub, v]) => (v as string).includes(sub as string)));
  s('hasPrefix', fn(['string', 'string'], ([p, v]) => (v as string).startsWith(p as string)));
  s('hasSuffix', fn(['string', 'string'], ([p, v]) => (v as string).endsWith(p as string)));
  s('repeat', fn(['int', 'string'], ([c, v]) => {
    const count = asNumber(c);
    if (count < 0) throw new GoCallError('strings: negative Repeat count');
    checkTemplateStringLength('the result of repeat', count * (v as string).length);
    return (v as string).repeat(count);
  }));
  s('substr', fn(['int', 'int', 'string'], ([a, b, v]) => substr(asNumber(a), asNumber(b), v as string)));
  s('trunc', fn(['int', 'string'], ([c, v]) => trunc(asNumber(c), v as string)));
  s('abbrev', fn(['int', 'string'], ([w, v]) => {
    const width = asNumber(w);
    const str = v as string;
    if (width < 4 || goByteLength(str) <= width) return str;
    return sliceBytes('abbrev', str, 0, width - 3) + '...';
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
  s('squote', variadicFn([], 'any', (args) => args.filter((a) => a !== null).map((a) => `'${strval(a)}'`).join(' ')));
  s('cat', variadicFn([], 'any', (args) => {
    const present = args.filter((a) => a !== null);
    return sprintf(Array(present.length).fill('%v').join(' '), present.map(toPrintable));
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
  // Lists are sorted; any other value (nil included) becomes a one-element list of its text.
  s('sortAlpha', fn(['any'], ([v]) => new GoStringSlice(Array.isArray(v) || v instanceof GoStringSlice ? strslice(v).sort(compareGoStrings) : [strval(v)])));

  // hashes
  s('sha256sum', fn(['string'], ([v]) => createHash('sha256').update(v as string, 'utf8').digest('hex')));
  s('sha512sum', fn(['string'], ([v]) => createHash('sha512').update(v as string, 'utf8').digest('hex')));
  s('sha1sum', fn(['string'], ([v]) => createHash('sha1').update(v as string, 'utf8').digest('hex')));
  s('sha512sum', fn(['string'], ([v]) => createHash('sha512').update(v as string, 'utf8').digest('hex')));
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
    // regexp returns a nil slice when nothing matches.
    return nilOrSlice(found);
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
    nilOrSlice(splitRegexp(mustCompile(re as string), re as string, v as string, asNumber(n)))));
  s('mustRegexSplit', fn(['string', 'string', 'int'], ([re, v, n]) =>
    nilOrSlice(splitRegexp(compileOrError(re as string), re as string, v as string, asNumber(n)))));
  // Go's regexp.QuoteMeta escapes the same set as RE2JS.quote (test/engine/go/regexp.test.ts).
  s('regexQuoteMeta', fn(['string'], ([v]) => RE2JS.quote(v as string)));

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

  // JSON (toJson and toPrettyJson swallow errors; toRawJson panics with them, like the must variants)
  const jsonOrEmpty = (marshal: (v: unknown) => string) => fn(['any'], ([v]) => {
    try {
      return marshal(toPrintable(v));
    } catch (err) {
      if (err instanceof GoJsonError) return '';
      throw err;
    }
  });
  const jsonOrError = (marshal: (v: unknown) => string) => fn(['any'], ([v]) => jsonCall(() => marshal(toPrintable(v))));
  const pretty = (v: unknown): string => marshalIndentGo(v, '', '  ');
  s('toJson', jsonOrEmpty(marshalGo));
  s('toPrettyJson', jsonOrEmpty(pretty));
  s('toRawJson', jsonOrError(marshalGoNoHtmlEscape));
  s('mustToJson', jsonOrError(marshalGo));
  s('mustToPrettyJson', jsonOrError(pretty));
  s('mustToRawJson', jsonOrError(marshalGoNoHtmlEscape));
  s('fromJson', fn(['string'], ([v]) => {
    try {
      return unmarshalGo(v as string);
    } catch (err) {
      if (err instanceof GoJsonError) return null;
      throw err;
    }
  }));
  s('mustFromJson', fn(['string'], ([v]) => jsonCall(() => unmarshalGo(v as string))));

  // defaults and flow
  s('default', variadicFn(['any'], 'any', ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0])));
  s('empty', fn(['any'], ([v]) => isEmpty(v)));
  s('coalesce', variadicFn([], 'any', (args) => args.find((a) => !isEmpty(a)) ?? null));
  s('all', variadicFn([], 'any', (args) => args.every((a) => !isEmpty(a))));
  s('any', variadicFn([], 'any', (args) => args.some((a) => !isEmpty(a))));
  s('ternary', fn(['any', 'any', 'bool'], ([t, f, c]) => (c ? t : f)));
  s('fail', fn(['string'], ([msg]) => {
    throw new GoCallError(msg as string);
  }));

  // reflection
  s('typeOf', fn(['any'], ([v]) => typeName(v)));
  s('typeIs', fn(['string', 'any'], ([t, v]) => t === typeName(v)));
  s('typeIsLike', fn(['string', 'any'], ([t, v]) => t === typeName(v) || `*${t as string}` === typeName(v)));
  s('kindOf', fn(['any'], ([v]) => reflectKind(v)));
  s('kindIs', fn(['string', 'any'], ([k, v]) => k === reflectKind(v)));
  s('deepEqual', fn(['any', 'any'], ([a, b]) => deepEqual(a, b)));

  // semantic versions (Masterminds/semver v3)
  s('semver', fn(['string'], ([v]) => newVersion(v as string)));
  s('semverCompare', fn(['string', 'string'], ([c, v]) => checkConstraint(newConstraint(c as string), newVersion(v as string))));
  s('decryptAES', fn(['string', 'string'], ([password, crypt]) => decryptAES(password as string, crypt as string)));

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

  return m;
}

/**
 * goutils v1.1.1 `DeleteWhiteSpace` (sprig's `nospace`): it walks the string byte by byte and
 * writes each kept byte as the rune of that value, so any non-ASCII text comes out as Latin-1
 * mojibake (`ü` becomes `Ã¼`), and the bytes 0x85 and 0xA0 inside UTF-8 sequences are dropped
 * as spaces. A string without spaces is returned unchanged.
 */
function deleteWhiteSpace(str: string): string {
  const bytes = Buffer.from(str, 'utf8');
  let out = '';
  let kept = 0;
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    if (!isSpace(ch)) {
      out += ch;
      kept++;
    }
  }
  return kept === bytes.length ? str : out;
}
