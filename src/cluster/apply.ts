/**
 * `serve --apply`: the resources the Sensor's triggers fire, created in the cluster with the real
 * `@kubernetes/client-node`, as the k8s trigger creates them (argo-events 6478ece
 * `pkg/sensors/triggers/standard-k8s/standard-k8s.go` `Execute`: a dynamic-client create of the
 * object, the namespace defaulted to the Sensor's).
 *
 * The API server's answers, as the journal's guarantee needs them sorted
 * (k8s.io/apimachinery `pkg/api/errors`: reasons and codes of a `Status`):
 * - 409 with reason `AlreadyExists`: the name exists, nothing changed: `already-exists` (a
 *   redelivery, or a creation that landed before a timeout or crash);
 * - 429 (`TooManyRequests`, with `Retry-After`), any 5xx (`InternalError`, `ServiceUnavailable`,
 *   `Timeout`), another 409 (`Conflict`), no answer at all (connection refused or reset, TLS, a
 *   request timeout): transient, `retry`: the delivery stays unprocessed in the journal;
 * - any other 4xx (`Invalid` 422, `Forbidden` 403, `NotFound` 404, `BadRequest` 400,
 *   `Unauthorized` 401), or a kind the API server does not serve: `failed`, with the API's message.
 */
import * as k8s from '@kubernetes/client-node';
import type { CreateResult, Creation, ResourceSink } from '../serve/sink';
import { Cluster, httpCode, plainMessage } from './kube';

/** A create not answered within this long is retried (GitHub's own delivery timeout is 10 s; the queue is ours). */
const CREATE_TIMEOUT_MS = 30_000;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The `reason` of the API's `Status` body, when it sent one. */
function statusReason(err: k8s.ApiException<unknown>): string | undefined {
  let body: unknown = err.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const reason = field(body, 'reason');
  return typeof reason === 'string' ? reason : undefined;
}

/** `Retry-After` in milliseconds (seconds, as the API server sends it), when present. */
function retryAfterMs(err: k8s.ApiException<unknown>): number | undefined {
  const header = Object.entries(err.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = header !== undefined && /^\d+$/.test(String(header).trim()) ? Number(header) : undefined;
  return seconds === undefined ? undefined : seconds * 1000;
}

/** Sorts a failed create into already-exists, retry or failed (see the module comment). */
export function classifyCreateError(err: unknown): CreateResult {
  if (err instanceof k8s.ApiException) {
    const code = httpCode(err) ?? 0;
    const reason = plainMessage(err);
    if (code === 409 && statusReason(err) === 'AlreadyExists') return { result: 'already-exists' };
    if (code === 429 || code >= 500 || code === 409) {
      const after = retryAfterMs(err);
      return { result: 'retry', reason, ...(after !== undefined ? { afterMs: after } : {}) };
    }
    if (code >= 400) return { result: 'failed', reason };
    return { result: 'retry', reason };
  }
  const message = plainMessage(err);
  // KubernetesObjectApi's discovery found no such kind in the group/version: the CRD is not served.
  if (/^Unrecognized API version and kind/.test(message)) return { result: 'failed', reason: `${message} (is the CRD installed and serving this version?)` };
  return { result: 'retry', reason: message };
}

/** The cluster as a {@link ResourceSink}. */
export class ClusterSink implements ResourceSink {
  readonly description: string;
  private readonly objects: k8s.KubernetesObjectApi;

  constructor(private readonly cluster: Cluster, private readonly timeoutMs = CREATE_TIMEOUT_MS) {
    this.description = `cluster ${cluster.server}`;
    this.objects = k8s.KubernetesObjectApi.makeApiClient(cluster.config);
  }

  /** Proves the API server answers and accepts the credentials (else a ConnectionError: `serve` exits 2). */
  prepare(): Promise<void> {
    return this.cluster.probe();
  }

  async createAll(creations: readonly Creation[]): Promise<CreateResult[]> {
    const results: CreateResult[] = [];
    for (const creation of creations) {
      const result = await this.create(creation.resource);
      results.push(result);
      if (result.result === 'retry') break;
    }
    return results;
  }

  label(creation: Creation): string {
    const metadata = field(creation.resource, 'metadata');
    return `${String(field(creation.resource, 'kind'))}/${String(field(metadata, 'namespace'))}/${String(field(metadata, 'name'))}`;
  }

  private async create(resource: unknown): Promise<CreateResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from ${this.cluster.server} within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    });
    try {
      // The client fills in defaults on the object it is given: give it a copy.
      await Promise.race([this.objects.create(structuredClone(resource) as k8s.KubernetesObject), timeout]);
      return { result: 'created' };
    } catch (err) {
      return classifyCreateError(err);
    } finally {
      clearTimeout(timer);
    }
  }
}
