/**
 * Reads what the report needs from GitHub's REST API (api.github.com or GitHub Enterprise Server
 * through `GITHUB_API_URL`), with Octokit's throttling and retry plugins so rate limits wait
 * instead of failing. Endpoints (REST API 2022-11-28):
 * - GET /repos/{owner}/{repo}/actions/runs (created, status=completed; paginated)
 * - GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number} (earlier attempts of re-runs)
 * - GET /repos/{owner}/{repo}/git/matching-refs/heads/{prefix} (fix branches)
 * - GET /repos/{owner}/{repo}/pulls?state=all&sort=created&direction=desc (fix PRs; paginated)
 * - GET /repos/{owner}/{repo}/issues?labels=blocked&state=all (blocked issues; paginated)
 * - GET /repos/{owner}/{repo}/commits/{commit_sha}/comments (the final comment's markers; paginated)
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { BLOCKED_LABEL, runIdOfBlockedIssue, runIdOfFixBranch } from '../github/remediation';
import type { FixPull, RepositoryData, RunAttempt } from './model';

const ReportOctokit = Octokit.plugin(throttling, retry);
export type ReportClient = InstanceType<typeof ReportOctokit>;

/** Client options; the wait multipliers exist so tests can make a rate-limit wait take milliseconds. */
export interface ClientOptions {
  readonly token?: string;
  /** Default https://api.github.com. */
  readonly baseUrl?: string;
  /** How many times a rate-limited request is retried (default 3). */
  readonly rateLimitRetries?: number;
  /** Milliseconds per second of `retry-after` / reset wait (default 1000). */
  readonly retryAfterBaseValue?: number;
  /** Called with a line when a request waits for a rate limit. */
  readonly log?: (line: string) => void;
}

/** An Octokit with throttling (403 rate limits) and retry (5xx, 429) plugins. */
export function createClient(options: ClientOptions): ReportClient {
  const retries = options.rateLimitRetries ?? 3;
  const base = options.retryAfterBaseValue ?? 1000;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number): boolean => {
    options.log?.(`${kind} on ${request.method} ${request.url}: waiting ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
    return retryCount < retries;
  };
  return new ReportOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'ci-remediation-report',
    // Octokit logs every 4xx as a warning; the command reports failures itself.
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit'), retryAfterBaseValue: base },
    retry: { retryAfterBaseValue: base, retries },
  });
}

/** Reads one repository: runs created since `since`, fix branches and PRs, blocked issues, commit comments. */
export async function fetchRepository(client: ReportClient, repository: string, since: Date, prefix: string): Promise<RepositoryData> {
  const [owner, repo] = repository.split('/');
  const sinceIso = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // Runs up to now, not only up to the window end: a failure's fix, green run or re-run may come later.
  const listed = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, {
    owner, repo, created: `>=${sinceIso}`, status: 'completed', per_page: 100,
  });
  const runs: RunAttempt[] = listed.map(toRunAttempt);
  // The list holds each run's latest attempt; a re-run's earlier attempts hold its failure.
  for (const latest of runs.filter(r => r.attempt > 1 && !(r.headBranch ?? '').startsWith(prefix))) {
    for (let n = 1; n < latest.attempt; n++) {
      const { data } = await client.rest.actions.getWorkflowRunAttempt({ owner, repo, run_id: latest.id, attempt_number: n, exclude_pull_requests: true });
      runs.push(toRunAttempt(data));
    }
  }
  // Through paginate: should GitHub page this list, every page is read (one request otherwise).
  const refs = await client.paginate(client.rest.git.listMatchingRefs, { owner, repo, ref: `heads/${prefix}` });
  const fixBranches = refs.map(r => r.ref.replace(/^refs\/heads\//, ''));
  const fixPulls: FixPull[] = [];
  // Newest first: stop at the first page that only holds PRs older than the window (a fix PR
  // is always opened after its failure).
  for await (const page of client.paginate.iterator(client.rest.pulls.list, { owner, repo, state: 'all', sort: 'created', direction: 'desc', per_page: 100 })) {
    for (const p of page.data) {
      if (p.head.ref.startsWith(prefix)) {
        fixPulls.push({
          number: p.number, headRef: p.head.ref, state: p.state === 'open' ? 'open' : 'closed', createdAt: p.created_at,
          mergedAt: p.merged_at, labels: p.labels.map(l => l.name ?? ''), body: p.body ?? '',
        });
      }
    }
    if (page.data.every(p => Date.parse(p.created_at) < since.getTime())) break;
  }
  const issues = await client.paginate(client.rest.issues.listForRepo, { owner, repo, labels: BLOCKED_LABEL, state: 'all', since: sinceIso, per_page: 100 });
  const blockedIssueRuns = issues
    .filter(i => i.pull_request === undefined)
    .map(i => runIdOfBlockedIssue(i.title))
    .filter((id): id is number => id !== undefined);
  const commitComments: Record<string, string[]> = {};
  const remediatedRuns = new Set([...fixBranches.concat(fixPulls.map(p => p.headRef)).map(ref => runIdOfFixBranch(ref, prefix)), ...blockedIssueRuns]);
  const failingShas = new Set(runs.filter(r => remediatedRuns.has(r.id)).map(r => r.headSha));
  for (const sha of [...failingShas].sort()) {
    const comments = await client.paginate(client.rest.repos.listCommentsForCommit, { owner, repo, commit_sha: sha, per_page: 100 });
    commitComments[sha] = comments.map(c => c.body);
  }
  return { repository, runs, fixBranches, fixPulls, blockedIssueRuns, commitComments };
}

interface RunShape {
  id: number; run_attempt?: number; workflow_id: number; name?: string | null; head_branch: string | null; head_sha: string;
  conclusion: string | null; created_at: string; updated_at: string;
  head_commit: { message: string } | null; head_repository?: { full_name: string } | null;
}

function toRunAttempt(r: RunShape): RunAttempt {
  return {
    id: r.id,
    attempt: r.run_attempt ?? 1,
    workflowId: r.workflow_id,
    workflowName: r.name ?? String(r.workflow_id),
    headBranch: r.head_branch,
    headSha: r.head_sha,
    conclusion: r.conclusion,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    headCommitMessage: r.head_commit?.message ?? null,
    headRepository: r.head_repository?.full_name ?? null,
  };
}
