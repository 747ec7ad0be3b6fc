/**
 * The one reader of Kubernetes manifests (YAML or JSON, possibly several documents or a
 * `kind: List`) for every command: `simulate`, `replay` and `serve` take the Sensor out of them,
 * `lint` checks every object and reports findings at their source positions (../model decodes
 * the Sensors and EventSources).
 */
import * as YAML from 'yaml';
import { asSimulatorLimit } from './limits';
import type { IssuePath } from './validation/validation-issue';
import { isJsonObject } from './plain-data';

/** A manifest file that cannot be read or holds no Sensor; the message is one line. */
export class ManifestFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestFileError';
  }

  /** The error for a key repeated in one mapping of `source`. */
  static duplicateKey(source: string, duplicate: DuplicateKey): ManifestFileError {
    return new ManifestFileError(`${source}:${duplicate.line}:${duplicate.column}: not valid YAML/JSON: duplicate key ${JSON.stringify(duplicate.key)} (keys of a mapping must be unique)`);
  }
}

/** A 1-based line and column in a manifest text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One object of a manifest text: a non-empty document, or an item of a `kind: List` document. */
export interface ManifestObject {
  /** The object as plain JSON-like data. */
  readonly value: unknown;
  /**
   * Position of the node at `path` inside the object, or of its nearest existing ancestor; with
   * `atKey`, of the key of the last segment.
   */
  readonly locate: (path: IssuePath, atKey?: boolean) => SourcePosition;
  /** The parsed document it comes from (for rewriting the text in place) and its path there (`['items', i]` in a List). */
  readonly source: { readonly document: YAML.Document.Parsed; readonly prefix: IssuePath };
}

/** A key that appears more than once in one mapping, located at its second (or later) occurrence. */
export interface DuplicateKey extends SourcePosition {
  readonly key: string;
}

/** Every object of a manifest text, and its duplicate keys. */
export interface ManifestText {
  readonly objects: readonly ManifestObject[];
  /**
   * Keys repeated in one mapping. The API server's and Argo CD's YAML decoders refuse such a
   * document; this reader keeps the last value, as the `yaml` package does.
   */
  readonly duplicateKeys: readonly DuplicateKey[];
}

/**
 * Aliases a document may expand: enough for hand-written anchors, too few for an alias bomb
 * (the `yaml` package's own default, stated here so every command uses the same bound).
 */
const MAX_ALIAS_COUNT = 100;


/** Whether a document is a list of objects (`kind: List`, `ConfigMapList`, ...) whose items are read instead. */
function isListDocument(value: unknown): value is { items: unknown[] } {
  return isJsonObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

/**
 * Reads every object of a manifest text with its source positions. `source` names the text in
 * error messages.
 * @throws ManifestFileError on a syntax error (with line and column) or an alias bomb
 */
export function readManifestText(text: string, source = '<input>'): ManifestText {
  try {
    return readManifestTextUnguarded(text, source);
  } catch (err) {
    // Nesting deeper than the JavaScript stack: the simulator cannot read it (not a YAML error).
    const limit = asSimulatorLimit(err);
    if (limit !== undefined) throw new ManifestFileError(`${source}: ${limit.message}`);
    throw err;
  }
}

function readManifestTextUnguarded(text: string, source: string): ManifestText {
  const lineCounter = new YAML.LineCounter();
  const parsed = YAML.parseAllDocuments(text, { prettyErrors: false, lineCounter });
  // An empty stream parses to an EmptyStream (not an array) without documents.
  const documents = Array.isArray(parsed) ? parsed : [];
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const objects: ManifestObject[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  for (const document of documents) {
    const syntaxError = document.errors.find(e => e.code !== 'DUPLICATE_KEY');
    // The parser reports running out of JavaScript stack as a syntax error.
    if (syntaxError && /call stack/i.test(syntaxError.message)) throw new RangeError(syntaxError.message);
    if (syntaxError) {
      const { line, column } = position(syntaxError.pos[0]);
      throw new ManifestFileError(`${source}:${line}:${column}: not valid YAML/JSON: ${syntaxError.message.split('\n')[0]}`);
    }
    const duplicateOffsets = new Set(document.errors.map(e => e.pos[0]));
    if (duplicateOffsets.size > 0) duplicateKeys.push(...duplicateKeysOf(document, duplicateOffsets, position));
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // The `yaml` package's guard against alias bombs ("billion laughs") is the only error here.
      if (!/^Excessive alias count/.test((err as Error).message)) throw err;
      throw new ManifestFileError(`${source}: too many YAML alias expansions (more than ${MAX_ALIAS_COUNT} references to anchors: an alias bomb?)`);
    }
    if (value === null || value === undefined) continue;
    const locateIn = (prefix: IssuePath) => (path: IssuePath, atKey?: boolean): SourcePosition =>
      position(offsetOf(document, [...prefix, ...path], atKey === true));
    if (isListDocument(value)) {
      value.items.forEach((item, i) => objects.push({ value: item, locate: locateIn(['items', i]), source: { document, prefix: ['items', i] } }));
    } else {
      objects.push({ value, locate: locateIn([]), source: { document, prefix: [] } });
    }
  }
  return { objects, duplicateKeys };
}

/** The keys of `document` that start at one of `offsets` (where the parser reported a duplicate). */
function duplicateKeysOf(document: YAML.Document, offsets: ReadonlySet<number>, position: (offset: number) => SourcePosition): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  YAML.visit(document, {
    Pair(_, pair) {
      const start = rangeStart(pair.key);
      if (start !== undefined && offsets.has(start)) {
        found.push({ key: YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key), ...position(start) });
      }
    },
  });
  return found;
}

/**
 * Parses YAML (JSON is YAML) into plain values, one per non-empty document; the items of a
 * `kind: List` (or `*List`) are flattened in. `source` names the text in error messages.
 * @throws ManifestFileError on a syntax error or a duplicate key (with line and column)
 */
export function parseManifests(text: string, source = '<input>'): unknown[] {
  const { objects, duplicateKeys } = readManifestText(text, source);
  const [duplicate] = duplicateKeys;
  if (duplicate) throw ManifestFileError.duplicateKey(source, duplicate);
  return objects.map(object => object.value);
}

/**
 * Source offset of the deepest node on `path`: the value node when it has a range, else its key;
 * with `atKey`, the key of the last segment when it is a map key. Of repeated keys the last is
 * followed, as its value is the one read.
 */
function offsetOf(document: YAML.Document, path: IssuePath, atKey: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    let next: unknown;
    let keyOffset: number | undefined;
    if (YAML.isMap(node)) {
      const pair = lastPairOf(node, String(segment));
      if (!pair) break;
      keyOffset = rangeStart(pair.key);
      next = pair.value;
    } else if (YAML.isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) break;
    } else {
      break;
    }
    // A key with no value (`secret:`) has a value node without a useful range: use the key.
    const valueOffset = YAML.isScalar(next) && next.range && next.range[1] === next.range[0] ? undefined : rangeStart(next);
    offset = (atKey && index === path.length - 1 ? keyOffset : undefined) ?? valueOffset ?? keyOffset ?? offset;
    node = next;
  }
  return offset;
}

function lastPairOf(map: YAML.YAMLMap, key: string): YAML.Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    if (keyText(map.items[i].key) === key) return map.items[i];
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  if (YAML.isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YAML.Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
