/**
 * `serve --apply` as the real command line, with the real `@kubernetes/client-node`, against the
 * fake API server: each fired trigger's CodeRun is created once; AlreadyExists on another delivery
 * of the run counts as already-exists; 5xx and 429 keep the delivery unprocessed in the journal and
 * are retried (also across a restart); other 4xx fail the trigger with the API's message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli-process';
import { FakeKubeApiServer, type KubeObject } from '../helpers/fake-kube-apiserver';
import { startServeProcess, until, type ServeProcess } from '../helpers/serve-process';
import { stackYaml } from '../cli/simulate-fixtures';
import { deliver, request, SECRET } from '../serve/serve-client';
import * as YAML from 'yaml';
import { deployHealthy, synthesized } from './fixtures';

jest.setTimeout(60_000);

let fake: FakeKubeApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;
let sensorFile: string;
let secretFile: string;
let journal: string;
const running: ServeProcess[] = [];

beforeEach(async () => {
  fake = await FakeKubeApiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-apply-'));
  env = { ...process.env, KUBECONFIG: fake.writeKubeconfig(dir), HOME: dir };
  deployHealthy(fake);
  sensorFile = path.join(dir, 'stack.yaml');
  secretFile = path.join(dir, 'secret');
  journal = path.join(dir, 'journal.ndjson');
  fs.writeFileSync(sensorFile, stackYaml());
  fs.writeFileSync(secretFile, `${SECRET}\n`);
});

afterEach(async () => {
  for (const serve of running.splice(0)) {
    if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
    await serve.exited;
  }
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function serveApply(...extra: string[]): Promise<ServeProcess> {
  const serve = await startServeProcess(['--sensor', sensorFile, '--secret-file', secretFile, '--apply', '--journal', journal, ...extra], env);
  running.push(serve);
  return serve;
}

const coderun = (runId: number, attempt = 2): KubeObject | undefined => fake.get('agents.platform/v1', 'CodeRun', 'cto', `ci-remediation-${runId}-${attempt}`);
const creates = (): string[] => fake.requests.filter(r => r.startsWith('POST /apis/agents.platform/v1/namespaces/cto/coderuns'));
const verdicts = (serve: ServeProcess): Record<string, any>[] => serve.logs().filter(l => l.verdict !== 'retrying');

function journalLines(): Record<string, any>[] {
  return fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
}

async function metric(port: number, name: string): Promise<number> {
  const text = (await request(port, { method: 'GET', path: '/metrics' })).body;
  const line = text.split('\n').find(l => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

test('a fired trigger creates the CodeRun in the cluster; another delivery of the run is already-exists; a redelivery is a duplicate', async () => {
  const serve = await serveApply();
  expect(serve.stderr()).toContain(`cluster ${fake.url}`);
  expect((await deliver(serve.port, 'd-1', 4242)).status).toBe(200);
  await until('the first verdict', () => verdicts(serve).length === 1);
  expect(verdicts(serve)[0]).toMatchObject({ id: 'd-1', verdict: 'fired', resources: ['CodeRun/cto/ci-remediation-4242-2'], triggers: [{ result: 'created', resource: 'CodeRun/cto/ci-remediation-4242-2' }] });
  const created = coderun(4242);
  expect(created?.spec.env.WORKFLOW_RUN_ID).toBe('4242');
  expect(created?.metadata.labels['remediation.agents.platform/workflow-run-id']).toBe('4242');
  expect(created?.metadata.uid).toBeDefined();

  // A new delivery of the same run: the API server answers 409 AlreadyExists, nothing changes.
  expect((await deliver(serve.port, 'd-2', 4242)).status).toBe(200);
  // The same delivery again (GitHub's redelivery keeps the id): not processed a second time.
  expect((await deliver(serve.port, 'd-1', 4242)).status).toBe(200);
  await until('three verdicts', () => verdicts(serve).length === 3);
  expect(verdicts(serve).slice(1)).toEqual([
    expect.objectContaining({ id: 'd-2', verdict: 'fired', triggers: [{ trigger: 'create-coderun', result: 'already-exists', resource: 'CodeRun/cto/ci-remediation-4242-2' }] }),
    expect.objectContaining({ id: 'd-1', verdict: 'duplicate' }),
  ]);
  expect(creates()).toHaveLength(2);
  expect(coderun(4242)?.metadata.uid).toBe(created?.metadata.uid);
  const text = (await request(serve.port, { method: 'GET', path: '/metrics' })).body;
  expect(text).toContain('ci_remediation_serve_triggers_total{result="created"} 1');
  expect(text).toContain('ci_remediation_serve_triggers_total{result="already-exists"} 1');
  // The verdict is logged just before the processed line is written.
  await until('the processed lines', () => journalLines().filter(l => l.type === 'processed').length === 3);
});

test('5xx and 429 keep the delivery unprocessed and are retried (after the Retry-After of a 429) until the CodeRun is created, once', async () => {
  fake.createFaults.push('internal-error', 'too-many-requests', 'service-unavailable');
  const serve = await serveApply();
  expect((await deliver(serve.port, 'd-1', 5151)).status).toBe(200);
  await until('the verdict', () => verdicts(serve).length === 1);
  const retries = serve.logs().filter(l => l.verdict === 'retrying');
  expect(retries.map(l => l.reason)).toEqual([
    'HTTP 500: Internal error occurred: resource quota evaluation timed out',
    'HTTP 429: Too many requests, please try again later.',
    'HTTP 503: apiserver is shutting down',
  ]);
  expect(retries[1]).toMatchObject({ id: 'd-1', seq: 1, retryInSeconds: 1 });
  expect(verdicts(serve)[0]).toMatchObject({ id: 'd-1', verdict: 'fired', triggers: [{ result: 'created' }] });
  expect(creates()).toHaveLength(4);
  expect(coderun(5151)).toBeDefined();
  expect(await metric(serve.port, 'ci_remediation_serve_create_retries_total')).toBe(3);
  await until('the processed line', () => journalLines().some(l => l.type === 'processed'));
  expect(journalLines().filter(l => l.type === 'processed')).toEqual([{ type: 'processed', seq: 1 }]);
});

test('a later delivery waits behind one being retried: deliveries are processed in order', async () => {
  fake.createFaults.push('service-unavailable', 'service-unavailable');
  const serve = await serveApply();
  expect((await deliver(serve.port, 'first', 6001)).status).toBe(200);
  await until('a retry', () => serve.logs().some(l => l.verdict === 'retrying'));
  expect((await deliver(serve.port, 'second', 6002)).status).toBe(200);
  await until('both verdicts', () => verdicts(serve).length === 2);
  expect(verdicts(serve).map(l => [l.id, l.triggers[0].result])).toEqual([['first', 'created'], ['second', 'created']]);
});

test('a permanent refusal (422 Invalid, 403 Forbidden) fails the trigger with the API message and is not retried', async () => {
  fake.createFaults.push('invalid');
  fake.forbid = (method, pathname) => method === 'POST' && pathname.endsWith('/coderuns') && fake.requests.filter(r => r.startsWith('POST')).length > 1;
  const serve = await serveApply();
  expect((await deliver(serve.port, 'bad-spec', 7001)).status).toBe(200);
  expect((await deliver(serve.port, 'forbidden', 7002)).status).toBe(200);
  await until('two verdicts', () => verdicts(serve).length === 2);
  const [invalid, forbidden] = verdicts(serve);
  expect(invalid).toMatchObject({ id: 'bad-spec', verdict: 'failed', reason: 'HTTP 422: CodeRun.agents.platform "ci-remediation-7001-2" is invalid: spec.service: Required value', triggers: [{ result: 'failed', resource: 'CodeRun/cto/ci-remediation-7001-2' }] });
  expect(invalid.resources).toBeUndefined();
  expect(forbidden).toMatchObject({ id: 'forbidden', verdict: 'failed', reason: expect.stringMatching(/^HTTP 403: coderuns.agents.platform is forbidden: User "tester" cannot create resource "coderuns"/) });
  expect(serve.logs().some(l => l.verdict === 'retrying')).toBe(false);
  expect(creates()).toHaveLength(2);
  expect(journalLines().filter(l => l.type === 'processed')).toHaveLength(2);
  const text = (await request(serve.port, { method: 'GET', path: '/metrics' })).body;
  expect(text).toContain('ci_remediation_serve_triggers_total{result="failed"} 2');
  expect(text).toContain('ci_remediation_serve_processed_total{verdict="failed"} 2');
});

test('a CodeRun version the cluster does not serve fails the trigger (discovery 404), not retried', async () => {
  fs.writeFileSync(sensorFile, synthesized({ codeRun: { version: 'v9' } }).map(o => YAML.stringify(o)).join('---\n'));
  const serve = await serveApply();
  expect((await deliver(serve.port, 'v9', 7101)).status).toBe(200);
  await until('the verdict', () => verdicts(serve).length === 1);
  expect(verdicts(serve)[0]).toMatchObject({ verdict: 'failed', reason: 'HTTP 404: 404 page not found', triggers: [{ result: 'failed', resource: 'CodeRun/cto/ci-remediation-7101-2' }] });
  expect(fake.requests).toContain('GET /apis/agents.platform/v9');
});

test('the API server gone while serving: the creation is retried with the connection error, the delivery kept', async () => {
  const serve = await serveApply();
  await fake.close();
  expect((await deliver(serve.port, 'offline', 7201)).status).toBe(200);
  await until('two retries', () => serve.logs().filter(l => l.verdict === 'retrying').length >= 2);
  expect(serve.logs()[0]).toMatchObject({ id: 'offline', seq: 1, verdict: 'retrying', reason: expect.stringMatching(/ECONNREFUSED/) });
  expect(verdicts(serve)).toEqual([]);
  expect(journalLines().filter(l => l.type === 'processed')).toEqual([]);
  fake = await FakeKubeApiServer.start();
});

test('SIGTERM while a creation is being retried: exit 0, the delivery stays in the journal and is created after the restart', async () => {
  fake.createFaults.push(...Array<'internal-error'>(1000).fill('internal-error'));
  const first = await serveApply();
  expect((await deliver(first.port, 'kept', 8001)).status).toBe(200);
  await until('a retry', () => first.logs().some(l => l.verdict === 'retrying'));
  first.child.kill('SIGTERM');
  expect((await first.exited).code).toBe(0);
  expect(first.logs().at(-1)).toMatchObject({ verdict: 'error', seq: 1, reason: expect.stringMatching(/^stopping with 1 delivery\(ies\) unprocessed .*processed on the next start$/) });
  expect(journalLines().filter(l => l.type === 'processed')).toEqual([]);
  expect(coderun(8001)).toBeUndefined();

  fake.createFaults.length = 0;
  const second = await serveApply();
  await until('the replayed verdict', () => verdicts(second).length === 1);
  expect(verdicts(second)[0]).toMatchObject({ id: 'kept', seq: 1, verdict: 'fired', triggers: [{ result: 'created' }] });
  expect(coderun(8001)).toBeDefined();
  await until('the processed line', () => journalLines().some(l => l.type === 'processed'));
  expect(journalLines().filter(l => l.type === 'processed')).toEqual([{ type: 'processed', seq: 1 }]);
});

test('401 from a credential plugin token revoked before its stated expiry: the credentials are loaded again once and the create succeeds; a second 401 fails', async () => {
  // An exec plugin (client-go credential plugin) printing the token in a file, valid for an hour by its own word:
  // @kubernetes/client-node caches it until then.
  const tokenFile = path.join(dir, 'plugin-token');
  fs.writeFileSync(tokenFile, fake.token);
  const plugin = path.join(dir, 'credential-plugin.js');
  fs.writeFileSync(plugin, `const token = require('fs').readFileSync(${JSON.stringify(tokenFile)}, 'utf8');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token, expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() } }));\n`);
  env = { ...env, KUBECONFIG: fake.writeKubeconfig(dir, { command: process.execPath, args: [plugin] }) };
  const serve = await serveApply();
  // The token is rotated: the API server refuses the cached one, the plugin now prints the new one.
  fake.token = 'rotated-token';
  fs.writeFileSync(tokenFile, fake.token);
  expect((await deliver(serve.port, 'after-rotation', 9101)).status).toBe(200);
  await until('the verdict', () => verdicts(serve).length === 1);
  expect(verdicts(serve)[0]).toMatchObject({ id: 'after-rotation', verdict: 'fired', triggers: [{ result: 'created' }] });
  expect(coderun(9101)).toBeDefined();
  // Revoked for good (the plugin keeps printing a token the server refuses): failed, not retried forever.
  fake.token = 'revoked-for-good';
  expect((await deliver(serve.port, 'revoked', 9102)).status).toBe(200);
  await until('the second verdict', () => verdicts(serve).length === 2);
  expect(verdicts(serve)[1]).toMatchObject({ id: 'revoked', verdict: 'failed', reason: 'HTTP 401: Unauthorized (also with the credentials loaded again)' });
  expect(serve.logs().filter(l => l.verdict === 'retrying')).toEqual([]);
});

test('usage: --out with --apply, neither, --kubeconfig without --apply, and an unreachable cluster exit 2', () => {
  const base = ['serve', '--sensor', sensorFile, '--secret-file', secretFile, '--port', '0'];
  const both = runCli([...base, '--out', path.join(dir, 'out'), '--apply'], { env });
  expect(both).toMatchObject({ status: 2, stdout: '' });
  expect(both.stderr).toMatch(/--out and --apply are mutually exclusive/);
  expect(runCli(base, { env }).stderr).toMatch(/give --out DIR .* or --apply/);
  expect(runCli([...base, '--out', path.join(dir, 'out'), '--context', 'fake'], { env }).stderr).toMatch(/--kubeconfig and --context go with --apply/);
  const unreachable = runCli([...base, '--apply', '--journal', journal, '--context', 'other'], { env });
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr).toMatch(/cannot connect to the cluster at https:\/\/127\.0\.0\.1:1/);
  expect(fs.existsSync(journal)).toBe(false);
});
