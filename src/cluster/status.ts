/**
 * Gathers what `status` needs from the cluster and runs the checks over it.
 */
import type { ResolvedSettings } from '../config/settings';
import { SENSOR_POD_LABEL } from '../constructs/ci-failure-sensor';
import { EVENT_SOURCE_POD_LABEL } from '../constructs/github-event-source';
import { accessQuestions, checkCodeRunCrd, checkConditions, checkEndpoints, checkEventBus, checkObject, checkPods, checkRbac, checkWebhookSecret, type CheckResult } from './checks';
import { REMEDIATION_SELECTOR } from '../github/remediation';
import { newestCodeRuns, type CodeRunRow } from './coderuns';
import type { DesiredStack } from './desired';
import type { Cluster } from './kube';

/** EventBus used when an object names none (argo-events: `eventBusName` defaults to `default`). */
const DEFAULT_EVENT_BUS = 'default';

/** The whole report. */
export interface StatusReport {
  readonly server: string;
  readonly healthy: boolean;
  readonly checks: CheckResult[];
  readonly codeRuns: CodeRunRow[];
}

/** Runs every check against the cluster. */
export async function clusterStatus(cluster: Cluster, stack: DesiredStack, lastN: number): Promise<StatusReport> {
  const s: ResolvedSettings = stack.settings;
  const checks: CheckResult[] = [];

  // Each synthesized object, compared with synth's output now.
  const live = new Map<Record<string, any>, Record<string, any> | undefined>();
  for (const desired of stack.objects) {
    const object = await cluster.get(desired.apiVersion, desired.kind, desired.metadata?.namespace, desired.metadata?.name);
    live.set(desired, object);
    checks.push(checkObject(desired, object));
  }
  const liveOf = (kind: string): Record<string, any> | undefined => [...live.entries()].find(([d]) => d.kind === kind)?.[1];

  const es = s.eventSource;
  const eventSource = liveOf('EventSource');
  const sensor = liveOf('Sensor');
  checks.push(checkConditions('eventsource-conditions', `EventSource ${es.namespace}/${es.name} conditions`, eventSource,
    `kubectl -n ${es.namespace} describe eventsource ${es.name}; the argo-events controller's logs say why`));
  checks.push(checkConditions('sensor-conditions', `Sensor ${s.sensor.namespace}/${s.sensor.name} conditions`, sensor,
    `kubectl -n ${s.sensor.namespace} describe sensor ${s.sensor.name}; the argo-events controller's logs say why`));

  const esPods = await cluster.list('v1', 'Pod', es.namespace, `${EVENT_SOURCE_POD_LABEL}=${es.name}`);
  checks.push(checkPods('eventsource-pods', `EventSource ${es.namespace}/${es.name} pods`, esPods.items, `kubectl -n ${es.namespace} describe eventsource ${es.name}`));
  const sensorPods = await cluster.list('v1', 'Pod', s.sensor.namespace, `${SENSOR_POD_LABEL}=${s.sensor.name}`);
  checks.push(checkPods('sensor-pods', `Sensor ${s.sensor.namespace}/${s.sensor.name} pods`, sensorPods.items, `kubectl -n ${s.sensor.namespace} describe sensor ${s.sensor.name}`));

  const serviceName = stack.objects.find(o => o.kind === 'Service')?.metadata?.name as string;
  checks.push(checkEndpoints(es.namespace, serviceName, await cluster.get('v1', 'Endpoints', es.namespace, serviceName)));

  // The EventBus each object uses: its live eventBusName (else synth's, else `default`), per namespace.
  const buses = new Map<string, { namespace: string; name: string }>();
  for (const [kind, namespace] of [['EventSource', es.namespace], ['Sensor', s.sensor.namespace]] as const) {
    const name = liveOf(kind)?.spec?.eventBusName ?? stack.objects.find(o => o.kind === kind)?.spec?.eventBusName ?? DEFAULT_EVENT_BUS;
    buses.set(`${namespace}/${name}`, { namespace, name });
  }
  for (const bus of buses.values()) {
    checks.push(checkEventBus(bus.namespace, bus.name, await cluster.get('argoproj.io/v1alpha1', 'EventBus', bus.namespace, bus.name)));
  }

  const secret = es.webhookSecret;
  checks.push(checkWebhookSecret(es.namespace, secret.name, secret.key, await cluster.secretKeys(es.namespace, secret.name)));

  const user = `system:serviceaccount:${s.sensor.namespace}:${s.sensor.serviceAccountName}`;
  const otherNamespace = s.codeRun.namespace === 'default' ? 'kube-system' : 'default';
  const answers = [];
  for (const question of accessQuestions(s.codeRun.group, s.codeRun.namespace, otherNamespace)) {
    answers.push({ question, allowed: await cluster.canI(user, question) });
  }
  checks.push(checkRbac(user, answers));

  const crd = await cluster.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, `coderuns.${s.codeRun.group}`);
  const crdCheck = checkCodeRunCrd(s.codeRun.group, s.codeRun.version, crd);
  checks.push(crdCheck);

  // The recent CodeRuns, when their type is served (otherwise the CRD check already says why).
  const codeRuns = crdCheck.verdict === 'pass'
    ? newestCodeRuns((await cluster.list(`${s.codeRun.group}/${s.codeRun.version}`, 'CodeRun', s.codeRun.namespace, REMEDIATION_SELECTOR)).items, lastN)
    : [];
  return { server: cluster.server, healthy: checks.every(c => c.verdict !== 'fail'), checks, codeRuns };
}
