import * as path from 'path';
import { runReplay } from '../../src/cli/replay-command';
import { normaliseReason, type ReplaySummary } from '../../src/cli/replay-tally';
import { readEntries } from '../../src/cli/replay-inputs';
import { tempDir, writeTree } from '../helpers/chart';
import { bufferOutput, failurePayload, runCommandProcess, stackYaml } from './simulate-fixtures';

const NOW = new Date('2025-06-01T12:00:00Z');

const delivery = (body: unknown, event = 'workflow_run', id = 'd-1') => ({ headers: { 'X-GitHub-Event': event, 'X-GitHub-Delivery': id }, body });
const failure = failurePayload();
const success = failurePayload(p => { p.workflow_run.conclusion = 'success'; });
const fork = failurePayload(p => { p.workflow_run.head_repository.full_name = 'attacker/cto'; });
const noUrl = failurePayload(p => { delete p.repository.html_url; });
const eventFile = {
  context: { type: 'github', source: 'github', subject: 'org', id: '0123456789abcdef0123456789abcdef', time: '2025-06-01T11:00:00Z', datacontenttype: 'application/json', specversion: '1.0' },
  data: { body: { ...failure, 'X-GitHub-Event': 'workflow_run', 'X-GitHub-Delivery': 'd-9' } },
};

const dir = writeTree(tempDir(), {
  'stack.yaml': stackYaml(),
  'events/a-failure.json': JSON.stringify(delivery(failure), null, 2),
  'events/b-more.ndjson': [
    JSON.stringify(delivery(success, 'workflow_run', 'd-2')),
    '{"headers": ',
    '',
    JSON.stringify(delivery(success, 'workflow_run', 'd-3')),
    JSON.stringify(eventFile),
  ].join('\n') + '\n',
  'events/nested/c-fork.json': JSON.stringify(delivery(fork)),
  'events/nested/d-no-url.json': JSON.stringify(delivery(noUrl)),
  'events/nested/e-broken.json': '{\n  "headers": {},\n  "body": \n',
  'events/nested/readme.txt': 'not an event',
  'events/f-push.json': JSON.stringify(delivery({ ref: 'refs/heads/main' }, 'push')),
});
const file = (name: string) => path.join(dir, name);

async function replay(paths: string[], json = true) {
  const output = bufferOutput();
  const code = await runReplay({ sensor: file('stack.yaml'), json, now: NOW }, paths, output);
  return { code, out: output.out, err: output.err };
}

describe('replay', () => {
  let code: number;
  let out: string;
  let err: string;
  let summary: ReplaySummary;
  beforeAll(async () => {
    ({ code, out, err } = await replay([file('events')]));
    summary = JSON.parse(out) as ReplaySummary;
  });

  test('walks folders recursively in sorted order and counts events', () => {
    expect([code, err]).toEqual([0, '']);
    expect(summary.sensor).toBe('ci-failure-remediation');
    expect(summary.events).toBe(7);
    expect(typeof summary.eventsPerSecond).toBe('number');
    expect(typeof summary.seconds).toBe('number');
  });

  test('reports malformed entries by file and line without stopping', () => {
    expect(summary.malformed.map(m => m.location)).toEqual([
      `${file('events/b-more.ndjson')}:2`,
      file('events/nested/e-broken.json'),
    ]);
    expect(summary.malformed[0].error).toMatch(/^not valid JSON: /);
  });

  test('groups drops by reason', () => {
    expect(summary.dependencies).toEqual([{
      name: 'workflow-run-failed',
      passed: 3,
      dropped: 4,
      droppedBy: [
        { reason: 'data[2] body.workflow_run.conclusion: no match', count: 2 },
        { reason: 'data[0] body.X-GitHub-Event: no match', count: 1 },
        { reason: 'data[4] body.workflow_run.head_repository.full_name: no match', count: 1 },
      ],
      cannotEvaluate: 0,
      cannotEvaluateBy: [],
    }]);
  });

  test('counts trigger outcomes, with failures by reason', () => {
    expect(summary.triggers).toEqual([{
      name: 'create-coderun',
      fired: 2,
      failed: 1,
      notFired: 4,
      failedBy: [{ reason: "unable to resolve 'workflow-run-failed' parameter value. err: <nil>", count: 1 }],
      cannotEvaluate: 0,
      cannotEvaluateBy: [],
    }]);
  });

  test('readable report', async () => {
    const text = (await replay([file('events')], false)).out;
    expect(text).toMatch(/^Sensor ci-failure-remediation: 7 event\(s\) in /);
    expect(text).toContain('Malformed entries: 2\n');
    expect(text).toContain('Dependency workflow-run-failed: 3 passed, 4 dropped\n');
    expect(text).toContain('       2  data[2] body.workflow_run.conclusion: no match\n');
    expect(text).toContain('Trigger create-coderun: 2 fired, 1 failed, 4 not fired (conditions not met)\n');
  });

  test('a missing path is an input error (exit 2, one line in plain words)', async () => {
    const result = await replay([file('events'), file('nope')]);
    expect([result.code, result.out]).toEqual([2, '']);
    expect(result.err).toBe(`cannot read ${file('nope')}: no such file or folder\n`);
  });

  test('no events: zero counts, still naming dependencies and triggers', async () => {
    const result = JSON.parse((await replay([file('events/nested/readme.txt')])).out) as ReplaySummary;
    expect(result.events).toBe(0);
    expect(result.dependencies).toEqual([{ name: 'workflow-run-failed', passed: 0, dropped: 0, droppedBy: [], cannotEvaluate: 0, cannotEvaluateBy: [] }]);
  });

  test('entries: a whole JSON file, NDJSON lines, and a broken pretty file as one entry', () => {
    expect(readEntries('a.json', '{\n "a": 1\n}\n')).toEqual([{ location: 'a.json', text: '{\n "a": 1\n}\n' }]);
    expect(readEntries('a.json', '{"a":1}\n\n{"b":2}\n')).toEqual([{ location: 'a.json:1', text: '{"a":1}' }, { location: 'a.json:3', text: '{"b":2}' }]);
    expect(readEntries('a.ndjson', '{"a":1}\n')).toEqual([{ location: 'a.ndjson:1', text: '{"a":1}' }]);
    expect(readEntries('a.json', '{\n "a": \n')).toHaveLength(1);
    expect(normaliseReason('  a\n  b  ')).toBe('a b');
  });

  test('as a process', () => {
    const result = runCommandProcess(['replay', '--sensor', file('stack.yaml'), '--json', file('events/a-failure.json')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).triggers[0].fired).toBe(1);
  });
});
