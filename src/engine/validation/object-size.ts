/**
 * The size limit every Kubernetes object meets before it is stored: a Sensor, an EventSource,
 * a ConfigMap or a CodeRun over it is refused by the API server.
 *
 * The API server stores each object as one etcd request, and etcd refuses requests over its
 * `--max-request-bytes`, by default 1.5 MiB ("By default, the maximum size of any request is
 * 1.5 MiB", etcd documentation, dev-guide "System limits", v3.4 and later; in the source,
 * `DefaultMaxRequestBytes = 1.5 * 1024 * 1024` in server/embed/config.go, etcd-io/etcd at 00ddd0ca85c3); the API server
 * answers `etcdserver: request is too large`. The API server's own request body limit (3 MiB)
 * is higher, so etcd's is the one that applies. Custom resources are stored as JSON.
 */
import type { ValidationIssue } from './validation-issue';

/** etcd's default `--max-request-bytes`: 1.5 MiB. */
export const OBJECT_SIZE_LIMIT_BYTES = 1.5 * 1024 * 1024;

/**
 * Bytes of `object` as compact JSON (UTF-8). A lower bound of what the API server stores: Go's
 * encoder escapes `<`, `>` and `&` as six bytes each, and the server adds fields of its own.
 */
export function jsonSizeBytes(object: unknown): number {
  return Buffer.byteLength(JSON.stringify(object) ?? '', 'utf8');
}

/**
 * An issue at the object's root when it is certainly over {@link OBJECT_SIZE_LIMIT_BYTES}, or
 * undefined. `what` names the object in the message (e.g. `the Sensor`).
 */
export function objectSizeIssue(object: unknown, what = 'the object'): ValidationIssue | undefined {
  const size = jsonSizeBytes(object);
  if (size <= OBJECT_SIZE_LIMIT_BYTES) return undefined;
  return {
    path: [],
    rule: 'kubernetes/object-size',
    message: `${what} is ${size.toLocaleString('en-US')} bytes as JSON, over the ${OBJECT_SIZE_LIMIT_BYTES.toLocaleString('en-US')} bytes (1.5 MiB) `
      + 'etcd stores by default: the API server refuses it (etcdserver: request is too large); move the large data out of it',
  };
}

/** The field holding most of an object's bytes. */
export interface LargestField {
  /** Path of the field, e.g. `spec.triggers[0].template.k8s.source.resource.spec.env.BIG`. */
  readonly path: string;
  /** Bytes of its value as compact JSON. */
  readonly bytes: number;
}

/**
 * The field to blame for an object's size: descends into the largest child while one child holds
 * most of the bytes, so a single huge value is named itself and many small ones by their parent.
 */
export function largestField(object: unknown): LargestField {
  let field = '';
  let value = object;
  let bytes = jsonSizeBytes(object);
  for (;;) {
    if (value === null || typeof value !== 'object') break;
    const children: [string, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [`[${i}]`, item])
      : Object.entries(value).map(([key, item]) => [/^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`, item]);
    let largest: [string, unknown, number] | undefined;
    for (const [step, item] of children) {
      const size = jsonSizeBytes(item);
      if (!largest || size > largest[2]) largest = [step, item, size];
    }
    if (!largest || largest[2] * 2 < bytes) break;
    field += largest[0];
    value = largest[1];
    bytes = largest[2];
  }
  return { path: field.replace(/^\./, '') || '(the whole object)', bytes };
}
