/**
 * `ci-remediation report` as a user runs it (the compiled bin in a child process) against the
 * fake GitHub of test/helpers/fake-github-api.ts: options, formats, `--out`, `--config`, exit codes.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../helpers/chart';
import { ensureCompiled } from '../helpers/cli-process';
import { DATASET_SETTINGS_YAML, apiRepository, webRepository } from './github-dataset';
import { FakeGitHubApi } from '../helpers/fake-github-api';

// Each test spawns the compiled CLI (several times for some): on a loaded machine that takes
// seconds, far beyond jest's 5 s default.
jest.setTimeout(120_000);

let github: FakeGitHubApi;
let dir: string;
let config: string;

beforeAll(async () => {
  ensureCompiled();
  github = await FakeGitHubApi.start({
    repos: { 'acme/api': apiRepository(), 'acme/web': webRepository() },
    pageSize: 5,
    rateLimits: [{ path: /\/repos\/acme\/api\/pulls\?/, kind: 'primary-403' }],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
  config = path.join(dir, 'settings.yaml');
  fs.writeFileSync(config, DATASET_SETTINGS_YAML);
});
afterAll(async () => {
  await github.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the bin asynchronously: the fake server lives in this process and must keep answering. */
function report(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js'), 'report', ...args], {
      env: { PATH: process.env.PATH, GITHUB_API_URL: github.url, GITHUB_TOKEN: 't0ken', CI_REMEDIATION_REPORT_RETRY_AFTER_MS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}

const window = (): string[] => ['--since', '2026-11-01', '--until', '2026-12-01', '--config', config];
const REPOS = ['--repo', 'acme/api', '--repo', 'acme/web'];

describe('ci-remediation report', () => {
  it('prints one JSON object with the documented schema', async () => {
    const run = await report([...REPOS, ...window(), '--format', 'json']);
    expect(run.stderr).toMatch(/^report: rate limit on GET .*\/pulls\?.*waiting 1 s/);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'generatedAt', 'window', 'total', 'repositories', 'weeks', 'failures']);
    expect(json.window).toEqual({ since: '2026-11-01T00:00:00.000Z', until: '2026-12-01T00:00:00.000Z' });
    expect(json.repositories.map((r: { repository: string }) => r.repository)).toEqual(['acme/api', 'acme/web']);
    expect(json.total).toMatchObject({ failures: 18, eligible: 13, fixed: 5, autoFixRate: 0.3846 });
    expect(Object.keys(json.failures[0]).sort()).toEqual(['attempts', 'branch', 'costUsd', 'createdAt', 'failedAt', 'outcome', 'remediated', 'repository', 'runAttempt', 'runId', 'timeToGreenMinutes', 'turns', 'workflow']);
    // Every object as the README's schema lists it.
    const SUMMARY = ['failures', 'skipped', 'eligible', 'remediated', 'fixed', 'blocked', 'falsePositives', 'pending', 'notRemediated', 'skipReasons',
      'autoFixRate', 'humanInterventionRate', 'falsePositiveRate', 'timeToGreenMinutes', 'attemptsPerFix', 'costUsd', 'turns', 'kpis'];
    expect(Object.keys(json.total)).toEqual(SUMMARY);
    expect(Object.keys(json.repositories[0])).toEqual(['repository', 'summary', 'workflows']);
    expect(Object.keys(json.repositories[0].summary)).toEqual(SUMMARY);
    expect(Object.keys(json.repositories[0].workflows[0])).toEqual(['workflow', 'summary']);
    expect(Object.keys(json.repositories[0].workflows[0].summary)).toEqual(SUMMARY);
    expect(Object.keys(json.total.timeToGreenMinutes)).toEqual(['count', 'p50', 'p90']);
    expect(Object.keys(json.total.costUsd)).toEqual(['total', 'perRemediation']);
    expect(Object.keys(json.total.turns)).toEqual(['total', 'perRemediation']);
    expect(Object.keys(json.total.kpis[0])).toEqual(['name', 'value', 'comparator', 'target', 'status']);
    expect(Object.keys(json.weeks[0])).toEqual(['weekStart', 'failures', 'eligible', 'fixed', 'autoFixRate']);
    expect(json.failures.find((f: { runId: number }) => f.runId === 109)).toMatchObject({ outcome: 'skipped', skipReason: 'skip token' });
  });

  it('prints the terminal table with the KPIs marked', async () => {
    const run = await report([...REPOS, ...window()]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CI remediation report, runs created 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z');
    expect(run.stdout).toMatch(/^acme\/api +17 +4 +11 +5 +2 +3 +1 +38\.5% +30\.8% +27\.3% +65\.0 min +1530\.0 min +1\.2 +\$1\.93 +19\.8$/m);
    expect(run.stdout).toMatch(/^Auto-fix rate +38\.5% +≥ 70\.0% +NOT MET$/m);
    expect(run.stdout).toContain('Skipped: fork ×1, no head commit ×1, repository not in settings ×1, skip token ×1, workflow excluded ×1');
  });

  it('writes Markdown, HTML and Prometheus text to --out', async () => {
    const md = path.join(dir, 'report.md');
    expect((await report([...REPOS, ...window(), '--format', 'markdown', '--out', md])).status).toBe(0);
    const markdown = fs.readFileSync(md, 'utf8');
    expect(markdown).toContain('| Auto-fix rate | 38.5% | ≥ 70.0% | ❌ not met |');
    expect(markdown).toContain('| acme/api / Lint | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0.0% | 0.0% | 100.0% | n/a | n/a | n/a | n/a | n/a |');

    const html = path.join(dir, 'report.html');
    expect((await report([...REPOS, ...window(), '--format', 'html', '--out', html])).status).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<figure data-chart="trend">/);
    expect(fs.readFileSync(html, 'utf8')).not.toMatch(/<(script|link)\b|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

    const prom = await report([...REPOS, ...window(), '--format', 'prometheus']);
    expect(prom.status).toBe(0);
    expect(prom.stdout).toContain('# TYPE ci_remediation_auto_fix_ratio gauge');
    expect(prom.stdout).toContain('ci_remediation_auto_fix_ratio{repository="acme/api",workflow="(all)"} 0.3846');
    expect(prom.stdout).toContain('ci_remediation_time_to_green_seconds{repository="acme/api",workflow="(all)",quantile="0.9"} 91800');
    expect(prom.stdout).toContain('ci_remediation_skipped_by_reason{repository="acme/web",workflow="(all)",reason="repository not in settings"} 1');
    expect(prom.stdout).toContain('ci_remediation_kpi_met{repository="acme/api",workflow="(all)",kpi="autoFixRate"} 0');
    expect(prom.stdout).toContain('ci_remediation_kpi_target{kpi="timeToGreenP50Minutes"} 1800');
    // The metric names are an interface (dashboards, alerts): exactly the README's list.
    expect([...prom.stdout.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(m => `${m[1]} ${m[2]}`).sort()).toEqual([
      'failures', 'skipped', 'skipped_by_reason', 'eligible', 'remediated', 'fixed', 'blocked', 'false_positives', 'pending', 'not_remediated',
      'auto_fix_ratio', 'human_intervention_ratio', 'false_positive_ratio', 'attempts_per_fix', 'time_to_green_seconds', 'time_to_green_count',
      'cost_usd', 'cost_per_remediation_usd', 'turns_per_remediation', 'kpi_met', 'kpi_target', 'window_start_timestamp_seconds',
      'window_end_timestamp_seconds', 'report_timestamp_seconds',
    ].map(n => `ci_remediation_${n} gauge`).sort());
    // No data, no series: acme/web has no eligible failure.
    expect(prom.stdout).not.toMatch(/ci_remediation_auto_fix_ratio\{repository="acme\/web"/);
  });

  it('exits 2 naming each option that cannot be used', async () => {
    const run = await report(['--repo', 'acme', '--since', 'last week', '--format', 'pdf', '--config', config]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      '--since: "last week" is neither a duration (e.g. 30d, 12h, 4w) nor a date (e.g. 2026-11-01 or 2026-11-01T08:00:00Z)',
      '--repo: "acme" is not a GitHub repository as OWNER/NAME (e.g. 5dlabs/cto)',
      '--format: "pdf" is not one of text, json, markdown, html, prometheus',
    ]);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'filters:\n  skipToken: 3\n');
    const settings = await report([...REPOS, '--config', bad]);
    expect(settings.status).toBe(2);
    expect(settings.stderr).toContain('filters.skipToken');
    expect((await report([])).status).toBe(2);
  });

  it('exits 1 when GitHub asks for a longer rate-limit wait than the report waits, saying when to run again', async () => {
    const limited = await FakeGitHubApi.start({ repos: { 'acme/api': apiRepository() }, rateLimits: [{ path: /\/actions\/runs\?/, kind: 'secondary-429', retryAfter: 3600 }] });
    try {
      const run = await report(['--repo', 'acme/api', ...window()], { GITHUB_API_URL: limited.url });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^report failed: GitHub answered 429 to GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/api\/actions\/runs\?.*: You have exceeded a secondary rate limit\..* \(GitHub's secondary rate limit: GitHub asks to wait 3600 s, longer than the report waits \(at most 900 s\); run the report again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, or with a token whose limit is not used up\)\n$/);
      expect(limited.requests).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('exits 1 when GitHub refuses, with the status and the request', async () => {
    const run = await report(['--repo', 'acme/missing', ...window()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^report failed: GitHub answered 404 to GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/missing\/actions\/runs\?.*: Not Found \(a repository that does not exist, or a token that cannot read it\)\n$/);
  });
});
