/**
 * `ci-remediation fire-drill` as the real command line, against a local `serve --apply` (the
 * shadow of the EventSource and Sensor) creating CodeRuns with the real Kubernetes client in the
 * fake API server: real HTTP on 127.0.0.1, real HMAC. End to end, then each failure the drill
 * exists to find: a wrong secret, the endpoint down, no CodeRun, a CodeRun where there must be
 * none, an EventSource that accepts bad signatures.
 */
import type { components } from '@octokit/openapi-types';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { startCli, type CliRun } from '../helpers/cli-process';
import { FakeGitHubApi } from '../helpers/fake-github-api';
import { FakeKubeApiServer } from '../helpers/fake-kube-apiserver';
import { startServeProcess, until, type ServeProcess } from '../helpers/serve-process';
import { failurePayload, stackYaml } from '../cli/simulate-fixtures';
import { deployHealthy, synthesized, WEBHOOK_SECRET_VALUE } from '../cluster/fixtures';

jest.setTimeout(90_000);

let fake: FakeKubeApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;
const stopAfter: (() => Promise<void>)[] = [];

beforeEach(async () => {
  fake = await FakeKubeApiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-drill-'));
  env = { ...process.env, KUBECONFIG: fake.writeKubeconfig(dir), HOME: dir, CI_REMEDIATION_CONFIG: '', GITHUB_TOKEN: '', GITHUB_API_URL: '' };
  deployHealthy(fake);
});

afterEach(async () => {
  for (const stop of stopAfter.splice(0)) await stop();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `serve` standing in for the deployed EventSource and Sensor, with the Secret's value as its secret. */
async function shadow(mode: '--apply' | '--out' = '--apply', sensorYaml = stackYaml()): Promise<{ serve: ServeProcess; url: string; journal: string }> {
  const sensorFile = path.join(dir, `stack-${stopAfter.length}.yaml`);
  const secretFile = path.join(dir, 'serve-secret');
  fs.writeFileSync(sensorFile, sensorYaml);
  fs.writeFileSync(secretFile, WEBHOOK_SECRET_VALUE);
  const journal = path.join(dir, `journal-${stopAfter.length}.ndjson`);
  const target = mode === '--apply' ? ['--apply', '--journal', journal] : ['--out', path.join(dir, 'out'), '--journal', journal];
  const serve = await startServeProcess(['--sensor', sensorFile, '--secret-file', secretFile, ...target], env);
  stopAfter.push(async () => {
    if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
    await serve.exited;
  });
  return { serve, url: `http://127.0.0.1:${serve.port}/github/webhook`, journal };
}

function drill(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ReturnType<typeof startCli> {
  return startCli(['fire-drill', ...args], { env: { ...env, ...extraEnv } });
}

async function drillDone(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const run = await drill(args, extraEnv).done;
  // The secret is signed with, never printed.
  expect(`${run.stdout}${run.stderr}`).not.toContain(WEBHOOK_SECRET_VALUE);
  return run;
}

/** The creates of CodeRuns the fake API server received. */
const coderunCreates = (): string[] => fake.requests.filter(r => r.startsWith('POST /apis/agents.platform'));
const steps = (stdout: string): string[] => stdout.split('\n').filter(l => /^(PASS|FAIL|INFO) {2}/.test(l));

describe('safe drill', () => {
  test('against serve --apply: the successful run is acknowledged and dropped, the forged one rejected, no CodeRun: exit 0', async () => {
    const { serve, url, journal } = await shadow();
    const run = await drillDone(['--url', url, '--from-cluster', '--wait', '2s']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(steps(run.stdout)).toEqual([
      expect.stringMatching(/^INFO {2}offline: /),
      'PASS  a correctly signed delivery of a successful run is acknowledged',
      'PASS  a badly signed delivery of a failed run is rejected',
      expect.stringMatching(/^PASS {2}no CodeRun cto\/ci-remediation-\d{13}-1 appears within 2 s$/),
    ]);
    expect(run.stdout).toContain('HTTP 400: payload signature check failed');
    expect(run.stdout).toMatch(/drill passed\n$/);
    // What the shadow saw: the successful run dropped at the conclusion filter, the forged one rejected.
    await until('two log lines', () => serve.logs().length === 2);
    expect(serve.logs().map(l => [l.verdict, l.status ?? null])).toEqual([['dropped', null], ['rejected', 400]]);
    expect(serve.logs()[0].reason).toMatch(/conclusion/);
    expect(coderunCreates()).toEqual([]);
    // The delivery is a whole webhook (test/fire-drill/drill-run.test.ts validates it against the schema), not only the filtered fields.
    const delivered = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l)).filter(l => l.type === 'delivery');
    expect(delivered).toHaveLength(1);
    expect(Object.keys(JSON.parse(delivered[0].body)).sort()).toEqual(['action', 'repository', 'sender', 'workflow', 'workflow_run']);
  });

  test('the secret read from a file works as from the cluster; a wrong secret fails the acknowledgement: exit 1', async () => {
    const { url } = await shadow();
    const good = path.join(dir, 'good');
    fs.writeFileSync(good, `${WEBHOOK_SECRET_VALUE}\n`);
    expect((await drillDone(['--url', url, '--secret-file', good, '--wait', '1s'])).status).toBe(0);
    const wrong = path.join(dir, 'wrong');
    fs.writeFileSync(wrong, 'not-the-secret\n');
    const run = await drillDone(['--url', url, '--secret-file', wrong, '--wait', '1s']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL  a correctly signed delivery of a successful run is acknowledged');
    expect(run.stdout).toMatch(/HTTP 400: payload signature check failed[^]*fix: the EventSource refused the signature/);
    expect(run.stdout).toMatch(/drill failed\n$/);
  });

  test('the endpoint down: both sends fail with the connection error, nothing is watched: exit 1', async () => {
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    const run = await drillDone(['--url', `http://127.0.0.1:${port}/github/webhook`, '--from-cluster', '--wait', '30s']);
    expect(run.status).toBe(1);
    expect(steps(run.stdout).slice(1)).toEqual([
      'FAIL  a correctly signed delivery of a successful run is acknowledged',
      'FAIL  a badly signed delivery of a failed run is rejected',
      expect.stringMatching(/^INFO {2}no CodeRun .* appears within 30 s$/),
    ]);
    expect(run.stdout).toContain('no answer: connect ECONNREFUSED');
    expect(run.stdout).toContain('not watched: neither delivery reached the EventSource');
  });

  test('a deployed Sensor that acts on successful runs: the CodeRun appears and the drill fails naming it: exit 1', async () => {
    const lax = synthesized({ filters: { conclusions: ['failure', 'success'] } }).map(o => YAML.stringify(o)).join('---\n');
    const { url } = await shadow('--apply', lax);
    const run = await drillDone(['--url', url, '--from-cluster', '--wait', '10s']);
    expect(run.status).toBe(1);
    const failed = /FAIL {2}no CodeRun cto\/(ci-remediation-\d{13}-1) appears within 10 s\n {6}it appeared after [\d.]+ s[^\n]*\n {6}fix: delete it \(kubectl delete coderun -n cto ci-remediation-\d{13}-1\)/.exec(run.stdout);
    expect(failed).not.toBeNull();
    expect(fake.get('agents.platform/v1', 'CodeRun', 'cto', failed![1])?.spec.env.WORKFLOW_CONCLUSION).toBe('success');
  });

  test('an EventSource that accepts a bad signature fails the rejection step: exit 1', async () => {
    const bodies: string[] = [];
    const accepting = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c as Buffer));
      req.on('end', () => { bodies.push(Buffer.concat(chunks).toString('utf8')); res.end('success'); });
    });
    await new Promise<void>(resolve => accepting.listen(0, '127.0.0.1', resolve));
    stopAfter.push(() => new Promise<void>(resolve => accepting.close(() => resolve())));
    const run = await drillDone(['--url', `http://127.0.0.1:${(accepting.address() as AddressInfo).port}/github/webhook`, '--from-cluster', '--wait', '1s']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}a badly signed delivery of a failed run is rejected\n {6}HTTP 200: success: accepted\n {6}fix: the EventSource does not check signatures/);
    // Both are whole webhooks of the same run (test/fire-drill/drill-run.test.ts validates them against the schema).
    const sent = bodies.map(b => JSON.parse(b));
    expect(sent.map(b => [Object.keys(b).sort(), b.workflow_run.conclusion])).toEqual([
      [['action', 'repository', 'sender', 'workflow', 'workflow_run'], 'success'],
      [['action', 'repository', 'sender', 'workflow', 'workflow_run'], 'failure'],
    ]);
    expect(sent[1].workflow_run.id).toBe(sent[0].workflow_run.id);
  });
});

// The REST objects GitHub returns for the failed run of test/cli/simulate-fixtures.ts (a real
// webhook example edited into a failure), typed with the REST API's response types: each carries
// fields the webhook does not (REST-only), which the drill must drop.
type RestRun = components['schemas']['workflow-run'];
type RestRepository = components['schemas']['full-repository'];
type RestWorkflow = components['schemas']['workflow'];

function restObjects(): { payload: Record<string, any>; run: RestRun; repository: RestRepository; workflow: RestWorkflow } {
  // The example's run has an empty name; GitHub names a run after its workflow.
  const payload = failurePayload(p => { p.workflow_run.name = p.workflow.name; }) as Record<string, any>;
  const actor = payload.sender;
  const restOnly = { forks_count: 0, stargazers_count: 1, watchers_count: 1, open_issues_count: 0, size: 10, network_count: 0, subscribers_count: 1, temp_clone_token: '' };
  const run = {
    ...payload.workflow_run,
    actor,
    triggering_actor: actor,
    head_repository_id: payload.workflow_run.head_repository.id,
    repository: { ...payload.workflow_run.repository, ...restOnly },
    head_repository: { ...payload.workflow_run.head_repository, ...restOnly },
  } as RestRun;
  const repository = { ...payload.repository, network_count: 0, subscribers_count: 1, temp_clone_token: '', anonymous_access_enabled: false } as RestRepository;
  return { payload, run, repository, workflow: payload.workflow as RestWorkflow };
}

async function fakeGitHub(run: RestRun, repository: RestRepository, workflow: RestWorkflow): Promise<FakeGitHubApi> {
  const api = await FakeGitHubApi.start('gh-token');
  stopAfter.push(() => api.close());
  api.objects.set(`/repos/5dlabs/cto/actions/runs/${run.id}`, run);
  api.objects.set(`/repos/5dlabs/cto/actions/workflows/${run.workflow_id}`, workflow);
  api.objects.set('/repos/5dlabs/cto', repository);
  return api;
}

describe('drill with a real run (--run-id)', () => {
  test('end to end: the webhook built from the REST objects, the CodeRun the trigger names, followed until Succeeded: exit 0', async () => {
    const { payload, run, repository, workflow } = restObjects();
    const api = await fakeGitHub(run, repository, workflow);
    const { serve, url, journal: journalFile } = await shadow();
    const cli = drill(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto', '--wait', '20s'], { GITHUB_TOKEN: 'gh-token', GITHUB_API_URL: api.url });
    const name = `ci-remediation-${run.id}-${run.run_attempt}`;
    await until('the CodeRun', () => fake.get('agents.platform/v1', 'CodeRun', 'cto', name) !== undefined);
    await until('the follow line', () => cli.output().stdout.includes(`${name}  5dlabs/cto`));
    const created = fake.get('agents.platform/v1', 'CodeRun', 'cto', name)!;
    fake.apply({ ...created, status: { phase: 'Running' } });
    fake.apply({ ...created, status: { phase: 'Succeeded', pull_request_url: 'https://github.com/5dlabs/cto/pull/77' } });
    const done = await cli.done;
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(steps(done.stdout)).toEqual([
      'PASS  offline: the Sensor synthesized from the settings creates a CodeRun for this run',
      'PASS  the signed delivery is acknowledged',
      `PASS  CodeRun cto/${name} appears within 20 s`,
      `PASS  CodeRun cto/${name} followed`,
    ]);
    const follow = done.stdout.split('\n').filter(l => l.includes(`  ${name}  `)).map(l => l.replace(/^ {6}\S+ {2}/, ''));
    expect(follow).toEqual([
      `${name}  5dlabs/cto  ${run.name}  run ${run.id}#${run.run_attempt}  Pending`,
      `${name}  5dlabs/cto  ${run.name}  run ${run.id}#${run.run_attempt}  Running`,
      `${name}  5dlabs/cto  ${run.name}  run ${run.id}#${run.run_attempt}  Succeeded  https://github.com/5dlabs/cto/pull/77`,
    ]);
    expect(api.requestLines).toEqual([`GET /repos/5dlabs/cto/actions/runs/${run.id}`, `GET /repos/5dlabs/cto/actions/workflows/${run.workflow_id}`, 'GET /repos/5dlabs/cto']);

    // What reached the shadow is the webhook GitHub sends for this run: the example payload,
    // without the optional organization, with the run's actors, and without any REST-only field.
    const journal = fs.readFileSync(journalFile, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
    const sent = JSON.parse(journal[0].body);
    const { organization: _organization, ...expected } = payload;
    expect(sent).toEqual({ ...expected, sender: payload.sender, workflow_run: { ...expected.workflow_run, actor: payload.sender, triggering_actor: payload.sender } });
    expect(sent.workflow_run).not.toHaveProperty('head_repository_id');
    expect(sent.repository).not.toHaveProperty('network_count');
    expect(sent.workflow_run.repository).not.toHaveProperty('forks_count');
    expect(journal[0].headers['X-Github-Event']).toEqual(['workflow_run']);
    expect(serve.logs()[0]).toMatchObject({ verdict: 'fired', triggers: [{ result: 'created', resource: `CodeRun/cto/${name}` }] });
  });

  test('a CodeRun the agent controller ends Failed fails the drill; --no-follow stops once it appears: exit 0', async () => {
    const { run, repository, workflow } = restObjects();
    const api = await fakeGitHub(run, repository, workflow);
    const { url } = await shadow();
    const ghEnv = { GITHUB_TOKEN: 'gh-token', GITHUB_API_URL: api.url };
    const name = `ci-remediation-${run.id}-${run.run_attempt}`;
    const cli = drill(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto', '--wait', '20s'], ghEnv);
    await until('the follow line', () => cli.output().stdout.includes(`${name}  5dlabs/cto`));
    fake.apply({ ...fake.get('agents.platform/v1', 'CodeRun', 'cto', name)!, status: { phase: 'Failed' } });
    const failed = await cli.done;
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`FAIL {2}CodeRun cto/${name} followed\n {6}the agent controller reports Failed\n {6}fix: the delivery path works; the agent failed`));

    fake.remove('agents.platform/v1', 'CodeRun', 'cto', name);
    const once = await drillDone(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto', '--wait', '20s', '--no-follow'], ghEnv);
    expect(once.status).toBe(0);
    expect(steps(once.stdout).at(-1)).toBe(`PASS  CodeRun cto/${name} appears within 20 s`);
    expect(once.stdout).not.toContain(`  ${name}  5dlabs/cto`);
  });

  test('the CodeRun never appears (the shadow writes to a folder, not the cluster): exit 1 after the wait', async () => {
    const { run, repository, workflow } = restObjects();
    const api = await fakeGitHub(run, repository, workflow);
    const { url } = await shadow('--out');
    const done = await drillDone(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto', '--wait', '2s'], { GITHUB_TOKEN: 'gh-token', GITHUB_API_URL: api.url });
    expect(done.status).toBe(1);
    expect(done.stdout).toMatch(/FAIL {2}CodeRun cto\/ci-remediation-\d+-2 appears within 2 s\n {6}it did not appear\n {6}fix: the EventSource acknowledged the delivery but no CodeRun was created/);
  });

  test('a run the Sensor drops (a success) fails offline and sends nothing; an existing CodeRun, an unknown run: exit 2', async () => {
    const { run, repository, workflow } = restObjects();
    const api = await fakeGitHub({ ...run, conclusion: 'success' }, repository, workflow);
    const { serve, url } = await shadow();
    const ghEnv = { GITHUB_TOKEN: 'gh-token', GITHUB_API_URL: api.url };
    const dropped = await drillDone(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto'], ghEnv);
    expect(dropped.status).toBe(1);
    expect(dropped.stdout).toMatch(/FAIL {2}offline: the Sensor synthesized from the settings creates a CodeRun for this run\n[^]*dropped: [^\n]*conclusion/);
    expect(serve.logs()).toEqual([]);

    api.objects.set(`/repos/5dlabs/cto/actions/runs/${run.id}`, run);
    fake.apply({ ...fake.get('agents.platform/v1', 'CodeRun', 'cto', 'ci-remediation-19289199300-1')!, metadata: { name: `ci-remediation-${run.id}-${run.run_attempt}`, namespace: 'cto' } });
    const existing = await drillDone(['--url', url, '--from-cluster', '--run-id', String(run.id), '--repo', '5dlabs/cto'], ghEnv);
    expect(existing.status).toBe(2);
    expect(existing.stderr).toMatch(/already exists, so the Sensor's create would meet AlreadyExists and prove nothing; delete it \(kubectl delete coderun -n cto ci-remediation-\d+-2\)/);

    const unknown = await drillDone(['--url', url, '--from-cluster', '--run-id', '42', '--repo', '5dlabs/cto'], ghEnv);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^fire-drill: GitHub API: GET \/repos\/5dlabs\/cto\/actions\/runs\/42: 404 Not Found/);
    expect(serve.logs()).toEqual([]);
  });
});

describe('usage', () => {
  test.each([
    [['--url', 'http://127.0.0.1:1/x'], /give one of --secret-file FILE and --from-cluster/],
    [['--url', 'http://127.0.0.1:1/x', '--from-cluster', '--secret-file', 'f'], /give one of --secret-file FILE and --from-cluster/],
    [['--from-cluster'], /give --url: the settings have no eventSource.hooks.url to derive it from/],
    [['--url', 'ftp://h/x', '--from-cluster'], /must be http or https/],
    [['--url', 'http://127.0.0.1:1/x', '--from-cluster', '--run-id', '1'], /--run-id and --repo go together/],
    [['--url', 'http://127.0.0.1:1/x', '--from-cluster', '--wait', 'soon'], /--wait must be a duration/],
    [['--url', 'http://127.0.0.1:1/x', '--from-cluster', '--context', 'other'], /cannot connect to the cluster at https:\/\/127\.0\.0\.1:1/],
  ])('%j exits 2', async (args, message) => {
    const run = await drillDone(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  test('--from-cluster with the Secret missing exits 2 naming it', async () => {
    fake.remove('v1', 'Secret', 'argo', 'github-webhook-secret');
    const run = await drillDone(['--url', 'http://127.0.0.1:1/x', '--from-cluster']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/the Secret argo\/github-webhook-secret or its key secret does not exist/);
  });

  test('the URL is derived from eventSource.hooks.url and the endpoint', async () => {
    const { serve } = await shadow();
    const settings = path.join(dir, 'settings.yaml');
    fs.writeFileSync(settings, YAML.stringify({ eventSource: { hooks: { url: `http://127.0.0.1:${serve.port}/`, apiToken: { name: 'github-token', key: 'token' } } } }));
    const run = await drillDone(['--config', settings, '--from-cluster', '--wait', '1s']);
    expect(run.stdout).toContain(`against http://127.0.0.1:${serve.port}/github/webhook,`);
    expect(run.status).toBe(0);
  });
});
