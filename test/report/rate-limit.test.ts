/**
 * GitHub's rate-limit answers, each shape "Rate limits for the REST API" describes
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 * REST API 2022-11-28): the primary limit as 403 or 429 with `x-ratelimit-remaining: 0` (wait until
 * `x-ratelimit-reset`), a secondary limit as 403 or 429 with its message (wait `retry-after`, else
 * until the reset when nothing remains, else a minute). The client must wait as long as each asks
 * (measured on the fake GitHub's clock, a second of wait lasting BASE ms), retry a bounded number of
 * times, and refuse a wait longer than its maximum at once, with a line saying when to run again.
 */
import { createClient } from '../../src/report/github';
import { rateLimitFailure, rateLimitWait } from '../../src/report/rate-limit';
import { apiRepository } from './github-dataset';
import { FakeGitHubApi, type RateLimitInjection } from '../helpers/fake-github-api';

/** Milliseconds per second of wait: long enough to tell a 10 s wait (100 ms) from the retry plugin's own 1 s. */
const BASE = 10;
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

describe('rateLimitWait: what each answer asks', () => {
  const reset = String(NOW / 1000 + 120);
  it.each([
    ['primary, 403', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, 'API rate limit exceeded for user ID 1.', { kind: 'primary', seconds: 121 }],
    ['primary, 429', 429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, 'API rate limit exceeded for user ID 1.', { kind: 'primary', seconds: 121 }],
    ['secondary, 403 with retry-after', 403, { 'retry-after': '30', 'x-ratelimit-remaining': '4000' }, SECONDARY, { kind: 'secondary', seconds: 30 }],
    ['secondary, 429 with retry-after', 429, { 'retry-after': '30' }, SECONDARY, { kind: 'secondary', seconds: 30 }],
    ['secondary, nothing remaining, no retry-after: until the reset', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, SECONDARY, { kind: 'secondary', seconds: 121 }],
    ['secondary, no header: a minute', 403, {}, SECONDARY, { kind: 'secondary', seconds: 60 }],
    ['429 without a message or header: a minute', 429, {}, 'Too Many Requests', { kind: 'secondary', seconds: 60 }],
    ['a reset already past: at once', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 10) }, 'API rate limit exceeded', { kind: 'primary', seconds: 0 }],
  ])('%s', (_name, status, headers, message, expected) => {
    expect(rateLimitWait({ status, headers, message }, NOW)).toEqual(expected);
  });

  it('is not a rate limit: a 403 for permissions, other statuses', () => {
    expect(rateLimitWait({ status: 403, headers: { 'x-ratelimit-remaining': '4999' }, message: 'Resource not accessible by integration' }, NOW)).toBeUndefined();
    expect(rateLimitWait({ status: 500, headers: { 'retry-after': '5' }, message: SECONDARY }, NOW)).toBeUndefined();
  });

  it('explains a request given up on', () => {
    expect(rateLimitFailure({ status: 429, headers: { 'retry-after': '3600' }, message: SECONDARY }, NOW, 900, 3))
      .toBe("GitHub's secondary rate limit: GitHub asks to wait 3600 s, longer than the report waits (at most 900 s); run the report again after 2026-12-02T13:00:00Z, or with a token whose limit is not used up");
    expect(rateLimitFailure({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, message: 'API rate limit exceeded' }, NOW, 900, 3))
      .toBe("GitHub's primary rate limit: still limited after 3 retries; run the report again after 2026-12-02T12:02:01Z, or with a token whose limit is not used up");
    expect(rateLimitFailure({ status: 404, headers: {}, message: 'Not Found' }, NOW, 900, 3)).toBeUndefined();
  });
});

describe('the report client against each rate-limit answer', () => {
  let github: FakeGitHubApi | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  /** Lists acme/api's pulls once through a client whose first answers are `injection`. */
  async function listPulls(injection: Omit<RateLimitInjection, 'path'>, maxWaitSeconds?: number) {
    github = await FakeGitHubApi.start({ repos: { 'acme/api': apiRepository() }, rateLimits: [{ path: /\/pulls/, ...injection }] });
    const logs: string[] = [];
    const client = createClient({ token: 't', baseUrl: github.url, retryAfterBaseValue: BASE, log: l => logs.push(l), ...(maxWaitSeconds === undefined ? {} : { maxWaitSeconds }) });
    const outcome = await client.rest.pulls.list({ owner: 'acme', repo: 'api', state: 'all' }).then(r => ({ status: r.status }), (e: { status: number }) => ({ status: e.status, error: e }));
    const answers = github.requests.map(r => r.status);
    const gaps = github.requests.slice(1).map((r, i) => r.at - github!.requests[i].at);
    return { outcome, answers, gaps, logs };
  }

  it.each([
    ['secondary 429 with retry-after 10', { kind: 'secondary-429', retryAfter: 10 }, 10, 'secondary rate limit'],
    ['secondary 403 with retry-after 10', { kind: 'secondary-403', retryAfter: 10 }, 10, 'secondary rate limit'],
    ['secondary 403 without retry-after (a minute)', { kind: 'secondary-403', retryAfter: null }, 60, 'secondary rate limit'],
    ['secondary 429 without retry-after (a minute)', { kind: 'secondary-429', retryAfter: null }, 60, 'secondary rate limit'],
    ['secondary 403, nothing remaining, no retry-after: until the reset', { kind: 'secondary-403', retryAfter: null, resetIn: 100 }, 100, 'secondary rate limit'],
    ['secondary 429, nothing remaining, no retry-after: until the reset', { kind: 'secondary-429', retryAfter: null, resetIn: 100 }, 100, 'secondary rate limit'],
    ['primary 403, reset in 10 s', { kind: 'primary-403', resetIn: 10 }, 10, 'rate limit'],
    ['primary 429, reset in 10 s', { kind: 'primary-429', resetIn: 10 }, 10, 'rate limit'],
  ] as const)('%s: waits as asked, then retries', async (_name, injection, seconds, line) => {
    const run = await listPulls(injection);
    expect(run.outcome).toEqual({ status: 200 });
    expect(run.answers).toEqual([injection.kind.endsWith('403') ? 403 : 429, 200]);
    // The reset is whole epoch seconds: up to one second less than asked, never more than a second over.
    expect(run.gaps[0]).toBeGreaterThanOrEqual((seconds - 1) * BASE);
    expect(run.logs).toEqual([expect.stringMatching(new RegExp(`^${line} on GET http://127\\.0\\.0\\.1:\\d+/repos/acme/api/pulls\\?state=all: waiting \\d+ s \\(retry 1 of 3\\)$`))]);
  });

  it.each([
    ['secondary 429', { kind: 'secondary-429', retryAfter: 3600 }, 429],
    ['secondary 403', { kind: 'secondary-403', retryAfter: 3600 }, 403],
    ['primary 429', { kind: 'primary-429', resetIn: 3600 }, 429],
    ['primary 403', { kind: 'primary-403', resetIn: 3600 }, 403],
  ] as const)('%s asking for an hour: fails at once, without waiting', async (_name, injection, status) => {
    const run = await listPulls(injection, 900);
    expect(run.outcome.status).toBe(status);
    expect(run.answers).toEqual([status]);
    expect(run.logs).toEqual([]);
  });

  it('retries a server error (5xx) too, without a rate-limit line', async () => {
    const run = await listPulls({ kind: 'server-error', times: 2 });
    expect(run.outcome).toEqual({ status: 200 });
    expect(run.answers).toEqual([502, 502, 200]);
    expect(run.logs).toEqual([]);
  });

  it.each([['secondary-429'], ['primary-403']] as const)('%s answered every time: gives up after 3 retries', async kind => {
    const run = await listPulls({ kind, retryAfter: 1, resetIn: 1, times: 10 });
    expect(run.answers).toHaveLength(4);
    expect(run.outcome.status).toBe(kind === 'secondary-429' ? 429 : 403);
    expect(run.logs.map(l => /retry \d of 3/.exec(l)?.[0])).toEqual(['retry 1 of 3', 'retry 2 of 3', 'retry 3 of 3']);
  });
});
