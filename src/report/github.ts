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
import { rateLimitWait, type RateLimitKind } from './rate-limit';

/** Default limits of a rate-limit wait: retries per request, and the longest single wait. */
export const RATE_LIMIT_RETRIES = 3;
export const MAX_RATE_LIMIT_WAIT_SECONDS = 900;

/** Client options; the wait multipliers exist so tests can make a rate-limit wait take milliseconds. */
export interface ClientOptions {
  readonly token?: string;
  /** Default https://api.github.com. */
  readonly baseUrl?: string;
  /** How many times a rate-limited request is retried (default 3). */
  readonly rateLimitRetries?: number;
  /** The longest wait GitHub may ask for before the request fails instead (default 900 s). */
  readonly maxWaitSeconds?: number;
  /** Milliseconds per second of `retry-after` / reset wait (default 1000). */
  readonly retryAfterBaseValue?: number;
  /** Called with a line when a request waits for a rate limit. */
  readonly log?: (line: string) => void;
}

/** Whether to wait out a limit: within the retries and the longest wait; says so on the log. */
type LimitDecision = (kind: RateLimitKind, seconds: number, request: string, retryCount: number) => boolean;

/** `GET https://…/repos/o/r/pulls?state=all`: the request as sent (handlers get the route template and its parameters). */
function requestLine(octokit: { request: { endpoint: { parse(options: object): { method: string; url: string } } } }, options: object): string {
  const { method, url } = octokit.request.endpoint.parse(options);
  return `${method} ${url}`;
}

function limitDecision(options: ClientOptions): LimitDecision {
  const retries = options.rateLimitRetries ?? RATE_LIMIT_RETRIES;
  const maxWait = options.maxWaitSeconds ?? MAX_RATE_LIMIT_WAIT_SECONDS;
  return (kind, seconds, request, retryCount) => {
    if (retryCount >= retries || seconds > maxWait) return false;
    options.log?.(`${kind === 'primary' ? 'rate limit' : 'secondary rate limit'} on ${request}: waiting ${seconds} s (retry ${retryCount + 1} of ${retries})`);
    return true;
  };
}

/**
 * Gives every rate-limit answer the wait the docs ask for (rate-limit.ts), where the plugins at
 * their pinned versions would not: the throttling plugin (8.2.0, src/index.ts) handles 403 answers
 * only, and waits its fallback minute for a secondary limit without `retry-after` even when
 * `x-ratelimit-remaining: 0` names a later reset; the retry plugin (6.1.0, src/error-request.ts)
 * retries a 429 after 1, 4, 9 s whatever it asks. Registered first, this hook sees each answer
 * before both: to such a 403 it adds the `retry-after` the docs imply, for the throttling plugin to
 * wait; a 429 it hands to the retry plugin with its wait (`octokit.retry.retryRequest`, that
 * plugin's API for a retry after a given delay), the retry plugin being told not to retry 429s
 * on its own.
 */
function rateLimitAnswers(decide: LimitDecision): Parameters<typeof Octokit.plugin>[number] {
  return octokit => {
    octokit.hook.error('request', (error, options) => {
      const e = error as Error & { status?: number; response?: { headers: Record<string, string | number | undefined> } };
      if ((e.status !== 403 && e.status !== 429) || e.response === undefined) throw error;
      const wait = rateLimitWait({ status: e.status, headers: e.response.headers, message: e.message }, Date.now());
      if (wait === undefined) throw error;
      if (e.status === 403) {
        if (wait.kind === 'secondary' && e.response.headers['retry-after'] === undefined) e.response.headers['retry-after'] = String(wait.seconds);
        throw error;
      }
      const retryCount = Number((options.request as { retryCount?: number } | undefined)?.retryCount ?? 0);
      const retrier = (octokit as unknown as { retry?: { retryRequest(error: unknown, retries: number, retryAfter: number): Error } }).retry;
      if (retrier !== undefined && decide(wait.kind, wait.seconds, requestLine(octokit, options), retryCount)) {
        throw retrier.retryRequest(error, retryCount + 1, wait.seconds);
      }
      throw error;
    });
    return {};
  };
}

const reportOctokit = (decide: LimitDecision) => Octokit.plugin(rateLimitAnswers(decide), throttling, retry);
export type ReportClient = InstanceType<ReturnType<typeof reportOctokit>>;

/**
 * An Octokit waiting out GitHub's rate limits (403 and 429, see rate-limit.ts) up to `rateLimitRetries`
 * times per request and `maxWaitSeconds` per wait, and retrying 5xx answers (retry plugin).
 */
export function createClient(options: ClientOptions): ReportClient {
  const retries = options.rateLimitRetries ?? RATE_LIMIT_RETRIES;
  const base = options.retryAfterBaseValue ?? 1000;
  const decide = limitDecision(options);
  const onLimit = (kind: RateLimitKind) => (retryAfter: number, request: object, octokit: Parameters<typeof requestLine>[0], retryCount: number): boolean =>
    decide(kind, retryAfter, requestLine(octokit, request), retryCount);
  const ReportOctokit = reportOctokit(decide);
  return new ReportOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'ci-remediation-report',
    // Octokit logs every 4xx as a warning; the command reports failures itself.
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), retryAfterBaseValue: base },
    // 429 is the hook's (above), with the wait GitHub asks for; 403 the throttling plugin's.
    retry: { retryAfterBaseValue: base, retries, doNotRetry: [400, 401, 403, 404, 422, 429, 451] },
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
