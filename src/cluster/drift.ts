/**
 * Drift between what synth produces now and what the cluster holds, like `kubectl diff` but
 * limited to the fields synth sets: the API server adds its own (uid, resourceVersion,
 * managedFields, a Service's clusterIP, defaulted protocols, status) and those are not drift.
 */
import { isJsonObject } from '../engine/plain-data';

/** One field that differs; `want` is undefined never (synth sets it), `got` is undefined when missing. */
export interface FieldDrift {
  /** Dotted path with `[i]` for list items, e.g. `spec.ports[0].port`. */
  readonly path: string;
  readonly want: unknown;
  readonly got: unknown;
}


const isEmpty = (value: unknown): boolean => (isJsonObject(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0);

/** A key as a path segment: plain identifiers after a dot, anything else (label keys with `/` and `.`) quoted. */
function segment(parent: string, key: string): string {
  const part = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!parent) return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

/**
 * The fields of `want` whose value in `live` differs. Objects compare key by key (keys only in
 * `live` are the server's or another manager's, not drift); lists compare item by item and a
 * different length is one drift of the whole list; an empty object or list in `want` matches
 * an absent one (the API server drops empty values).
 */
export function diffFields(want: unknown, live: unknown, path = ''): FieldDrift[] {
  if (isJsonObject(want)) {
    if (!isJsonObject(live)) return isEmpty(want) && live === undefined ? [] : [{ path, want, got: live }];
    return Object.keys(want).sort().flatMap(key => diffFields(want[key], live[key], segment(path, key)));
  }
  if (Array.isArray(want)) {
    if (isEmpty(want) && live === undefined) return [];
    if (!Array.isArray(live) || live.length !== want.length) return [{ path, want, got: live }];
    return want.flatMap((item, i) => diffFields(item, live[i], `${path}[${i}]`));
  }
  return want === live ? [] : [{ path, want, got: live }];
}

/** The drift of one object: its metadata labels and annotations, and everything else synth sets (not `status`). */
export function objectDrift(desired: Record<string, unknown>, live: Record<string, unknown>): FieldDrift[] {
  const { metadata, status: _status, ...rest } = desired as { metadata?: Record<string, unknown>; status?: unknown };
  const liveMetadata = (live.metadata ?? {}) as Record<string, unknown>;
  return [
    ...diffFields(metadata?.labels ?? {}, liveMetadata.labels ?? {}, 'metadata.labels'),
    ...diffFields(metadata?.annotations ?? {}, liveMetadata.annotations ?? {}, 'metadata.annotations'),
    ...diffFields(rest, live),
  ];
}

/** A value as a short line: long text (a template in a ConfigMap) is cut, never printed whole. */
export function shortValue(value: unknown, max = 80): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}… (${text.length} characters)` : text;
}
