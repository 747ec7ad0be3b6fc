/**
 * The HTML report in a real headless Chromium (Debian's `chromium`, installed by
 * scripts/ensure-debian-tools.sh before `npm test`): it renders with no console message (a script
 * error, or a Content-Security-Policy violation from any external asset, is logged as
 * `INFO:CONSOLE` on stderr with --enable-logging=stderr), every chart has data marks in the
 * rendered DOM, and a screenshot is kept in test-artifacts/report/ (git-ignored).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { computeReport } from '../../src/report/compute';
import type { FixPull, RepositoryData, RunAttempt } from '../../src/report/model';
import { renderHtml } from '../../src/report/render-html';
import { PROJECT_ROOT } from '../helpers/chart';

// Chromium starts three times (up to 60 s each, see open()): jest's 5 s default is far too short.
jest.setTimeout(200_000);

const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'report');

function chromium(): string {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter((c): c is string => !!c);
  for (const c of candidates) {
    if (spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0) return c;
  }
  throw new Error('no Chromium found: run `bash scripts/ensure-debian-tools.sh` (as root it installs Debian\'s chromium) or set CHROMIUM');
}

/** Opens `file` headless; returns the DOM after load and the console lines Chromium logged. */
function open(file: string, extra: string[] = []): { dom: string; console: string[] } {
  const result = spawnSync(chromium(), [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
    `--user-data-dir=${path.join(ARTIFACTS, 'profile')}`, '--enable-logging=stderr', '--v=0', ...extra, `file://${file}`,
  ], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`chromium exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return { dom: result.stdout, console: result.stderr.split('\n').filter(l => l.includes(':CONSOLE')) };
}

/** A month with failures in three weeks, fixes with times to green and costs. */
function sampleReport() {
  const runs: RunAttempt[] = [];
  const fixBranches: string[] = [];
  const fixPulls: FixPull[] = [];
  const at = (day: number, minute: number): string => new Date(Date.UTC(2026, 10, day, 8, minute)).toISOString();
  [3, 4, 10, 11, 12, 18, 25].forEach((day, i) => {
    const id = 1000 + i;
    const workflow = i % 3 === 0 ? 'Lint' : 'CI <unit>';
    const base = { workflowId: workflow === 'Lint' ? 2 : 1, workflowName: workflow, headBranch: `b${i}`, headSha: `s${i}`, headCommitMessage: 'm', headRepository: 'acme/api' };
    runs.push({ ...base, id, attempt: 1, conclusion: 'failure', createdAt: at(day, 0), updatedAt: at(day, 5) });
    if (i === 6) return; // not remediated
    fixBranches.push(`ci-fix/${id}-1`);
    const merged = i % 2 === 0;
    fixPulls.push({ number: i + 1, headRef: `ci-fix/${id}-1`, state: merged ? 'closed' : 'open', createdAt: at(day, 10), mergedAt: merged ? at(day, 15) : null, labels: [], body: `<!-- ci-remediation {"run":${id},"attempt":1,"turns":${5 + i},"costUsd":${0.3 * (i + 1)},"outcome":"pr-opened"} -->` });
    if (merged) runs.push({ ...base, id: 2000 + i, attempt: 1, conclusion: 'success', createdAt: at(day, 16), updatedAt: at(day, 10 + 15 * i) });
  });
  const data: RepositoryData = { repository: 'acme/api', runs, fixBranches, fixPulls, blockedIssueRuns: [], commitComments: {} };
  const settings = { repositories: ['acme/api'], conclusions: ['failure'], blockForks: true, skipToken: '[skip-ci-remediation]', remediationBranchPrefix: 'ci-fix/', excludeWorkflows: [] };
  return computeReport([data], settings, { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') }, new Date('2026-12-01T00:00:00Z'));
}

describe('the HTML report in headless Chromium', () => {
  beforeAll(() => fs.mkdirSync(ARTIFACTS, { recursive: true }));

  it('notices console errors and blocked external assets (the check can fail)', () => {
    const bad = path.join(ARTIFACTS, 'bad.html');
    fs.writeFileSync(bad, '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'"></head><body><img src="https://cdn.example.invalid/x.png"></body></html>');
    expect(open(bad, ['--dump-dom']).console.join('\n')).toMatch(/violates the following Content Security Policy directive/);
  });

  it('renders with no console message, charts with data, and a screenshot', () => {
    const report = sampleReport();
    const file = path.join(ARTIFACTS, 'report.html');
    fs.writeFileSync(file, renderHtml(report));
    const { dom, console: messages } = open(file, ['--dump-dom']);
    expect(messages).toEqual([]);
    for (const chart of ['trend', 'workflows', 'time-to-green', 'cost']) {
      const figure = new RegExp(`<figure data-chart="${chart}">([\\s\\S]*?)</figure>`).exec(dom);
      expect(figure).not.toBeNull();
      const values = [...figure![1].matchAll(/<rect class="mark" data-value="([\d.]+)"/g)].map(m => Number(m[1]));
      expect({ chart, hasData: values.some(v => v > 0) }).toEqual({ chart, hasData: true });
      expect(figure![1]).not.toContain('No data in this window');
    }
    // The workflow name is escaped text, never markup.
    expect(dom).toContain('CI &lt;unit&gt;');
    const screenshot = path.join(ARTIFACTS, 'report.png');
    fs.rmSync(screenshot, { force: true });
    const shot = open(file, [`--screenshot=${screenshot}`, '--window-size=1280,1600', '--hide-scrollbars']);
    expect(shot.console).toEqual([]);
    const png = fs.readFileSync(screenshot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});
