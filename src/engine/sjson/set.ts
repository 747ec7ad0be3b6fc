/**
 * sjson's write algorithm: find the existing value for each path component with gjson and
 * replace it in place (the rest of the text is kept byte for byte); when a component is
 * missing, build the remaining path as new JSON and add it to the nearest container.
 */
import { getIndexed, getResult } from '../gjson/get';
import { GjsonPathError } from '../gjson/errors';
import { quoteJsonString } from '../gjson/json-string';
import { MISSING, parse } from '../gjson/result';
import { trim } from '../gjson/scan';
import { SjsonPathError } from './errors';
import { arrayIndexOf, parsePath, PathComponent } from './path';

// Padding an array with millions of nulls is never what a Sensor means; refuse it loudly.
const MAX_ARRAY_INDEX = 1_000_000;

/** Sets `value` (raw JSON, or a string to encode when `stringify`) at `path` in `json`. */
export function setPath(json: string, path: string, value: string, stringify: boolean): string {
  if (path === '') throw new SjsonPathError('path cannot be empty');
  const raw = stringify ? stringifyString(value) : value;
  const components = parsePath(path);
  return components === undefined ? setComplexPath(json, path, raw) : appendRawPaths(json, components, raw);
}

/**
 * sjson `setComplexPath`: the whole path is a gjson query; the value found is replaced where it
 * is (gjson `Index`), and when nothing is found, or the result was built rather than found
 * (a count, a modifier's output), the document is returned as it was, without an error.
 * Results of modifiers and of `#` queries and maps (gjson locates them through pointer
 * arithmetic and `Indexes`) are refused rather than guessed; the fixtures do not cover them.
 */
function setComplexPath(json: string, path: string, raw: string): string {
  let found: ReturnType<typeof getResult>;
  try {
    found = getResult(json, path);
  } catch (err) {
    if (err instanceof GjsonPathError) throw new SjsonPathError(err.message);
    throw err;
  }
  if (!found.exists) return json;
  const operators = unescapedOperators(path);
  if (operators.has('@') || /#[.(|]/.test(path)) {
    throw new SjsonPathError(`path '${path}' matches values this engine cannot locate in the document (gjson modifiers, '#' queries and maps); name the value with a plain path`);
  }
  // gjson resets the index of a piped result, and a count is built, not found.
  if (operators.has('|') || /(?:^|\.)#$/.test(path)) return json;
  const { result, index } = getIndexed(json, path);
  if (index === 0) return json;
  return json.slice(0, index) + raw + json.slice(index + result.raw.length);
}

/** The query characters of a path that are not escaped. */
function unescapedOperators(path: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if ('|#@*?'.includes(path[i])) found.add(path[i]);
  }
  return found;
}

/**
 * sjson `appendStringify`: plain printable ASCII is quoted as is; anything with a control
 * character, a quote, a backslash or a non-ASCII character goes through Go's
 * `json.Marshal` (which also escapes `<`, `>` and `&` in that case).
 */
export function stringifyString(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among those Go's json.Marshal escapes
  return /[\u0000-\u001f"\\\u0080-\uffff]/.test(s) ? quoteJsonString(s) : `"${s}"`;
}

function appendRawPaths(json: string, paths: PathComponent[], raw: string): string {
  const first = paths[0];
  // gjson reads `[a]`/`{a}` as a multipath and `!lit` as a static value: results it builds, never
  // found in the document, so the key is added as a new member.
  const { result, index } = isBuiltByGjson(first.gpart) ? { result: MISSING, index: 0 } : getIndexed(json, first.gpart);
  if (index > 0) {
    const before = json.slice(0, index);
    const after = json.slice(index + result.raw.length);
    if (paths.length > 1) return before + appendRawPaths(result.raw, paths.slice(1), raw) + after;
    return before + raw + after;
  }
  const arrayIndex = arrayIndexOf(first);
  const numeric = arrayIndex !== undefined;
  let container = json;
  // An empty document or a scalar in the way is replaced by the container the key needs.
  if (isBlank(container) || parse(container).type !== 'JSON') container = numeric ? '[]' : '{}';
  const parsed = parse(container);
  const body = parsed.raw;
  const hasMembers = firstInnerChar(body) !== '}' && firstInnerChar(body) !== ']' && firstInnerChar(body) !== '';
  if (body[0] === '{') {
    // Only the container's own text is kept: whitespace around it is dropped.
    let end = body.length - 1;
    while (end > 0 && body[end] !== '}') end--;
    return body.slice(0, end) + (hasMembers ? ',' : '') + build(false, paths, raw) + '}';
  }
  if (!numeric) {
    if (first.part === '-1' && !first.force) {
      let inner = trim(body);
      if (inner.endsWith(']')) inner = inner.slice(0, -1);
      return inner + (hasMembers ? ',' : '') + build(true, paths, raw) + ']';
    }
    throw new SjsonPathError(`cannot set array element for non-numeric key '${first.part}'`);
  }
  checkIndex(arrayIndex);
  const elements = parsed.array().map((element) => element.raw);
  const padding = elements.length === 0 ? 'null,'.repeat(arrayIndex) : ',null'.repeat(Math.max(0, arrayIndex - elements.length)) + ',';
  return '[' + elements.join(',') + padding + build(true, paths, raw) + ']';
}

/** New JSON for the path from `paths[0]` on: `"key":...` in an object, the bare value in an array. */
function build(inArray: boolean, paths: PathComponent[], raw: string): string {
  const key = inArray ? '' : stringifyString(paths[0].part) + ':';
  if (paths.length === 1) return key + raw;
  const next = paths[1];
  const nextIndex = arrayIndexOf(next);
  if (nextIndex !== undefined || (!next.force && next.part === '-1')) {
    checkIndex(nextIndex ?? 0);
    return key + '[' + 'null,'.repeat(nextIndex ?? 0) + build(true, paths.slice(1), raw) + ']';
  }
  return key + '{' + build(false, paths.slice(1), raw) + '}';
}

function checkIndex(index: number): void {
  if (index > MAX_ARRAY_INDEX) {
    throw new SjsonPathError(`array index ${index} is too large to pad with nulls (limit ${MAX_ARRAY_INDEX})`);
  }
}

/** gjson `Get` answers these paths with a value it builds: a multipath, or a static literal. */
function isBuiltByGjson(gpart: string): boolean {
  if (gpart.length < 2) return false;
  if (gpart[0] === '[' || gpart[0] === '{') return true;
  return gpart[0] === '!' && isStaticLiteral(gpart.slice(1));
}

/** gjson `execStatic`: `!` followed by a JSON literal (true, false, null, NaN, Inf, a number, string, object or array). */
function isStaticLiteral(text: string): boolean {
  return /^(?:true|false|null|NaN|Inf|[-+0-9"[{])/.test(text);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x20) return false;
  return true;
}

/** The first character after the opening bracket that is not whitespace ('' when none). */
function firstInnerChar(body: string): string {
  for (let i = 1; i < body.length; i++) if (body.charCodeAt(i) > 0x20) return body[i];
  return '';
}
