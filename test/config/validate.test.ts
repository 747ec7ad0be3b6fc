import { settingsFrom } from '../../src/config/resolve';
import { SettingsError, validateSettings } from '../../src/config/validate';

/** The problems validateSettings reports for `input`. */
function problems(input: unknown): string[] {
  try {
    validateSettings(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return [...(err as SettingsError).problems];
  }
  return [];
}

test('empty settings are valid and resolve to the documented defaults', () => {
  expect(problems({})).toEqual([]);
  const s = settingsFrom({});
  expect(s.repositories).toEqual(['5dlabs/cto']);
  expect(s.eventSource).toMatchObject({
    name: 'github', namespace: 'argo', eventName: 'org', organizations: ['5dlabs'], endpoint: '/github/webhook', port: 12000,
    webhookSecret: { name: 'github-webhook-secret', key: 'secret' }, events: ['*'],
  });
  expect(s.eventSource.repositories).toBeUndefined();
  expect(s.sensor).toMatchObject({
    name: 'ci-failure-remediation', namespace: 'argo', serviceAccountName: 'argo-events-sa', replicas: 1,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '300m', memory: '256Mi' } },
    rateLimit: { unit: 'Minute', requestsPerUnit: 20 },
  });
  expect(s.filters).toMatchObject({ conclusions: ['failure'], blockForks: true, skipToken: '[skip-ci-remediation]', remediationBranchPrefix: 'ci-fix/' });
  expect(s.codeRun).toMatchObject({
    group: 'agents.platform', version: 'v1', namespace: 'cto', githubApp: '5DLabs-Rex', maxRemediationAttempts: 3,
    cli: { cliType: 'claude', model: 'claude-sonnet-4-5-20250929', maxTokens: 16384, temperature: 0.2 },
  });
  expect(s.templates).toEqual({ dir: 'templates', namespace: 'cto', configMapName: 'controller-agent-templates' });
  expect(s.argoCd).toBeUndefined();
});

test('repositories in the EventSource replace the default organizations', () => {
  const s = settingsFrom({ eventSource: { repositories: ['acme/api'] } });
  expect(s.eventSource.organizations).toBeUndefined();
  expect(s.eventSource.repositories).toEqual(['acme/api']);
});

test('a setting given in part keeps the defaults of the rest, derived defaults follow their source, and the input is not changed', () => {
  const input = {
    sensor: { resources: { limits: { cpu: '1' } }, retryStrategy: { steps: 5, duration: '1s' } },
    codeRun: { model: 'claude-opus-4-1', cli: { maxTokens: 100 } },
    argoCd: { repoUrl: 'https://github.com/acme/platform.git' },
  };
  const before = structuredClone(input);
  const s = settingsFrom(input);
  expect(s.sensor.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } });
  expect(s.sensor.retryStrategy).toEqual({ steps: 5, duration: '1s', factor: 2, jitter: 0.1 });
  expect(s.codeRun.cli).toEqual({ cliType: 'claude', model: 'claude-opus-4-1', maxTokens: 100, temperature: 0.2 });
  expect(s.argoCd).toEqual({ repoUrl: 'https://github.com/acme/platform.git', path: 'dist', targetRevision: 'HEAD', name: 'ci-remediation', namespace: 'argocd', project: 'default' });
  expect(s.filters.includeWorkflows).toBeUndefined();
  expect(input).toEqual(before);
});

test.each<[string, unknown, RegExp]>([
  ['unknown top-level key', { repos: ['a/b'] }, /^repos: unknown setting; expected one of: repositories, labels, eventSource/],
  ['unknown nested key', { sensor: { replica: 2 } }, /^sensor\.replica: unknown setting; expected one of: .*replicas/],
  ['empty repository list', { repositories: [] }, /^repositories: must be a non-empty list of "owner\/name" repositories$/],
  ['malformed repository', { repositories: ['5dlabs'] }, /^repositories\[0\]: must be a GitHub repository as "owner\/name"/],
  ['repository with spaces', { repositories: ['5dlabs/c to'] }, /^repositories\[0\]: must be a GitHub repository/],
  ['repository "."', { repositories: ['acme/..'] }, /^repositories\[0\]: must be a GitHub repository/],
  ['invalid namespace', { sensor: { namespace: 'Argo_NS' } }, /^sensor\.namespace: must be a DNS-1123 label/],
  ['port out of range', { eventSource: { port: 70000 } }, /^eventSource\.port: must be a port number from 1 to 65535$/],
  ['port as string', { eventSource: { port: '12000' } }, /^eventSource\.port: must be a port number from 1 to 65535$/],
  ['unknown conclusion', { filters: { conclusions: ['failed'] } }, /^filters\.conclusions\[0\]: must be a workflow_run conclusion: success, failure/],
  ['bad workflow pattern', { filters: { excludeWorkflows: ['/deploy-(/'] } }, /^filters\.excludeWorkflows\[0\]: "\/deploy-\(\/" is not a valid RE2 pattern \(.*missing closing \).*\); write a name without slashes/],
  ['lookbehind is not RE2', { filters: { includeWorkflows: ['/(?<=x)y/'] } }, /^filters\.includeWorkflows\[0\]: .* is not a valid RE2 pattern/],
  ['both organizations and repositories', { eventSource: { organizations: ['a'], repositories: ['a/b'] } }, /^eventSource: set either organizations or repositories, not both/],
  ['hooks without credentials', { eventSource: { hooks: { url: 'https://x.example.com' } } }, /^eventSource\.hooks: set exactly one of apiToken or githubApp/],
  ['hooks without url', { eventSource: { hooks: { apiToken: { name: 'gh', key: 'token' } } } }, /^eventSource\.hooks\.url: required when eventSource\.hooks is set$/],
  ['invalid label value', { labels: { team: 'platform team' } }, /^labels\.team: "platform team" is not a valid label value/],
  ['invalid label key', { labels: { 'bad key': 'x' } }, /^labels: key "bad key" is not a valid label key/],
  ['duplicate repositories', { repositories: ['acme/api', 'ACME/api'] }, /^repositories\[1\]: "ACME\/api" repeats repositories\[0\] \(names are case-insensitive\); remove it$/],
  ['secret without key', { eventSource: { webhookSecret: { name: 'gh' } } }, /^eventSource\.webhookSecret\.key: required when eventSource\.webhookSecret is set$/],
  ['bad retry duration', { sensor: { retryStrategy: { steps: 3, duration: '10 seconds' } } }, /^sensor\.retryStrategy\.duration: must be a Go duration such as "10s"/],
  ['argoCd without repoUrl', { argoCd: { path: 'dist' } }, /^argoCd\.repoUrl: required when argoCd is set$/],
  ['not a mapping', ['a'], /^the settings must be a mapping/],
  ['env value not a string', { codeRun: { env: { IS_SANDBOX: 1 } } }, /^codeRun\.env\.IS_SANDBOX: must be a string \(quote numbers and booleans in YAML: "1"\)$/],
  ['env name not a variable name', { codeRun: { env: { 'IS-SANDBOX': '1' } } }, /^codeRun\.env: "IS-SANDBOX" is not an environment variable name; use letters, digits and "_"/],
  ['env name the trigger sets', { codeRun: { env: { FAILURE_BRANCH: 'main' } } }, /^codeRun\.env\.FAILURE_BRANCH: the trigger sets this variable itself; remove it$/],
  ['env attempts instead of the setting', { codeRun: { env: { MAX_REMEDIATION_ATTEMPTS: '5' } } }, /^codeRun\.env\.MAX_REMEDIATION_ATTEMPTS: .*set codeRun\.maxRemediationAttempts instead/],
  ['env branch prefix instead of the setting', { codeRun: { env: { REMEDIATION_BRANCH_PREFIX: 'x/' } } }, /^codeRun\.env\.REMEDIATION_BRANCH_PREFIX: .*set filters\.remediationBranchPrefix instead/],
  ['env turn cap instead of the setting', { codeRun: { env: { AGENT_MAX_TURNS: '9' } } }, /^codeRun\.env\.AGENT_MAX_TURNS: .*set codeRun\.agent\.maxTurns instead/],
  ['zero budget', { codeRun: { agent: { maxBudgetUsd: 0 } } }, /^codeRun\.agent\.maxBudgetUsd: .*above 0/],
  ['fractional turns', { codeRun: { agent: { maxTurns: 2.5 } } }, /^codeRun\.agent\.maxTurns: .*integer from 1 to 1000/],
])('%s', (_name, input, expected) => {
  expect(problems(input)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
});

test('the error message lists every problem, one per line, naming the source', () => {
  try {
    validateSettings({ repositories: [], sensor: { replicas: 0 } }, 'settings.yaml');
    throw new Error('expected a SettingsError');
  } catch (err) {
    const message = (err as Error).message;
    expect(message).toMatch(/^invalid settings in settings\.yaml:\n {2}- /);
    expect(message).toContain('repositories: must be');
    expect(message).toContain('sensor.replicas: must be an integer from 1 to 10');
  }
});

test('every duplicate repository is reported at its own index, naming the first (a linear check: 10,000 repositories)', () => {
  const repositories = Array.from({ length: 10_000 }, (_, i) => `acme/repo-${i}`);
  repositories[4_000] = 'Acme/Repo-17';
  repositories[9_999] = 'acme/repo-17';
  repositories[5_000] = 'ACME/REPO-3';
  expect(problems({ repositories })).toEqual([
    'repositories[4000]: "Acme/Repo-17" repeats repositories[17] (names are case-insensitive); remove it',
    'repositories[5000]: "ACME/REPO-3" repeats repositories[3] (names are case-insensitive); remove it',
    'repositories[9999]: "acme/repo-17" repeats repositories[17] (names are case-insensitive); remove it',
  ]);
});
