/**
 * One local stand-in for GitHub's REST API (version 2022-11-28) on 127.0.0.1, given to the
 * commands as `GITHUB_API_URL`: the hook check of `status`, `report`, and `fire-drill` read it
 * through the real `@octokit/rest`. Every answer has the REST API's response type from
 * `@octokit/openapi-types` 22 (`components['schemas'][…]`, named below; `tsc` checks them), for the
 * endpoints of the REST reference (https://docs.github.com/en/rest):
 * - GET /orgs/{org}/hooks, /repos/{owner}/{repo}/hooks: "List organization webhooks" (`org-hook`),
 *   "List repository webhooks" (`hook`); /…/hooks/{id}/deliveries: "List deliveries for an
 *   organization/repository webhook" (`hook-delivery-item`, plus `throttled_at` the reference shows),
 *   newest first (cursor paging is not modelled: `per_page` items are answered);
 * - GET /repos/{owner}/{repo}/actions/runs with `created=>=DATE` and `status` (`workflow-run`,
 *   wrapped in `{total_count, workflow_runs}`), …/actions/runs/{id}/attempts/{n}, …/git/matching-refs/{ref}
 *   (`git-ref`), …/pulls with `state` (`pull-request-simple`), …/issues with `labels`, `state` and
 *   `since` (updated at or after; `issue`), …/commits/{sha}/comments (`commit-comment`);
 * - any other object a test stores under its path (`objects`), in the response type the test names;
 * - paging with `page`/`per_page` and a `Link` header with rel="next" and rel="last"
 *   (/rest/using-the-rest-api/using-pagination-in-the-rest-api); `pageSize` caps a page, so a
 *   small dataset spans several pages;
 * - rate limits (/rest/using-the-rest-api/rate-limits-for-the-rest-api): the primary limit as 403
 *   with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds), a secondary limit as
 *   403 or 429 with `retry-after` (seconds) and GitHub's message, each injected once per matching path;
 * - with a `token`, any other credential gets 401 `{"message": "Bad credentials", …}`; 404 `Not Found`.
 */
import type { components } from '@octokit/openapi-types';
import * as http from 'http';
import type { AddressInfo } from 'net';

type Schemas = components['schemas'];

/** A workflow run as the runs list and the attempt endpoint return it (the fields the report reads, plus ids). */
export type ApiRun = Pick<Schemas['workflow-run'], 'id' | 'name' | 'run_attempt' | 'workflow_id' | 'head_branch' | 'head_sha' | 'status' | 'conclusion' | 'created_at' | 'updated_at' | 'event' | 'path' | 'run_number'> & {
  head_commit: Pick<NonNullable<Schemas['workflow-run']['head_commit']>, 'id' | 'message'> | null;
  head_repository: Pick<Schemas['minimal-repository'], 'id' | 'full_name'>;
};
export type ApiPull = Pick<Schemas['pull-request-simple'], 'number' | 'state' | 'created_at' | 'merged_at' | 'body'> & {
  head: Pick<Schemas['pull-request-simple']['head'], 'ref' | 'sha'>;
  labels: Pick<Schemas['pull-request-simple']['labels'][number], 'id' | 'name'>[];
};
export type ApiIssue = Pick<Schemas['issue'], 'number' | 'title' | 'state' | 'created_at' | 'updated_at'> & {
  labels: { name: string }[];
  pull_request?: Pick<NonNullable<Schemas['issue']['pull_request']>, 'url'>;
};
export type ApiRef = Pick<Schemas['git-ref'], 'ref' | 'object'>;
export type ApiComment = Pick<Schemas['commit-comment'], 'id' | 'body' | 'commit_id' | 'created_at'>;

/** What one repository holds on the server for `report`. */
export interface RepoFixture {
  runs: ApiRun[];
  /** Earlier attempts, by `${run id}/${attempt}` (GET …/runs/{id}/attempts/{n}). */
  attempts: Record<string, ApiRun>;
  refs: ApiRef[];
  pulls: ApiPull[];
  issues: ApiIssue[];
  comments: Record<string, ApiComment[]>;
}

/** A webhook as a test describes it. */
export interface FakeHook { id: number; active: boolean; events: string[]; url: string; contentType?: string }

/**
 * A rate-limit answer (or a 502) given to the first request(s) whose path (pathname + search)
 * matches. GitHub answers either limit with 403 or 429 (docs.github.com "Rate limits for the REST
 * API", "Exceeding the rate limit").
 */
export interface RateLimitInjection {
  readonly path: RegExp;
  readonly kind: 'primary-403' | 'primary-429' | 'secondary-403' | 'secondary-429' | 'server-error';
  /** Secondary limits: the `retry-after` seconds, or null for none (default 2). */
  readonly retryAfter?: number | null;
  /** Seconds from now to `x-ratelimit-reset` (primary: default 0; secondary: with `x-ratelimit-remaining: 0`, none by default). */
  readonly resetIn?: number;
  /** How many requests in a row get this answer (default 1). */
  readonly times?: number;
}

export interface FakeGitHubOptions {
  /** The only credential accepted (`token X` or `Bearer X`); without it any is. */
  readonly token?: string;
  /** Repositories `report` reads, by `owner/name`. */
  readonly repos?: Record<string, RepoFixture>;
  readonly rateLimits?: readonly RateLimitInjection[];
  /** Most items on one page. @default 100 (GitHub's largest `per_page`) */
  readonly pageSize?: number;
}

/** One request as answered. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query. */
  readonly url: string;
  readonly authorization?: string;
  readonly status: number;
  /** When it was answered (Date.now()). */
  readonly at: number;
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

export class FakeGitHubApi {
  public url = '';
  /** Every request, in order. */
  public readonly requests: RecordedRequest[] = [];
  /** Hooks per path prefix: `orgs/ORG` or `repos/OWNER/NAME`. */
  public readonly hooks = new Map<string, FakeHook[]>();
  /** Response codes of the deliveries per hook id, newest first. */
  public readonly deliveries = new Map<number, number[]>();
  /** REST objects answered as they are to `GET <path>` (e.g. `/repos/o/r/actions/runs/1`). */
  public readonly objects = new Map<string, unknown>();
  private readonly injected = new Map<RateLimitInjection, number>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  private constructor(private readonly options: FakeGitHubOptions) {}

  /** Starts a server; a string is the token. */
  static async start(options: FakeGitHubOptions | string = {}): Promise<FakeGitHubApi> {
    const api = new FakeGitHubApi(typeof options === 'string' ? { token: options } : options);
    await new Promise<void>(resolve => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  /** `METHOD /path?query` of every request. */
  get requestLines(): string[] {
    return this.requests.map(r => `${r.method} ${r.url}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const path = `${url.pathname}${url.search}`;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method: req.method ?? '', url: path, authorization: req.headers.authorization, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', ...headers });
      res.end(JSON.stringify(body));
    };
    const { token } = this.options;
    if (token !== undefined && req.headers.authorization !== `token ${token}` && req.headers.authorization !== `Bearer ${token}`) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      return;
    }
    const injection = (this.options.rateLimits ?? []).find(i => (this.injected.get(i) ?? 0) < (i.times ?? 1) && i.path.test(path));
    if (injection !== undefined) {
      this.injected.set(injection, (this.injected.get(injection) ?? 0) + 1);
      if (injection.kind === 'server-error') {
        send(502, { message: 'Server Error' });
      } else if (injection.kind === 'primary-403' || injection.kind === 'primary-429') {
        send(injection.kind === 'primary-403' ? 403 : 429, { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (injection.resetIn ?? 0)) });
      } else {
        send(injection.kind === 'secondary-403' ? 403 : 429, {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 1.',
          documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        }, {
          ...(injection.retryAfter === null ? {} : { 'retry-after': String(injection.retryAfter ?? 2) }),
          ...(injection.resetIn === undefined ? {} : { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + injection.resetIn) }),
        });
      }
      return;
    }
    const q = url.searchParams;
    const page = <T>(items: readonly T[], wrap?: (items: T[]) => unknown): void => {
      const size = Math.min(this.options.pageSize ?? 100, Number(q.get('per_page') ?? 30));
      const n = Number(q.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(items.length / size));
      const link = (p: number): string => {
        const u = new URL(url.toString());
        u.host = req.headers.host ?? u.host;
        u.searchParams.set('page', String(p));
        return u.toString();
      };
      const headers: Record<string, string> = {};
      if (n < last) headers.link = `<${link(n + 1)}>; rel="next", <${link(last)}>; rel="last"`;
      const slice = items.slice((n - 1) * size, n * size);
      send(200, wrap ? wrap(slice) : slice, headers);
    };
    if (req.method !== 'GET') {
      send(404, NOT_FOUND);
      return;
    }
    const hooks = /^\/(orgs\/[^/]+|repos\/[^/]+\/[^/]+)\/hooks$/.exec(url.pathname);
    if (hooks) {
      page((this.hooks.get(hooks[1]) ?? []).map(h => this.hookObject(hooks[1], h)));
      return;
    }
    const deliveries = /^\/(orgs\/[^/]+|repos\/[^/]+\/[^/]+)\/hooks\/(\d+)\/deliveries$/.exec(url.pathname);
    if (deliveries) {
      const codes = (this.deliveries.get(Number(deliveries[2])) ?? []).slice(0, Number(q.get('per_page') ?? 30));
      send(200, codes.map((code, i): Schemas['hook-delivery-item'] & { throttled_at: string | null } => ({
        id: 90000 - i, guid: `0b989ba4-242f-11e5-81e1-c7b6966d2${String(100 + i)}`, delivered_at: `2026-12-03T10:${String(59 - i).padStart(2, '0')}:00Z`,
        redelivery: false, duration: 0.27, status: code >= 200 && code < 300 ? 'OK' : `Invalid HTTP Response: ${code}`, status_code: code,
        event: 'workflow_run', action: 'completed', installation_id: null, repository_id: 123, throttled_at: null,
      })));
      return;
    }
    const stored = this.objects.get(url.pathname);
    if (stored !== undefined) {
      send(200, stored);
      return;
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    const repo = m === null ? undefined : this.options.repos?.[`${m[1]}/${m[2]}`];
    if (m === null || repo === undefined) {
      send(404, NOT_FOUND);
      return;
    }
    const rest = decodeURIComponent(m[3]);
    if (rest === 'actions/runs') {
      const created = /^>=(.+)$/.exec(q.get('created') ?? '');
      const runs = repo.runs
        .filter(r => created === null || Date.parse(r.created_at) >= Date.parse(created[1]))
        .filter(r => q.get('status') === null || r.status === q.get('status'))
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      page(runs, slice => ({ total_count: runs.length, workflow_runs: slice }));
      return;
    }
    const attempt = /^actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(rest);
    if (attempt !== null) {
      const found = repo.attempts[`${attempt[1]}/${attempt[2]}`];
      if (found === undefined) send(404, NOT_FOUND);
      else send(200, found);
      return;
    }
    const matching = /^git\/matching-refs\/(.*)$/.exec(rest);
    if (matching !== null) {
      send(200, repo.refs.filter(r => r.ref.startsWith(`refs/${matching[1]}`)));
      return;
    }
    if (rest === 'pulls') {
      const state = q.get('state') ?? 'open';
      page(repo.pulls.filter(p => state === 'all' || p.state === state));
      return;
    }
    if (rest === 'issues') {
      const labels = (q.get('labels') ?? '').split(',').filter(Boolean);
      const since = q.get('since');
      page(repo.issues
        .filter(i => labels.every(l => i.labels.some(x => x.name === l)))
        .filter(i => q.get('state') === 'all' || i.state === (q.get('state') ?? 'open'))
        .filter(i => since === null || Date.parse(i.updated_at) >= Date.parse(since)));
      return;
    }
    const comments = /^commits\/([0-9a-z]+)\/comments$/.exec(rest);
    if (comments !== null) {
      page(repo.comments[comments[1]] ?? []);
      return;
    }
    send(404, NOT_FOUND);
  }

  /** A hook as the organization (`org-hook`) or repository (`hook`) list returns it. */
  private hookObject(owner: string, h: FakeHook): Schemas['org-hook'] | Schemas['hook'] {
    const base = `${this.url}/${owner}/hooks/${h.id}`;
    const common = {
      id: h.id, name: 'web', active: h.active, events: h.events,
      config: { content_type: h.contentType ?? 'json', insecure_ssl: '0', secret: '********', url: h.url },
      updated_at: '2026-11-30T10:00:00Z', created_at: '2026-11-30T10:00:00Z',
      url: base, ping_url: `${base}/pings`, deliveries_url: `${base}/deliveries`,
    };
    if (owner.startsWith('orgs/')) return { type: 'Organization', ...common } satisfies Schemas['org-hook'];
    return {
      type: 'Repository', ...common, test_url: `${base}/test`,
      last_response: { code: 200, status: 'active', message: 'OK' },
    } satisfies Schemas['hook'];
  }
}
