/**
 * A GitHub REST API stand-in on 127.0.0.1 answering the endpoints `report` reads, from a
 * dataset (github-dataset.ts), as GitHub does (REST API 2022-11-28):
 * - query filters the report relies on: `created=>=DATE` and `status=completed` on runs
 *   (https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-repository),
 *   `labels`, `state` and `since` (updated at or after) on issues, `sort=created&direction=desc` on pulls;
 * - pagination with `page`/`per_page` and a `Link` header with rel="next" and rel="last"
 *   (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api); pages
 *   hold at most PAGE_SIZE items here, so a small dataset spans several pages;
 * - rate limits (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api):
 *   the primary limit as 403 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds),
 *   a secondary limit as 403 or 429 with `retry-after` (seconds) and GitHub's message
 *   "You have exceeded a secondary rate limit…"; each injected once per listed path.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { RepoFixture } from './github-dataset';

export const PAGE_SIZE = 5;

/** A rate-limit answer given to the first request of a path (pathname + search). */
export interface RateLimitInjection {
  readonly path: RegExp;
  readonly kind: 'primary-403' | 'secondary-403' | 'secondary-429';
}

export interface FakeGitHub {
  readonly url: string;
  /** Every request: method, path with query, authorization header, status answered. */
  readonly requests: { method: string; url: string; authorization?: string; status: number }[];
  close(): Promise<void>;
}

export async function startFakeGitHub(repos: Record<string, RepoFixture>, injections: readonly RateLimitInjection[] = []): Promise<FakeGitHub> {
  const requests: FakeGitHub['requests'] = [];
  const injected = new Set<RateLimitInjection>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      requests.push({ method: req.method ?? '', url: `${url.pathname}${url.search}`, authorization: req.headers.authorization, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', ...headers });
      res.end(JSON.stringify(body));
    };
    const injection = injections.find(i => !injected.has(i) && i.path.test(`${url.pathname}${url.search}`));
    if (injection !== undefined) {
      injected.add(injection);
      if (injection.kind === 'primary-403') {
        send(403, { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) });
      } else {
        send(injection.kind === 'secondary-403' ? 403 : 429, {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 1.',
          documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        }, { 'retry-after': '2' });
      }
      return;
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    const repo = m === null ? undefined : repos[`${m[1]}/${m[2]}`];
    if (req.method !== 'GET' || m === null || repo === undefined) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const rest = decodeURIComponent(m[3]);
    const q = url.searchParams;
    const page = <T>(items: T[], wrap?: (items: T[]) => unknown): void => {
      const size = Math.min(PAGE_SIZE, Number(q.get('per_page') ?? 30));
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
      if (found === undefined) send(404, { message: 'Not Found' });
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
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
