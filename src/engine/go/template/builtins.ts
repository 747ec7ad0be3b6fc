/**
 * Go text/template's predefined functions: and or not len index eq ne lt le gt ge
 * print printf println html js urlquery call (`slice` is sprig's, which overrides it).
 */
import { sprint, sprintf, sprintln, sprintValue } from '../fmt';
import { GoInt, GoStringSlice, GoTime, compareGoStrings, goByteLength, goTypeName, isGoMap } from '../values';
import { GoCallError, GoFunc, fn, variadicFn } from './funcs';
import { toPrintable } from './printable';
import { GoSemver } from './semver';
import { isTrue } from './truth';

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'other';

function basicKind(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoInt) return v.kind === 'uint8' ? 'uint' : 'int';
  return 'other';
}

const isNil = (v: unknown): boolean => v === undefined || v === null;
const ERR_BAD_COMPARISON_TYPE = 'invalid type for comparison';
const ERR_BAD_COMPARISON = 'incompatible types for comparison';

/** Go's `eq arg1 arg2...`: true when arg1 equals any of the others. */
export function goEq(arg1: unknown, others: readonly unknown[]): boolean {
  if (others.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of others) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint')) {
        truth = (arg1 as GoInt).value === (arg as GoInt).value;
      } else if (!isNil(arg1) && !isNil(arg)) {
        throw new GoCallError(ERR_BAD_COMPARISON);
      }
    } else if (k1 === 'int' || k1 === 'uint') {
      truth = (arg1 as GoInt).value === (arg as GoInt).value;
    } else if (k1 !== 'other') {
      truth = arg1 === arg;
    } else if (isNil(arg1) || isNil(arg)) {
      truth = isNil(arg1) === isNil(arg);
    } else if (arg1 instanceof GoSemver || arg instanceof GoSemver) {
      // *semver.Version values are pointers: equal only when they are the same one.
      truth = arg1 === arg;
    } else if (arg1 instanceof GoTime && arg instanceof GoTime) {
      truth = arg1.epochMs === arg.epochMs && arg1.extraNanos === arg.extraNanos;
    } else {
      const bad = arg1 instanceof GoTime ? arg : arg1;
      throw new GoCallError(`non-comparable type ${sprintValue(bad)}: ${goTypeName(bad)}`);
    }
    if (truth) return true;
  }
  return false;
}

/** Go's `lt arg1 arg2`. */
export function goLt(arg1: unknown, arg2: unknown): boolean {
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === 'other' || k2 === 'other') throw new GoCallError(ERR_BAD_COMPARISON_TYPE);
  if (k1 !== k2) {
    if ((k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint')) {
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
    }
    throw new GoCallError(ERR_BAD_COMPARISON);
  }
  switch (k1) {
    case 'bool': throw new GoCallError(ERR_BAD_COMPARISON_TYPE);
    case 'float': return (arg1 as number) < (arg2 as number);
    case 'string': return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default: return (arg1 as GoInt).value < (arg2 as GoInt).value;
  }
}

const goLe = (a: unknown, b: unknown): boolean => goLt(a, b) || goEq(a, [b]);

/** Go's `index item i j ...`. */
function goIndex(item: unknown, indexes: readonly unknown[]): unknown {
  if (isNil(item)) throw new GoCallError('index of untyped nil');
  let current = item;
  for (const index of indexes) {
    if (current === null) throw new GoCallError('index of nil pointer');
    if (typeof current === 'string' || Array.isArray(current) || current instanceof GoStringSlice) {
      const bytes = typeof current === 'string' ? Buffer.from(current, 'utf8') : undefined;
      const items = Array.isArray(current) ? current : current instanceof GoStringSlice ? current.items : undefined;
      const length = bytes ? bytes.length : items!.length;
      const x = indexArg(index, length);
      if (x === length) throw new GoCallError(`reflect: ${bytes ? 'string' : 'slice'} index out of range`);
      current = bytes ? new GoInt(BigInt(bytes[x]), 'uint8') : items![x];
    } else if (isGoMap(current)) {
      if (isNil(index)) throw new GoCallError('value is nil; should be of type string');
      if (typeof index !== 'string') throw new GoCallError(`value has type ${goTypeName(index)}; should be string`);
      current = Object.prototype.hasOwnProperty.call(current, index) ? current[index] : null;
    } else {
      throw new GoCallError(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return current;
}

function indexArg(index: unknown, cap: number): number {
  if (isNil(index)) throw new GoCallError('cannot index slice/array with nil');
  if (!(index instanceof GoInt)) throw new GoCallError(`cannot index slice/array with type ${goTypeName(index)}`);
  const x = index.value;
  if (x < 0n || x > BigInt(cap)) throw new GoCallError(`index out of range: ${x}`);
  return Number(x);
}

function goLen(item: unknown): GoInt {
  if (item === undefined) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new GoCallError('len of nil pointer');
  let n: number;
  if (typeof item === 'string') n = goByteLength(item);
  else if (Array.isArray(item)) n = item.length;
  else if (item instanceof GoStringSlice) n = item.items.length;
  else if (isGoMap(item)) n = Object.keys(item).length;
  else throw new GoCallError(`len of type ${goTypeName(item)}`);
  return new GoInt(BigInt(n), 'int');
}

/** The text the escaping builtins work on (Go's `evalArgs`). */
function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

/**
 * Go `fmt.Sprint` where Stringer values print through `String()` but still count as
 * non-strings for the spacing rule.
 */
function sprintStringers(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' ';
    out += isString ? arg : sprint([toPrintable(arg)]);
  });
  return out;
}

/** Go `template.HTMLEscapeString`. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => HTML_ESCAPES[c]);
}
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\ufffd' };

/** Go `template.JSEscapeString`. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const simple = JS_ESCAPES[ch];
    if (simple) out += simple;
    else if (cp < 0x20 || (cp >= 0x7f && /^[\p{C}\p{Z}]$/u.test(ch) && ch !== ' ')) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}
const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};

/** Go `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The predefined functions of Go text/template. */
export const BUILTIN_FUNCS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', { params: ['value'], variadic: 'value', shortCircuit: 'and', call: () => undefined }],
  ['or', { params: ['value'], variadic: 'value', shortCircuit: 'or', call: () => undefined }],
  ['not', fn(['value'], ([a]) => !isTrue(a))],
  ['len', fn(['value'], ([a]) => goLen(a))],
  ['index', variadicFn(['value'], 'value', ([item, ...idx]) => goIndex(item, idx))],
  ['eq', variadicFn(['value'], 'value', ([a, ...rest]) => goEq(a, rest))],
  ['ne', fn(['value', 'value'], ([a, b]) => !goEq(a, [b]))],
  ['lt', fn(['value', 'value'], ([a, b]) => goLt(a, b))],
  ['le', fn(['value', 'value'], ([a, b]) => goLe(a, b))],
  ['gt', fn(['value', 'value'], ([a, b]) => !goLe(a, b))],
  ['ge', fn(['value', 'value'], ([a, b]) => !goLt(a, b))],
  ['print', variadicFn([], 'any', (args) => sprintStringers(args))],
  ['printf', variadicFn(['string'], 'any', ([format, ...args]) => sprintf(format as string, args.map(toPrintable)))],
  ['println', variadicFn([], 'any', (args) => sprintln(args.map(toPrintable)))],
  ['html', variadicFn([], 'any', (args) => htmlEscape(evalArgs(args)))],
  ['js', variadicFn([], 'any', (args) => jsEscape(evalArgs(args)))],
  ['urlquery', variadicFn([], 'any', (args) => queryEscape(evalArgs(args)))],
  ['call', {
    params: ['value'],
    variadic: 'value',
    calleeName: true,
    call: ([name, f]) => {
      // Data never holds Go functions, so `call` can only fail the way Go does for non-functions.
      if (isNil(f)) throw new GoCallError('call of nil');
      throw new GoCallError(`non-function ${name as string} of type ${goTypeName(f)}`);
    },
  }],
]);
