/**
 * A GitHub dataset for the report tests, in the REST API's own response shapes
 * (REST API version 2022-11-28; field names and types from `@octokit/openapi-types` 22:
 * `components['schemas']['workflow-run']`, `['pull-request-simple']`, `['issue']`,
 * `['git-ref']`, `['commit-comment']`; docs: https://docs.github.com/en/rest/actions/workflow-runs,
 * /rest/pulls/pulls#list-pull-requests, /rest/issues/issues#list-repository-issues,
 * /rest/git/refs#list-matching-references, /rest/commits/comments#list-commit-comments-for-a-commit).
 * Only the fields the report reads are filled in, plus ids; each object is typed with a `Pick` of
 * the schema (test/helpers/fake-github-api.ts) so a renamed or retyped field fails
 * `tsc -p test/report/tsconfig.json`.
 *
 * Window: runs created in [2026-11-01, 2026-12-01). Settings: repositories [acme/api],
 * conclusions [failure, timed_out], excludeWorkflows [Release], the default skip token and prefix.
 * Each run's comment says what it covers and what it must count as; the expected KPIs are
 * computed by hand in report-kpis.test.ts.
 */
import type { ApiComment, ApiPull, ApiRun, RepoFixture } from '../helpers/fake-github-api';

const WORKFLOWS: Record<string, number> = { CI: 10, Lint: 20, Release: 30 };

interface RunSpec {
  id: number; workflow: string; branch: string | null; conclusion: string; created: string; updated: string;
  attempt?: number; message?: string | null; headRepo?: string; sha?: string;
}

/** A workflow run as GET /repos/{o}/{r}/actions/runs returns it. */
function run(repo: string, spec: RunSpec): ApiRun {
  const sha = spec.sha ?? `sha${spec.id}${'0'.repeat(34)}`.slice(0, 40);
  return {
    id: spec.id,
    name: spec.workflow,
    run_attempt: spec.attempt ?? 1,
    run_number: spec.id,
    workflow_id: WORKFLOWS[spec.workflow],
    path: `.github/workflows/${spec.workflow.toLowerCase()}.yml`,
    event: 'push',
    head_branch: spec.branch,
    head_sha: sha,
    status: 'completed',
    conclusion: spec.conclusion,
    created_at: spec.created,
    updated_at: spec.updated,
    head_commit: spec.message === null ? null : { id: sha, message: spec.message ?? `change for run ${spec.id}` },
    head_repository: { id: 1, full_name: spec.headRepo ?? repo },
  };
}

/** A marker line as rex-ci-remediation.sh's print_audit writes it. */
export function marker(runId: number, attempt: number, turns: number, costUsd: number, outcome: string): string {
  return `<!-- ci-remediation {"run":${runId},"attempt":${attempt},"turns":${turns},"costUsd":${costUsd},"outcome":"${outcome}"} -->`;
}

function pull(number: number, ref: string, created: string, state: 'open' | 'closed', mergedAt: string | null, body: string, labels: string[] = []): ApiPull {
  return {
    number, state, created_at: created, merged_at: mergedAt, body,
    head: { ref, sha: `fix${number}${'0'.repeat(36)}`.slice(0, 40) },
    labels: ['ci-fix', 'automated-fix', ...labels].map((name, i) => ({ id: i + 1, name })),
  };
}

const A = 'acme/api';
const sha = (id: number): string => `sha${id}${'0'.repeat(34)}`.slice(0, 40);
const comment = (id: number, runId: number, body: string): ApiComment => ({ id, body, commit_id: sha(runId), created_at: '2026-11-20T00:00:00Z' });

/** acme/api: every edge case of the definitions. */
export function apiRepository(): RepoFixture {
  const r = (spec: RunSpec): ApiRun => run(A, spec);
  const runs: ApiRun[] = [
    // 101: fixed by a merged PR; green on main after the merge: time to green 10:05 → 10:30 = 25 min.
    r({ id: 101, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-02T10:00:00Z', updated: '2026-11-02T10:05:00Z' }),
    r({ id: 150, workflow: 'CI', branch: 'main', conclusion: 'success', created: '2026-11-02T10:21:00Z', updated: '2026-11-02T10:30:00Z' }),
    // 102: two fix attempts (first PR superseded and closed, second merged): fixed, 2 attempts,
    // time to green 12:10 → 13:50 = 100 min. The fix branches' own runs are not failures.
    r({ id: 102, workflow: 'CI', branch: 'feature-x', conclusion: 'failure', created: '2026-11-03T12:00:00Z', updated: '2026-11-03T12:10:00Z' }),
    r({ id: 160, workflow: 'CI', branch: 'ci-fix/102-1', conclusion: 'failure', created: '2026-11-03T12:20:00Z', updated: '2026-11-03T12:25:00Z' }),
    r({ id: 161, workflow: 'CI', branch: 'ci-fix/102-2', conclusion: 'success', created: '2026-11-03T12:40:00Z', updated: '2026-11-03T12:50:00Z' }),
    r({ id: 162, workflow: 'CI', branch: 'feature-x', conclusion: 'success', created: '2026-11-03T13:05:00Z', updated: '2026-11-03T13:50:00Z' }),
    // 103: Lint failed, the agent pushed a branch, a re-run (attempt 2) went green: false positive.
    r({ id: 103, workflow: 'Lint', branch: 'main', conclusion: 'success', attempt: 2, created: '2026-11-09T09:00:00Z', updated: '2026-11-09T09:30:00Z' }),
    // 104: the agent gave up, `blocked` on its PR: blocked (markers: 40 turns, $5).
    r({ id: 104, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-10T08:00:00Z', updated: '2026-11-10T08:05:00Z' }),
    // 105: gave up before any PR: a `blocked` issue: remediated and blocked.
    r({ id: 105, workflow: 'CI', branch: 'dev', conclusion: 'failure', created: '2026-11-11T08:00:00Z', updated: '2026-11-11T08:05:00Z' }),
    // 106: the fix PR was closed unmerged (not superseded): false positive.
    r({ id: 106, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-12T08:00:00Z', updated: '2026-11-12T08:05:00Z' }),
    // 107: the fix PR is open and its checks passed (a green run on the fix branch): fixed, no time to green.
    r({ id: 107, workflow: 'CI', branch: 'feature-y', conclusion: 'failure', created: '2026-11-12T09:00:00Z', updated: '2026-11-12T09:05:00Z' }),
    r({ id: 170, workflow: 'CI', branch: 'ci-fix/107-1', conclusion: 'success', created: '2026-11-12T09:30:00Z', updated: '2026-11-12T09:40:00Z' }),
    // 108: fix PR open, no result yet: pending.
    r({ id: 108, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-13T08:00:00Z', updated: '2026-11-13T08:05:00Z' }),
    // 109-112: not remediated, and the settings say why.
    r({ id: 109, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-13T09:00:00Z', updated: '2026-11-13T09:05:00Z', message: 'wip [skip-ci-remediation]' }),
    r({ id: 110, workflow: 'CI', branch: 'patch-1', conclusion: 'failure', created: '2026-11-13T10:00:00Z', updated: '2026-11-13T10:05:00Z', headRepo: 'evil/api' }),
    r({ id: 111, workflow: 'Release', branch: 'main', conclusion: 'failure', created: '2026-11-13T11:00:00Z', updated: '2026-11-13T11:05:00Z' }),
    r({ id: 112, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-13T12:00:00Z', updated: '2026-11-13T12:05:00Z', message: null }),
    // 113: not remediated, no reason the settings give: not-remediated (human intervention).
    r({ id: 113, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-14T08:00:00Z', updated: '2026-11-14T08:05:00Z' }),
    // 114: cancelled is not a configured conclusion: not a failure.
    r({ id: 114, workflow: 'CI', branch: 'main', conclusion: 'cancelled', created: '2026-11-14T09:00:00Z', updated: '2026-11-14T09:05:00Z' }),
    // 115: a failure on a fix branch of another run: the agent's check, not a failure.
    r({ id: 115, workflow: 'CI', branch: 'ci-fix/999-1', conclusion: 'failure', created: '2026-11-14T10:00:00Z', updated: '2026-11-14T10:05:00Z' }),
    // 117: created after the window: not counted.
    r({ id: 117, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-12-01T05:00:00Z', updated: '2026-12-01T05:05:00Z' }),
    // 118: failed inside the window, fix PR merged after it: fixed; time to green
    // 2026-11-29T23:50 → 2026-12-01T01:20 = 1530 min.
    r({ id: 118, workflow: 'CI', branch: 'release-1', conclusion: 'failure', created: '2026-11-29T23:45:00Z', updated: '2026-11-29T23:50:00Z' }),
    r({ id: 180, workflow: 'CI', branch: 'release-1', conclusion: 'success', created: '2026-12-01T01:05:00Z', updated: '2026-12-01T01:20:00Z' }),
    // 119: timed_out is a configured conclusion: a failure; nothing happened: not-remediated.
    r({ id: 119, workflow: 'CI', branch: 'main', conclusion: 'timed_out', created: '2026-11-15T08:00:00Z', updated: '2026-11-15T08:35:00Z' }),
    // 120: failed, re-run failed again (attempt 2): one failure, of attempt 1; fix merged 09:00,
    // green 09:15: time to green from attempt 1's end (08:10) = 65 min.
    r({ id: 120, workflow: 'CI', branch: 'feature-z', conclusion: 'failure', attempt: 2, created: '2026-11-20T08:00:00Z', updated: '2026-11-20T08:40:00Z' }),
    r({ id: 190, workflow: 'CI', branch: 'feature-z', conclusion: 'success', created: '2026-11-20T09:01:00Z', updated: '2026-11-20T09:15:00Z' }),
    // 121: fix PR open, but another commit made the branch green first: false positive.
    r({ id: 121, workflow: 'CI', branch: 'feature-w', conclusion: 'failure', created: '2026-11-24T08:00:00Z', updated: '2026-11-24T08:05:00Z' }),
    r({ id: 191, workflow: 'CI', branch: 'feature-w', conclusion: 'success', created: '2026-11-24T08:20:00Z', updated: '2026-11-24T08:30:00Z' }),
    // Before the window: the server's `created` filter leaves it out.
    r({ id: 99, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-10-30T08:00:00Z', updated: '2026-10-30T08:05:00Z' }),
  ];
  const attempts: Record<string, ApiRun> = {
    '103/1': r({ id: 103, workflow: 'Lint', branch: 'main', conclusion: 'failure', created: '2026-11-09T09:00:00Z', updated: '2026-11-09T09:02:00Z' }),
    '120/1': r({ id: 120, workflow: 'CI', branch: 'feature-z', conclusion: 'failure', created: '2026-11-20T08:00:00Z', updated: '2026-11-20T08:10:00Z' }),
  };
  const branches = ['ci-fix/101-1', 'ci-fix/102-1', 'ci-fix/102-2', 'ci-fix/103-1', 'ci-fix/104-1', 'ci-fix/107-1', 'ci-fix/108-1', 'ci-fix/120-1', 'ci-fix/121-1', 'ci-fix/999-1'];
  const pulls: ApiPull[] = [
    pull(1, 'ci-fix/101-1', '2026-11-02T10:10:00Z', 'closed', '2026-11-02T10:20:00Z', `Fix\n\n${marker(101, 1, 9, 0.5, 'pr-opened')}\n`),
    pull(2, 'ci-fix/102-1', '2026-11-03T12:15:00Z', 'closed', null, marker(102, 1, 10, 1, 'pr-opened')),
    pull(3, 'ci-fix/102-2', '2026-11-03T12:35:00Z', 'closed', '2026-11-03T13:00:00Z', `${marker(102, 1, 10, 1, 'checks-failed')}\n${marker(102, 2, 20, 2, 'pr-opened')}`),
    pull(4, 'ci-fix/104-1', '2026-11-10T08:20:00Z', 'open', null, marker(104, 1, 40, 5, 'max-turns'), ['blocked']),
    pull(5, 'ci-fix/106-1', '2026-11-12T08:20:00Z', 'closed', null, `${marker(106, 1, 12, 0.75, 'pr-opened')}\n<!-- ci-remediation {"run":106,"attempt":"1; rm -rf /"} -->`),
    pull(6, 'ci-fix/107-1', '2026-11-12T09:20:00Z', 'open', null, marker(107, 1, 8, 0.4, 'pr-opened')),
    pull(7, 'ci-fix/108-1', '2026-11-13T08:20:00Z', 'open', null, ''),
    pull(8, 'ci-fix/118-1', '2026-11-30T00:10:00Z', 'closed', '2026-12-01T01:00:00Z', ''),
    pull(9, 'ci-fix/120-1', '2026-11-20T08:45:00Z', 'closed', '2026-11-20T09:00:00Z', ''),
    pull(10, 'ci-fix/121-1', '2026-11-24T08:15:00Z', 'open', null, ''),
    // Not a fix PR (another prefix) and an old one: read, ignored.
    pull(11, 'feature/other', '2026-11-05T08:00:00Z', 'open', null, ''),
    pull(12, 'ci-fix/50-1', '2026-10-01T08:00:00Z', 'closed', '2026-10-01T09:00:00Z', ''),
  ].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return {
    runs,
    attempts,
    refs: branches.map(b => ({ ref: `refs/heads/${b}`, object: { sha: '0'.repeat(40), type: 'commit', url: '' } })),
    pulls,
    issues: [
      { number: 30, title: 'CI remediation blocked for run 105', state: 'open', created_at: '2026-11-11T08:30:00Z', updated_at: '2026-11-11T08:30:00Z', labels: [{ name: 'blocked' }] },
      // A PR carrying the label shows up in the issues list too; it is not a blocked issue.
      { number: 4, title: 'CI remediation blocked for run 113', state: 'open', created_at: '2026-11-10T08:20:00Z', updated_at: '2026-11-10T09:00:00Z', labels: [{ name: 'blocked' }], pull_request: { url: 'https://api.github.com/repos/acme/api/pulls/4' } },
    ],
    comments: {
      // The final comment restates every attempt with its final outcome: it wins over the PR bodies.
      [sha(101)]: [comment(1, 101, `Automated CI fix\n\n${marker(101, 1, 9, 0.5, 'fixed')}\n`)],
      [sha(102)]: [comment(2, 102, `${marker(102, 1, 10, 1, 'checks-failed')}\n${marker(102, 2, 20, 2, 'fixed')}\n${marker(999, 1, 99, 99, 'fixed')}`)],
    },
  };
}

/** acme/web: not in the settings' repositories. */
export function webRepository(): RepoFixture {
  return {
    runs: [run('acme/web', { id: 201, workflow: 'CI', branch: 'main', conclusion: 'failure', created: '2026-11-05T08:00:00Z', updated: '2026-11-05T08:05:00Z' })],
    attempts: {}, refs: [], pulls: [], issues: [], comments: {},
  };
}

/** The settings file of the dataset. */
export const DATASET_SETTINGS_YAML = `repositories: [acme/api]
filters:
  conclusions: [failure, timed_out]
  excludeWorkflows: [Release]
`;
