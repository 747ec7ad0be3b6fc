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
 * - 401 `Unauthorized`: once, the credentials are loaded again and the create is sent again at
 *   once; a second 401 is `failed`. Why once: `@kubernetes/client-node` 1.4.0 does nothing on a 401
 *   (read in its `dist/exec_auth.js`, `dist/oidc_auth.js`): an exec plugin's credential is cached
 *   until its own `expirationTimestamp` and an OIDC id-token until its `exp`, so a token the API
 *   server stops accepting earlier (revoked, rotated, clock skew at expiry) keeps being sent. A new
 *   client from the kubeconfig runs the plugin again (and re-reads the kubeconfig and token files),
 *   which succeeds when the credential was only stale; a credential that is wrong stays wrong, and
 *   retrying it forever would hold every later delivery behind it;
 * - any other 4xx (`Invalid` 422, `Forbidden` 403, `NotFound` 404, `BadRequest` 400), or a kind
 *   the API server does not serve: `failed`, with the API's message.
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
  private objects: k8s.KubernetesObjectApi;

  /**
   * @param reload loads the kubeconfig again (as at the start), for a 401 (see the module comment);
   *   without it a 401 is `failed` at once
   */
  constructor(private readonly cluster: Cluster, private readonly timeoutMs = CREATE_TIMEOUT_MS, private readonly reload?: () => k8s.KubeConfig) {
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
    const result = await this.createOnce(resource);
    if (result.result !== 'failed' || result.code !== 401 || this.reload === undefined) return strip(result);
    let config: k8s.KubeConfig;
    try {
      config = this.reload();
    } catch (err) {
      return { result: 'failed', reason: `${result.reason}; loading the credentials again failed: ${plainMessage(err)}` };
    }
    this.objects = k8s.KubernetesObjectApi.makeApiClient(config);
    const again = await this.createOnce(resource);
    return again.result === 'failed' ? { result: 'failed', reason: `${again.reason} (also with the credentials loaded again)` } : strip(again);
  }

  private async createOnce(resource: unknown): Promise<CreateResult & { code?: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from ${this.cluster.server} within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    });
    try {
      // The client fills in defaults on the object it is given: give it a copy.
      await Promise.race([this.objects.create(structuredClone(resource) as k8s.KubernetesObject), timeout]);
      return { result: 'created' };
    } catch (err) {
      const code = httpCode(err);
      return { ...classifyCreateError(err), ...(code !== undefined ? { code } : {}) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The result without the HTTP code kept for the 401 decision. */
function strip(result: CreateResult & { code?: number }): CreateResult {
  const { code: _code, ...rest } = result;
  return rest;
}
