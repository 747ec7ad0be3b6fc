/**
 * The cluster as status and watch see it, through the real `@kubernetes/client-node`: the
 * kubeconfig found as kubectl finds it, plain JSON objects out, and errors in plain words.
 *
 * `@kubernetes/client-node` 1.x is an ES module; Node 20.19+ loads it with `require`, so this
 * module is loaded only by the commands that talk to a cluster.
 */
import * as k8s from '@kubernetes/client-node';

/** A Kubernetes object as plain JSON. */
export type KubeObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

/** The cluster cannot be reached or the kubeconfig cannot be used: exit 2. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** Where the kubeconfig comes from. */
export interface KubeOptions {
  /** A kubeconfig file; default as kubectl: `$KUBECONFIG`, `~/.kube/config`, else the in-cluster service account. */
  readonly kubeconfig?: string;
  /** A context of the kubeconfig; default its current context. */
  readonly context?: string;
}

/** Loads the kubeconfig and selects the context; a context that does not exist names the ones that do. */
export function loadKubeConfig(options: KubeOptions): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    // loadFromDefault follows kubectl: KUBECONFIG (a list of files), ~/.kube/config, then the
    // in-cluster service account token and KUBERNETES_SERVICE_HOST/PORT.
    else kc.loadFromDefault();
  } catch (err) {
    throw new ConnectionError(`cannot load the kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${plainMessage(err)}`);
  }
  if (options.context !== undefined) {
    if (!kc.getContexts().some(c => c.name === options.context)) {
      const names = kc.getContexts().map(c => c.name);
      throw new ConnectionError(`no context "${options.context}" in the kubeconfig; it has ${names.length ? names.join(', ') : 'none'}`);
    }
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentCluster()) throw new ConnectionError('the kubeconfig names no cluster for its current context; pass --kubeconfig FILE or --context NAME');
  return kc;
}

/** The API server's HTTP code of a failed request, or undefined when none was answered. */
export function httpCode(err: unknown): number | undefined {
  return err instanceof k8s.ApiException ? err.code : undefined;
}

/** One line for an error: the API's Status message when there is one, never a stack or headers. */
export function plainMessage(err: unknown): string {
  if (err instanceof k8s.ApiException) {
    const body = typeof err.body === 'string' ? safeJson(err.body) : err.body;
    const message = body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      // Some answers are no Status but Go's http.Error text: the request limiters' 429, the 404 of a group/version nobody serves.
      : typeof err.body === 'string' ? err.body.split('\n')[0].trim().slice(0, 200) || undefined : undefined;
    return `HTTP ${err.code}${message ? `: ${message}` : ''}`;
  }
  if (err instanceof Error) return err.message.split('\n')[0];
  return String(err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON round trip: the client turns timestamps into Dates and leaves undefined members; callers get what the API sent. */
function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Read access to the cluster for the checks and the watch. */
export class Cluster {
  readonly server: string;
  private readonly objects: k8s.KubernetesObjectApi;

  constructor(readonly config: k8s.KubeConfig) {
    this.server = config.getCurrentCluster()?.server ?? '';
    this.objects = k8s.KubernetesObjectApi.makeApiClient(config);
  }

  /**
   * Proves the API server answers and accepts the credentials (`GET /api`), so that "cannot
   * connect" (exit 2) is told apart from checks that fail (exit 1).
   */
  async probe(): Promise<void> {
    try {
      await this.config.makeApiClient(k8s.CoreApi).getAPIVersions();
    } catch (err) {
      throw new ConnectionError(`cannot connect to the cluster at ${this.server}: ${plainMessage(err)}`);
    }
  }

  /** The object, or undefined when the API answers 404 (the object, or its resource type, does not exist). */
  async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    try {
      return plain<KubeObject>(await this.objects.read({ apiVersion, kind, metadata: { name, namespace } }));
    } catch (err) {
      if (httpCode(err) === 404 || isUnknownResource(err)) return undefined;
      throw err;
    }
  }

  /** Lists objects of a namespace by label selector, with the list's resourceVersion. */
  async list(apiVersion: string, kind: string, namespace: string, labelSelector?: string): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const list = await this.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
    const result = plain<{ items?: KubeObject[]; metadata?: { resourceVersion?: string } }>(list);
    return { items: result.items ?? [], resourceVersion: result.metadata?.resourceVersion ?? '' };
  }

  /**
   * The names of a Secret's keys. The API has no way to ask for keys alone, so the Secret is read,
   * its key names kept and the object dropped here: no value leaves this function.
   */
  async secretKeys(namespace: string, name: string): Promise<string[] | undefined> {
    try {
      const secret = await this.config.makeApiClient(k8s.CoreV1Api).readNamespacedSecret({ name, namespace });
      // `stringData` is write-only: the API returns every value under `data`.
      return Object.keys(secret.data ?? {}).sort();
    } catch (err) {
      if (httpCode(err) === 404) return undefined;
      throw err;
    }
  }

  /**
   * The value of a Secret's key, decoded, or undefined when the Secret or the key does not exist.
   * For `fire-drill --from-cluster`, which signs with it: callers never print it.
   */
  async secretValue(namespace: string, name: string, key: string): Promise<Buffer | undefined> {
    try {
      const secret = await this.config.makeApiClient(k8s.CoreV1Api).readNamespacedSecret({ name, namespace });
      const encoded = secret.data?.[key];
      return encoded === undefined ? undefined : Buffer.from(encoded, 'base64');
    } catch (err) {
      if (httpCode(err) === 404) return undefined;
      throw err;
    }
  }

  /** Asks the API server whether `user` may do `verb` on a resource (SubjectAccessReview). */
  async canI(user: string, attributes: { verb: string; group: string; resource: string; namespace: string }): Promise<boolean> {
    const review = await this.config.makeApiClient(k8s.AuthorizationV1Api).createSubjectAccessReview({
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, resourceAttributes: attributes } },
    });
    return review.status?.allowed === true;
  }

  /** A watch client on the same configuration. */
  watcher(): k8s.Watch {
    return new k8s.Watch(this.config);
  }
}

/** KubernetesObjectApi's discovery throws a plain Error when the resource type is not served. */
function isUnknownResource(err: unknown): boolean {
  return err instanceof Error && !(err instanceof k8s.ApiException) && /^Unrecognized API version and kind/.test(err.message);
}
