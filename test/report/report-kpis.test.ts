/**
 * `report` end to end through the GitHub client: the fake GitHub on 127.0.0.1 (test/helpers/fake-github-api.ts)
 * serves the dataset (github-dataset.ts) over several pages and answers rate limits once; the
 * KPIs must equal the values computed by hand below.
 */
import * as YAML from 'yaml';
import { settingsFrom } from '../../src/config/resolve';
import { computeReport } from '../../src/report/compute';
import { createClient, fetchRepository } from '../../src/report/github';
import type { ReportSettings } from '../../src/report/model';
import { DATASET_SETTINGS_YAML, apiRepository, webRepository } from './github-dataset';
import { FakeGitHubApi } from '../helpers/fake-github-api';

const WINDOW = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };
const NOW = new Date('2026-12-02T00:00:00Z');

export function datasetSettings(): ReportSettings {
  const resolved = settingsFrom(YAML.parse(DATASET_SETTINGS_YAML), 'settings.yaml');
  return { repositories: resolved.repositories, ...resolved.filters };
}

let github: FakeGitHubApi;
const logs: string[] = [];

beforeAll(async () => {
  github = await FakeGitHubApi.start({
    token: 'test-token',
    repos: { 'acme/api': apiRepository(), 'acme/web': webRepository() },
    pageSize: 5,
    rateLimits: [
      { path: /\/repos\/acme\/api\/pulls\?/, kind: 'primary-403' },
      { path: /\/repos\/acme\/api\/issues\?/, kind: 'secondary-403' },
      { path: /\/repos\/acme\/api\/commits\/sha102/, kind: 'secondary-429' },
    ],
  });
});
afterAll(() => github.close());

async function fetchAll() {
  // retryAfterBaseValue 1: a "wait N seconds" takes N milliseconds.
  const client = createClient({ token: 'test-token', baseUrl: github.url, retryAfterBaseValue: 1, log: line => logs.push(line) });
  const settings = datasetSettings();
  const data = [];
  for (const repo of ['acme/api', 'acme/web']) data.push(await fetchRepository(client, repo, WINDOW.since, settings.remediationBranchPrefix));
  return { data, report: computeReport(data, settings, WINDOW, NOW) };
}

describe('report against a fake GitHub', () => {
  let result: Awaited<ReturnType<typeof fetchAll>>;
  beforeAll(async () => {
    result = await fetchAll();
  });

  it('reads every page, re-run attempts, and sends the token', () => {
    const runPages = github.requests.filter(r => r.url.startsWith('/repos/acme/api/actions/runs?'));
    // 28 runs created since the window start (run 99 is older) at 5 per page: 6 pages.
    expect(runPages.map(r => new URL(r.url, 'http://x').searchParams.get('page') ?? '1')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(runPages[0].url).toContain(`created=${encodeURIComponent('>=2026-11-01T00:00:00Z')}`);
    expect(github.requests.filter(r => /attempts\/1\?/.test(r.url)).map(r => r.url).sort())
      .toEqual(['/repos/acme/api/actions/runs/103/attempts/1?exclude_pull_requests=true', '/repos/acme/api/actions/runs/120/attempts/1?exclude_pull_requests=true']);
    expect(result.data[0].fixPulls.map(p => p.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]);
    expect(github.requests.every(r => r.authorization === 'token test-token')).toBe(true);
  });

  it('waits out the rate limits and retries (403: the throttling plugin; 429: the wait it asks, through the retry plugin)', () => {
    const answers = (re: RegExp) => github.requests.filter(r => re.test(r.url)).slice(0, 2).map(r => r.status);
    expect(answers(/\/acme\/api\/pulls\?.*page=1|\/acme\/api\/pulls\?(?!.*page=)/)).toEqual([403, 200]);
    expect(answers(/\/acme\/api\/issues\?/)).toEqual([403, 200]);
    expect(answers(/\/acme\/api\/commits\/sha102/)).toEqual([429, 200]);
    expect(logs.some(l => /^rate limit on GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/api\/pulls\?.*: waiting 1 s \(retry 1 of 3\)$/.test(l))).toBe(true);
    expect(logs.some(l => /^secondary rate limit on GET .*\/repos\/acme\/api\/issues\?.*: waiting 2 s /.test(l))).toBe(true);
    expect(logs.some(l => /^secondary rate limit on GET .*\/repos\/acme\/api\/commits\/sha102\w*\/comments.*: waiting 2 s /.test(l))).toBe(true);
  });

  it('gives every failure the outcome the definitions say', () => {
    const outcomes = Object.fromEntries(result.report.failures.map(f => [f.runId, f.skipReason ?? f.outcome]));
    expect(outcomes).toEqual({
      101: 'fixed', 102: 'fixed', 103: 'false-positive', 104: 'blocked', 105: 'blocked', 106: 'false-positive',
      107: 'fixed', 108: 'pending', 109: 'skip token', 110: 'fork', 111: 'workflow excluded', 112: 'no head commit',
      113: 'not-remediated', 118: 'fixed', 119: 'not-remediated', 120: 'fixed', 121: 'false-positive',
      201: 'repository not in settings',
    });
    const byRun = new Map(result.report.failures.map(f => [f.runId, f]));
    expect(byRun.get(120)).toMatchObject({ runAttempt: 1, failedAt: '2026-11-20T08:10:00Z', timeToGreenMinutes: 65, attempts: 1 });
    expect(byRun.get(103)).toMatchObject({ runAttempt: 1, workflow: 'Lint' });
    expect(byRun.get(102)).toMatchObject({ attempts: 2, costUsd: 3, turns: 30, timeToGreenMinutes: 100 });
    expect(byRun.get(101)).toMatchObject({ timeToGreenMinutes: 25, costUsd: 0.5, turns: 9 });
    expect(byRun.get(118)).toMatchObject({ timeToGreenMinutes: 1530, costUsd: null });
    expect(byRun.get(107)).toMatchObject({ timeToGreenMinutes: null });
    // The malformed marker in #5's body is ignored; the well-formed one counts.
    expect(byRun.get(106)).toMatchObject({ costUsd: 0.75, turns: 12 });
  });

  it('computes the KPIs by hand', () => {
    const api = result.report.repositories[0].summary;
    // acme/api: 17 failures; skipped 109-112 (4); eligible 13; remediated 101-108 minus the 4
    // skipped... i.e. 101,102,103,104,105,106,107,108,118,120,121 (11); fixed 101,102,107,118,120 (5);
    // blocked 104,105; false positives 103,106,121; pending 108; not remediated 113,119.
    expect(api).toMatchObject({ failures: 17, skipped: 4, eligible: 13, remediated: 11, fixed: 5, blocked: 2, falsePositives: 3, pending: 1, notRemediated: 2 });
    expect(api.skipReasons).toEqual({ 'skip token': 1, fork: 1, 'workflow excluded': 1, 'no head commit': 1 });
    expect(api.autoFixRate).toBe(0.3846); // 5 / 13
    expect(api.humanInterventionRate).toBe(0.3077); // (2 + 2) / 13
    expect(api.falsePositiveRate).toBe(0.2727); // 3 / 11
    // Times to green 25, 65, 100, 1530: nearest rank p50 = 2nd = 65, p90 = 4th = 1530.
    expect(api.timeToGreenMinutes).toEqual({ count: 4, p50: 65, p90: 1530 });
    expect(api.attemptsPerFix).toBe(1.2); // (1 + 2 + 1 + 1 + 1) / 5
    // Markers: 101 $0.5/9, 102 $3/30, 104 $5/40, 106 $0.75/12, 107 $0.4/8.
    expect(api.costUsd).toEqual({ total: 9.65, perRemediation: 1.93 });
    expect(api.turns).toEqual({ total: 99, perRemediation: 19.8 });
    expect(api.kpis.map(k => [k.name, k.status])).toEqual([
      ['autoFixRate', 'not-met'], ['timeToGreenP50Minutes', 'not-met'], ['falsePositiveRate', 'not-met'], ['humanInterventionRate', 'not-met'],
    ]);
    const lint = result.report.repositories[0].workflows.find(w => w.workflow === 'Lint')!.summary;
    expect(lint).toMatchObject({ failures: 1, eligible: 1, remediated: 1, falsePositives: 1, falsePositiveRate: 1, autoFixRate: 0 });
    expect(lint.kpis.find(k => k.name === 'timeToGreenP50Minutes')!.status).toBe('no-data');
    const web = result.report.repositories[1].summary;
    expect(web).toMatchObject({ failures: 1, skipped: 1, eligible: 0, autoFixRate: null });
    expect(result.report.total).toMatchObject({ failures: 18, skipped: 5, eligible: 13, fixed: 5 });
  });

  it('groups failures by ISO week of creation', () => {
    expect(result.report.weeks.map(w => [w.weekStart, w.failures, w.fixed])).toEqual([
      ['2026-11-02', 3, 2], // 101, 102 (fixed), 201
      ['2026-11-09', 12, 1], // 103-113 and 119 (Sunday 15th); 107 fixed
      ['2026-11-16', 1, 1], // 120
      ['2026-11-23', 2, 1], // 121, 118 (Sunday 29th, fixed)
    ]);
  });
});
