/**
 * GitHub's rate-limit answers and how long each asks a client to wait, as "Rate limits for the
 * REST API" (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api, "Exceeding
 * the rate limit", REST API 2022-11-28) states them:
 * - primary limit: 403 or 429 with `x-ratelimit-remaining: 0`; do not retry before
 *   `x-ratelimit-reset` (UTC epoch seconds);
 * - secondary limit: 403 or 429 with a message saying so; wait `retry-after` seconds when given,
 *   else until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, else at least one minute.
 * `@octokit/plugin-throttling` 8.2.0 (src/index.ts) applies these rules to 403 answers only, and
 * `@octokit/plugin-retry` 6.1.0 (src/error-request.ts) retries a 429 after 1, 4, 9 s whatever it
 * asks: `report` gives 429 answers the same waits as 403 ones (see github.ts).
 */

export type RateLimitKind = 'primary' | 'secondary';

/** What a rate-limit answer asks: its kind and the seconds to wait before retrying. */
export interface RateLimitWait {
  readonly kind: RateLimitKind;
  readonly seconds: number;
}

/** The parts of an Octokit `RequestError` this module reads. */
export interface RateLimitAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  readonly message: string;
}

/** Without `retry-after` or a reset time, a secondary limit is waited out for a minute (the docs' minimum; the throttling plugin's default too). */
export const SECONDARY_FALLBACK_SECONDS = 60;

const SECONDARY = /\bsecondary rate limit/i;

/**
 * The wait a 403 or 429 answer asks for, or undefined when it is not a rate limit (a 403 for
 * missing permissions). A 429 is only ever a rate limit: without any header it waits a minute.
 */
export function rateLimitWait(answer: RateLimitAnswer, nowMs: number): RateLimitWait | undefined {
  if (answer.status !== 403 && answer.status !== 429) return undefined;
  const header = (name: string): string | undefined => {
    const value = answer.headers[name];
    return value === undefined ? undefined : String(value);
  };
  const untilReset = (): number => {
    // One second past the reset: the limit is lifted at the reset second, not before (as the throttling plugin does).
    const reset = Number(header('x-ratelimit-reset'));
    return Number.isFinite(reset) ? Math.max(0, Math.ceil((reset * 1000 - nowMs) / 1000) + 1) : SECONDARY_FALLBACK_SECONDS;
  };
  const retryAfter = Number(header('retry-after'));
  const exhausted = header('x-ratelimit-remaining') === '0';
  if (SECONDARY.test(answer.message) || (answer.status === 429 && !exhausted)) {
    if (header('retry-after') !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) return { kind: 'secondary', seconds: Math.ceil(retryAfter) };
    return { kind: 'secondary', seconds: exhausted ? untilReset() : SECONDARY_FALLBACK_SECONDS };
  }
  return exhausted ? { kind: 'primary', seconds: untilReset() } : undefined;
}

/**
 * The line that explains a request the report gave up on because of a rate limit: the limit, what
 * GitHub asked, and when to run the report again; undefined for any other error.
 */
export function rateLimitFailure(answer: RateLimitAnswer, nowMs: number, maxWaitSeconds: number, retries: number): string | undefined {
  const wait = rateLimitWait(answer, nowMs);
  if (wait === undefined) return undefined;
  const again = new Date(nowMs + wait.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const why = wait.seconds > maxWaitSeconds
    ? `GitHub asks to wait ${wait.seconds} s, longer than the report waits (at most ${maxWaitSeconds} s)`
    : `still limited after ${retries} retries`;
  return `GitHub's ${wait.kind} rate limit: ${why}; run the report again after ${again}, or with a token whose limit is not used up`;
}
