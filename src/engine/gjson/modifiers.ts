/**
 * gjson's built-in modifiers (`@name` or `@name:arg` in a path). Each takes the JSON text
 * the path has reached and returns new JSON text; elements keep their raw text.
 *
 * `@dig` evaluates a path, so the path evaluator is passed in by its caller (get.ts) rather
 * than imported: the modifiers stay below the path language and the modules form no cycle.
 */
import { GjsonPathError } from './errors';
import { quoteJsonString } from './json-string';
import { DEFAULT_PRETTY_OPTIONS, pretty, ugly } from './pretty';
import { forEach, parse, Result } from './result';
import { trim } from './scan';
import { valid } from './valid';

/** gjson `Get(json, path)`, as the modifiers that evaluate a path (`@dig`) are given it. */
export type PathEvaluator = (json: string, path: string) => Result;

/**
 * Runs modifier `name` (one of `MODIFIER_NAMES`) on `json` with its raw argument text;
 * `get` evaluates the paths a modifier's argument holds.
 */
export function applyModifier(name: string, json: string, arg: string, get: PathEvaluator): string {
  switch (name) {
    case 'pretty':
      return modPretty(json, arg);
    case 'ugly':
      return ugly(json);
    case 'this':
      return json;
    case 'valid':
      return valid(json) ? json : '';
    case 'reverse':
      return modReverse(json);
    case 'flatten':
      return modFlatten(json, arg);
    case 'join':
      return modJoin(json, arg);
    case 'keys':
      return modKeys(json);
    case 'values':
      return modValues(json);
    case 'tostr':
      return quoteJsonString(json);
    case 'fromstr':
      return valid(json) ? parse(json).string() : '';
    case 'group':
      return modGroup(json);
    case 'dig':
      return modDig(json, arg, get);
    default:
      throw new GjsonPathError(`unknown modifier '@${name}'`);
  }
}

/** Members of an object-valued argument such as `{"deep":true}`. */
function argMembers(arg: string): Map<string, Result> {
  const members = new Map<string, Result>();
  if (arg === '') return members;
  forEach(parse(arg), (key, value) => {
    if (key !== undefined) members.set(key.string(), value);
    return true;
  });
  return members;
}

function modPretty(json: string, arg: string): string {
  if (arg === '') return pretty(json);
  let options = DEFAULT_PRETTY_OPTIONS;
  for (const [key, value] of argMembers(arg)) {
    if (key === 'sortKeys') options = { ...options, sortKeys: value.bool() };
    else if (key === 'indent') options = { ...options, indent: value.string() };
    else if (key === 'prefix') options = { ...options, prefix: value.string() };
    else if (key === 'width') options = { ...options, width: Math.trunc(value.float()) };
  }
  return pretty(json, options);
}

function elements(res: Result): { key: Result | undefined; value: Result }[] {
  const out: { key: Result | undefined; value: Result }[] = [];
  forEach(res, (key, value) => {
    out.push({ key, value });
    return true;
  });
  return out;
}

/** `@reverse`: array elements or object members in reverse order; anything else unchanged. */
function modReverse(json: string): string {
  const res = parse(json);
  if (res.isArray()) {
    return `[${elements(res)
      .reverse()
      .map((e) => e.value.raw)
      .join(',')}]`;
  }
  if (res.isObject()) {
    return `{${elements(res)
      .reverse()
      .map((e) => `${e.key?.raw ?? ''}:${e.value.raw}`)
      .join(',')}}`;
  }
  return json;
}

/** gjson `unwrap`: the text inside the outer brackets. */
function unwrap(json: string): string {
  let text = trim(json);
  if (text.length >= 2 && (text[0] === '[' || text[0] === '{')) text = text.slice(1, -1);
  return text;
}

/** Go `strings.TrimSpace` (Unicode white space). */
function goTrimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
}

/** `@flatten`, `@flatten:{"deep":true}`: inlines nested arrays one level (or all levels). */
function modFlatten(json: string, arg: string): string {
  const res = parse(json);
  if (!res.isArray()) return json;
  const deep = argMembers(arg).get('deep')?.bool() ?? false;
  const out: string[] = [];
  for (const { value } of elements(res)) {
    let raw = value.raw;
    if (value.isArray()) raw = unwrap(deep ? modFlatten(value.raw, arg) : value.raw);
    raw = goTrimSpace(raw);
    if (raw.length > 0) out.push(raw);
  }
  return `[${out.join(',')}]`;
}

/** `@join`, `@join:{"preserve":true}`: merges an array of objects into one object. */
function modJoin(json: string, arg: string): string {
  const res = parse(json);
  if (!res.isArray()) return json;
  const preserve = argMembers(arg).get('preserve')?.bool() ?? false;
  const objects = elements(res)
    .map((e) => e.value)
    .filter((v) => v.isObject());
  if (preserve) return `{${objects.map((o) => unwrap(o.raw)).join(',')}}`;
  // Later values win, but each key keeps the position and raw spelling of its first appearance.
  const keys: Result[] = [];
  const values = new Map<string, Result>();
  for (const object of objects) {
    forEach(object, (key, value) => {
      const name = key === undefined ? '' : key.string();
      if (!values.has(name) && key !== undefined) keys.push(key);
      values.set(name, value);
      return true;
    });
  }
  return `{${keys.map((k) => `${k.raw}:${values.get(k.string())!.raw}`).join(',')}}`;
}

/** `@keys`: the keys of an object (raw), `null` per element of an array; missing gives []. */
function modKeys(json: string): string {
  const res = parse(json);
  if (!res.exists) return '[]';
  const isObject = res.isObject();
  return `[${elements(res)
    .map((e) => (isObject && e.key !== undefined ? e.key.raw : 'null'))
    .join(',')}]`;
}

/** `@values`: the values of an object; an array is returned unchanged. */
function modValues(json: string): string {
  const res = parse(json);
  if (!res.exists) return '[]';
  if (res.isArray()) return json;
  return `[${elements(res)
    .map((e) => e.value.raw)
    .join(',')}]`;
}

/** `@group`: `{"a":[1,2],"b":[3,4]}` becomes `[{"a":1,"b":3},{"a":2,"b":4}]`. */
function modGroup(json: string): string {
  const res = parse(json);
  if (!res.isObject()) return '';
  const groups: string[][] = [];
  for (const { key, value } of elements(res)) {
    if (!value.isArray()) continue;
    elements(value).forEach((element, index) => {
      groups[index] ??= [];
      groups[index].push(`${key?.raw ?? ''}:${element.value.raw}`);
    });
  }
  return `[${groups.map((members) => `{${members.join(',')}}`).join(',')}]`;
}

/** `@dig:path`: every result of `path` evaluated at each object/array, depth first, outermost first. */
function modDig(json: string, arg: string, get: PathEvaluator): string {
  const found: string[] = [];
  const visit = (container: Result): void => {
    const res = get(container.raw, arg);
    if (res.exists) found.push(res.raw);
    for (const { value } of elements(container)) {
      if (value.type === 'JSON') visit(value);
    }
  };
  const root = parse(json);
  if (root.type === 'JSON') visit(root);
  return `[${found.join(',')}]`;
}
