/**
 * A local stand-in for a kube-apiserver on 127.0.0.1 (HTTPS), answering with the real API's shapes, so the
 * real `@kubernetes/client-node` (1.4.0) can be run against it: no kube-apiserver can be installed
 * on the machines the tests run on.
 *
 * Shapes, from the Kubernetes API reference (v1.31) and the client's models
 * (`@kubernetes/client-node` 1.4.0, `dist/gen/models`):
 * - discovery: `/api` is `APIVersions`, `/apis` is `APIGroupList`, `/api/v1` and
 *   `/apis/GROUP/VERSION` are `APIResourceList` (`name` = plural, `namespaced`, `kind`, `verbs`);
 * - objects carry server-populated `metadata.uid`, `resourceVersion`, `creationTimestamp`,
 *   `generation`, `managedFields`; a Service gets `clusterIP(s)`, `ipFamilies`, `sessionAffinity`
 *   and `internalTrafficPolicy` defaulted;
 * - lists are `<Kind>List` with `metadata.resourceVersion`; built-in list items carry no
 *   `apiVersion`/`kind`, custom resources' do (the unstructured encoder keeps them);
 * - errors, each as k8s.io/apiserver and k8s.io/apimachinery build it at tag v0.31.0 (Kubernetes 1.31),
 *   read in `kubernetes/apiserver` and `kubernetes/apimachinery` at that tag; the `Status` JSON
 *   (`kind`, `apiVersion`, `metadata`, `status: Failure`, `message`, `reason`, `details`, `code`):
 *   - 404 `NotFound` `<plural>.<group> "<name>" not found`, `details` `{name, group, kind: plural}`:
 *     apimachinery `pkg/api/errors/errors.go` `NewNotFound`;
 *   - 404 for a resource a served group/version does not have: `the server could not find the
 *     requested resource`, `details: {}`: apiserver `pkg/server/handler.go` `serviceErrorHandler` ->
 *     apimachinery `errors.go` `NewGenericServerResponse(404, ...)`; 405 the same way
 *     (`the server does not allow this method on the requested resource`);
 *   - 404 for a group/version nobody serves: Go's `http.NotFound` text `404 page not found`, not a
 *     `Status`: apiserver `pkg/util/notfoundhandler/not_found_handler.go` (the end of the delegation chain);
 *   - 409 `AlreadyExists` `<plural>.<group> "<name>" already exists`: `errors.go` `NewAlreadyExists`;
 *   - 401 `Unauthorized`, message `Unauthorized`, no details: apiserver
 *     `pkg/endpoints/filters/authentication.go` `Unauthorized` -> `errors.go` `NewUnauthorized("Unauthorized")`;
 *   - 403 `Forbidden` `<plural>.<group> ["<name>" ]is forbidden: User "U" cannot VERB resource "R" in API
 *     group "G" (in the namespace "N" | at the cluster scope)`: apiserver
 *     `pkg/endpoints/handlers/responsewriters/errors.go` `Forbidden`/`forbiddenMessage` -> `errors.go` `NewForbidden`;
 *   - watch `ERROR` 410 `Expired` `too old resource version: R (O)`: apiserver
 *     `pkg/storage/cacher/watch_cache.go` (`NewResourceExpired`, `errors.go`);
 *   - create faults ({@link CreateFault}):
 *     500 `InternalError`, message `Internal error occurred: resource quota evaluation timed out`, the
 *     error again in `details.causes[0].message`: apiserver `pkg/admission/plugin/resourcequota/controller.go`
 *     (quota evaluation timing out) -> `errors.go` `NewInternalError`;
 *     503 `ServiceUnavailable`, message `apiserver is shutting down`, header `Retry-After: 1`, no details:
 *     apiserver `pkg/server/filters/waitgroup.go` `waitGroupWriteRetryAfterToResponse` -> `errors.go`
 *     `NewServiceUnavailable`;
 *     422 `Invalid` `<Kind>.<group> "<name>" is invalid: spec.service: Required value`, `details` `{name,
 *     group, kind: Kind, causes: [{reason: FieldValueRequired, message: Required value, field}]}`:
 *     `errors.go` `NewInvalid` (with `pkg/util/validation/field/errors.go` `Required`);
 *     429 from the request limiters, no `Status` at all: Go's `http.Error` (`text/plain; charset=utf-8`,
 *     `X-Content-Type-Options: nosniff`, the text and a newline) `Too many requests, please try again
 *     later.` with `Retry-After: 1`: apiserver `pkg/server/filters/maxinflight.go` (`retryAfter = "1"`) and
 *     `pkg/server/filters/priority-and-fairness.go` `tooManyRequests`.
 * - discovery, list, watch and SubjectAccessReview shapes: the API reference v1.31 (`APIVersions`,
 *   `APIGroupList`, `APIResourceList`, `WatchEvent`, `SubjectAccessReview` of authorization.k8s.io/v1)
 *   and the client's models named above.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import type * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * A self-signed certificate for 127.0.0.1, made once per test process with openssl: the client
 * refuses a token over plain HTTP ("HTTP protocol is not allowed when skipTLSVerify is not set"),
 * so the fake serves HTTPS and the kubeconfig carries its CA, as a real cluster's does.
 */
let certificate: { key: string; cert: string } | undefined;
function localCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-apiserver-tls-'));
  try {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr || made.error}`);
    certificate = { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
    return certificate;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** How the fake answers a create instead of creating (one per create, in order). */
export type CreateFault = 'internal-error' | 'service-unavailable' | 'too-many-requests' | 'invalid';

/** A stored object: plain JSON as the API server holds it. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: any }; [key: string]: any };

/** One resource type the fake serves. */
interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The built-in and Argo Events types; CodeRuns are added by {@link FakeKubeApiServer.serveCodeRuns}. */
const BUILT_IN: readonly ResourceType[] = [
  { group: '', version: 'v1', plural: 'services', singular: 'service', kind: 'Service', namespaced: true, verbs: RW },
  { group: '', version: 'v1', plural: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, verbs: RW },
  { group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, verbs: RW },
  { group: '', version: 'v1', plural: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true, verbs: RW },
  { group: '', version: 'v1', plural: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, verbs: RW },
  { group: '', version: 'v1', plural: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, verbs: RW },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', singular: 'role', kind: 'Role', namespaced: true, verbs: RW },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', singular: 'rolebinding', kind: 'RoleBinding', namespaced: true, verbs: RW },
  { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', kind: 'CustomResourceDefinition', namespaced: false, verbs: RW },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'subjectaccessreviews', singular: 'subjectaccessreview', kind: 'SubjectAccessReview', namespaced: false, verbs: ['create'] },
  // Argo Events' CRDs (argo-events manifests/base/crds): the EventBus plural is `eventbus`.
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'eventsources', singular: 'eventsource', kind: 'EventSource', namespaced: true, verbs: RW },
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'sensors', singular: 'sensor', kind: 'Sensor', namespaced: true, verbs: RW },
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'eventbus', singular: 'eventbus', kind: 'EventBus', namespaced: true, verbs: RW },
];

/** A SubjectAccessReview spec as the client sends it. */
export interface AccessReviewSpec {
  user?: string;
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; version?: string; resource?: string; name?: string };
}

interface Watcher {
  readonly type: ResourceType;
  readonly namespace?: string;
  readonly selector: string | undefined;
  readonly bookmarks: boolean;
  readonly res: http.ServerResponse;
}

interface WatchEvent {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

const groupVersion = (t: { group: string; version: string }): string => (t.group ? `${t.group}/${t.version}` : t.version);

/** Does `labels` match a label selector of `k=v`, `k!=v` and `k` terms? */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const unequal = /^([^!=]+)!=(.*)$/.exec(term);
    if (unequal) return labels?.[unequal[1]] !== unequal[2];
    const equal = /^([^!=]+)==?(.*)$/.exec(term);
    if (equal) return labels?.[equal[1]] === equal[2];
    return labels?.[term] !== undefined;
  });
}

/** The fake API server. Start with {@link FakeKubeApiServer.start}; close in `afterEach`/`afterAll`. */
export class FakeKubeApiServer {
  /** Base URL, `https://127.0.0.1:PORT`. */
  public url = '';
  /** Bearer token every request must carry (as a kubeconfig user's `token`); set another to revoke it (401 from then on). */
  public token = `fake-token-${crypto.randomBytes(6).toString('hex')}`;
  /** Requests received, `METHOD path?query`, for assertions on what the client asked. */
  public readonly requests: string[] = [];
  /** Requests answered 403 Forbidden (RBAC denying the caller), by path; by default none. */
  public forbid: (method: string, pathname: string) => boolean = () => false;
  /** Faults the next creates meet, first first; each is used once. */
  public readonly createFaults: CreateFault[] = [];
  /** Decides SubjectAccessReviews; by default nothing is allowed. */
  public authorize: (spec: AccessReviewSpec) => boolean = () => false;

  private readonly server: https.Server;
  private readonly types: ResourceType[] = [...BUILT_IN];
  private readonly objects = new Map<string, KubeObject>();
  private readonly history: WatchEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private revision = 1000;
  /** Watches from a resourceVersion below this get 410 Expired (etcd compaction / watch cache window). */
  private oldestKept = 0;

  private constructor() {
    this.server = https.createServer(localCertificate(), (req, res) => this.handle(req, res));
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(): Promise<FakeKubeApiServer> {
    const fake = new FakeKubeApiServer();
    await new Promise<void>(resolve => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `https://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /**
   * Writes a kubeconfig naming this server (context `fake`, plus an unused `other` context). The
   * user has the token, or with `exec` a client-go credential plugin (kubeconfig `users[].user.exec`,
   * `client.authentication.k8s.io/v1`) to run: a command printing an `ExecCredential`.
   */
  writeKubeconfig(dir: string, exec?: { command: string; args: string[] }): string {
    const file = path.join(dir, 'kubeconfig');
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'fake',
      clusters: [
        { name: 'fake', cluster: { server: this.url, 'certificate-authority-data': Buffer.from(localCertificate().cert).toString('base64') } },
        { name: 'nowhere', cluster: { server: 'https://127.0.0.1:1', 'certificate-authority-data': Buffer.from(localCertificate().cert).toString('base64') } },
      ],
      users: [{ name: 'tester', user: exec ? { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: exec.command, args: exec.args, interactiveMode: 'Never' } } : { token: this.token } }],
      contexts: [
        { name: 'fake', context: { cluster: 'fake', user: 'tester' } },
        { name: 'other', context: { cluster: 'nowhere', user: 'tester' } },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  }

  /** Serves the CodeRun resource at `group/version` (as the CRD being established does). */
  serveCodeRuns(group = 'agents.platform', version = 'v1'): void {
    this.types.push({ group, version, plural: 'coderuns', singular: 'coderun', kind: 'CodeRun', namespaced: true, verbs: RW });
  }

  /** Creates or replaces an object as `kubectl apply` would, with the server's own fields; returns the stored copy. */
  apply(input: KubeObject): KubeObject {
    const type = this.typeOfObject(input);
    const key = this.key(type, input.metadata.namespace, input.metadata.name);
    const existing = this.objects.get(key);
    const object = structuredClone(input);
    object.metadata = {
      ...object.metadata,
      uid: existing?.metadata.uid ?? crypto.randomUUID(),
      resourceVersion: String(++this.revision),
      creationTimestamp: existing?.metadata.creationTimestamp ?? input.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      generation: (existing?.metadata.generation ?? 0) + 1,
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: input.apiVersion, time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), fieldsType: 'FieldsV1', fieldsV1: {} }],
    };
    if (object.kind === 'Service') defaultService(object);
    this.objects.set(key, object);
    this.record({ rv: this.revision, type: existing ? 'MODIFIED' : 'ADDED', object });
    return object;
  }

  /** Deletes an object; watchers get `DELETED`. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): void {
    const type = this.typeOf(apiVersion, kind);
    const key = this.key(type, namespace, name);
    const existing = this.objects.get(key);
    if (!existing) return;
    this.objects.delete(key);
    const object = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(++this.revision) } };
    this.record({ rv: this.revision, type: 'DELETED', object });
  }

  /** The stored object, or undefined. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(this.key(this.typeOf(apiVersion, kind), namespace, name));
  }

  /** Sends a BOOKMARK at the current revision to every watcher that asked for bookmarks. */
  bookmark(): void {
    for (const w of this.watchers) {
      if (w.bookmarks) writeEvent(w.res, { type: 'BOOKMARK', object: { apiVersion: groupVersion(w.type), kind: w.type.kind, metadata: { resourceVersion: String(this.revision) } } });
    }
  }

  /**
   * Forgets the history (as compaction does): open watches get `ERROR` 410 Expired and are closed,
   * and a watch from an older resourceVersion gets the same at once.
   */
  expireHistory(): void {
    this.oldestKept = this.revision;
    this.history.length = 0;
    for (const w of [...this.watchers]) {
      writeEvent(w.res, { type: 'ERROR', object: expired(w.type, this.revision - 1, this.revision) });
      this.endWatch(w);
    }
  }

  /** Cuts every open watch connection without a word (a network drop, an API server restart). */
  dropWatches(): void {
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.res.socket?.destroy();
    }
  }

  /** Number of open watch connections. */
  get openWatches(): number {
    return this.watchers.size;
  }

  async close(): Promise<void> {
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private record(event: WatchEvent): void {
    this.history.push(event);
    for (const w of this.watchers) {
      if (this.watches(w, event.object)) writeEvent(w.res, { type: event.type, object: event.object });
    }
  }

  private watches(w: Watcher, object: KubeObject): boolean {
    return this.typeOfObject(object) === w.type
      && (w.namespace === undefined || object.metadata.namespace === w.namespace)
      && matchesSelector(object.metadata.labels, w.selector);
  }

  private endWatch(w: Watcher): void {
    this.watchers.delete(w);
    w.res.end();
  }

  private typeOf(apiVersion: string, kind: string): ResourceType {
    const type = this.types.find(t => groupVersion(t) === apiVersion && t.kind === kind);
    if (!type) throw new Error(`the fake API server does not serve ${kind} in ${apiVersion}`);
    return type;
  }

  private typeOfObject(object: KubeObject): ResourceType {
    return this.typeOf(object.apiVersion, object.kind);
  }

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    return `${groupVersion(type)}|${type.plural}|${type.namespaced ? namespace ?? '' : ''}|${name}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk as Buffer));
    req.on('end', () => {
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) as KubeObject : undefined;
        this.route(req.method ?? 'GET', url, body, res);
      } catch (err) {
        sendStatus(res, 400, 'BadRequest', String(err));
      }
    });
  }

  private route(method: string, url: URL, body: KubeObject | undefined, res: http.ServerResponse): void {
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/api') {
      sendJson(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
      return;
    }
    if (url.pathname === '/apis') {
      const groups = [...new Set(this.types.filter(t => t.group).map(t => t.group))].map(name => {
        const versions = [...new Set(this.types.filter(t => t.group === name).map(t => t.version))].map(version => ({ groupVersion: `${name}/${version}`, version }));
        return { name, versions, preferredVersion: versions[0] };
      });
      sendJson(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
      return;
    }
    // /api/v1/... or /apis/GROUP/VERSION/...
    const [group, version, rest] = parts[0] === 'api' ? ['', parts[1], parts.slice(2)] : [parts[1], parts[2], parts.slice(3)];
    const inVersion = this.types.filter(t => t.group === group && t.version === version);
    if (!inVersion.length) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('404 page not found\n');
      return;
    }
    if (!rest.length) {
      sendJson(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: groupVersion({ group, version }),
        resources: inVersion.map(t => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs })),
      });
      return;
    }
    const namespace = rest[0] === 'namespaces' && rest.length >= 3 ? rest[1] : undefined;
    const [plural, name] = namespace !== undefined ? [rest[2], rest[3]] : [rest[0], rest[1]];
    const type = inVersion.find(t => t.plural === plural);
    if (!type) {
      sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource', {});
      return;
    }
    const what = type.group ? `${type.plural}.${type.group}` : type.plural;
    if (this.forbid(method, url.pathname)) {
      // The authorizer's refusal (k8s.io/apiserver endpoints/handlers/responsewriters/errors.go).
      const verb = method === 'POST' ? 'create' : name !== undefined ? 'get' : 'list';
      sendStatus(res, 403, 'Forbidden', `${what} ${name !== undefined ? `"${name}" ` : ''}is forbidden: User "tester" cannot ${verb} resource "${type.plural}" in API group "${type.group}"${namespace !== undefined ? ` in the namespace "${namespace}"` : ' at the cluster scope'}`, { ...(name !== undefined ? { name } : {}), group: type.group, kind: type.plural });
      return;
    }
    if (method === 'POST' && type.kind === 'SubjectAccessReview' && body) {
      const spec = (body as any).spec as AccessReviewSpec;
      const allowed = this.authorize(spec);
      sendJson(res, 201, { kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: allowed ? { allowed: true, reason: 'RBAC: allowed by RoleBinding' } : { allowed: false } });
      return;
    }
    if (method === 'POST' && body && this.createFaults.length > 0) {
      sendCreateFault(res, this.createFaults.shift() as CreateFault, type, body);
      return;
    }
    if (method === 'POST' && body) {
      const objectName = body.metadata?.name;
      if (this.objects.has(this.key(type, namespace, objectName))) {
        sendStatus(res, 409, 'AlreadyExists', `${what} "${objectName}" already exists`, { name: objectName, group: type.group, kind: type.plural });
        return;
      }
      sendJson(res, 201, this.apply({ ...body, metadata: { ...body.metadata, namespace } }));
      return;
    }
    if (method !== 'GET') {
      sendStatus(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
      return;
    }
    if (name !== undefined) {
      const object = this.objects.get(this.key(type, namespace, name));
      if (!object) {
        sendStatus(res, 404, 'NotFound', `${what} "${name}" not found`, { name, group: type.group, kind: type.plural });
        return;
      }
      sendJson(res, 200, object);
      return;
    }
    const selector = url.searchParams.get('labelSelector') ?? undefined;
    const selected = (): KubeObject[] => [...this.objects.values()]
      .filter(o => this.typeOfObject(o) === type && (namespace === undefined || o.metadata.namespace === namespace) && matchesSelector(o.metadata.labels, selector))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
      this.startWatch(type, namespace, selector, url, res);
      return;
    }
    // Built-in list items carry no apiVersion/kind in JSON; custom resources' items keep them.
    const custom = !['', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io'].includes(type.group);
    const items = selected().map(o => (custom ? o : (({ apiVersion: _a, kind: _k, ...rest2 }) => rest2)(o)));
    sendJson(res, 200, { apiVersion: groupVersion(type), kind: `${type.kind}List`, metadata: { resourceVersion: String(this.revision) }, items });
  }

  private startWatch(type: ResourceType, namespace: string | undefined, selector: string | undefined, url: URL, res: http.ServerResponse): void {
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const watcher: Watcher = { type, namespace, selector, bookmarks: url.searchParams.get('allowWatchBookmarks') === 'true', res };
    if (from !== 0 && from < this.oldestKept) {
      writeEvent(res, { type: 'ERROR', object: expired(type, from, this.oldestKept) });
      res.end();
      return;
    }
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
    for (const event of this.history) {
      if (event.rv > from && this.watches(watcher, event.object)) writeEvent(res, { type: event.type, object: event.object });
    }
  }
}

/** The Status a watch gets for a resourceVersion the server no longer keeps (watch_cache.go at v0.31.0, see above). */
function expired(_type: ResourceType, requested: number, oldest: number): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410 };
}

/** The fields the API server defaults on a ClusterIP Service. */
function defaultService(service: KubeObject): void {
  service.spec = {
    clusterIP: '10.96.12.34',
    clusterIPs: ['10.96.12.34'],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    sessionAffinity: 'None',
    type: 'ClusterIP',
    ...service.spec,
    ports: (service.spec?.ports ?? []).map((p: any) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
  };
  service.status = { loadBalancer: {} };
}

function sendCreateFault(res: http.ServerResponse, fault: CreateFault, type: ResourceType, body: KubeObject): void {
  const name = body.metadata?.name;
  switch (fault) {
    case 'internal-error':
      sendStatus(res, 500, 'InternalError', 'Internal error occurred: resource quota evaluation timed out', { causes: [{ message: 'resource quota evaluation timed out' }] });
      return;
    case 'service-unavailable':
      res.setHeader('Retry-After', '1');
      sendStatus(res, 503, 'ServiceUnavailable', 'apiserver is shutting down');
      return;
    case 'too-many-requests':
      res.writeHead(429, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Retry-After': '1' });
      res.end('Too many requests, please try again later.\n');
      return;
    case 'invalid':
      sendStatus(res, 422, 'Invalid', `${type.kind}.${type.group} "${name}" is invalid: spec.service: Required value`, { name, group: type.group, kind: type.kind, causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.service' }] });
      return;
  }
}

function writeEvent(res: http.ServerResponse, event: object): void {
  if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
}

function sendJson(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendStatus(res: http.ServerResponse, code: number, reason: string, message: string, details?: object): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

// Objects other controllers create, in the shapes the API returns them.

const NOW = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * `status.conditions` of an Argo Events object (argo-events `pkg/apis/common` `Condition`:
 * `type`, `status`, `lastTransitionTime`, `reason`, `message`). Condition types per kind (argo-events
 * v1alpha1 types): EventSource `SourcesProvided`, `Deployed`; Sensor `DependenciesProvided`,
 * `TriggersProvided`, `Deployed`; EventBus `Configured`, `Deployed`.
 */
export function argoConditions(types: readonly string[], failing: Record<string, string> = {}): object {
  return {
    conditions: types.map(type => (failing[type] !== undefined
      ? { type, status: 'False', lastTransitionTime: NOW(), reason: 'Failed', message: failing[type] }
      : { type, status: 'True', lastTransitionTime: NOW() })),
  };
}

/** The EventBus `default` as the argo-events controller reports it (JetStream). */
export function eventBus(namespace: string, ready = true): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventBus',
    metadata: { name: 'default', namespace },
    spec: { jetstream: { version: 'latest' } },
    status: argoConditions(['Configured', 'Deployed'], ready ? {} : { Deployed: 'StatefulSet is not ready' }),
  };
}

/** A running pod with one container (core/v1 Pod, `status.containerStatuses`). */
export function pod(namespace: string, name: string, labels: Record<string, string>, state: { ready: boolean; restarts?: number; lastTerminationReason?: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'main', image: 'quay.io/argoproj/argo-events:v1.9.6' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: state.ready ? 'True' : 'False', lastTransitionTime: NOW() }],
      containerStatuses: [{
        name: 'main',
        image: 'quay.io/argoproj/argo-events:v1.9.6',
        imageID: 'quay.io/argoproj/argo-events@sha256:0000000000000000000000000000000000000000000000000000000000000000',
        ready: state.ready,
        started: state.ready,
        restartCount: state.restarts ?? 0,
        state: state.ready ? { running: { startedAt: NOW() } } : { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
        ...(state.lastTerminationReason ? { lastState: { terminated: { exitCode: 1, reason: state.lastTerminationReason, startedAt: NOW(), finishedAt: NOW() } } } : { lastState: {} }),
      }],
    },
  };
}

/** The Endpoints of a Service (core/v1 `subsets[].addresses` / `notReadyAddresses`). */
export function endpoints(namespace: string, name: string, ready: number, notReady = 0, port = 12000): KubeObject {
  const address = (i: number): object => ({ ip: `10.244.0.${10 + i}`, targetRef: { kind: 'Pod', namespace, name: `${name}-${i}` } });
  const subset = {
    ...(ready ? { addresses: Array.from({ length: ready }, (_, i) => address(i)) } : {}),
    ...(notReady ? { notReadyAddresses: Array.from({ length: notReady }, (_, i) => address(ready + i)) } : {}),
    ports: [{ name: 'webhook', port, protocol: 'TCP' }],
  };
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace }, ...(ready || notReady ? { subsets: [subset] } : {}) };
}

/** An Opaque Secret (values base64 in `data`, as the API returns them). */
export function secret(namespace: string, name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) };
}

/** The CodeRun CRD, established, serving `version`s (apiextensions.k8s.io/v1). */
export function codeRunCrd(group = 'agents.platform', versions: { name: string; served: boolean }[] = [{ name: 'v1', served: true }], established = true): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `coderuns.${group}` },
    spec: { group, names: { kind: 'CodeRun', listKind: 'CodeRunList', plural: 'coderuns', singular: 'coderun' }, scope: 'Namespaced', versions: versions.map((v, i) => ({ name: v.name, served: v.served, storage: i === 0, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }, subresources: { status: {} } })) },
    status: {
      acceptedNames: { kind: 'CodeRun', listKind: 'CodeRunList', plural: 'coderuns', singular: 'coderun' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: NOW() },
        { type: 'Established', status: established ? 'True' : 'False', reason: established ? 'InitialNamesAccepted' : 'Installing', message: established ? 'the initial names have been accepted' : 'the CRD is installing', lastTransitionTime: NOW() },
      ],
      storedVersions: [versions[0].name],
    },
  };
}

/**
 * A CodeRun as the Sensor's trigger creates it (src/triggers/coderun-trigger.ts: labels
 * `remediation.agents.platform/*`, free text in annotations) with the agent controller's status
 * (5dlabs/cto `controller/src/crds/coderun.rs` at 1a0366a5: `phase`, `pull_request_url`, snake case).
 */
export function codeRun(options: { namespace?: string; runId: string; attempt?: string; repository?: string; workflow?: string; phase?: string; pullRequestUrl?: string; createdAt?: string }): KubeObject {
  const attempt = options.attempt ?? '1';
  return {
    apiVersion: 'agents.platform/v1',
    kind: 'CodeRun',
    metadata: {
      name: `ci-remediation-${options.runId}-${attempt}`,
      namespace: options.namespace ?? 'cto',
      ...(options.createdAt ? { creationTimestamp: options.createdAt } : {}),
      labels: {
        'app.kubernetes.io/name': 'ci-remediation',
        'app.kubernetes.io/component': 'ci-failure-remediation',
        'remediation.agents.platform/mode': 'ci-failure',
        'remediation.agents.platform/workflow-run-id': options.runId,
        'remediation.agents.platform/workflow-run-attempt': attempt,
      },
      annotations: {
        'remediation.agents.platform/repository': options.repository ?? '5dlabs/cto',
        'remediation.agents.platform/workflow-name': options.workflow ?? 'CI',
        'remediation.agents.platform/workflow-run-url': `https://github.com/${options.repository ?? '5dlabs/cto'}/actions/runs/${options.runId}`,
        'remediation.agents.platform/github-delivery': crypto.randomUUID(),
      },
    },
    spec: { service: 'cto', repositoryUrl: `https://github.com/${options.repository ?? '5dlabs/cto'}`, docsRepositoryUrl: `https://github.com/${options.repository ?? '5dlabs/cto'}`, workingDirectory: '.', model: 'claude-sonnet-4-5-20250929', githubApp: '5DLabs-Rex' },
    ...(options.phase ? { status: { phase: options.phase, ...(options.pullRequestUrl ? { pull_request_url: options.pullRequestUrl } : {}) } } : {}),
  };
}
