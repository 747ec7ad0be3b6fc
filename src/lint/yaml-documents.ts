/**
 * Multi-document YAML input for the linter: every document as plain data, plus a way to map
 * a JSON path inside it back to a line and column of the source.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { IssuePath } from '../engine/validation';

/** One YAML document of a file. */
export interface YamlDocument {
  /** The document as plain JSON-like data (`null` for an empty document). */
  readonly value: unknown;
  /**
   * 1-based line and column of the node at `path`, or of its nearest existing ancestor; with
   * `atKey`, of the key of the last segment.
   */
  locate(path: IssuePath, atKey?: boolean): { line: number; column: number };
}

/** Thrown when a text is not YAML; the message is one line. */
export class YamlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlInputError';
  }
}

/**
 * Parses every document of `text`. Throws {@link YamlInputError} with the first syntax error
 * (and its position) when any document is not valid YAML.
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, keepSourceTokens: true, uniqueKeys: false });
  // `parseAllDocuments` returns an EmptyStream (no documents) for an empty text.
  const list = Array.isArray(documents) ? documents : [];
  return list.map(document => {
    const [first] = document.errors;
    if (first) {
      const { line, col } = lineCounter.linePos(first.pos[0]);
      throw new YamlInputError(`${line}:${col}: ${first.message.split('\n')[0]}`);
    }
    return {
      value: document.toJS({ maxAliasCount: -1 }) as unknown,
      locate: (path, atKey) => {
        const { line, col } = lineCounter.linePos(offsetOf(document, path, atKey === true));
        return { line, column: col };
      },
    };
  });
}

/**
 * Source offset of the deepest node on `path`: the value node when it has a range, else its key;
 * with `atKey`, the key of the last segment when it is a map key.
 */
function offsetOf(document: Document, path: IssuePath, atKey: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find(item => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) break;
      keyOffset = rangeStart(pair.key);
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) break;
    } else {
      break;
    }
    // A key with no value (`secret:`) has a value node without a useful range: use the key.
    const valueOffset = isScalar(next) && next.range && next.range[1] === next.range[0] ? undefined : rangeStart(next);
    offset = (atKey && index === path.length - 1 ? keyOffset : undefined) ?? valueOffset ?? keyOffset ?? offset;
    node = next;
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
