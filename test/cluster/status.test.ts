/**
 * `ci-remediation status` run as the real command line, with the real `@kubernetes/client-node`,
 * against the fake API server (test/helpers/fake-kube-apiserver.ts): each check passes on a
 * healthy deployment and fails, with its fix, on the fault it exists for.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startCli, type CliRun } from '../helpers/cli-process';
import { FakeGitHubApi } from '../helpers/fake-github-api';
import { argoConditions, codeRunCrd, endpoints, eventBus, FakeKubeApiServer, pod, secret } from '../helpers/fake-kube-apiserver';
import { deployHealthy, SENSOR_USER, synthesized, WEBHOOK_SECRET_VALUE } from './fixtures';

jest.setTimeout(60_000);

let fake: FakeKubeApiServer;
let dir: string;
let kubeconfig: string;

beforeEach(async () => {
  fake = await FakeKubeApiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-test-'));
  kubeconfig = fake.writeKubeconfig(dir);
  deployHealthy(fake);
});

afterEach(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs status with the kubeconfig found through $KUBECONFIG, as kubectl would find it. */
async function status(...args: string[]): Promise<CliRun> {
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir, CI_REMEDIATION_CONFIG: '' };
  const run = await startCli(['status', ...args], { env }).done;
  expect(`${run.stdout}${run.stderr}`).not.toContain(WEBHOOK_SECRET_VALUE);
  expect(`${run.stdout}${run.stderr}`).not.toContain(Buffer.from(WEBHOOK_SECRET_VALUE).toString('base64'));
  return run;
}

interface Check { id: string; verdict: string; details: string[]; fix?: string }

async function statusJson(): Promise<{ run: CliRun; checks: Map<string, Check>; report: any }> {
  const run = await status('--json');
  const report = JSON.parse(run.stdout);
  return { run, report, checks: new Map((report.checks as Check[]).map(c => [c.id, c])) };
}

test('a healthy deployment: every check passes, exit 0, the recent CodeRuns listed newest first', async () => {
  const run = await status();
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).not.toMatch(/^FAIL/m);
  for (const title of ['EventSource argo/github', 'Service argo/github-eventsource-svc', 'Sensor argo/ci-failure-remediation', 'ServiceAccount argo/argo-events-sa',
    'Role cto/argo-events-sa-create-coderuns', 'RoleBinding cto/argo-events-sa-create-coderuns', 'ConfigMap cto/controller-agent-templates',
    'EventSource argo/github conditions', 'Sensor argo/ci-failure-remediation pods', 'Service argo/github-eventsource-svc endpoints', 'EventBus argo/default',
    'Secret argo/github-webhook-secret key secret', `RBAC of ${SENSOR_USER}`, 'CRD coderuns.agents.platform serves v1']) {
    expect(run.stdout).toContain(`PASS  ${title}\n`);
  }
  expect(run.stdout).toContain('1 restart, last terminated: Error');
  const rows = run.stdout.split('\n').filter(l => l.startsWith('  ci-remediation-'));
  expect(rows).toEqual([
    expect.stringMatching(/^ {2}ci-remediation-19289199300-1 {2}Pending {2}\d+s {2}run 19289199300#1 {2}5dlabs\/cto$/),
    expect.stringMatching(/^ {2}ci-remediation-19289199200-2 {2}Running {2}2h {2}run 19289199200#2 {2}5dlabs\/cto$/),
    expect.stringMatching(/^ {2}ci-remediation-19289199112-1 {2}Succeeded {2}3h {2}run 19289199112#1 {2}5dlabs\/cto {2}https:\/\/github.com\/5dlabs\/cto\/pull\/1501$/),
  ]);
  expect(run.stdout).toMatch(/healthy: every check passed\n$/);
  // The client asked what it should: discovery, pods by Argo's labels, SubjectAccessReviews, the CRD.
  expect(fake.requests).toEqual(expect.arrayContaining([
    'GET /api',
    'GET /apis/argoproj.io/v1alpha1',
    'GET /api/v1/namespaces/argo/pods?labelSelector=eventsource-name%3Dgithub',
    'GET /api/v1/namespaces/argo/pods?labelSelector=sensor-name%3Dci-failure-remediation',
    'POST /apis/authorization.k8s.io/v1/subjectaccessreviews',
    'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/coderuns.agents.platform',
    'GET /apis/agents.platform/v1/namespaces/cto/coderuns?labelSelector=remediation.agents.platform%2Fmode%3Dci-failure',
  ]));
});

test('--json prints one object; --last limits the CodeRuns', async () => {
  const run = await status('--json', '--last', '2');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.healthy).toBe(true);
  expect(report.server).toBe(fake.url);
  expect(report.codeRuns.map((r: any) => [r.name, r.phase, r.runId, r.repository, r.workflow])).toEqual([
    ['ci-remediation-19289199300-1', 'Pending', '19289199300', '5dlabs/cto', 'CI'],
    ['ci-remediation-19289199200-2', 'Running', '19289199200', '5dlabs/cto', 'Lint'],
  ]);
});

test('drift: the fields that differ from synth are named, server-populated fields are not', async () => {
  const sensor = synthesized().find(o => o.kind === 'Sensor')!;
  fake.apply({ ...sensor, spec: { ...sensor.spec, replicas: 2 }, status: argoConditions(['DependenciesProvided', 'TriggersProvided', 'Deployed']) });
  const service = synthesized().find(o => o.kind === 'Service')!;
  fake.apply({ ...service, metadata: { ...service.metadata, labels: { ...service.metadata.labels, 'app.kubernetes.io/part-of': 'other' } }, spec: { ...service.spec, ports: [{ ...service.spec.ports[0], port: 8080 }] } });
  const { run, checks } = await statusJson();
  expect(run.status).toBe(1);
  expect(checks.get('object/Sensor/argo/ci-failure-remediation')).toMatchObject({ verdict: 'fail', details: ['spec.replicas: synth 1, cluster 2'] });
  expect(checks.get('object/Service/argo/github-eventsource-svc')?.details).toEqual([
    'metadata.labels["app.kubernetes.io/part-of"]: synth "ci-remediation", cluster "other"',
    'spec.ports[0].port: synth 12000, cluster 8080',
  ]);
  expect(checks.get('object/Service/argo/github-eventsource-svc')?.fix).toMatch(/re-apply dist\//);
  expect(checks.get('object/EventSource/argo/github')?.verdict).toBe('pass');
});

type Fault = [string, () => void, string, RegExp, RegExp];

const faults: Fault[] = [
  ['a missing object', () => fake.remove('rbac.authorization.k8s.io/v1', 'Role', 'cto', 'argo-events-sa-create-coderuns'), 'object/Role/cto/argo-events-sa-create-coderuns', /not found/, /kubectl apply -k dist/],
  ['an EventSource condition False', () => {
    const es = synthesized().find(o => o.kind === 'EventSource')!;
    fake.apply({ ...es, status: argoConditions(['SourcesProvided', 'Deployed'], { Deployed: 'failed to create deployment' }) });
  }, 'eventsource-conditions', /Deployed: False \(Failed\) failed to create deployment/, /describe eventsource github/],
  ['a Sensor without conditions', () => {
    fake.apply(synthesized().find(o => o.kind === 'Sensor')!);
  }, 'sensor-conditions', /no status conditions/, /argo-events controller/],
  ['a Sensor pod crash-looping', () => {
    fake.apply(pod('argo', 'ci-failure-remediation-sensor-9z8y7-q1w2e', { 'sensor-name': 'ci-failure-remediation' }, { ready: false, restarts: 7, lastTerminationReason: 'OOMKilled' }));
  }, 'sensor-pods', /not ready \(CrashLoopBackOff\), 7 restarts, last terminated: OOMKilled/, /logs ci-failure-remediation-sensor-9z8y7-q1w2e --previous/],
  ['no EventSource pod', () => fake.remove('v1', 'Pod', 'argo', 'github-eventsource-abc12-x7k2p'), 'eventsource-pods', /no pod/, /has not created its Deployment/],
  ['no ready endpoint', () => fake.apply(endpoints('argo', 'github-eventsource-svc', 0, 1)), 'endpoints', /0 ready addresses, 1 not ready/, /webhooks sent now are refused/],
  ['no EventBus', () => fake.remove('argoproj.io/v1alpha1', 'EventBus', 'argo', 'default'), 'eventbus/argo/default', /not found/, /create the EventBus default in argo/],
  ['an EventBus not ready', () => fake.apply(eventBus('argo', false)), 'eventbus/argo/default', /Deployed: False/, /describe eventbus default/],
  ['no webhook Secret', () => fake.remove('v1', 'Secret', 'argo', 'github-webhook-secret'), 'webhook-secret', /Secret not found/, /create secret generic github-webhook-secret --from-literal=secret=/],
  ['the Secret without the key', () => fake.apply(secret('argo', 'github-webhook-secret', { token: WEBHOOK_SECRET_VALUE })), 'webhook-secret', /has no key secret \(keys: token\)/, /patch secret github-webhook-secret/],
  ['RBAC that cannot create CodeRuns', () => { fake.authorize = () => false; }, 'rbac', /create coderuns.agents.platform in cto: denied \(expected allowed\)/, /apply the Role and RoleBinding/],
  ['RBAC that can also delete, and create elsewhere', () => {
    fake.authorize = spec => spec.user === SENSOR_USER && ['create', 'delete'].includes(spec.resourceAttributes?.verb ?? '');
  }, 'rbac', /delete coderuns.agents.platform in cto: allowed \(expected denied\)[^]*create coderuns.agents.platform in default: allowed \(expected denied\)/, /clusterrolebindings -A/],
  ['no CodeRun CRD', () => fake.remove('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, 'coderuns.agents.platform'), 'coderun-crd', /not found/, /install the agent controller's CodeRun CRD/],
  ['a CRD that does not serve v1', () => fake.apply(codeRunCrd('agents.platform', [{ name: 'v1alpha1', served: true }, { name: 'v1', served: false }])), 'coderun-crd', /served versions: v1alpha1/, /set codeRun.version to a served version \(v1alpha1\)/],
];

test.each(faults)('%s: that check fails with its fix, the others pass, exit 1', async (_name, breakIt, id, detail, fix) => {
  breakIt();
  const { run, checks } = await statusJson();
  expect(run.status).toBe(1);
  const check = checks.get(id);
  expect(check?.verdict).toBe('fail');
  expect(check?.details.join('\n')).toMatch(detail);
  expect(check?.fix).toMatch(fix);
  expect([...checks.values()].filter(c => c.verdict === 'fail').map(c => c.id)).toEqual([id]);
});

test('a failed check reads as FAIL with its fix in the report', async () => {
  fake.remove('v1', 'Secret', 'argo', 'github-webhook-secret');
  const run = await status();
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('FAIL  Secret argo/github-webhook-secret key secret\n');
  expect(run.stdout).toMatch(/ {6}fix: kubectl -n argo create secret generic github-webhook-secret/);
  expect(run.stdout).toMatch(/unhealthy: 1 check failed\n$/);
});

describe('exit 2', () => {
  test('the API server cannot be reached (a context naming a closed port)', async () => {
    const run = await status('--context', 'other');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^status: cannot connect to the cluster at https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });

  test('credentials the API server refuses', async () => {
    const config = JSON.parse(fs.readFileSync(kubeconfig, 'utf8'));
    config.users[0].user.token = 'wrong';
    const other = path.join(dir, 'wrong-token');
    fs.writeFileSync(other, JSON.stringify(config));
    const run = await status('--kubeconfig', other);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^status: cannot connect to the cluster at .*: HTTP 401/);
  });

  test('a read the checks need is forbidden: no verdict, the refusal named', async () => {
    fake.forbid = (method, pathname) => method === 'GET' && pathname === '/api/v1/namespaces/argo/pods';
    const run = await status();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^status: cannot read from the cluster at https:\/\/127\.0\.0\.1:\d+: HTTP 403: pods is forbidden: User "tester" cannot list resource "pods" in API group "" in the namespace "argo"\n$/);
  });

  test('an unknown context names the ones there are', async () => {
    const run = await status('--context', 'prod');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('status: no context "prod" in the kubeconfig; it has fake, other\n');
  });

  test('a kubeconfig that does not exist, settings that cannot be read, a bad --last', async () => {
    expect((await status('--kubeconfig', path.join(dir, 'missing'))).stderr).toMatch(/^status: cannot load the kubeconfig .*missing/);
    const badSettings = await status('--config', path.join(dir, 'missing.yaml'));
    expect(badSettings.status).toBe(2);
    expect(badSettings.stderr).toMatch(/^status: cannot read the settings file .*missing\.yaml/);
    const last = await status('--last', 'many');
    expect(last.status).toBe(2);
    expect(last.stderr).toBe('status: --last must be a whole number, got "many"\n');
  });
});

test('--kubeconfig FILE is used instead of $KUBECONFIG', async () => {
  const env = { ...process.env, KUBECONFIG: path.join(dir, 'missing'), HOME: dir, CI_REMEDIATION_CONFIG: '' };
  const run = await startCli(['status', '--kubeconfig', kubeconfig, '--json'], { env }).done;
  expect(run.status).toBe(0);
});

describe('managed hooks on GitHub (eventSource.hooks, GITHUB_TOKEN)', () => {
  const hookSettings = { eventSource: { hooks: { url: 'https://hooks.example.com', apiToken: { name: 'github-token', key: 'token' } } } };
  let github: FakeGitHubApi;
  let config: string;

  beforeEach(async () => {
    github = await FakeGitHubApi.start('ghp_test');
    for (const object of synthesized()) fake.remove(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    deployHealthy(fake, hookSettings);
    config = path.join(dir, 'settings.yaml');
    fs.writeFileSync(config, JSON.stringify(hookSettings));
    github.hooks.set('orgs/5dlabs', [{ id: 7, active: true, events: ['*'], url: 'https://hooks.example.com/github/webhook' }]);
    github.deliveries.set(7, [200, 200, 202]);
  });

  afterEach(() => github.close());

  async function withGitHub(extra: NodeJS.ProcessEnv = { GITHUB_TOKEN: 'ghp_test' }): Promise<{ run: CliRun; hook?: Check }> {
    const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir, CI_REMEDIATION_CONFIG: '', GITHUB_API_URL: github.url, GITHUB_TOKEN: '', ...extra };
    const run = await startCli(['status', '--config', config, '--json'], { env }).done;
    expect(`${run.stdout}${run.stderr}`).not.toContain('ghp_test');
    const report = JSON.parse(run.stdout);
    return { run, hook: (report.checks as Check[]).find(c => c.id.startsWith('github-hook')) };
  }

  test('the hook and its recent deliveries pass', async () => {
    const { run, hook } = await withGitHub();
    expect(run.status).toBe(0);
    expect(hook).toMatchObject({ id: 'github-hook/org 5dlabs', verdict: 'pass' });
    expect(hook?.details).toEqual([
      'hook 7: https://hooks.example.com/github/webhook, active true, content_type json, events *',
      'recent deliveries: 200 workflow_run.completed 2026-12-03T10:59:00Z; 200 workflow_run.completed 2026-12-03T10:58:00Z; 202 workflow_run.completed 2026-12-03T10:57:00Z',
    ]);
    expect(github.requestLines).toEqual(['GET /orgs/5dlabs/hooks?per_page=100', 'GET /orgs/5dlabs/hooks/7/deliveries?per_page=5']);
  });

  test('a failing last delivery, a missing hook, an inactive one, a refused token: the check fails', async () => {
    github.deliveries.set(7, [502, 200]);
    let result = await withGitHub();
    expect(result.run.status).toBe(1);
    expect(result.hook?.details).toContain('the last delivery got 502');
    expect(result.hook?.fix).toMatch(/got 502: check the Ingress/);

    github.hooks.set('orgs/5dlabs', [{ id: 7, active: false, events: ['push'], url: 'https://hooks.example.com/github/webhook' }]);
    github.deliveries.set(7, []);
    result = await withGitHub();
    expect(result.hook?.details.slice(1)).toEqual(['no deliveries yet', 'active is false, configured true', 'events lack *']);

    github.hooks.set('orgs/5dlabs', [{ id: 8, active: true, events: ['*'], url: 'https://elsewhere.example.com/github/webhook' }]);
    result = await withGitHub();
    expect(result.hook).toMatchObject({ verdict: 'fail', details: ['no hook with URL https://hooks.example.com/github/webhook'] });

    result = await withGitHub({ GITHUB_TOKEN: 'wrong' });
    expect(result.run.status).toBe(1);
    expect(result.hook).toMatchObject({ verdict: 'fail', details: [expect.stringMatching(/^GitHub API 401: Bad credentials/)] });
  });

  test('without GITHUB_TOKEN the hooks are not checked, and it says so', async () => {
    const { run, hook } = await withGitHub({});
    expect(run.status).toBe(0);
    expect(hook).toMatchObject({ verdict: 'info', details: [expect.stringMatching(/^not checked: set GITHUB_TOKEN/)] });
    expect(github.requests).toEqual([]);
  });
});
