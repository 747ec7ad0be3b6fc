/** CodeRun rows from the trigger's labels and annotations and the controller's status. */
import { age, cell, codeRunRow, newestCodeRuns } from '../../src/cluster/coderuns';
import { codeRun } from '../helpers/fake-kube-apiserver';

test('a row from labels, annotations, status.phase and status.pull_request_url', () => {
  const object = { ...codeRun({ runId: '42', attempt: '3', repository: 'o/r', workflow: 'CI', phase: 'Succeeded', pullRequestUrl: 'https://github.com/o/r/pull/9' }), metadata: { ...codeRun({ runId: '42', attempt: '3', repository: 'o/r' }).metadata, uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' } };
  expect(codeRunRow(object)).toEqual({ name: 'ci-remediation-42-3', uid: 'u1', createdAt: '2026-01-01T00:00:00Z', repository: 'o/r', workflow: 'CI', runId: '42', attempt: '3', phase: 'Succeeded', pullRequest: 'https://github.com/o/r/pull/9' });
});

test('no status yet reads as Pending; the newest come first', () => {
  const older = { ...codeRun({ runId: '1' }), metadata: { ...codeRun({ runId: '1' }).metadata, creationTimestamp: '2026-01-01T00:00:00Z' } };
  const newer = { ...codeRun({ runId: '2' }), metadata: { ...codeRun({ runId: '2' }).metadata, creationTimestamp: '2026-01-02T00:00:00Z' } };
  expect(newestCodeRuns([older, newer], 5).map(r => [r.name, r.phase])).toEqual([['ci-remediation-2-1', 'Pending'], ['ci-remediation-1-1', 'Pending']]);
  expect(newestCodeRuns([older, newer], 1)).toHaveLength(1);
});

test('ages as kubectl prints them, free text on one bounded line', () => {
  const now = Date.parse('2026-01-03T00:00:00Z');
  expect(age('2026-01-02T23:59:30Z', now)).toBe('30s');
  expect(age('2026-01-02T23:00:00Z', now)).toBe('60m');
  expect(age('2026-01-02T20:00:00Z', now)).toBe('4h');
  expect(age('2026-01-01T00:00:00Z', now)).toBe('2d');
  expect(cell('a\nb\u001b[31m', 80)).toBe('a b [31m');
  expect(cell('x'.repeat(10), 5)).toBe('xxxx…');
});
