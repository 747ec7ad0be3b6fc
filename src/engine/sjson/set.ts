/**
 * sjson's write algorithm: find the existing value for each path component with gjson and
 * replace it in place (the rest of the text is kept byte for byte); when a component is
 * missing, build the remaining path as new JSON and add it to the nearest container.
 */
import { getIndexed } from '../gjson/get';
import { quoteJsonString } from '../gjson/json-string';
import { parse } from '../gjson/result';
import { trim } from '../gjson/scan';
import { SjsonPathError } from './errors';
import { arrayIndexOf, parsePath, PathComponent } from './path';

// Padding an array with millions of nulls is never what a Sensor means; refuse it loudly.
const MAX_ARRAY_INDEX = 1_000_000;

/** Sets `value` (raw JSON, or a string to encode when `stringify`) at `path` in `json`. */
export function setPath(json: string, path: string, value: string, stringify: boolean): string {
  if (path === '') throw new SjsonPathError('path cannot be empty');
  const components = parsePath(path);
  return appendRawPaths(json, components, stringify ? stringifyString(value) : value);
}

/**
 * sjson `appendStringify`: plain printable ASCII is quoted as is; anything with a control
 * character, a quote, a backslash or a non-ASCII character goes through Go's
 * `json.Marshal` (which also escapes `<`, `>` and `&` in that case).
 */
export function stringifyString(s: string): string {
  return /[\u0000-\u001f"\\\u0080-\uffff]/.test(s) ? quoteJsonString(s) : `"${s}"`;
}

function appendRawPaths(json: string, paths: PathComponent[], raw: string): string {
  const first = paths[0];
  const { result, index } = getIndexed(json, first.gpart);
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
    let end = body.length - 1;
    while (end > 0 && body[end] !== '}') end--;
    const offset = container.length - body.length;
    return container.slice(0, offset + end) + (hasMembers ? ',' : '') + build(false, paths, raw) + '}';
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

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x20) return false;
  return true;
}

/** The first character after the opening bracket that is not whitespace ('' when none). */
function firstInnerChar(body: string): string {
  for (let i = 1; i < body.length; i++) if (body.charCodeAt(i) > 0x20) return body[i];
  return '';
}
