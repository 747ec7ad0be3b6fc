/**
 * Remediation CodeRuns as one row each, from what the trigger sets (src/triggers/coderun-trigger.ts:
 * the run id and attempt as labels, repository and workflow as annotations) and what the agent
 * controller reports (5dlabs/cto `controller/src/crds/coderun.rs` at 1a0366a5: `status.phase` and
 * `status.pull_request_url`, snake case, since `CodeRunStatus` renames neither).
 */
import { CodeRunAnnotations, CodeRunLabels } from '../github/remediation';

/** One CodeRun as status and watch print it. */
export interface CodeRunRow {
  readonly name: string;
  readonly uid: string;
  readonly createdAt: string;
  readonly repository: string;
  readonly workflow: string;
  readonly runId: string;
  readonly attempt: string;
  /** `status.phase`; `Pending` until the controller has written a status. */
  readonly phase: string;
  /** The fix PR, once the controller reports one. */
  readonly pullRequest?: string;
}

/** The row of a CodeRun (plain JSON as the API returns it). */
export function codeRunRow(object: Record<string, any>): CodeRunRow {
  const labels: Record<string, string> = object.metadata?.labels ?? {};
  const annotations: Record<string, string> = object.metadata?.annotations ?? {};
  const pr = object.status?.pull_request_url;
  return {
    name: String(object.metadata?.name ?? ''),
    uid: String(object.metadata?.uid ?? ''),
    createdAt: String(object.metadata?.creationTimestamp ?? ''),
    repository: annotations[CodeRunAnnotations.repository] ?? '',
    workflow: annotations[CodeRunAnnotations.workflowName] ?? '',
    runId: labels[CodeRunLabels.runId] ?? '',
    attempt: labels[CodeRunLabels.runAttempt] ?? '',
    phase: typeof object.status?.phase === 'string' && object.status.phase ? object.status.phase : 'Pending',
    ...(typeof pr === 'string' && pr ? { pullRequest: pr } : {}),
  };
}

/** The newest `n` rows, newest first (name breaks ties, so the order is stable). */
export function newestCodeRuns(objects: Record<string, any>[], n: number): CodeRunRow[] {
  return objects.map(codeRunRow)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name))
    .slice(0, n);
}

/** `42s`, `5m`, `3h`, `2d`: the age as kubectl prints it, roughly. */
export function age(createdAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 1000));
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Free text from annotations, as one bounded line: attacker-controlled names cannot break the output. */
export function cell(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
