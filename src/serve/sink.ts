/**
 * Where `serve` creates the resources its triggers fire: the `--out` folder (out-dir.ts) or the
 * cluster (`--apply`, src/cluster/apply.ts). Both answer a creation the way the API server's
 * create does, so the server's bookkeeping (journal, logs, metrics) is the same for both.
 */

/** A resource to create, with the name it is logged under. */
export interface Creation {
  /** `<Kind>.<namespace>.<name>.json`: the file under the out folder, and the resource's identity. */
  readonly file: string;
  /** The object, namespace and name set. */
  readonly resource: unknown;
}

/**
 * What became of one creation:
 * - `created`;
 * - `already-exists`: the name exists (409 AlreadyExists), nothing was changed: a redelivery;
 * - `failed`: refused for good (a 4xx other than 409/429: invalid, forbidden, not found), with
 *   the reason; the delivery is recorded as processed and failed;
 * - `retry`: not done for a reason that may pass (5xx, 429, a connection problem or timeout); the
 *   delivery stays unprocessed in the journal and is tried again, `afterMs` at the earliest when
 *   the server said so (`Retry-After`).
 */
export type CreateResult =
  | { readonly result: 'created' }
  | { readonly result: 'already-exists' }
  | { readonly result: 'failed'; readonly reason: string }
  | { readonly result: 'retry'; readonly reason: string; readonly afterMs?: number };

/** A place resources are created in. */
export interface ResourceSink {
  /** For the start-up line: `out DIR`, `cluster https://...`. */
  readonly description: string;
  /** Prepares (creates the folder, checks the cluster answers); errors here stop the start. */
  prepare(): Promise<void>;
  /**
   * Creates each resource in order (the earlier of two creations of one name wins, as the earlier
   * request would at the API server). Stops at the first `retry`: the result array then ends with
   * it, and the creations after it were not attempted. Throws only when nothing can be said about
   * the creations (e.g. the out folder cannot be written); the deliveries then stay unprocessed.
   */
  createAll(creations: readonly Creation[]): Promise<CreateResult[]>;
  /** How a created resource is named in logs: the file name, or `Kind/namespace/name` in the cluster. */
  label(creation: Creation): string;
}
