/**
 * The plain data the report is computed from (what `github.ts` reads) and what it computes.
 * No Octokit types here: the computation is a pure function over these records, so tests can
 * feed it hand-written data and hand-computed expectations.
 */

/** One attempt of a workflow run (GitHub's list endpoint returns each run's latest attempt). */
export interface RunAttempt {
  readonly id: number;
  readonly attempt: number;
  readonly workflowId: number;
  readonly workflowName: string;
  /** null for a few event types (GitHub omits it). */
  readonly headBranch: string | null;
  readonly headSha: string;
  readonly conclusion: string | null;
  /** When the run was created (the same for every attempt): decides the window. */
  readonly createdAt: string;
  /** When this attempt last changed: its completion time for a completed attempt. */
  readonly updatedAt: string;
  /** null when GitHub sent no head commit (the Sensor then drops the event). */
  readonly headCommitMessage: string | null;
  /** `owner/name` of the head repository; null when GitHub sent none. */
  readonly headRepository: string | null;
}

/** A pull request whose head branch carries the remediation prefix. */
export interface FixPull {
  readonly number: number;
  readonly headRef: string;
  readonly state: 'open' | 'closed';
  readonly createdAt: string;
  readonly mergedAt: string | null;
  readonly labels: readonly string[];
  readonly body: string;
}

/** Everything read from one repository. */
export interface RepositoryData {
  /** `owner/name`. */
  readonly repository: string;
  /** Latest attempts of the runs created since the window start, plus the earlier attempts read for re-runs. */
  readonly runs: readonly RunAttempt[];
  /** Branch names (without `refs/heads/`) that start with the remediation prefix. */
  readonly fixBranches: readonly string[];
  readonly fixPulls: readonly FixPull[];
  /** Run ids named by a `blocked` issue ("CI remediation blocked for run <id>"). */
  readonly blockedIssueRuns: readonly number[];
  /** Bodies of the comments on each failing commit (by SHA), oldest first. */
  readonly commitComments: Readonly<Record<string, readonly string[]>>;
}

/** The settings the report interprets (the same file synth reads, resolved). */
export interface ReportSettings {
  readonly repositories: readonly string[];
  readonly conclusions: readonly string[];
  readonly blockForks: boolean;
  readonly skipToken: string;
  readonly remediationBranchPrefix: string;
  readonly includeWorkflows?: readonly string[];
  readonly excludeWorkflows: readonly string[];
}

/** The window: failures of runs created in [since, until). */
export interface ReportWindow {
  readonly since: Date;
  readonly until: Date;
}

/** What became of one failure; each failure has exactly one. */
export type FailureOutcome = 'fixed' | 'false-positive' | 'blocked' | 'pending' | 'not-remediated' | 'skipped';

/** One agent attempt read from a `<!-- ci-remediation {...} -->` marker line. */
export interface AttemptMarker {
  readonly run: number;
  readonly attempt: number;
  readonly turns: number;
  readonly costUsd: number;
  readonly outcome: string;
}

/** One failure (a workflow run with at least one failing attempt) and what became of it. */
export interface Failure {
  readonly repository: string;
  readonly workflow: string;
  readonly runId: number;
  /** The first failing attempt. */
  readonly runAttempt: number;
  readonly branch: string | null;
  readonly createdAt: string;
  /** When the first failing attempt completed. */
  readonly failedAt: string;
  readonly outcome: FailureOutcome;
  /** Why it was not remediated, when the settings explain it (outcome `skipped`). */
  readonly skipReason?: string;
  readonly remediated: boolean;
  /** Highest remediation attempt seen (branch, PR or marker); 0 when none. */
  readonly attempts: number;
  /** Minutes from failedAt to the first green run of the workflow on the branch after the fix merged. */
  readonly timeToGreenMinutes: number | null;
  /** Sum over the attempts' markers; null when no marker was found. */
  readonly costUsd: number | null;
  readonly turns: number | null;
}

/** A KPI against its target. */
export interface Kpi {
  readonly name: 'autoFixRate' | 'timeToGreenP50Minutes' | 'falsePositiveRate' | 'humanInterventionRate';
  readonly value: number | null;
  readonly comparator: '>=' | '<';
  readonly target: number;
  /** `no-data` when the value has no denominator (e.g. no eligible failure). */
  readonly status: 'met' | 'not-met' | 'no-data';
}

/** Counts, rates and KPIs over a set of failures. */
export interface Summary {
  readonly failures: number;
  readonly skipped: number;
  readonly eligible: number;
  readonly remediated: number;
  readonly fixed: number;
  readonly blocked: number;
  readonly falsePositives: number;
  readonly pending: number;
  readonly notRemediated: number;
  readonly skipReasons: Readonly<Record<string, number>>;
  readonly autoFixRate: number | null;
  readonly humanInterventionRate: number | null;
  readonly falsePositiveRate: number | null;
  readonly timeToGreenMinutes: { readonly count: number; readonly p50: number | null; readonly p90: number | null };
  readonly attemptsPerFix: number | null;
  readonly costUsd: { readonly total: number; readonly perRemediation: number | null };
  readonly turns: { readonly total: number; readonly perRemediation: number | null };
  readonly kpis: readonly Kpi[];
}

/** One ISO week (starting Monday, UTC) of failures by creation time. */
export interface WeekSummary {
  readonly weekStart: string;
  readonly failures: number;
  readonly eligible: number;
  readonly fixed: number;
  readonly autoFixRate: number | null;
}

/** The whole report (the JSON format prints exactly this object). */
export interface Report {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly window: { readonly since: string; readonly until: string };
  readonly total: Summary;
  readonly repositories: readonly {
    readonly repository: string;
    readonly summary: Summary;
    readonly workflows: readonly { readonly workflow: string; readonly summary: Summary }[];
  }[];
  readonly weeks: readonly WeekSummary[];
  readonly failures: readonly Failure[];
}
