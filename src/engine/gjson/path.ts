/**
 * gjson path syntax: splitting a path into its first component and the rest, for object
 * keys, array components (`index`, `#`, `#.key`, queries) and multipath selectors.
 */
import { GjsonPathError } from './errors';
import { trim, unescape } from './scan';

/** Names of the modifiers this port implements (gjson v1.19's built-in set). */
export const MODIFIER_NAMES: ReadonlySet<string> = new Set([
  'pretty',
  'ugly',
  'reverse',
  'this',
  'flatten',
  'join',
  'valid',
  'keys',
  'values',
  'tostr',
  'fromstr',
  'group',
  'dig',
]);

/** First component of a path used against an object. */
export interface ObjectPath {
  /** The key, escapes removed. */
  part: string;
  /** The rest after a `.` (when `more`). */
  path: string;
  /** What follows a `|` (or a `.` before a modifier/selector), applied to the result. */
  pipe: string;
  piped: boolean;
  /** `part` contains `*` or `?` wildcards. */
  wild: boolean;
  more: boolean;
}

/** gjson `parseObjectPath`. */
export function parseObjectPath(path: string): ObjectPath {
  const r: ObjectPath = { part: '', path: '', pipe: '', piped: false, wild: false, more: false };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '|' || c === '.') {
      endComponentAt(r, path.slice(0, i), path, i, true);
      return r;
    }
    if (c === '*' || c === '?') {
      r.wild = true;
      continue;
    }
    if (c === '\\') {
      // Escape mode: the part is rebuilt without the escaping backslashes.
      let part = path.slice(0, i);
      i++;
      if (i < path.length) {
        part += path[i];
        i++;
        for (; i < path.length; i++) {
          const e = path[i];
          if (e === '\\') {
            i++;
            if (i < path.length) part += path[i];
            continue;
          } else if (e === '.' || e === '|') {
            endComponentAt(r, part, path, i, true);
            return r;
          } else if (e === '*' || e === '?') {
            r.wild = true;
          }
          part += e;
        }
      }
      r.part = part;
      return r;
    }
  }
  r.part = path;
  return r;
}

/** The fields of a first component and of what follows it, common to object and array paths. */
interface ComponentSplit {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
}

/**
 * Ends the first component (`part`) at the `|` or `.` at index `end` of `path`. After a
 * `|` the rest is a pipe; after a `.` it is a pipe too when it starts with a modifier or
 * selector and `dotMayPipe` (gjson does not allow that after an array component with `#`),
 * otherwise the path to go on with.
 */
function endComponentAt(r: ComponentSplit, part: string, path: string, end: number, dotMayPipe: boolean): void {
  r.part = part;
  const rest = path.slice(end + 1);
  if (path[end] === '|' || (dotMayPipe && rest !== '' && isDotPiperChar(rest))) {
    r.pipe = rest;
    r.piped = true;
  } else {
    r.path = rest;
    r.more = true;
  }
}

/** A `.` before a known modifier or a multipath selector acts as a pipe. */
export function isDotPiperChar(s: string): boolean {
  const c = s[0];
  if (c === '@') {
    let i = 1;
    for (; i < s.length; i++) {
      if (s[i] === '.' || s[i] === '|' || s[i] === ':') break;
    }
    return MODIFIER_NAMES.has(s.slice(1, i));
  }
  return c === '[' || c === '{';
}

/** A `#(...)` query. */
export interface Query {
  on: boolean;
  /** `#(...)#`: all matches. */
  all: boolean;
  path: string;
  op: string;
  value: string;
}

/** First component of a path used against an array. */
export interface ArrayPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
  /** `#.key`: map the rest of the path over the elements. */
  alogok: boolean;
  /** The component contains `#`. */
  arrch: boolean;
  alogkey: string;
  query: Query;
}

/** gjson `parseArrayPath`. */
export function parseArrayPath(path: string): ArrayPath {
  const r: ArrayPath = {
    part: '',
    path: '',
    pipe: '',
    piped: false,
    more: false,
    alogok: false,
    arrch: false,
    alogkey: '',
    query: { on: false, all: false, path: '', op: '', value: '' },
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '|' || c === '.') {
      endComponentAt(r, path.slice(0, i), path, i, !r.arrch);
      return r;
    }
    if (c === '#') {
      r.arrch = true;
      if (i === 0 && path.length > 1) {
        if (path[1] === '.') {
          r.alogok = true;
          r.alogkey = path.slice(2);
          r.path = path.slice(0, 1);
        } else if (path[1] === '[' || path[1] === '(') {
          r.query.on = true;
          const q = parseQuery(path);
          // An unterminated query ends the path: it matches no element.
          if (q === undefined) break;
          r.query.path = q.path;
          r.query.op = q.op;
          r.query.value = q.value;
          i = q.end - 1;
          if (i + 1 < path.length && path[i + 1] === '#') r.query.all = true;
        }
      }
    }
  }
  r.part = path;
  r.path = '';
  return r;
}

interface ParsedQuery {
  path: string;
  op: string;
  value: string;
  /** Index just after the closing bracket. */
  end: number;
}

/**
 * gjson `parseQuery` for `#(path op value)` / `#[...]`; the value is unquoted and unescaped.
 * Text after the path that is no operator (`#(a!x)`) leaves the operator empty: the query then
 * only tests that `path` exists. Undefined when the brackets do not close.
 */
export function parseQuery(query: string): ParsedQuery | undefined {
  let i = 2;
  let valueStart = 0;
  let depth = 1;
  let escapedString = false;
  for (; i < query.length; i++) {
    const c = query[i];
    if (depth === 1 && valueStart === 0 && (c === '!' || c === '=' || c === '<' || c === '>' || c === '%')) {
      valueStart = i;
      continue;
    }
    if (c === '\\') {
      i++;
    } else if (c === '[' || c === '(') {
      depth++;
    } else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) break;
    } else if (c === '"') {
      i++;
      for (; i < query.length; i++) {
        if (query[i] === '\\') {
          escapedString = true;
          i++;
        } else if (query[i] === '"') {
          break;
        }
      }
    }
  }
  if (depth > 0) return undefined;
  let path: string;
  let op = '';
  let value = '';
  if (valueStart > 0) {
    path = trim(query.slice(2, valueStart));
    value = trim(query.slice(valueStart, i));
    let opSize = 0;
    if (value.length === 1) opSize = 1;
    else if (value.startsWith('!=') || value.startsWith('!%') || value.startsWith('<=') || value.startsWith('>=')) opSize = 2;
    else if (value.startsWith('==')) {
      value = value.slice(1);
      opSize = 1;
    } else if (value[0] === '<' || value[0] === '>' || value[0] === '=' || value[0] === '%') opSize = 1;
    op = value.slice(0, opSize);
    value = trim(value.slice(opSize));
  } else {
    path = trim(query.slice(2, i));
  }
  if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
    value = value.slice(1, -1);
    if (escapedString) value = unescape(value);
  }
  return { path, op, value, end: i + 1 };
}

/** One selector of a `[...]` / `{...}` multipath: an optional `name:` and a path. */
export interface SubSelector {
  name: string;
  path: string;
}

/** gjson `parseSubSelectors`: the selectors and the path after the closing bracket; undefined when it does not close. */
export function parseSubSelectors(path: string): { selectors: SubSelector[]; rest: string } | undefined {
  const selectors: SubSelector[] = [];
  let modifier = 0;
  let depth = 1;
  let colon = 0;
  let start = 1;
  const push = (i: number): void => {
    if (colon === 0) selectors.push({ name: '', path: path.slice(start, i) });
    else selectors.push({ name: path.slice(start, colon), path: path.slice(colon + 1, i) });
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  for (let i = 1; i < path.length; i++) {
    switch (path[i]) {
      case '\\':
        i++;
        break;
      case '@':
        if (modifier === 0 && (path[i - 1] === '.' || path[i - 1] === '|')) modifier = i;
        break;
      case ':':
        if (modifier === 0 && colon === 0 && depth === 1) colon = i;
        break;
      case ',':
        if (depth === 1) push(i);
        break;
      case '"':
        i++;
        for (; i < path.length; i++) {
          if (path[i] === '\\') i++;
          else if (path[i] === '"') break;
        }
        break;
      case '[':
      case '(':
      case '{':
        depth++;
        break;
      case ']':
      case ')':
      case '}':
        depth--;
        if (depth === 0) {
          push(i);
          return { selectors, rest: path.slice(i + 1) };
        }
        break;
    }
  }
  return undefined;
}

/** Splits `left|right` at the first top-level pipe (outside queries and escapes). */
export function splitPossiblePipe(path: string): { left: string; right: string } | undefined {
  if (path.indexOf('|') < 0) return undefined;
  if (path[0] === '{') {
    throw new GjsonPathError(`a pipe after an object multipath inside an array path is not supported: '${path}'`);
  }
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') {
      i++;
    } else if (c === '.') {
      if (i === path.length - 1) return undefined;
      if (path[i + 1] === '#') {
        i += 2;
        if (i === path.length) return undefined;
        if (path[i] === '[' || path[i] === '(') {
          const open = path[i];
          const close = open === '[' ? ']' : ')';
          i++;
          let depth = 1;
          for (; i < path.length; i++) {
            if (path[i] === '\\') i++;
            else if (path[i] === open) depth++;
            else if (path[i] === close) {
              depth--;
              if (depth === 0) break;
            } else if (path[i] === '"') {
              i++;
              for (; i < path.length; i++) {
                if (path[i] === '\\') i++;
                else if (path[i] === '"') break;
              }
            }
          }
        }
      }
    } else if (c === '|') {
      return { left: path.slice(0, i), right: path.slice(i + 1) };
    }
  }
  return undefined;
}

/** gjson `nameOfLast`: the last component of a path (escapes kept). */
export function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === '|' || path[i] === '.') {
      if (i > 0 && path[i - 1] === '\\') continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

/** gjson `isSimpleName`: no control characters and none of `[]{}()#|!`. */
export function isSimpleName(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    if (component.charCodeAt(i) < 0x20) return false;
    if ('[]{}()#|!'.includes(component[i])) return false;
  }
  return true;
}

