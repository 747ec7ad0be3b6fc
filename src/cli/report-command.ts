/**
 * `ci-remediation report`: the remediation KPIs of a window, read from GitHub.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { settingsFileName } from '../config/environment';
import { loadSettings } from '../config/resolve';
import { SettingsError } from '../config/validate';
import { computeReport } from '../report/compute';
import { MAX_RATE_LIMIT_WAIT_SECONDS, RATE_LIMIT_RETRIES, createClient, fetchRepository, type ClientOptions } from '../report/github';
import type { Report, ReportSettings } from '../report/model';
import { parseSince, parseUntil, repositoryError } from '../report/options';
import { rateLimitFailure } from '../report/rate-limit';
import { renderHtml } from '../report/render-html';
import { renderJson } from '../report/render-json';
import { renderMarkdown } from '../report/render-markdown';
import { renderPrometheus } from '../report/render-prometheus';
import { renderText } from '../report/render-text';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, fail, formatError } from './output';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html', 'prometheus'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportOptions {
  repo: string[];
  since: string;
  until?: string;
  format: string;
  out?: string;
  config?: string;
}

/** The report in the chosen format. */
export async function renderReport(report: Report, format: ReportFormat): Promise<string> {
  switch (format) {
    case 'json': return renderJson(report);
    case 'markdown': return renderMarkdown(report);
    case 'html': return renderHtml(report);
    case 'prometheus': return renderPrometheus(report);
    default: return renderText(report);
  }
}

/** The settings the report interprets, from the same file synth reads. */
export function reportSettings(configFile: string | undefined): ReportSettings {
  const resolved = loadSettings(settingsFileName(configFile));
  return { repositories: resolved.repositories, ...resolved.filters };
}

/**
 * Client options from the environment: `GITHUB_TOKEN`, `GITHUB_API_URL` (GitHub Enterprise
 * Server: `https://HOST/api/v3`), and `CI_REMEDIATION_REPORT_RETRY_AFTER_MS` (milliseconds per
 * second of a rate-limit wait; for tests).
 */
export function clientOptionsFromEnvironment(env: NodeJS.ProcessEnv, log: (line: string) => void): ClientOptions {
  const base = env.CI_REMEDIATION_REPORT_RETRY_AFTER_MS;
  return {
    ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}),
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(base !== undefined && /^\d{1,7}$/.test(base) ? { retryAfterBaseValue: Number(base) } : {}),
    log,
  };
}

/** `ci-remediation report --repo OWNER/NAME … [--since 30d] [--until DATE] [--format F] [--out FILE] [--config FILE]`. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('measure the remediation KPIs over a window, from GitHub (GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise)')
    .requiredOption('-r, --repo <owner/name>', 'repository to report on (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--since <duration|date>', 'window start: a duration before --until (12h, 30d, 4w) or a date', '30d')
    .option('--until <date>', 'window end (exclusive); default: now')
    .option('-f, --format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'text')
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'settings file (YAML) synth uses; default: $CI_REMEDIATION_CONFIG, else built-in defaults')
    .action(async (options: ReportOptions) => {
      const problems: string[] = [];
      const now = new Date();
      const until = options.until === undefined ? now : parseUntil(options.until);
      if (typeof until === 'string') problems.push(until);
      const since = typeof until === 'string' ? undefined : parseSince(options.since, until);
      if (typeof since === 'string') problems.push(since);
      if (since instanceof Date && until instanceof Date && since.getTime() >= until.getTime()) problems.push('--since: the window start must be before its end (--until)');
      for (const repo of options.repo) {
        const error = repositoryError(repo);
        if (error !== undefined) problems.push(error);
      }
      if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) problems.push(`--format: "${options.format}" is not one of ${REPORT_FORMATS.join(', ')}`);
      const configFile = settingsFileName(options.config);
      let settings: ReportSettings | undefined;
      try {
        settings = reportSettings(options.config);
      } catch (err) {
        problems.push(`report: ${err instanceof SettingsError ? err.message : `cannot read the settings file ${formatError(err, configFile)}`}`);
      }
      if (problems.length > 0 || settings === undefined || !(since instanceof Date) || !(until instanceof Date)) {
        fail(problems.join('\n'), EXIT_BAD_INPUT);
        return;
      }
      const client = createClient(clientOptionsFromEnvironment(process.env, line => process.stderr.write(`report: ${line}\n`)));
      let report: Report;
      try {
        // One repository after the other: the API's rate limit is per token, not per repository.
        const data = [];
        for (const repo of [...new Set(options.repo)]) data.push(await fetchRepository(client, repo, since, settings.remediationBranchPrefix));
        report = computeReport(data, settings, { since, until }, now);
      } catch (err) {
        fail(`report failed: ${githubError(err)}`, EXIT_FINDINGS);
        return;
      }
      const text = await renderReport(report, options.format as ReportFormat);
      if (options.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        // Written beside the target and renamed: a reader never sees half a report.
        const temp = path.join(path.dirname(options.out), `.${path.basename(options.out)}.${process.pid}.tmp`);
        fs.writeFileSync(temp, text);
        fs.renameSync(temp, options.out);
      } catch (err) {
        fail(`report: cannot write ${formatError(err, options.out)}`, EXIT_BAD_INPUT);
      }
    });
}

/** A GitHub API error in one line: status, method, URL and GitHub's message. */
function githubError(err: unknown): string {
  const e = err as { status?: number; request?: { method?: string; url?: string }; response?: { headers?: Record<string, string>; data?: { message?: string } }; message?: string };
  if (typeof e.status === 'number' && e.request !== undefined) {
    const limit = rateLimitFailure({ status: e.status, headers: e.response?.headers ?? {}, message: e.message ?? '' }, Date.now(), MAX_RATE_LIMIT_WAIT_SECONDS, RATE_LIMIT_RETRIES);
    const hint = e.status === 401 ? ' (set GITHUB_TOKEN to a valid token)' : e.status === 404 ? ' (a repository that does not exist, or a token that cannot read it)' : limit !== undefined ? ` (${limit})` : '';
    return `GitHub answered ${e.status} to ${e.request.method} ${e.request.url}: ${e.response?.data?.message ?? e.message ?? ''}${hint}`;
  }
  return formatError(err);
}
