import { Testing } from 'cdk8s';
import { CiRemediationChart } from '../../src/constructs/ci-remediation-chart';
import { SettingsError } from '../../src/config/validate';
import { isDns1123Subdomain, isValidLabelKey, isValidLabelValue } from '../../src/engine/validation/kubernetes-names';
import { only, PROJECT_ROOT, synthChart } from '../helpers/chart';

const manifests = synthChart();

test('the default stack has exactly the documented objects', () => {
  expect(manifests.map(m => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual([
    'ConfigMap/cto/controller-agent-templates',
    'EventSource/argo/github',
    'Role/cto/argo-events-sa-create-coderuns',
    'RoleBinding/cto/argo-events-sa-create-coderuns',
    'Sensor/argo/ci-failure-remediation',
    'Service/argo/github-eventsource-svc',
    'ServiceAccount/argo/argo-events-sa',
  ]);
});

test('every name is a DNS-1123 subdomain and every label valid', () => {
  for (const m of manifests) {
    expect(isDns1123Subdomain(m.metadata.name)).toBe(true);
    for (const [key, value] of Object.entries(m.metadata.labels ?? {})) {
      expect(isValidLabelKey(key)).toBe(true);
      expect(isValidLabelValue(value)).toBe(true);
    }
  }
  const resource = only(manifests, 'Sensor').spec.triggers[0].template.k8s.source.resource;
  for (const [key, value] of Object.entries(resource.metadata.labels as Record<string, string>)) {
    expect(isValidLabelKey(key)).toBe(true);
    expect(isValidLabelValue(value)).toBe(true);
  }
});

describe('EventSource', () => {
  const es = only(manifests, 'EventSource');
  test('defaults: organization, endpoint, port, webhook secret, all events', () => {
    expect(es.spec.github.org).toEqual({
      organizations: ['5dlabs'],
      webhook: { endpoint: '/github/webhook', port: '12000', method: 'POST' },
      events: ['*'],
      webhookSecret: { name: 'github-webhook-secret', key: 'secret' },
      contentType: 'json',
    });
  });
  test('the Service selects the EventSource pods on the webhook port', () => {
    const svc = only(manifests, 'Service');
    expect(svc.spec.selector).toEqual({ 'eventsource-name': 'github' });
    expect(svc.spec.ports).toEqual([{ name: 'webhook', port: 12000, targetPort: 12000, protocol: 'TCP' }]);
  });
  test('repositories replace organizations, grouped by owner', () => {
    const m = synthChart({ eventSource: { repositories: ['acme/web', 'acme/api', 'other/x'], eventName: 'repos', port: 13000 } });
    const github = only(m, 'EventSource').spec.github.repos;
    expect(github.organizations).toBeUndefined();
    expect(github.repositories).toEqual([{ owner: 'acme', names: ['api', 'web'] }, { owner: 'other', names: ['x'] }]);
    expect(github.webhook.port).toBe('13000');
    expect(only(m, 'Service').spec.ports[0].port).toBe(13000);
    expect(only(m, 'Sensor').spec.dependencies[0].eventName).toBe('repos');
  });
  test('hook management sets url, credentials and active', () => {
    const m = synthChart({
      eventSource: { hooks: { url: 'https://hooks.example.com', githubApp: { appId: 1, installationId: 2, privateKey: { name: 'app', key: 'pem' } } } },
    });
    const github = only(m, 'EventSource').spec.github.org;
    expect(github.webhook.url).toBe('https://hooks.example.com');
    expect(github.githubApp).toEqual({ appID: 1, installationID: 2, privateKey: { name: 'app', key: 'pem' } });
    expect(github.active).toBe(true);
    expect(github.events).toEqual(['*']);
  });
});

describe('Sensor', () => {
  const sensor = only(manifests, 'Sensor');
  test('pod settings', () => {
    expect(sensor.metadata).toMatchObject({ name: 'ci-failure-remediation', namespace: 'argo' });
    expect(sensor.spec.replicas).toBe(1);
    expect(sensor.spec.template).toEqual({
      serviceAccountName: 'argo-events-sa',
      container: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '300m', memory: '256Mi' } } },
    });
  });
  test('one dependency on the EventSource; every filter value anchored or a deliberate negative', () => {
    expect(sensor.spec.dependencies).toHaveLength(1);
    const dep = sensor.spec.dependencies[0];
    expect(dep).toMatchObject({ eventSourceName: 'github', eventName: 'org' });
    for (const f of dep.filters.data) {
      expect(f.type).toBe('string');
      expect(f.value).toHaveLength(1);
      if (f.comparator !== '!=') expect(f.value[0]).toMatch(/^(\(\?i\))?\^.*\$$/);
    }
  });
  test('trigger: create, deterministic name, retry at trigger level with atLeastOnce', () => {
    const trigger = sensor.spec.triggers[0];
    expect(trigger.atLeastOnce).toBe(true);
    expect(trigger.retryStrategy).toEqual({ steps: 3, duration: '10s', factor: 2, jitter: 0.1 });
    expect(trigger.template.retryStrategy).toBeUndefined();
    expect(trigger.rateLimit).toEqual({ unit: 'Minute', requestsPerUnit: 20 });
    expect(trigger.template.k8s.operation).toBe('create');
    const resource = trigger.template.k8s.source.resource;
    expect(resource.apiVersion).toBe('agents.platform/v1');
    expect(resource.kind).toBe('CodeRun');
    expect(resource.metadata.generateName).toBeUndefined();
    expect(resource.metadata.namespace).toBe('cto');
    const nameParam = trigger.template.k8s.parameters.find((p: any) => p.dest === 'metadata.name');
    expect(nameParam.src.dataTemplate).toBe('ci-remediation-{{ int64 .Input.body.workflow_run.id }}-{{ int64 .Input.body.workflow_run.run_attempt }}');
  });
  test('CodeRun spec follows the contract', () => {
    const spec = sensor.spec.triggers[0].template.k8s.source.resource.spec;
    expect(spec.cliConfig).toEqual({ cliType: 'claude', model: 'claude-sonnet-4-5-20250929', maxTokens: 16384, temperature: 0.2 });
    expect(spec.githubApp).toBe('5DLabs-Rex');
    expect(spec.continueSession).toBe(false);
    expect(spec.overwriteMemory).toBe(false);
    expect(spec.maxTokens).toBeUndefined();
    expect(spec.temperature).toBeUndefined();
    expect(Array.isArray(spec.env)).toBe(false);
    expect(Object.keys(spec.env).sort()).toEqual([
      'AGENT_MAX_BUDGET_USD', 'AGENT_MAX_TURNS',
      'FAILURE_BRANCH', 'FAILURE_COMMIT_MESSAGE', 'FAILURE_COMMIT_SHA', 'MAX_REMEDIATION_ATTEMPTS', 'REMEDIATION_BRANCH_PREFIX', 'REMEDIATION_MODE',
      'REPOSITORY', 'WORKFLOW_CONCLUSION', 'WORKFLOW_NAME', 'WORKFLOW_RUN_ATTEMPT', 'WORKFLOW_RUN_ID', 'WORKFLOW_RUN_URL',
    ]);
    expect(spec.env.REMEDIATION_MODE).toBe('ci-failure');
    expect(spec.env.MAX_REMEDIATION_ATTEMPTS).toBe('3');
    expect(spec.env.REMEDIATION_BRANCH_PREFIX).toBe('ci-fix/');
    expect(spec.env.AGENT_MAX_TURNS).toBe('40');
    expect(spec.env.AGENT_MAX_BUDGET_USD).toBe('5');
    for (const value of Object.values(spec.env)) expect(typeof value).toBe('string');
  });
  test('the agent gets the Sensor\'s fix-branch prefix and its cost cap from the settings', () => {
    const sensorOf = (m: any[]) => m.find(x => x.kind === 'Sensor');
    const custom = sensorOf(synthChart({ filters: { remediationBranchPrefix: 'bot/fix-' }, codeRun: { agent: { maxTurns: 12, maxBudgetUsd: 0.5 } } }));
    const spec = custom.spec.triggers[0].template.k8s.source.resource.spec;
    expect(spec.env).toMatchObject({ REMEDIATION_BRANCH_PREFIX: 'bot/fix-', AGENT_MAX_TURNS: '12', AGENT_MAX_BUDGET_USD: '0.5' });
    expect(JSON.stringify(custom.spec.dependencies)).toContain('bot/fix-');
  });
  test('codeRun.env adds variables to the agent environment', () => {
    const sensorOf = (m: any[]) => m.find(x => x.kind === 'Sensor');
    const spec = sensorOf(synthChart({ codeRun: { env: { IS_SANDBOX: '1', HTTPS_PROXY: 'http://proxy:3128' } } })).spec.triggers[0].template.k8s.source.resource.spec;
    expect(spec.env).toMatchObject({ IS_SANDBOX: '1', HTTPS_PROXY: 'http://proxy:3128', REMEDIATION_MODE: 'ci-failure', MAX_REMEDIATION_ATTEMPTS: '3' });
  });
  test('free text goes to annotations via dataKey, never to labels', () => {
    const params = sensor.spec.triggers[0].template.k8s.parameters as { dest: string; src: { dataKey?: string; dataTemplate?: string } }[];
    for (const p of params.filter(x => x.dest.startsWith('metadata.labels.'))) {
      expect(p.src.dataTemplate).toMatch(/^\{\{ int64 \.Input\.body\.workflow_run\.(id|run_attempt) \}\}$/);
    }
    const annotated = params.filter(x => x.dest.startsWith('metadata.annotations.')).map(x => x.src.dataKey);
    expect(annotated).toEqual(expect.arrayContaining(['body.workflow_run.name', 'body.workflow_run.html_url', 'body.X-GitHub-Delivery']));
  });
});

describe('RBAC is least privilege', () => {
  test('the Role only creates coderuns of the configured group, in the CodeRun namespace', () => {
    const role = only(manifests, 'Role');
    expect(role.metadata.namespace).toBe('cto');
    expect(role.rules).toEqual([{ apiGroups: ['agents.platform'], resources: ['coderuns'], verbs: ['create'] }]);
    expect(JSON.stringify(role.rules)).not.toContain('*');
  });
  test('no cluster-scoped grants', () => {
    expect(manifests.filter(m => /^Cluster/.test(m.kind))).toEqual([]);
  });
  test('the RoleBinding binds the Role to the Sensor ServiceAccount', () => {
    const binding = only(manifests, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-events-sa-create-coderuns' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'argo-events-sa', namespace: 'argo' }]);
  });
  test('a custom CodeRun group moves the grant with it', () => {
    const role = only(synthChart({ codeRun: { group: 'agents.example.com', namespace: 'agents' } }), 'Role');
    expect(role.metadata.namespace).toBe('agents');
    expect(role.rules[0].apiGroups).toEqual(['agents.example.com']);
  });
});

describe('settings', () => {
  test('invalid settings throw a SettingsError naming the field', () => {
    expect(() => synthChart({ repositories: ['not-a-repo'] })).toThrow(SettingsError);
    expect(() => synthChart({ repositories: ['not-a-repo'] })).toThrow(/repositories\[0\]: must be a GitHub repository/);
  });
  test('user labels reach every object', () => {
    for (const m of synthChart({ labels: { team: 'platform' } })) {
      expect(m.metadata.labels?.team).toBe('platform');
    }
  });
  test('a missing templates folder names the setting', () => {
    expect(() => synthChart({ templates: { dir: 'no-such-folder' } })).toThrow(/templates folder .*no-such-folder does not exist; set templates\.dir/);
  });
  test('output is deterministic', () => {
    const a = Testing.synth(new CiRemediationChart(Testing.app(), 'a', { baseDir: PROJECT_ROOT }));
    const b = Testing.synth(new CiRemediationChart(Testing.app(), 'a', { baseDir: PROJECT_ROOT }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
  test('500 repositories still make one Sensor with one filter per check', () => {
    const repositories = Array.from({ length: 500 }, (_, i) => `org${i % 7}/repo-${i}`);
    const m = synthChart({ repositories });
    expect(m.filter(x => x.kind === 'Sensor')).toHaveLength(1);
    const data = only(m, 'Sensor').spec.dependencies[0].filters.data;
    const repoFilter = data.find((f: any) => f.path === 'body.repository.full_name');
    expect(repoFilter.value).toHaveLength(1);
    expect(repoFilter.value[0]).toContain('org6/repo-500'.replace('500', '496'));
  });
});
