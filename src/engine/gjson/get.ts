/**
 * gjson `Get`: evaluates a path by scanning the JSON text once, descending only into the
 * containers the path names and skipping everything else without parsing it. Mirrors
 * gjson's control flow so its quirks carry over (first matching key wins, but a matching
 * key whose value cannot hold the rest of the path is passed over for a later duplicate).
 */
import { compareGoStrings } from '../go/values';
import { GjsonPathError } from './errors';
import { quoteJsonString } from './json-string';
import { wildcardMatch } from './match';
import { applyModifier } from './modifiers';
import {
  ArrayPath,
  MODIFIER_NAMES,
  nameOfLast,
  isSimpleName,
  parseArrayPath,
  parseObjectPath,
  parseSubSelectors,
  splitPossiblePipe,
  SubSelector,
} from './path';
import { goFloatOrZero, isNumberStart, MISSING, numberResult, parse, Result } from './result';
import { literalEnd, numberEnd, squash, squashEnd, stringContent, stringEnd, unescape } from './scan';
import { valid } from './valid';

/** State shared by one evaluation: the value found and a pipe to apply to it. */
interface Context {
  readonly json: string;
  value: Result;
  /** Offset of `value.raw` in `json` when the value was found by scanning (gjson `Index`), else 0. */
  index: number;
  pipe: string;
  piped: boolean;
}

/** Where a scan stopped and whether it found the value. */
interface Step {
  readonly i: number;
  readonly hit: boolean;
}

const TRUE = new Result('True', '');
const FALSE = new Result('False', '');

/** gjson `Get(json, path)`. */
export function getResult(json: string, path: string): Result {
  if (path.length > 1) {
    const first = path[0];
    if (first === '@') {
      const modified = execModifier(json, path);
      if (modified !== undefined) {
        const rest = modified.pathOut;
        if (rest.length > 0 && (rest[0] === '|' || rest[0] === '.')) return getResult(modified.output, rest.slice(1));
        return parse(modified.output);
      }
    } else if (first === '!') {
      const fixed = execStatic(path);
      if (fixed !== undefined) {
        const rest = fixed.pathOut;
        if (rest.length > 0 && (rest[0] === '|' || rest[0] === '.')) return getResult(fixed.output, rest.slice(1));
        return parse(fixed.output);
      }
    }
    if (first === '[' || first === '{') {
      const multipath = getMultipath(json, path);
      if (multipath !== undefined) return multipath;
    }
  }
  const c: Context = { json, value: MISSING, index: 0, pipe: '', piped: false };
  if (path.length >= 2 && path[0] === '.' && path[1] === '.') {
    // JSON Lines: the document is read as an array of its values.
    parseArray(c, 0, path.slice(2));
  } else {
    for (let i = 0; i < json.length; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 0x7b) {
        parseObject(c, i + 1, path);
        break;
      }
      if (ch === 0x5b) {
        parseArray(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return getResult(c.value.raw, c.pipe);
  return c.value;
}

/**
 * gjson `Get` for a plain key/index path (no modifier, multipath or pipe), also giving
 * gjson's `Index`: the offset of the value's raw text in `json`, 0 when not found by
 * scanning. sjson uses it to replace values in place.
 */
export function getIndexed(json: string, path: string): { result: Result; index: number } {
  const c: Context = { json, value: MISSING, index: 0, pipe: '', piped: false };
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 0x7b) {
      parseObject(c, i + 1, path);
      break;
    }
    if (ch === 0x5b) {
      parseArray(c, i + 1, path);
      break;
    }
  }
  if (c.piped) throw new GjsonPathError(`getIndexed does not take pipes: '${path}'`);
  return { result: c.value, index: c.value.exists ? c.index : 0 };
}

/**
 * gjson `execStatic` (v1.19.0): a path starting with `!` is a literal value. A JSON value
 * opening with `{ [ " + -` or a digit is taken up to where it closes (gjson's squash, which
 * counts a leading `"` as an opener, so `!"a"` takes the rest of the path); otherwise the
 * name up to the first `|` or `.` must be `true`, `false`, `null`, `nan` or `inf` (any case).
 * Undefined when the path is not a static value (it is then read as a normal path).
 */
function execStatic(path: string): { pathOut: string; output: string } | undefined {
  const name = path.slice(1);
  if (name.length > 0 && '{["+-0123456789'.includes(name[0])) {
    const output = name.slice(0, squashEnd(name, 0));
    return { pathOut: name.slice(output.length), output };
  }
  let pathOut = '';
  let literal = name;
  for (let i = 1; i < path.length; i++) {
    if (path[i] === '|' || path[i] === '.') {
      pathOut = path.slice(i);
      literal = path.slice(1, i);
      break;
    }
  }
  if (['true', 'false', 'null', 'nan', 'inf'].includes(literal.toLowerCase())) return { pathOut, output: literal };
  return undefined;
}

/** `[a,b]` builds an array, `{a,b}` an object, of the sub-paths that exist; undefined when `path` is no multipath. */
function getMultipath(json: string, path: string): Result | undefined {
  const parsed = parseSubSelectors(path);
  // Unterminated, or followed by something other than a pipe or dot: gjson reads the path as keys.
  if (parsed === undefined) return undefined;
  const { selectors, rest } = parsed;
  if (rest.length > 0 && rest[0] !== '|' && rest[0] !== '.') return undefined;
  const isObject = path[0] === '{';
  const members: string[] = [];
  for (const selector of selectors) {
    const res = getResult(json, selector.path);
    if (!res.exists) continue;
    let raw = res.raw;
    if (raw.length === 0) raw = res.string() || 'null';
    members.push(isObject ? `${multipathKey(selector)}:${raw}` : raw);
  }
  const joined = isObject ? `{${members.join(',')}}` : `[${members.join(',')}]`;
  if (rest.length > 0) return getResult(joined, rest.slice(1));
  return new Result('JSON', joined);
}

/** The key of an object multipath member: its `name:` or the last path component (else `_`). */
function multipathKey(selector: SubSelector): string {
  if (selector.name.length > 0) {
    if (selector.name[0] === '"' && valid(selector.name)) return selector.name;
    return quoteJsonString(selector.name);
  }
  const last = nameOfLast(selector.path);
  if (!isSimpleName(last)) return '"_"';
  // The component as written, escapes included: `{fav\\.movie}` gives the key `fav\\.movie`.
  return quoteJsonString(last);
}

/** A modifier at the start of `path`: its output and the path after it; undefined when unknown. */
function execModifier(json: string, path: string): { pathOut: string; output: string } | undefined {
  let name = path.slice(1);
  let pathOut = '';
  let hasArgs = false;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === ':') {
      pathOut = path.slice(i + 1);
      name = path.slice(1, i);
      hasArgs = pathOut.length > 0;
      break;
    }
    if (c === '|' || c === '.') {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  if (!MODIFIER_NAMES.has(name)) return undefined;
  let args = '';
  if (hasArgs) {
    let parsedArgs = false;
    if ('{["'.includes(pathOut[0]) && parse(pathOut).exists) {
      args = squash(pathOut);
      pathOut = pathOut.slice(args.length);
      parsedArgs = true;
    }
    if (!parsedArgs) {
      let i = 0;
      for (; i < pathOut.length; i++) {
        if (pathOut[i] === '|') break;
        if ('{["('.includes(pathOut[i])) i += squash(pathOut.slice(i)).length - 1;
      }
      args = pathOut.slice(0, i);
      pathOut = pathOut.slice(i);
    }
  }
  return { pathOut, output: applyModifier(name, json, args, getResult) };
}

/** Scans object members from `start` (just after `{`) for the first component of `path`. */
function parseObject(c: Context, start: number, path: string): Step {
  const json = c.json;
  const len = json.length;
  const rp = parseObjectPath(path);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let i = start;
  while (i < len) {
    let keyEnd = -1;
    let keyStart = 0;
    for (; i < len; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 0x22) {
        keyStart = i + 1;
        keyEnd = stringEnd(json, keyStart);
        if (keyEnd < 0) return { i: len, hit: false };
        i = keyEnd;
        break;
      }
      if (ch === 0x7d) return { i: i + 1, hit: false };
    }
    if (keyEnd < 0) return { i, hit: false };
    const pmatch = keyMatches(json, keyStart, keyEnd - 1, rp.part, rp.wild);
    const hit = pmatch && !rp.more;
    for (; i < len; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 0x22) {
        const end = stringEnd(json, i + 1);
        if (end < 0) return { i: len, hit: false };
        if (hit) {
          const raw = json.slice(i, end);
          c.value = new Result('String', raw, stringContent(raw));
          c.index = i;
          return { i: end, hit: true };
        }
        i = end;
      } else if (ch === 0x7b || ch === 0x5b) {
        if (pmatch && !hit) {
          const step = ch === 0x7b ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          if (step.hit) return step;
          i = step.i;
        } else {
          const end = squashEnd(json, i);
          if (hit) {
            c.value = new Result('JSON', json.slice(i, end));
            c.index = i;
            return { i: end, hit: true };
          }
          i = end;
        }
      } else if (ch === 0x74 || ch === 0x66 || (ch === 0x6e && !(i + 1 < len && json.charCodeAt(i + 1) !== 0x75))) {
        const end = literalEnd(json, i);
        if (hit) {
          c.value = literalResult(ch, json.slice(i, end));
          c.index = i;
          return { i: end, hit: true };
        }
        i = end;
      } else if (ch === 0x6e || isNumberStart(ch)) {
        const end = numberEnd(json, i);
        if (hit) {
          c.value = numberResult(json.slice(i, end));
          c.index = i;
          return { i: end, hit: true };
        }
        i = end;
      } else {
        continue;
      }
      break;
    }
  }
  return { i, hit: false };
}

/** Whether the key text `json[start, end)` (raw, between quotes) matches the path part. */
function keyMatches(json: string, start: number, end: number, part: string, wild: boolean): boolean {
  let escaped = false;
  for (let i = start; i < end; i++) {
    if (json.charCodeAt(i) === 0x5c) {
      escaped = true;
      break;
    }
  }
  if (!escaped && !wild) {
    // Fast path: compare in place without copying the key.
    return end - start === part.length && json.startsWith(part, start);
  }
  const raw = json.slice(start, end);
  const key = escaped ? unescape(raw) : raw;
  return wild ? wildcardMatch(key, part) : key === part;
}

function literalResult(first: number, raw: string): Result {
  if (first === 0x74) return new Result('True', raw);
  if (first === 0x66) return new Result('False', raw);
  return new Result('Null', raw);
}

/**
 * gjson `parseUint` for an array index, as a JS number (-1 when not all digits). Go's
 * uint64 wraps around on overflow and converts to a negative int above 2^63.
 */
function arrayIndex(part: string): number {
  if (part.length === 0 || !/^[0-9]+$/.test(part)) return -1;
  if (part.length <= 15) return Number(part);
  const wrapped = BigInt(part) % (1n << 64n);
  return wrapped < 1n << 63n ? Number(wrapped) : -1;
}

/** Scans array elements from `start` (just after `[`) for the first component of `path`. */
function parseArray(c: Context, start: number, path: string): Step {
  const json = c.json;
  const len = json.length;
  const rp = parseArrayPath(path);
  const partIndex = rp.arrch ? -1 : arrayIndex(rp.part);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  const elementStarts: number[] = [];
  let matches: string[] | undefined;
  const query = (element: Result): boolean => {
    const outcome = processQuery(c, rp, element);
    if (outcome === true) return true;
    if (rp.query.all) {
      matches ??= [];
      if (outcome !== false) matches.push(outcome);
    }
    return false;
  };
  let pmatch = false;
  let hit = false;
  let count = 0;
  let i = start;
  while (i < len + 1) {
    if (!rp.arrch) {
      pmatch = partIndex === count;
      hit = pmatch && !rp.more;
    }
    count++;
    if (rp.alogok) elementStarts.push(i);
    for (; ; i++) {
      if (i > len) break;
      const ch = i === len ? 0x5d : json.charCodeAt(i);
      if (ch === 0x22) {
        const end = stringEnd(json, i + 1);
        if (end < 0) return { i: len, hit: false };
        const raw = json.slice(i, end);
        const at = i;
        i = end;
        if (rp.query.on) {
          if (query(new Result('String', raw, stringContent(raw)))) return { i, hit: true };
        } else if (hit && !rp.alogok) {
          c.value = new Result('String', raw, stringContent(raw));
          c.index = at;
          return { i, hit: true };
        }
      } else if (ch === 0x7b || ch === 0x5b) {
        if (pmatch && !hit) {
          const step = ch === 0x7b ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          i = step.i;
          hit = step.hit;
          if (hit && !rp.alogok) return step;
        } else {
          const end = squashEnd(json, i);
          const raw = json.slice(i, end);
          const at = i;
          i = end;
          if (rp.query.on) {
            if (query(new Result('JSON', raw))) return { i, hit: true };
          } else if (hit && !rp.alogok) {
            c.value = new Result('JSON', raw);
            c.index = at;
            return { i, hit: true };
          }
        }
      } else if (ch === 0x74 || ch === 0x66 || (ch === 0x6e && !(i + 1 < len && json.charCodeAt(i + 1) !== 0x75))) {
        const end = literalEnd(json, i);
        const value = literalResult(ch, json.slice(i, end));
        const at = i;
        i = end;
        if (rp.query.on) {
          if (query(value)) return { i, hit: true };
        } else if (hit && !rp.alogok) {
          c.value = value;
          c.index = at;
          return { i, hit: true };
        }
      } else if (ch === 0x6e || isNumberStart(ch)) {
        const end = numberEnd(json, i);
        const value = numberResult(json.slice(i, end));
        const at = i;
        i = end;
        if (rp.query.on) {
          if (query(value)) return { i, hit: true };
        } else if (hit && !rp.alogok) {
          c.value = value;
          c.index = at;
          return { i, hit: true };
        }
      } else if (ch === 0x5d) {
        if (rp.arrch && rp.part === '#') {
          if (rp.alogok) {
            c.value = mapElements(c, rp, elementStarts);
            return { i: i + 1, hit: true };
          }
          c.value = new Result('Number', String(count - 1), '', count - 1);
          return { i: i + 1, hit: true };
        }
        if (!c.value.exists) {
          if (matches !== undefined) c.value = new Result('JSON', `[${matches.join(',')}]`);
          else if (rp.query.all) c.value = new Result('JSON', '[]');
        }
        return { i: i + 1, hit: false };
      } else {
        continue;
      }
      break;
    }
  }
  return { i, hit: false };
}

/**
 * Applies a `#(...)` query to one element. Returns true when a single-match query found
 * its value (stored in the context), the raw text to collect for an all-matches query,
 * or false when the element does not contribute.
 */
function processQuery(c: Context, rp: ArrayPath, element: Result): boolean | string {
  let target: Result;
  if (element.type === 'JSON') {
    target = getResult(element.raw, rp.query.path);
  } else {
    if (rp.query.path !== '') return false;
    target = element;
  }
  if (!queryMatches(rp, target)) return false;
  let res = element;
  if (rp.more) {
    const split = splitPossiblePipe(rp.path);
    if (split !== undefined) {
      rp.path = split.left;
      c.pipe = split.right;
      c.piped = true;
    }
    res = getResult(element.raw, rp.path);
  }
  if (!rp.query.all) {
    c.value = res;
    return true;
  }
  const raw = res.raw.length === 0 ? res.string() : res.raw;
  return raw === '' ? false : raw;
}

/** `#.key`: the rest of the path applied to every element, existing results collected in an array. */
function mapElements(c: Context, rp: ArrayPath, elementStarts: number[]): Result {
  const json = c.json;
  const split = splitPossiblePipe(rp.alogkey);
  if (split !== undefined) {
    rp.alogkey = split.left;
    c.pipe = split.right;
    c.piped = true;
  }
  const out: string[] = [];
  for (const start of elementStarts) {
    let idx = start;
    while (idx < json.length) {
      const ch = json.charCodeAt(idx);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a) idx++;
      else break;
    }
    if (idx >= json.length || json.charCodeAt(idx) === 0x5d) continue;
    const element = elementAt(json, idx);
    if (element === undefined) continue;
    const res = getResult(element.raw, rp.alogkey);
    if (res.exists) out.push(res.raw.length === 0 ? res.string() : res.raw);
  }
  return new Result('JSON', `[${out.join(',')}]`);
}

/** The first value at or after `start` (gjson `parseAny`). */
function elementAt(json: string, start: number): Result | undefined {
  for (let i = start; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 0x7b || ch === 0x5b) return new Result('JSON', json.slice(i, squashEnd(json, i)));
    if (ch <= 0x20) continue;
    if (ch === 0x22) {
      const end = stringEnd(json, i + 1);
      if (end < 0) return undefined;
      const raw = json.slice(i, end);
      return new Result('String', raw, stringContent(raw));
    }
    if (ch === 0x74 || ch === 0x66 || (ch === 0x6e && !(i + 1 < json.length && json.charCodeAt(i + 1) !== 0x75))) {
      return literalResult(ch, json.slice(i, literalEnd(json, i)));
    }
    if (ch === 0x6e || isNumberStart(ch)) return numberResult(json.slice(i, numberEnd(json, i)));
  }
  return undefined;
}

/** gjson `queryMatches`: compares a query target with the query value. */
function queryMatches(rp: ArrayPath, target: Result): boolean {
  let value = target;
  let expected = rp.query.value;
  if (expected.length > 0 && expected[0] === '~') {
    // `~true`, `~false`, `~null`, `~*`: compare the target's truthiness/presence.
    expected = expected.slice(1);
    let truth: boolean | undefined;
    if (expected === '*') truth = value.exists;
    else if (expected === 'null') truth = value.type === 'Null';
    else if (expected === 'true') truth = value.bool();
    else if (expected === 'false') truth = !value.bool();
    if (truth === undefined) {
      expected = '';
      value = MISSING;
    } else {
      expected = 'true';
      value = truth ? TRUE : FALSE;
    }
  }
  if (!value.exists) return false;
  const op = rp.query.op;
  if (op === '') return true;
  switch (value.type) {
    case 'String':
      if (op === '%') return wildcardMatch(value.str, expected);
      if (op === '!%') return !wildcardMatch(value.str, expected);
      // Go orders strings by bytes, which JS `<` does not: compare the ordering with 0.
      return compareNumbers(op, compareGoStrings(value.str, expected), 0);
    case 'Number':
      return compareNumbers(op, value.num, goFloatOrZero(expected));
    // gjson answers only some orderings of booleans (`true >= x` always holds, `true <= true` does not).
    case 'True':
      switch (op) {
        case '=':
          return expected === 'true';
        case '!=':
          return expected !== 'true';
        case '>':
          return expected === 'false';
        case '>=':
          return true;
      }
      return false;
    case 'False':
      switch (op) {
        case '=':
          return expected === 'false';
        case '!=':
          return expected !== 'false';
        case '<':
          return expected === 'true';
        case '<=':
          return true;
      }
      return false;
    default:
      return false;
  }
}

/** `a op b` for the query operators `=`, `!=`, `<`, `<=`, `>`, `>=` (NaN compares as in Go); false for others. */
function compareNumbers(op: string, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
  return false;
}
