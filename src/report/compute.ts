/**
 * The remediation KPIs, computed from plain data (see model.ts). Pure: the same input gives the
 * same report; the current time is a parameter. The README's "report" section states each
 * definition; the comments here say why each rule is what it is.
 */
import { RE2JS } from 're2js';
import { parseValueSet, valueSetRegex } from '../filters/data-filter';
import { BLOCKED_LABEL } from '../github/remediation';
import { attemptsOfRun } from './markers';
import type {
  AttemptMarker, Failure, FailureOutcome, Kpi, Report, ReportSettings, ReportWindow, RepositoryData, RunAttempt, Summary, WeekSummary,
} from './model';

/** The targets the system sets itself (issue 13). */
export const TARGETS = {
  autoFixRate: 0.7,
  timeToGreenP50Minutes: 30,
  falsePositiveRate: 0.1,
  humanInterventionRate: 0.3,
} as const;

/** Computes the report over every repository's data. */
export function computeReport(data: readonly RepositoryData[], settings: ReportSettings, window: ReportWindow, now: Date): Report {
  const failures = data.flatMap(repo => failuresOf(repo, settings, window));
  const repositories = data.map(repo => {
    const own = failures.filter(f => f.repository === repo.repository);
    const workflows = [...new Set(own.map(f => f.workflow))].sort();
    return {
      repository: repo.repository,
      summary: summarize(own),
      workflows: workflows.map(workflow => ({ workflow, summary: summarize(own.filter(f => f.workflow === workflow)) })),
    };
  });
  return {
    schemaVersion: 1,
    generatedAt: now.toISOString(),
    window: { since: window.since.toISOString(), until: window.until.toISOString() },
    total: summarize(failures),
    repositories,
    weeks: weeksOf(failures),
    failures,
  };
}

/** The failures of one repository in the window, each with its outcome. */
export function failuresOf(repo: RepositoryData, settings: ReportSettings, window: ReportWindow): Failure[] {
  const attemptsByRun = new Map<number, RunAttempt[]>();
  for (const run of repo.runs) {
    const list = attemptsByRun.get(run.id) ?? [];
    if (!list.some(a => a.attempt === run.attempt)) list.push(run);
    attemptsByRun.set(run.id, list);
  }
  // RE2JS.quote escapes exactly JavaScript's syntax characters too, so the prefix matches literally.
  const fixRef = new RegExp(`^${RE2JS.quote(settings.remediationBranchPrefix)}(\\d+)-(\\d+)$`);
  const failures: Failure[] = [];
  for (const [runId, attempts] of [...attemptsByRun].sort((a, b) => a[0] - b[0])) {
    attempts.sort((a, b) => a.attempt - b.attempt);
    const first = attempts[0];
    // The agent's own branches are its fix checks, not new failures (the Sensor ignores them too).
    if (first.headBranch !== null && first.headBranch.startsWith(settings.remediationBranchPrefix)) continue;
    const created = Date.parse(first.createdAt);
    if (created < window.since.getTime() || created >= window.until.getTime()) continue;
    // Re-runs: the attempts of one run are one failure, as the agent counts its fix attempts per
    // run id across run attempts (its branches are <prefix><run id>-<fix attempt>).
    const failing = attempts.find(a => a.conclusion !== null && settings.conclusions.includes(a.conclusion));
    if (failing === undefined) continue;
    failures.push(judge(repo, settings, runId, failing, fixRef));
  }
  return failures;
}

/** Decides the outcome of one failure. */
function judge(repo: RepositoryData, settings: ReportSettings, runId: number, failing: RunAttempt, fixRef: RegExp): Failure {
  const fixAttemptOf = (ref: string): number | undefined => {
    const m = fixRef.exec(ref);
    return m !== null && Number(m[1]) === runId ? Number(m[2]) : undefined;
  };
  const pulls = repo.fixPulls.filter(p => fixAttemptOf(p.headRef) !== undefined)
    .sort((a, b) => fixAttemptOf(a.headRef)! - fixAttemptOf(b.headRef)! || a.number - b.number);
  const branchAttempts = repo.fixBranches.map(fixAttemptOf).filter((n): n is number => n !== undefined);
  const fixRefs = new Set([...pulls.map(p => p.headRef), ...repo.fixBranches.filter(b => fixAttemptOf(b) !== undefined)]);
  const markers: AttemptMarker[] = attemptsOfRun(runId, [...pulls.map(p => p.body), ...(repo.commitComments[failing.headSha] ?? [])]);
  const blockedIssue = repo.blockedIssueRuns.includes(runId);
  // A blocked issue means the agent ran and gave up before opening any PR: remediated, and blocked.
  const remediated = fixRefs.size > 0 || markers.length > 0 || blockedIssue;
  const attemptCount = Math.max(0, ...branchAttempts, ...pulls.map(p => fixAttemptOf(p.headRef)!), ...markers.map(m => m.attempt));

  const failedAt = Date.parse(failing.updatedAt);
  const sameWorkflow = repo.runs.filter(r => r.workflowId === failing.workflowId && r.conclusion === 'success');
  // The failing branch's first green after the failure: a later attempt of this run (a re-run), or
  // a newer run of the same workflow on the same branch.
  const greens = sameWorkflow
    .filter(r => (r.id === runId && r.attempt > failing.attempt) ||
      (r.id !== runId && failing.headBranch !== null && r.headBranch === failing.headBranch && Date.parse(r.createdAt) > failedAt))
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  const merged = pulls.filter(p => p.mergedAt !== null).sort((a, b) => Date.parse(a.mergedAt!) - Date.parse(b.mergedAt!))[0];
  const mergedAt = merged === undefined ? undefined : Date.parse(merged.mergedAt!);
  // Green without the fix: a green that started before the fix was merged (or with no merge at all).
  const greenWithoutFix = greens.some(r => mergedAt === undefined || Date.parse(r.createdAt) < mergedAt);
  const greenAfterFix = mergedAt === undefined ? undefined : greens.find(r => Date.parse(r.createdAt) >= mergedAt);
  const checksPassed = sameWorkflow.some(r => r.headBranch !== null && fixRefs.has(r.headBranch)) || markers.some(m => m.outcome === 'fixed');
  const blocked = pulls.some(p => p.labels.includes(BLOCKED_LABEL)) || blockedIssue;
  const latest = pulls[pulls.length - 1];
  // Earlier PRs are closed by the agent when a later attempt supersedes them: only the latest counts.
  const closedUnmerged = latest !== undefined && latest.state === 'closed' && latest.mergedAt === null;

  let outcome: FailureOutcome;
  let skipReason: string | undefined;
  if (!remediated) {
    skipReason = skipReasonOf(repo.repository, failing, settings);
    outcome = skipReason === undefined ? 'not-remediated' : 'skipped';
  } else if (blocked) {
    // The agent gave up: a human took over, whatever happened next.
    outcome = 'blocked';
  } else if (greenWithoutFix) {
    outcome = 'false-positive';
  } else if (merged !== undefined || checksPassed) {
    outcome = 'fixed';
  } else if (closedUnmerged) {
    outcome = 'false-positive';
  } else {
    outcome = 'pending';
  }
  const ttg = outcome === 'fixed' && greenAfterFix !== undefined ? (Date.parse(greenAfterFix.updatedAt) - failedAt) / 60000 : null;
  return {
    repository: repo.repository,
    workflow: failing.workflowName,
    runId,
    runAttempt: failing.attempt,
    branch: failing.headBranch,
    createdAt: failing.createdAt,
    failedAt: failing.updatedAt,
    outcome,
    ...(skipReason === undefined ? {} : { skipReason }),
    remediated,
    attempts: attemptCount,
    timeToGreenMinutes: ttg === null ? null : round(ttg, 2),
    costUsd: markers.length === 0 ? null : round(markers.reduce((s, m) => s + m.costUsd, 0), 6),
    turns: markers.length === 0 ? null : markers.reduce((s, m) => s + m.turns, 0),
  };
}

/**
 * Why the Sensor would not have started the agent for this failure, checked in the Sensor's own
 * filter order (README, "The filters"); undefined when the settings do not explain it.
 */
export function skipReasonOf(repository: string, run: RunAttempt, settings: ReportSettings): string | undefined {
  const configured = settings.repositories.map(r => r.toLowerCase());
  if (!configured.includes(repository.toLowerCase())) return 'repository not in settings';
  if (settings.blockForks) {
    if (run.headRepository === null) return 'no head repository';
    if (!configured.includes(run.headRepository.toLowerCase())) return 'fork';
  }
  if (run.headCommitMessage === null) return 'no head commit';
  if (run.headCommitMessage.includes(settings.skipToken)) return 'skip token';
  if (settings.includeWorkflows !== undefined && !fullMatch(settings.includeWorkflows, run.workflowName)) return 'workflow not included';
  if (settings.excludeWorkflows.length > 0 && fullMatch(settings.excludeWorkflows, run.workflowName)) return 'workflow excluded';
  return undefined;
}

/** The same test the Sensor's workflow filters make: a literal or `/RE2/` matching the whole name. */
function fullMatch(entries: readonly string[], name: string): boolean {
  return RE2JS.compile(valueSetRegex(parseValueSet(entries))).matcher(name).find();
}

/** Counts, rates and KPIs over `failures`. */
export function summarize(failures: readonly Failure[]): Summary {
  const count = (outcome: FailureOutcome): number => failures.filter(f => f.outcome === outcome).length;
  const skipReasons: Record<string, number> = {};
  for (const f of failures) if (f.skipReason !== undefined) skipReasons[f.skipReason] = (skipReasons[f.skipReason] ?? 0) + 1;
  const skipped = count('skipped');
  const eligible = failures.length - skipped;
  const remediated = failures.filter(f => f.remediated).length;
  const fixed = count('fixed');
  const blocked = count('blocked');
  const notRemediated = count('not-remediated');
  const falsePositives = count('false-positive');
  const ratio = (n: number, d: number): number | null => (d === 0 ? null : round(n / d, 4));
  const ttgs = failures.map(f => f.timeToGreenMinutes).filter((t): t is number => t !== null).sort((a, b) => a - b);
  const fixedOnes = failures.filter(f => f.outcome === 'fixed');
  const withMarkers = failures.filter(f => f.costUsd !== null);
  const totalCost = round(withMarkers.reduce((s, f) => s + f.costUsd!, 0), 6);
  const totalTurns = withMarkers.reduce((s, f) => s + f.turns!, 0);
  const autoFixRate = ratio(fixed, eligible);
  const humanInterventionRate = ratio(blocked + notRemediated, eligible);
  const falsePositiveRate = ratio(falsePositives, remediated);
  const p50 = percentile(ttgs, 50);
  return {
    failures: failures.length,
    skipped,
    eligible,
    remediated,
    fixed,
    blocked,
    falsePositives,
    pending: count('pending'),
    notRemediated,
    skipReasons,
    autoFixRate,
    humanInterventionRate,
    falsePositiveRate,
    timeToGreenMinutes: { count: ttgs.length, p50, p90: percentile(ttgs, 90) },
    attemptsPerFix: fixedOnes.length === 0 ? null : round(fixedOnes.reduce((s, f) => s + f.attempts, 0) / fixedOnes.length, 4),
    costUsd: { total: totalCost, perRemediation: withMarkers.length === 0 ? null : round(totalCost / withMarkers.length, 6) },
    turns: { total: totalTurns, perRemediation: withMarkers.length === 0 ? null : round(totalTurns / withMarkers.length, 4) },
    kpis: [
      kpi('autoFixRate', autoFixRate, '>=', TARGETS.autoFixRate),
      kpi('timeToGreenP50Minutes', p50, '<', TARGETS.timeToGreenP50Minutes),
      kpi('falsePositiveRate', falsePositiveRate, '<', TARGETS.falsePositiveRate),
      kpi('humanInterventionRate', humanInterventionRate, '<', TARGETS.humanInterventionRate),
    ],
  };
}

function kpi(name: Kpi['name'], value: number | null, comparator: Kpi['comparator'], target: number): Kpi {
  const met = value === null ? undefined : comparator === '>=' ? value >= target : value < target;
  return { name, value, comparator, target, status: met === undefined ? 'no-data' : met ? 'met' : 'not-met' };
}

/** Nearest-rank percentile of sorted values (an observed value, never an interpolation). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Failures per ISO week (Monday 00:00 UTC) of the run's creation, oldest first. */
export function weeksOf(failures: readonly Failure[]): WeekSummary[] {
  const weeks = new Map<string, Failure[]>();
  for (const f of failures) {
    const d = new Date(f.createdAt);
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    const key = monday.toISOString().slice(0, 10);
    weeks.set(key, [...(weeks.get(key) ?? []), f]);
  }
  return [...weeks].sort((a, b) => a[0].localeCompare(b[0])).map(([weekStart, list]) => {
    const s = summarize(list);
    return { weekStart, failures: s.failures, eligible: s.eligible, fixed: s.fixed, autoFixRate: s.autoFixRate };
  });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

