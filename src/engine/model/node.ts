/**
 * What every node of the decoded models has: where it sits in the object (a JSON path), and
 * the object as written. The path, with the manifest the object came from, gives the node's
 * YAML position (see {@link SourceLocator}).
 */
import type { SourcePosition } from '../load-yaml';
import { isJsonObject, type JsonObject } from '../plain-data';
import type { IssuePath } from '../validation/validation-issue';

/** A decoded part of an object: its JSON path there, and what was written (for rules about free-form content). */
export interface ModelNode<Raw = JsonObject> {
  readonly path: IssuePath;
  readonly raw: Raw;
}

/**
 * The position of a path in the manifest text an object was read from (its line and column),
 * or of the nearest existing ancestor; with `atKey`, of the last segment's key.
 */
export type SourceLocator = (path: IssuePath, atKey?: boolean) => SourcePosition;

/**
 * Each object of a Go list field with its path, skipping entries that are not objects (the
 * schema reports those); a list of the wrong type gives none.
 */
export function objectEntries(value: unknown, path: IssuePath): { raw: JsonObject; path: IssuePath }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, i) => (isJsonObject(entry) ? [{ raw: entry, path: [...path, i] }] : []));
}
