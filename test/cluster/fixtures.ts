/** A cluster in the fake API server holding the synthesized stack, healthy unless a test changes it. */
import { desiredStack } from '../../src/cluster/desired';
import { settingsFrom } from '../../src/config/resolve';
import type { CiRemediationSettings } from '../../src/config/settings';
import { PROJECT_ROOT } from '../helpers/chart';
import { argoConditions, codeRun, codeRunCrd, endpoints, eventBus, FakeKubeApiServer, pod, secret, type KubeObject } from '../helpers/fake-kube-apiserver';

/** The webhook secret's value: it must never appear in any output. */
export const WEBHOOK_SECRET_VALUE = 'do-not-print-7f3a9c';

export const SENSOR_USER = 'system:serviceaccount:argo:argo-events-sa';

/** The objects synth produces with `settings` (default: the defaults). */
export function synthesized(settings: CiRemediationSettings = {}): KubeObject[] {
  return desiredStack(settingsFrom(settings), PROJECT_ROOT).objects as KubeObject[];
}

/** Fills `fake` with a healthy deployment of the stack and three CodeRuns. */
export function deployHealthy(fake: FakeKubeApiServer, settings: CiRemediationSettings = {}): void {
  for (const object of synthesized(settings)) {
    if (object.kind === 'EventSource') fake.apply({ ...object, status: argoConditions(['SourcesProvided', 'Deployed']) });
    else if (object.kind === 'Sensor') fake.apply({ ...object, status: argoConditions(['DependenciesProvided', 'TriggersProvided', 'Deployed']) });
    else fake.apply(object);
  }
  fake.apply(pod('argo', 'github-eventsource-abc12-x7k2p', { 'eventsource-name': 'github', 'owner-name': 'github', controller: 'eventsource-controller' }, { ready: true }));
  fake.apply(pod('argo', 'ci-failure-remediation-sensor-9z8y7-q1w2e', { 'sensor-name': 'ci-failure-remediation', 'owner-name': 'ci-failure-remediation', controller: 'sensor-controller' }, { ready: true, restarts: 1, lastTerminationReason: 'Error' }));
  fake.apply(endpoints('argo', 'github-eventsource-svc', 1));
  fake.apply(eventBus('argo'));
  fake.apply(secret('argo', 'github-webhook-secret', { secret: WEBHOOK_SECRET_VALUE }));
  fake.apply(codeRunCrd());
  fake.serveCodeRuns();
  // RBAC as the synthesized Role grants it: create coderuns.agents.platform in cto, nothing else.
  fake.authorize = spec => spec.user === SENSOR_USER
    && spec.resourceAttributes?.verb === 'create' && spec.resourceAttributes.group === 'agents.platform'
    && spec.resourceAttributes.resource === 'coderuns' && spec.resourceAttributes.namespace === 'cto';
  const hour = 3_600_000;
  fake.apply(codeRun({ runId: '19289199112', phase: 'Succeeded', pullRequestUrl: 'https://github.com/5dlabs/cto/pull/1501', createdAt: new Date(Date.now() - 3 * hour).toISOString() }));
  fake.apply(codeRun({ runId: '19289199200', attempt: '2', repository: '5dlabs/cto', workflow: 'Lint', phase: 'Running', createdAt: new Date(Date.now() - 2 * hour).toISOString() }));
  fake.apply(codeRun({ runId: '19289199300', createdAt: new Date(Date.now() - 60_000).toISOString() }));
}
