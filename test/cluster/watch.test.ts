/**
 * `ci-remediation watch` run as the real command line, with the real `@kubernetes/client-node`
 * Watch, against the fake API server: lines for creations and phase changes, nothing lost and
 * nothing repeated across a dropped connection, a 410 Expired on an open watch and at the start
 * of one, bookmarks; Ctrl-C exits 0.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startCli } from '../helpers/cli-process';
import { codeRun, FakeKubeApiServer } from '../helpers/fake-kube-apiserver';
import { deployHealthy } from './fixtures';

jest.setTimeout(60_000);

let fake: FakeKubeApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  fake = await FakeKubeApiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-test-'));
  env = { ...process.env, KUBECONFIG: fake.writeKubeconfig(dir), HOME: dir, CI_REMEDIATION_CONFIG: '' };
  deployHealthy(fake);
});

afterEach(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Waits until `ready()` holds (polling), or fails naming what was awaited. */
async function until(what: string, ready: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** The lines printed so far, without the time column. */
function lines(stdout: string): string[] {
  return stdout.split('\n').filter(Boolean).map(line => {
    expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}/);
    return line.replace(/^\S+ {2}/, '');
  });
}

const RUN_A = 'ci-remediation-19289199300-1  5dlabs/cto  CI  run 19289199300#1';
const RUN_B = 'ci-remediation-19289199500-1  5dlabs/other  Build  run 19289199500#1';
const PR = 'https://github.com/5dlabs/other/pull/7';

test('creations and phase changes, once each, across drops and 410 Expired; Ctrl-C exits 0', async () => {
  const cli = startCli(['watch', '--since', '90m'], { env });
  const out = (): string[] => lines(cli.output().stdout);
  const watching = (): boolean => fake.openWatches === 1;

  // The list: only the CodeRun created within --since is printed.
  await until('the first line', () => out().length === 1);
  expect(out()).toEqual([`${RUN_A}  Pending`]);
  await until('the watch', watching);
  const firstWatch = fake.requests.find(r => r.includes('watch=true'))!;
  expect(firstWatch).toMatch(/^GET \/apis\/agents\.platform\/v1\/namespaces\/cto\/coderuns\?/);
  expect(firstWatch).toContain('allowWatchBookmarks=true');
  expect(firstWatch).toContain('labelSelector=remediation.agents.platform%2Fmode%3Dci-failure');

  // Created, then a phase change; a bookmark moves the resourceVersion on.
  const b = { runId: '19289199500', repository: '5dlabs/other', workflow: 'Build' };
  fake.apply(codeRun(b));
  fake.apply(codeRun({ ...b, phase: 'Running' }));
  fake.bookmark();
  await until('B running', () => out().length === 3);

  // A dropped connection: what changes meanwhile comes with the next watch, from the last version.
  fake.dropWatches();
  fake.apply(codeRun({ runId: '19289199300', phase: 'Running' }));
  await until('A running after the drop', () => out().length === 4);
  await until('the watch again', watching);

  // 410 Expired on the open watch: a new list; a change without a new phase prints nothing.
  fake.expireHistory();
  fake.apply(codeRun({ ...b, phase: 'Running' }));
  fake.apply(codeRun({ ...b, phase: 'Succeeded', pullRequestUrl: PR }));
  await until('B succeeded', () => out().length === 5);
  await until('the watch after the new list', watching);

  // 410 at the start of a watch (a change, then compaction, while disconnected): a new list again.
  fake.dropWatches();
  fake.apply(codeRun({ runId: '19289199300', phase: 'Failed' }));
  fake.expireHistory();
  await until('A failed', () => out().length === 6);
  await until('the watch after the second new list', watching);

  fake.remove('agents.platform/v1', 'CodeRun', 'cto', 'ci-remediation-19289199500-1');
  await until('B deleted', () => out().length === 7);

  cli.child.kill('SIGINT');
  const run = await cli.done;
  expect(run.status).toBe(0);
  expect(lines(run.stdout)).toEqual([
    `${RUN_A}  Pending`,
    `${RUN_B}  Pending`,
    `${RUN_B}  Running`,
    `${RUN_A}  Running`,
    `${RUN_B}  Succeeded  ${PR}`,
    `${RUN_A}  Failed`,
    `${RUN_B}  Deleted  ${PR}`,
  ]);
  // Three lists (the first and one per 410); every watch resumed from a version.
  expect(fake.requests.filter(r => r.startsWith('GET /apis/agents.platform/v1/namespaces/cto/coderuns?') && !r.includes('watch=true'))).toHaveLength(3);
  expect(fake.requests.filter(r => r.includes('watch=true')).every(r => /resourceVersion=\d+/.test(r))).toBe(true);
});

test('a deletion while disconnected is found by the new list', async () => {
  const cli = startCli(['watch', '--since', '0s'], { env });
  await until('the watch', () => fake.openWatches === 1);
  fake.dropWatches();
  fake.expireHistory();
  fake.remove('agents.platform/v1', 'CodeRun', 'cto', 'ci-remediation-19289199200-2');
  await until('the deletion', () => lines(cli.output().stdout).length === 1);
  expect(lines(cli.output().stdout)).toEqual(['ci-remediation-19289199200-2  5dlabs/cto  Lint  run 19289199200#2  Deleted']);
  cli.child.kill('SIGINT');
  expect((await cli.done).status).toBe(0);
});

test('free text from annotations stays on one bounded line', async () => {
  const cli = startCli(['watch', '--since', '0s'], { env });
  await until('the watch', () => fake.openWatches === 1);
  fake.apply(codeRun({ runId: '1', workflow: `CI\n2026-01-01T00:00:00Z  forged  line${'x'.repeat(200)}` }));
  await until('the line', () => lines(cli.output().stdout).length === 1);
  const [line] = lines(cli.output().stdout);
  expect(line).toMatch(/^ci-remediation-1-1 {2}5dlabs\/cto {2}CI 2026-01-01T00:00:00Z {2}forged {2}linex+… {2}run 1#1 {2}Pending$/);
  cli.child.kill('SIGINT');
  expect((await cli.done).status).toBe(0);
});

test('exit 2: a bad --since, a cluster that cannot be reached', async () => {
  const since = await startCli(['watch', '--since', 'yesterday'], { env }).done;
  expect(since.status).toBe(2);
  expect(since.stderr).toBe('watch: --since must be a duration such as 30s, 15m, 2h or 1d, got "yesterday"\n');
  const unreachable = await startCli(['watch', '--context', 'other'], { env }).done;
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr).toMatch(/^watch: cannot connect to the cluster at https:\/\/127\.0\.0\.1:1: /);
});
