/**
 * The names the parts of the stack agree on, so that what one writes the others find: the
 * labels, annotations and environment the Sensor's trigger puts on each CodeRun (read back by
 * `status` and `watch`), and what the agent script leaves on GitHub (its fix branches, the
 * `blocked` label and issue title, the audit marker lines), read back by `report`. The agent's
 * side is templates/code/claude/rex-ci-remediation.sh; a change here must be made there too.
 * Plain constants and pure functions: this module imports only ./webhook.
 */
import { EventPaths } from './webhook';

/** Prefix of the labels and annotations the stack puts on CodeRuns. */
export const METADATA_PREFIX = 'remediation.agents.platform';

/** The value of {@link CodeRunLabels.mode} on remediation CodeRuns (and of `REMEDIATION_MODE`). */
export const REMEDIATION_MODE = 'ci-failure';

/** Labels of a remediation CodeRun (digits only for the run id and attempt). */
export const CodeRunLabels = {
  mode: `${METADATA_PREFIX}/mode`,
  runId: `${METADATA_PREFIX}/workflow-run-id`,
  runAttempt: `${METADATA_PREFIX}/workflow-run-attempt`,
} as const;

/** Annotations of a remediation CodeRun: free text goes here, never into labels. */
export const CodeRunAnnotations = {
  repository: `${METADATA_PREFIX}/repository`,
  workflowName: `${METADATA_PREFIX}/workflow-name`,
  runUrl: `${METADATA_PREFIX}/workflow-run-url`,
  delivery: `${METADATA_PREFIX}/github-delivery`,
} as const;

/** Label selector of the CodeRuns the trigger creates. */
export const REMEDIATION_SELECTOR = `${CodeRunLabels.mode}=${REMEDIATION_MODE}`;

/** The event path copied into each annotation. */
export const EVENT_ANNOTATIONS: Readonly<Record<string, string>> = {
  [CodeRunAnnotations.repository]: EventPaths.repository,
  [CodeRunAnnotations.workflowName]: EventPaths.workflowName,
  [CodeRunAnnotations.runUrl]: EventPaths.runUrl,
  [CodeRunAnnotations.delivery]: EventPaths.deliveryId,
};

/** Environment variables the trigger sets from its settings (the event's follow in {@link EVENT_ENV}). */
export const SETTINGS_ENV = [
  'REMEDIATION_MODE',
  'MAX_REMEDIATION_ATTEMPTS',
  'REMEDIATION_BRANCH_PREFIX',
  'AGENT_MAX_TURNS',
  'AGENT_MAX_BUDGET_USD',
] as const;

/** The setting that replaces each variable the trigger sets from its settings. */
export const SETTINGS_ENV_SOURCE: Readonly<Record<string, string>> = {
  MAX_REMEDIATION_ATTEMPTS: 'codeRun.maxRemediationAttempts',
  REMEDIATION_BRANCH_PREFIX: 'filters.remediationBranchPrefix',
  AGENT_MAX_TURNS: 'codeRun.agent.maxTurns',
  AGENT_MAX_BUDGET_USD: 'codeRun.agent.maxBudgetUsd',
};

/** Environment variables copied verbatim from the event into `spec.env`. */
export const EVENT_ENV: Readonly<Record<string, string>> = {
  WORKFLOW_NAME: EventPaths.workflowName,
  WORKFLOW_RUN_ID: EventPaths.runId,
  WORKFLOW_RUN_ATTEMPT: EventPaths.runAttempt,
  WORKFLOW_RUN_URL: EventPaths.runUrl,
  FAILURE_BRANCH: EventPaths.headBranch,
  FAILURE_COMMIT_SHA: EventPaths.headSha,
  FAILURE_COMMIT_MESSAGE: EventPaths.commitMessage,
  WORKFLOW_CONCLUSION: EventPaths.conclusion,
  REPOSITORY: EventPaths.repository,
};

/** The default prefix of the agent's fix branches (`filters.remediationBranchPrefix`). */
export const DEFAULT_FIX_BRANCH_PREFIX = 'ci-fix/';

/**
 * The run id of a fix branch `<prefix><run id>-<attempt>` (the agent script's
 * `fix_branch_name`: `$REMEDIATION_BRANCH_PREFIX$WORKFLOW_RUN_ID-<attempt>`); undefined for any other ref.
 */
export function runIdOfFixBranch(ref: string, prefix: string): number | undefined {
  if (!ref.startsWith(prefix)) return undefined;
  const m = /^(\d+)-\d+$/.exec(ref.slice(prefix.length));
  return m === null ? undefined : Number(m[1]);
}

/** The label the agent puts on a fix PR, or on an issue, when it gives up (`REX_BLOCKED_LABEL`). */
export const BLOCKED_LABEL = 'blocked';

/** The run id named by a blocked issue's title ("CI remediation blocked for run <id>"); undefined for any other title. */
export function runIdOfBlockedIssue(title: string): number | undefined {
  const m = /^CI remediation blocked for run (\d+)$/.exec(title);
  return m === null ? undefined : Number(m[1]);
}

/**
 * The agent's audit marker lines, one per attempt in the fix PR body and the final commit
 * comment: `<!-- ci-remediation {"run":…,"attempt":…,"turns":…,"costUsd":…,"outcome":"…"} -->`
 * (`print_audit`). Bodies are attacker-influenced text, so the JSON is one bounded line.
 */
export const AUDIT_MARKER_LINE = /<!-- ci-remediation (\{[^\n]{1,400}?\}) -->/g;
