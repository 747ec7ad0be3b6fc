/**
 * `ci-remediation serve` as a process: real HTTP on 127.0.0.1, real HMAC, 50 concurrent
 * connections, SIGTERM, and kill -9 followed by a restart. No timed assertions: only that every
 * acknowledged delivery is accounted for, that nothing is created twice, and that memory stays bounded.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../helpers/chart';
import { runCli } from '../helpers/cli-process';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { deliver, request, SECRET } from '../serve/serve-client';
import { stackYaml } from './simulate-fixtures';

jest.setTimeout(60_000);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-process-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const sensorFile = path.join(work, 'stack.yaml');
const secretFile = path.join(work, 'secret');
fs.writeFileSync(sensorFile, stackYaml());
fs.writeFileSync(secretFile, `${SECRET}\n`);

function startServe(out: string): Promise<ServeProcess> {
  return startServeProcess(['--sensor', sensorFile, '--secret-file', secretFile, '--out', out]);
}

/** Sends `count` deliveries over `connections` keep-alive connections; returns the ids answered 200. */
async function load(port: number, count: number, runOf: (i: number) => number, prefix: string, connections = 50, onAck?: (acked: number) => void): Promise<{ acked: string[]; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const acked: string[] = [];
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const id = `${prefix}-${i}`;
      try {
        const reply = await deliver(port, id, runOf(i), agent);
        if (reply.status === 200) {
          acked.push(id);
          onAck?.(acked.length);
        } else failed++;
      } catch {
        failed++; // the connection died (kill -9): not acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { acked, failed };
}

function readJournal(out: string): { deliveries: Map<string, number[]>; processed: Set<number>; seqs: number[] } {
  const deliveries = new Map<string, number[]>();
  const processed = new Set<number>();
  const seqs: number[] = [];
  for (const line of fs.readFileSync(path.join(out, '.journal.ndjson'), 'utf8').split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line);
    if (record.type === 'delivery') {
      seqs.push(record.seq);
      const runId = JSON.parse(record.body).workflow_run.id as number;
      deliveries.set(record.deliveryId, [...(deliveries.get(record.deliveryId) ?? []), runId]);
    } else processed.add(record.seq);
  }
  return { deliveries, processed, seqs };
}

/** Every acknowledged delivery is in the journal, and every journaled delivery has its processed line. */
function expectJournaledAndProcessed(out: string, acked: readonly string[]): ReturnType<typeof readJournal> {
  const journal = readJournal(out);
  for (const id of acked) expect(journal.deliveries.has(id)).toBe(true);
  expect(journal.seqs.every(seq => journal.processed.has(seq))).toBe(true);
  return journal;
}

function resources(out: string): Map<string, string> {
  const byRun = new Map<string, string>();
  for (const file of fs.readdirSync(out).filter(f => f.endsWith('.json'))) {
    const runId = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')).spec.env.WORKFLOW_RUN_ID as string;
    expect(byRun.has(runId)).toBe(false);
    byRun.set(runId, file);
  }
  return byRun;
}

async function rss(port: number): Promise<number> {
  const text = (await request(port, { method: 'GET', path: '/metrics' })).body;
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)![1]);
}

test('2000 deliveries at 50 connections: every one acknowledged is journaled, processed once, and its CodeRun written once per run; memory bounded; SIGTERM exits 0', async () => {
  const out = path.join(work, 'load');
  const serve = await startServe(out);
  // 1600 runs: every fifth delivery repeats an earlier run (a second creation: already-exists).
  const runOf = (i: number) => 1_000_000 + (i % 1600);
  const { acked, failed } = await load(serve.port, 2000, runOf, 'load');
  expect(failed).toBe(0);
  expect(acked).toHaveLength(2000);
  // Generous: the server holds no delivery after its answer except in the processing queue.
  expect(await rss(serve.port)).toBeLessThan(400 * 1024 * 1024);
  serve.child.kill('SIGTERM');
  expect(await serve.exited).toEqual({ code: 0, signal: null });

  const journal = expectJournaledAndProcessed(out, acked);
  for (const id of acked) expect(journal.deliveries.get(id)).toHaveLength(1);
  expect(resources(out).size).toBe(1600);
  const logs = serve.logs();
  expect(logs).toHaveLength(2000);
  const results = logs.flatMap(l => l.triggers.map((t: { result: string }) => t.result));
  expect(results.filter(r => r === 'created')).toHaveLength(1600);
  expect(results.filter(r => r === 'already-exists')).toHaveLength(400);
});

test('SIGTERM during load: requests in flight are answered and journaled before the process exits 0', async () => {
  const out = path.join(work, 'sigterm');
  const serve = await startServe(out);
  let signalled = false;
  const { acked } = await load(serve.port, 400, i => 2_000_000 + i, 'term', 50, n => {
    if (n === 150 && !signalled) {
      signalled = true;
      serve.child.kill('SIGTERM');
    }
  });
  expect(await serve.exited).toEqual({ code: 0, signal: null });
  expectJournaledAndProcessed(out, acked);
  const byRun = resources(out);
  for (const id of acked) expect(byRun.has(String(2_000_000 + Number(id.split('-')[1])))).toBe(true);
});

test('kill -9 during load, then a restart: nothing acknowledged is lost, nothing is created twice', async () => {
  const out = path.join(work, 'kill');
  const first = await startServe(out);
  let killed = false;
  const runOf = (i: number) => 3_000_000 + (i % 1000);
  const { acked } = await load(first.port, 1500, runOf, 'kill', 50, n => {
    if (n === 500 && !killed) {
      killed = true;
      first.child.kill('SIGKILL');
    }
  });
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(acked.length).toBeGreaterThanOrEqual(500);

  const second = await startServe(out);
  // Send the rest again, as GitHub's redelivery would, to the restarted process.
  const ackedSet = new Set(acked);
  const rest = Array.from({ length: 1500 }, (_, i) => i).filter(i => !ackedSet.has(`kill-${i}`));
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < rest.length) {
      const i = rest[next++];
      const reply = await deliver(second.port, `kill-${i}`, runOf(i), agent);
      expect(reply.status).toBe(200);
    }
  }));
  agent.destroy();
  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });

  const journal = expectJournaledAndProcessed(out, acked);
  // Every run has exactly one CodeRun, whichever process created it.
  const byRun = resources(out);
  expect(byRun.size).toBe(1000);
  // Across both processes no resource was created twice, and every journaled delivery was processed
  // (one processed before the crash but not marked is processed again and meets already-exists).
  const logs = [...first.logs(), ...second.logs()];
  const created = logs.flatMap(l => (l.triggers ?? []).filter((t: { result: string }) => t.result === 'created').map((t: { resource: string }) => t.resource));
  expect(new Set(created).size).toBe(created.length);
  const deliveriesInJournal = [...journal.deliveries.keys()];
  const logged = new Set(logs.map(l => l.id));
  for (const id of deliveriesInJournal) expect(logged.has(id)).toBe(true);
});

test('the README shadow-mode example starts as written and stops on SIGTERM with exit 0', async () => {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const line = readme.split('\n').find(l => l.startsWith('npx ci-remediation serve '))!;
  const cwd = path.join(work, 'readme');
  fs.mkdirSync(path.join(cwd, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(cwd, 'dist', 'ci-remediation.k8s.yaml'), stackYaml());
  fs.writeFileSync(path.join(cwd, 'secret'), `${SECRET}\n`);
  // As written, on a free port instead of 12000 (which may be taken on a shared machine).
  const args = line.replace(/^npx ci-remediation serve /, '').split(/\s+/).filter(Boolean);
  const serve = await startServeProcess(args, process.env, cwd);
  expect(serve.stderr()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/github\/webhook /);
  expect((await deliver(serve.port, 'readme-1', 42)).status).toBe(200);
  serve.child.kill('SIGTERM');
  expect((await serve.exited).code).toBe(0);
  expect(fs.readdirSync(path.join(cwd, 'shadow')).filter(f => f.endsWith('.json'))).toHaveLength(1);
});

describe('inputs serve cannot use: exit 2 with one line naming the problem', () => {
  const run = (args: string[]) => runCli(['serve', '--sensor', sensorFile, '--out', path.join(work, 'unused'), '--port', '0', ...args], { timeout: 20_000 });

  test('a missing or empty secret file', () => {
    const missing = run(['--secret-file', path.join(work, 'nope')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope/);
    fs.writeFileSync(path.join(work, 'empty'), '\n');
    const empty = run(['--secret-file', path.join(work, 'empty')]);
    expect(empty).toMatchObject({ status: 2, stderr: expect.stringMatching(/the secret file is empty/) });
  });

  test('a port that is not a number, an endpoint without a leading slash', () => {
    expect(run(['--secret-file', secretFile, '--port', 'http'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--port "http" is not a port number/) });
    expect(run(['--secret-file', secretFile, '--endpoint', 'hook'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--endpoint "hook" must start with \//) });
  });
});
