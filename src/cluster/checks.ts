/**
 * The checks of `ci-remediation status`, as pure functions over data already fetched from the
 * cluster: each returns a verdict, what was seen, and for a failure the fix.
 */
import { objectDrift, shortValue } from './drift';

/** What a check concluded. `info` reports without judging (the recent CodeRuns). */
export type Verdict = 'pass' | 'fail' | 'info';

/** The outcome of one check. */
export interface CheckResult {
  /** Stable identifier, e.g. `object/Sensor/argo/ci-failure-remediation`, `rbac`. */
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** What was seen, one line each. */
  readonly details: string[];
  /** What to do about a failure. */
  readonly fix?: string;
}

/** A plain object as the API returns it. */
export type Json = Record<string, any>;

const where = (o: Json): string => (o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata?.name);

/** A synthesized object exists and its synthesized fields are unchanged. */
export function checkObject(desired: Json, live: Json | undefined): CheckResult {
  const id = `object/${desired.kind}/${where(desired)}`;
  const title = `${desired.kind} ${where(desired)}`;
  const ns = desired.metadata?.namespace ? ` -n ${desired.metadata.namespace}` : '';
  if (!live) {
    return { id, title, verdict: 'fail', details: ['not found'], fix: `apply the synthesized stack: kubectl apply -k dist (or sync the Argo CD Application); kubectl get${ns} ${desired.kind.toLowerCase()} ${desired.metadata.name} to confirm` };
  }
  const drift = objectDrift(desired, live);
  if (!drift.length) return { id, title, verdict: 'pass', details: ['exists, matches synth'] };
  return {
    id,
    title,
    verdict: 'fail',
    details: drift.map(d => `${d.path}: synth ${shortValue(d.want)}, cluster ${shortValue(d.got)}`),
    fix: 'the cluster differs from what synth produces now: re-apply dist/ (npm run synth, commit, sync); if the cluster is right, change the settings so that synth produces it',
  };
}

/** Conditions of an Argo Events object (`status.conditions`: each `status` must be `True`). */
export function checkConditions(id: string, title: string, object: Json | undefined, fix: string): CheckResult {
  if (!object) return { id, title, verdict: 'fail', details: ['not found'], fix };
  const conditions: Json[] = object.status?.conditions ?? [];
  if (!conditions.length) return { id, title, verdict: 'fail', details: ['no status conditions: the argo-events controller has not reconciled it'], fix: 'check that the argo-events controller runs and watches this namespace (kubectl -n argo-events logs deploy/controller-manager)' };
  const details = conditions.map(c => `${c.type}: ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? ` ${c.message}` : ''}`);
  const failed = conditions.some(c => c.status !== 'True');
  return { id, title, verdict: failed ? 'fail' : 'pass', details, ...(failed ? { fix } : {}) };
}

/** Pods of an EventSource or Sensor (selected by the label Argo Events puts on them): at least one, all containers ready. */
export function checkPods(id: string, title: string, pods: Json[], describe: string): CheckResult {
  if (!pods.length) {
    return { id, title, verdict: 'fail', details: ['no pod'], fix: `the controller has not created its Deployment: see its conditions (${describe}) and the argo-events controller's logs` };
  }
  let failed = false;
  const details = pods.map(p => {
    const statuses: Json[] = p.status?.containerStatuses ?? [];
    const ready = statuses.length > 0 && statuses.every(s => s.ready === true);
    if (!ready) failed = true;
    const restarts = statuses.reduce((sum, s) => sum + (Number(s.restartCount) || 0), 0);
    const reasons = statuses.map(s => s.lastState?.terminated?.reason).filter(Boolean);
    const waiting = statuses.map(s => s.state?.waiting?.reason).filter(Boolean);
    return `${p.metadata?.name}: ${ready ? 'ready' : 'not ready'}${waiting.length ? ` (${waiting.join(', ')})` : ''}, ${restarts} restart${restarts === 1 ? '' : 's'}${reasons.length ? `, last terminated: ${reasons.join(', ')}` : ''}`;
  });
  const first = pods[0].metadata;
  return { id, title, verdict: failed ? 'fail' : 'pass', details, ...(failed ? { fix: `read the pod's logs: kubectl -n ${first?.namespace} logs ${first?.name} --previous; and kubectl -n ${first?.namespace} describe pod ${first?.name}` } : {}) };
}

/** The Service has ready endpoints (the EventSource pods behind it). */
export function checkEndpoints(namespace: string, service: string, endpoints: Json | undefined): CheckResult {
  const id = 'endpoints';
  const title = `Service ${namespace}/${service} endpoints`;
  const subsets: Json[] = endpoints?.subsets ?? [];
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (!endpoints) return { id, title, verdict: 'fail', details: ['no Endpoints object'], fix: `apply the Service (kubectl apply -k dist); the endpoints controller creates its Endpoints` };
  const details = [`${ready} ready address${ready === 1 ? '' : 'es'}, ${notReady} not ready`];
  if (ready > 0) return { id, title, verdict: 'pass', details };
  return { id, title, verdict: 'fail', details, fix: 'no ready EventSource pod matches the Service selector: see the EventSource pods check; webhooks sent now are refused' };
}

/** The EventBus the EventSource and Sensor publish to and read from exists and is ready. */
export function checkEventBus(namespace: string, name: string, bus: Json | undefined): CheckResult {
  const fix = `create the EventBus ${name} in ${namespace} (argo-events: kubectl apply -n ${namespace} -f an EventBus manifest, e.g. examples/eventbus/native.yaml or jetstream.yaml), or set eventBusName to one that exists`;
  const result = checkConditions(`eventbus/${namespace}/${name}`, `EventBus ${namespace}/${name}`, bus, fix);
  return result.verdict === 'fail' && bus ? { ...result, fix: `kubectl -n ${namespace} describe eventbus ${name}; the EventBus StatefulSet's pods are not ready` } : result;
}

/** The webhook Secret exists and has the key; `keys` are key names only, never values. */
export function checkWebhookSecret(namespace: string, name: string, key: string, keys: string[] | undefined): CheckResult {
  const id = 'webhook-secret';
  const title = `Secret ${namespace}/${name} key ${key}`;
  const fix = `kubectl -n ${namespace} create secret generic ${name} --from-literal=${key}="$WEBHOOK_SECRET" (the secret configured on the GitHub hook)`;
  if (!keys) return { id, title, verdict: 'fail', details: ['Secret not found: the EventSource cannot verify X-Hub-Signature-256 and does not start'], fix };
  if (!keys.includes(key)) return { id, title, verdict: 'fail', details: [`the Secret has no key ${key} (keys: ${keys.length ? keys.join(', ') : 'none'})`], fix: `add the key: kubectl -n ${namespace} patch secret ${name} --type merge -p '{"stringData":{"${key}":"…"}}'` };
  return { id, title, verdict: 'pass', details: [`has key ${key} (value not read)`] };
}

/** One SubjectAccessReview asked, and its expected answer. */
export interface AccessQuestion {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace: string;
  readonly expected: boolean;
}

/** The questions: create CodeRuns in their namespace, and nothing else that matters. */
export function accessQuestions(group: string, namespace: string, otherNamespace: string): AccessQuestion[] {
  return [
    { verb: 'create', group, resource: 'coderuns', namespace, expected: true },
    ...['update', 'patch', 'delete', 'deletecollection'].map(verb => ({ verb, group, resource: 'coderuns', namespace, expected: false })),
    { verb: 'create', group, resource: 'coderuns', namespace: otherNamespace, expected: false },
  ];
}

/** RBAC as the Sensor's ServiceAccount really has it. */
export function checkRbac(user: string, answers: { question: AccessQuestion; allowed: boolean }[]): CheckResult {
  const details = answers.map(({ question: q, allowed }) => `${q.verb} ${q.resource}.${q.group} in ${q.namespace}: ${allowed ? 'allowed' : 'denied'}${allowed === q.expected ? '' : ` (expected ${q.expected ? 'allowed' : 'denied'})`}`);
  const missing = answers.some(a => a.question.expected && !a.allowed);
  const extra = answers.some(a => !a.question.expected && a.allowed);
  const fixes = [
    ...(missing ? ['apply the Role and RoleBinding from dist/ (kubectl apply -k dist)'] : []),
    ...(extra ? [`another Role or ClusterRole grants ${user} more: find it with kubectl get rolebindings,clusterrolebindings -A -o wide | grep ${user.split(':').pop()} and remove the grant`] : []),
  ];
  return { id: 'rbac', title: `RBAC of ${user}`, verdict: missing || extra ? 'fail' : 'pass', details, ...(fixes.length ? { fix: fixes.join('; ') } : {}) };
}

/** The CodeRun CRD exists, is established, and serves the configured version. */
export function checkCodeRunCrd(group: string, version: string, crd: Json | undefined): CheckResult {
  const id = 'coderun-crd';
  const title = `CRD coderuns.${group} serves ${version}`;
  if (!crd) return { id, title, verdict: 'fail', details: ['not found'], fix: `install the agent controller's CodeRun CRD, or set codeRun.group to the group it serves (kubectl get crd | grep coderuns)` };
  const versions: Json[] = crd.spec?.versions ?? [];
  const served = versions.filter(v => v.served).map(v => v.name);
  const established = (crd.status?.conditions ?? []).some((c: Json) => c.type === 'Established' && c.status === 'True');
  const details = [`served versions: ${served.length ? served.join(', ') : 'none'}`, `established: ${established ? 'yes' : 'no'}`];
  if (!served.includes(version)) return { id, title, verdict: 'fail', details, fix: `set codeRun.version to a served version (${served.join(', ') || 'none is served'}), or serve ${version} in the CRD` };
  if (!established) return { id, title, verdict: 'fail', details, fix: `kubectl describe crd coderuns.${group}: the API server has not established it` };
  return { id, title, verdict: 'pass', details };
}
