/**
 * YAML event data as trigger parameters read it (params.go `renderEventDataAsJSON` at 6478ece):
 * ghodss/yaml `YAMLToJSON`, that is gopkg.in/yaml.v2 decoding into `interface{}`, map keys made
 * strings, then `encoding/json`. The YAML syntax is read by the `yaml` package with every scalar
 * kept as text; the values are then typed by yaml.v2's own rules (resolve.go, v2.4.0), which
 * differ from YAML 1.1 and 1.2: `0o12`, `0b101`, `+12` and `1_000` are integers, `y`/`n`/`on`/`off`
 * booleans, timestamps stay strings, and only the first document counts.
 */
import * as YAML from 'yaml';
import { base64DecodeBytes } from '../go/base64';
import { marshalGo } from '../go/json';
import { sprintf } from '../go/fmt';
import { formatFloat, parseFloat as goParseFloat, parseInt as goParseInt } from '../go/strconv';
import { GoInt, type GoMap, type GoValue } from '../go/values';
import { yamlSyntaxError } from './yaml-syntax';

/** A conversion failure, with ghodss/yaml's or yaml.v2's text (`yaml: ...`). */
export class YamlDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlDataError';
  }
}

/**
 * The prefix of a YAML error yaml.v2 would not report: the `yaml` package refuses a few texts
 * libyaml reads (a flow collection continued at a lower indentation, `a: [1,\n2]`); those stay
 * refused with the package's wording rather than given a value that is not yaml.v2's.
 */
export const YAML_SYNTAX_ERROR_PREFIX = 'yaml: ';

const BOOLS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, boolean] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, boolean] => [s, false]),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((s): [string, number] => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, number] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, number] => [s, -Infinity]),
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const MAX_UINT64 = (1n << 64n) - 1n;

/** A typed scalar: Go's int, int64 and uint64 stay exact (GoInt), floats are numbers. */
type Scalar = null | boolean | number | string | GoInt;

/**
 * An integer as yaml.v2 parses it: `strconv.ParseInt(s, 0, 64)` (a Go `int`), else `ParseUint`
 * (a `uint64`, held as a GoInt of kind `int64`, which encodes the same: the engine has no
 * unsigned kind, and only a map key tells them apart), else undefined.
 */
function goInteger(text: string): GoInt | undefined {
  try {
    return new GoInt(goParseInt(text, 0, 64), 'int');
  } catch {
    // not an int64
  }
  if (text[0] === '+' || text[0] === '-') return undefined;
  try {
    const value = goParseInt(text, 0, 65);
    return value <= MAX_UINT64 ? new GoInt(value, 'int64') : undefined;
  } catch {
    return undefined;
  }
}

/** yaml.v2 `resolve("", text)` of a plain scalar. */
function resolvePlain(text: string): Scalar {
  const bool = BOOLS.get(text);
  if (bool !== undefined) return bool;
  if (NULLS.has(text)) return null;
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  const hint = text[0];
  if (hint === '.') {
    try {
      return goParseFloat(text);
    } catch {
      return text;
    }
  }
  if (hint === '+' || hint === '-' || (hint >= '0' && hint <= '9')) {
    // A timestamp resolves to a time.Time, which yaml.v2 hands to interface{} as its text.
    const plain = text.replace(/_/g, '');
    const integer = goInteger(plain);
    if (integer !== undefined) return integer;
    if (YAML_STYLE_FLOAT.test(plain)) {
      try {
        return goParseFloat(plain);
      } catch {
        return text;
      }
    }
    if (plain.startsWith('0b') || plain.startsWith('-0b')) {
      const negative = plain[0] === '-';
      const digits = plain.slice(negative ? 3 : 2);
      if (/^[01]+$/.test(digits)) return goInteger((negative ? '-0b' : '0b') + digits) ?? text;
    }
  }
  return text;
}

/** A scalar node: plain ones are resolved, quoted and block ones are strings, tags are applied. */
function scalarValue(node: YAML.Scalar): Scalar {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- parsed with the failsafe schema, every scalar's value is a string
  const text = String(node.value ?? '');
  switch (node.tag) {
    case undefined:
    case '!':
      return node.type === 'PLAIN' && node.tag === undefined ? resolvePlain(text) : text;
    case 'tag:yaml.org,2002:str':
      return text;
    case 'tag:yaml.org,2002:binary':
      // yaml.v2 decodes !!binary into the bytes, which become a Go string.
      return base64DecodeBytes(text.replace(/\s/g, '')).toString('utf8');
    default: {
      const resolved = resolvePlain(text);
      const tag = node.tag.replace('tag:yaml.org,2002:', '');
      if (tag === 'int' && resolved instanceof GoInt) return resolved;
      if (tag === 'float' && (typeof resolved === 'number' || resolved instanceof GoInt)) {
        return resolved instanceof GoInt ? Number(resolved.value) : resolved;
      }
      if (tag === 'bool' && typeof resolved === 'boolean') return resolved;
      if (tag === 'null' && resolved === null) return null;
      throw new YamlDataError(`yaml: unsupported tag or value ${node.tag} ${JSON.stringify(text)}`);
    }
  }
}

/** ghodss/yaml's map key: strings as they are, numbers and booleans as text, anything else an error. */
function mapKey(key: unknown, value: GoValue): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (key instanceof GoInt && key.kind === 'int') return key.value.toString();
  if (typeof key === 'number') {
    // strconv.FormatFloat(k, 'g', -1, 32): the shortest text that reads back as the same float32.
    if (Number.isNaN(key)) return '.nan';
    if (!Number.isFinite(key)) return key > 0 ? '.inf' : '-.inf';
    const single = Math.fround(key);
    let shortest = String(single);
    for (let digits = 1; digits <= 9; digits++) {
      const candidate = single.toPrecision(digits);
      if (Math.fround(Number(candidate)) === single) {
        shortest = candidate;
        break;
      }
    }
    return formatFloat(Number(shortest), 'g', -1);
  }
  const type = key === null ? '%!s(<nil>)' : key instanceof GoInt ? 'uint64' : 'unknown';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- names whatever key arrived in the error message
  const shown = key === null ? '<nil>' : key instanceof GoInt ? `0x${key.value.toString(16)}` : String(key);
  throw new YamlDataError(`Unsupported map key of type: ${type}, key: ${shown}, value: ${sprintf('%+#v', [value])}`);
}

class Converter {
  constructor(private readonly doc: YAML.Document) {}

  value(node: unknown): GoValue {
    if (node === null || node === undefined) return null;
    if (YAML.isAlias(node)) return this.value(this.resolveAlias(node));
    if (YAML.isScalar(node)) return scalarValue(node);
    if (YAML.isSeq(node)) return node.items.map((item) => this.value(item));
    if (YAML.isMap(node)) return this.mapping(node);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- names whatever node arrived in the error message
    throw new YamlDataError(`yaml: unsupported node ${String(node)}`);
  }

  private resolveAlias(node: YAML.Alias): unknown {
    const target = node.resolve(this.doc);
    if (target === undefined) throw new YamlDataError(`yaml: unknown anchor '${node.source}' referenced`);
    return target;
  }

  /**
   * yaml.v2 first builds a `map[interface{}]interface{}` (a key written twice keeps its last
   * value; `null` and `~` are the same nil key), which ghodss/yaml then turns into string keys.
   */
  private mapping(node: YAML.YAMLMap): GoMap {
    const entries = new Map<string, { key: GoValue; value: GoValue }>();
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- names whatever key arrived in the error message
    const identity = (key: GoValue): string => (key instanceof GoInt ? `int:${key.value}` : `${typeof key}:${String(key)}`);
    const put = (key: GoValue, value: GoValue): void => {
      entries.delete(identity(key));
      entries.set(identity(key), { key, value });
    };
    for (const pair of node.items) {
      const keyNode = YAML.isAlias(pair.key) ? this.resolveAlias(pair.key) : pair.key;
      if (YAML.isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.tag === undefined && keyNode.value === '<<') {
        for (const [key, value] of Object.entries(this.merged(pair.value))) put(key, value);
        continue;
      }
      const value = this.value(pair.value);
      if (YAML.isSeq(keyNode) || YAML.isMap(keyNode)) {
        throw new YamlDataError(`yaml: invalid map key: ${sprintf('%#v', [this.value(keyNode)])}`);
      }
      put(this.value(keyNode), value);
    }
    const out: GoMap = {};
    for (const { key, value } of entries.values()) setKey(out, mapKey(key, value), value);
    return out;
  }

  /** `<<`: a mapping, or a list of mappings where earlier ones take precedence. */
  private merged(node: unknown): GoMap {
    const target = YAML.isAlias(node) ? this.resolveAlias(node) : node;
    if (YAML.isMap(target)) return this.mapping(target);
    if (YAML.isSeq(target)) {
      const out: GoMap = {};
      for (let i = target.items.length - 1; i >= 0; i--) {
        for (const [key, value] of Object.entries(this.merged(target.items[i]))) setKey(out, key, value);
      }
      return out;
    }
    throw new YamlDataError('yaml: map merge requires map or sequence of maps as the value');
  }

}

function setKey(out: GoMap, key: string, value: GoValue): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * ghodss/yaml `YAMLToJSON(data)`: the first document as JSON (`null` when there is none).
 * @throws YamlDataError with ghodss/yaml's text for keys and values JSON cannot hold, yaml.v2's
 *   text for syntax errors (yaml-syntax.ts), and {@link YAML_SYNTAX_ERROR_PREFIX} followed by the
 *   `yaml` package's wording for the few texts it refuses that yaml.v2 reads
 */
export function yamlToJson(data: string): string {
  const syntaxError = yamlSyntaxError(data);
  if (syntaxError !== undefined) throw new YamlDataError(syntaxError);
  const docs = YAML.parseAllDocuments(data, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (first === undefined) return 'null';
  const error = first.errors[0];
  if (error) throw new YamlDataError(YAML_SYNTAX_ERROR_PREFIX + error.message.split('\n')[0]);
  const value = new Converter(first).value(first.contents);
  try {
    return marshalGo(value);
  } catch (err) {
    throw new YamlDataError((err as Error).message);
  }
}
