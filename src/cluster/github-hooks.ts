/**
 * The GitHub side of a managed hook (`eventSource.hooks`): the hook the EventSource created and
 * the response codes of its recent deliveries, read with `@octokit/rest` and a token from
 * `GITHUB_TOKEN` (API base `GITHUB_API_URL`, for GitHub Enterprise Server).
 *
 * The EventSource names its hook by URL: `webhook.url` followed by the endpoint with one leading
 * `/` (argo-events `FormattedURL`/`FormatEndpoint`; later versions also trim a trailing `/` from
 * the URL, so both forms are accepted), and sets `content_type` and `insecure_ssl` `"0"`.
 */
import type { ResolvedSettings } from '../config/settings';
import type { CheckResult } from './checks';

/** A hook as the REST API returns it (the fields used here). */
export interface GitHubHook {
  readonly id: number;
  readonly active: boolean;
  readonly events: string[];
  readonly config: { url?: string; content_type?: string; insecure_ssl?: string | number };
}

/** A delivery of a hook (REST "list deliveries"), newest first. */
export interface GitHubDelivery {
  readonly delivered_at: string;
  readonly status_code: number;
  readonly event: string;
  readonly action?: string | null;
  readonly redelivery: boolean;
}

/** What was fetched for one organization or repository. */
export interface FetchedHook {
  /** `org ORG` or `repository OWNER/NAME`. */
  readonly target: string;
  readonly hook?: GitHubHook;
  readonly deliveries: GitHubDelivery[];
  /** The API's refusal, when there was one. */
  readonly error?: string;
}

/** The URLs the EventSource may have registered for `url` and `endpoint`. */
export function hookUrls(url: string, endpoint: string): string[] {
  const path = endpoint.startsWith('/') ? endpoint : `/${endpoint}`;
  return [...new Set([`${url}${path}`, `${url.replace(/\/+$/, '')}${path}`])];
}

/** Verdict on one managed hook: present, active as configured, JSON, TLS verified, the events, and a 2xx last delivery. */
export function checkGitHubHook(fetched: FetchedHook, expected: { urls: string[]; events: string[]; active: boolean }): CheckResult {
  const id = `github-hook/${fetched.target}`;
  const title = `GitHub hook of ${fetched.target}`;
  if (fetched.error) {
    return { id, title, verdict: 'fail', details: [fetched.error], fix: 'GITHUB_TOKEN must be allowed to read the hooks (organization: admin:org_hook or "Webhooks: read"; repository: "Webhooks: read")' };
  }
  const hook = fetched.hook;
  if (!hook) {
    return { id, title, verdict: 'fail', details: [`no hook with URL ${expected.urls[0]}`], fix: "the EventSource creates it when it starts: read the EventSource pod's logs (credentials in eventSource.hooks, the token's or App's permission to manage hooks)" };
  }
  const problems: string[] = [];
  if (hook.active !== expected.active) problems.push(`active is ${hook.active}, configured ${expected.active}`);
  if (hook.config.content_type !== 'json') problems.push(`content_type is ${String(hook.config.content_type)}, the EventSource sets json`);
  if (String(hook.config.insecure_ssl) !== '0') problems.push('insecure_ssl is on: deliveries skip TLS verification');
  const missing = expected.events.includes('*') ? (hook.events.includes('*') ? [] : ['*']) : expected.events.filter(e => !hook.events.includes(e) && !hook.events.includes('*'));
  if (missing.length) problems.push(`events lack ${missing.join(', ')}`);
  const last = fetched.deliveries[0];
  if (last && (last.status_code < 200 || last.status_code > 299)) problems.push(`the last delivery got ${last.status_code}`);
  const details = [
    `hook ${hook.id}: ${hook.config.url}, active ${hook.active}, content_type ${String(hook.config.content_type)}, events ${hook.events.join(',')}`,
    fetched.deliveries.length
      ? `recent deliveries: ${fetched.deliveries.map(d => `${d.status_code} ${d.event}${d.action ? `.${d.action}` : ''}${d.redelivery ? ' (redelivery)' : ''} ${d.delivered_at}`).join('; ')}`
      : 'no deliveries yet',
    ...problems,
  ];
  if (!problems.length) return { id, title, verdict: 'pass', details };
  const fix = last && (last.status_code < 200 || last.status_code > 299)
    ? `GitHub reached the hook URL but got ${last.status_code}: check the Ingress to the EventSource Service and the EventSource pod's logs (a 4xx/5xx from a wrong path or secret), then redeliver from the hook's settings`
    : 'the hook differs from what the EventSource configures: delete it and restart the EventSource pod, which recreates it from the EventSource';
  return { id, title, verdict: 'fail', details, fix };
}

/** Fetches the managed hooks with `@octokit/rest`; the API's errors are kept per target, never thrown. */
export async function fetchGitHubHooks(settings: ResolvedSettings, token: string, baseUrl: string | undefined, deliveries = 5): Promise<FetchedHook[]> {
  // ES module (Node 20.19+ loads it with require); loaded only when a token is given.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Octokit } = require('@octokit/rest') as typeof import('@octokit/rest');
  const octokit = new Octokit({ auth: token, ...(baseUrl ? { baseUrl } : {}), userAgent: 'ci-remediation-status' });
  const es = settings.eventSource;
  const urls = hookUrls(es.hooks?.url ?? '', es.endpoint);
  const results: FetchedHook[] = [];
  const targets: { target: string; list: () => Promise<{ data: unknown[] }>; deliveries: (hookId: number) => Promise<{ data: unknown[] }> }[] = [
    ...(es.organizations ?? []).map(org => ({
      target: `org ${org}`,
      list: () => octokit.rest.orgs.listWebhooks({ org, per_page: 100 }),
      deliveries: (hook_id: number) => octokit.rest.orgs.listWebhookDeliveries({ org, hook_id, per_page: deliveries }),
    })),
    ...(es.repositories ?? []).map(full => {
      const [owner, repo] = full.split('/');
      return {
        target: `repository ${full}`,
        list: () => octokit.rest.repos.listWebhooks({ owner, repo, per_page: 100 }),
        deliveries: (hook_id: number) => octokit.rest.repos.listWebhookDeliveries({ owner, repo, hook_id, per_page: deliveries }),
      };
    }),
  ];
  for (const t of targets) {
    try {
      const hooks = (await t.list()).data as GitHubHook[];
      const hook = hooks.find(h => urls.includes(String(h.config?.url)));
      const found = hook ? (await t.deliveries(hook.id)).data as GitHubDelivery[] : [];
      results.push({ target: t.target, ...(hook ? { hook } : {}), deliveries: found.slice(0, deliveries) });
    } catch (err) {
      const status = (err as { status?: number }).status;
      results.push({ target: t.target, deliveries: [], error: `GitHub API${status ? ` ${status}` : ''}: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  return results;
}

/** The hook checks, or one `info` line saying why they were not run. */
export async function gitHubHookChecks(settings: ResolvedSettings, env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const hooks = settings.eventSource.hooks;
  if (!hooks) return [];
  const token = env.GITHUB_TOKEN;
  if (!token) return [{ id: 'github-hook', title: 'GitHub hooks', verdict: 'info', details: ['not checked: set GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise Server) to check the managed hooks and their deliveries'] }];
  const expected = { urls: hookUrls(hooks.url, settings.eventSource.endpoint), events: settings.eventSource.events, active: hooks.active };
  return (await fetchGitHubHooks(settings, token, env.GITHUB_API_URL || undefined)).map(f => checkGitHubHook(f, expected));
}
