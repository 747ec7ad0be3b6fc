/**
 * The definitions' edge cases the GitHub dataset (github-dataset.ts, through the fake server in
 * report-kpis.test.ts) does not hold, over plain data: a run without a head repository (REST's
 * `workflow-run` schema always has one, so the fake server cannot serve it; the Sensor's filter
 * handles it), a workflow outside `includeWorkflows`, a fix known only from a marker with outcome
 * `fixed`, a blocked failure whose PR was merged anyway, three fix attempts, a failure without a
 * head branch, and a green run on the failing branch before the fix was merged. KPIs by hand.
 */
import { computeReport } from '../../src/report/compute';
import type { FixPull, RepositoryData, ReportSettings, RunAttempt } from '../../src/report/model';

const SETTINGS: ReportSettings = {
  repositories: ['acme/ops'], conclusions: ['failure'], blockForks: true, skipToken: '[skip-ci-remediation]',
  remediationBranchPrefix: 'ci-fix/', includeWorkflows: ['CI', '/Deploy .*/'], excludeWorkflows: [],
};
const WINDOW = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };
const at = (day: number, hhmm: string): string => `2026-11-${String(day).padStart(2, '0')}T${hhmm}:00Z`;

function run(id: number, workflow: string, branch: string | null, conclusion: string, day: number, created: string, completed: string, extra: Partial<RunAttempt> = {}): RunAttempt {
  return {
    id, attempt: 1, workflowId: workflow === 'CI' ? 1 : workflow === 'Docs' ? 2 : 3, workflowName: workflow, headBranch: branch,
    headSha: `sha${id}`, conclusion, createdAt: at(day, created), updatedAt: at(day, completed), headCommitMessage: 'change', headRepository: 'acme/ops', ...extra,
  };
}
const pr = (number: number, headRef: string, state: 'open' | 'closed', createdAt: string, mergedAt: string | null, labels: string[] = [], body = ''): FixPull =>
  ({ number, headRef, state, createdAt, mergedAt, labels, body });

function data(): RepositoryData {
  return {
    repository: 'acme/ops',
    runs: [
      // 301: no head repository, with blockForks: skipped, "no head repository".
      run(301, 'CI', 'main', 'failure', 2, '08:00', '08:05', { headRepository: null }),
      // 302: "Docs" matches neither `CI` nor `/Deploy .*/`: skipped, "workflow not included".
      run(302, 'Docs', 'main', 'failure', 2, '09:00', '09:05'),
      // 303: "Deploy prod" (included by the pattern); PR open, no green run, but the agent's
      // final comment says `fixed`: fixed, no time to green (not merged); $1.5, 12 turns.
      run(303, 'Deploy prod', 'main', 'failure', 3, '08:00', '08:05'),
      // 304: `blocked` on its PR, which a human merged later, and green after: blocked all the same.
      run(304, 'CI', 'feature-a', 'failure', 4, '08:00', '08:05'),
      run(3041, 'CI', 'feature-a', 'success', 4, '10:00', '10:10'),
      // 305: three fix attempts (PR of attempt 1 closed, attempt 2 a branch only, attempt 3 merged
      // at 09:00); green run created 09:05 completes 09:20: fixed, 3 attempts, time to green
      // 08:05 → 09:20 = 75 min. The failed check on a fix branch is no failure of its own.
      run(305, 'CI', 'feature-b', 'failure', 10, '08:00', '08:05'),
      run(3051, 'CI', 'ci-fix/305-1', 'failure', 10, '08:20', '08:25'),
      run(3052, 'CI', 'feature-b', 'success', 10, '09:05', '09:20'),
      // 306: no head branch (GitHub gives null, e.g. for a deleted branch's run): fixed by its
      // merged PR, but no branch to go green: no time to green.
      run(306, 'CI', null, 'failure', 11, '08:00', '08:05'),
      // 307: fix PR merged at 10:20, but a run created at 10:10 on the branch (another commit)
      // went green first: false positive, merged or not.
      run(307, 'CI', 'feature-c', 'failure', 17, '10:00', '10:05'),
      run(3071, 'CI', 'feature-c', 'success', 17, '10:10', '10:18'),
      run(3072, 'CI', 'feature-c', 'success', 17, '10:25', '10:35'),
    ],
    fixBranches: ['ci-fix/303-1', 'ci-fix/305-2', 'ci-fix/305-3'],
    fixPulls: [
      pr(1, 'ci-fix/303-1', 'open', at(3, '08:20'), null, [], '<!-- ci-remediation {"run":303,"attempt":1,"turns":12,"costUsd":1.5,"outcome":"pr-opened"} -->'),
      pr(2, 'ci-fix/304-1', 'closed', at(4, '08:20'), at(4, '09:50'), ['blocked']),
      pr(3, 'ci-fix/305-1', 'closed', at(10, '08:15'), null),
      pr(4, 'ci-fix/305-3', 'closed', at(10, '08:45'), at(10, '09:00')),
      pr(5, 'ci-fix/306-1', 'closed', at(11, '08:20'), at(11, '08:40')),
      pr(6, 'ci-fix/307-1', 'closed', at(17, '10:08'), at(17, '10:20')),
    ],
    blockedIssueRuns: [],
    commitComments: { sha303: ['Done.\n<!-- ci-remediation {"run":303,"attempt":1,"turns":12,"costUsd":1.5,"outcome":"fixed"} -->'] },
  };
}

describe('computeReport: edge cases beyond the GitHub dataset', () => {
  const report = computeReport([data()], SETTINGS, WINDOW, new Date('2026-12-02T00:00:00Z'));
  const byRun = new Map(report.failures.map(f => [f.runId, f]));

  it('gives each failure the outcome the definitions say', () => {
    expect(Object.fromEntries(report.failures.map(f => [f.runId, f.skipReason ?? f.outcome]))).toEqual({
      301: 'no head repository', 302: 'workflow not included', 303: 'fixed', 304: 'blocked', 305: 'fixed', 306: 'fixed', 307: 'false-positive',
    });
    expect(byRun.get(303)).toMatchObject({ timeToGreenMinutes: null, attempts: 1, costUsd: 1.5, turns: 12 });
    expect(byRun.get(305)).toMatchObject({ timeToGreenMinutes: 75, attempts: 3 });
    expect(byRun.get(306)).toMatchObject({ branch: null, timeToGreenMinutes: null, attempts: 1 });
  });

  it('computes the KPIs by hand', () => {
    // 7 failures; skipped 301, 302; eligible 5; remediated 303-307 (5); fixed 303, 305, 306.
    expect(report.total).toMatchObject({
      failures: 7, skipped: 2, eligible: 5, remediated: 5, fixed: 3, blocked: 1, falsePositives: 1, pending: 0, notRemediated: 0,
      skipReasons: { 'no head repository': 1, 'workflow not included': 1 },
      autoFixRate: 0.6, // 3 / 5
      humanInterventionRate: 0.2, // (1 blocked + 0 not remediated) / 5
      falsePositiveRate: 0.2, // 1 / 5 remediated
      timeToGreenMinutes: { count: 1, p50: 75, p90: 75 },
      attemptsPerFix: 1.6667, // (1 + 3 + 1) / 3
      costUsd: { total: 1.5, perRemediation: 1.5 },
      turns: { total: 12, perRemediation: 12 },
    });
    expect(report.total.kpis.map(k => [k.name, k.status])).toEqual([
      ['autoFixRate', 'not-met'], ['timeToGreenP50Minutes', 'not-met'], ['falsePositiveRate', 'not-met'], ['humanInterventionRate', 'met'],
    ]);
  });
});
