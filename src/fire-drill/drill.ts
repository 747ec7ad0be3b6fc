/**
 * The fire drill: deliveries sent to the deployed EventSource, and what the cluster shows after.
 *
 * - safe (default): a correctly signed delivery of a successful run, which the Sensor must drop,
 *   and a badly signed delivery of a failed run, which the EventSource must reject (Argo answers
 *   400 with go-github's error text) and which would have created a CodeRun had it been accepted;
 *   then, for a bounded time, no CodeRun of that run may appear.
 * - run: the `workflow_run` `completed` delivery of a real failed run, signed; the CodeRun the
 *   trigger names must appear within a bounded time, and is then followed like `watch` until the
 *   agent controller reports `Succeeded` or `Failed` (5dlabs/cto `controller/src/tasks/code/controller.rs`
 *   at 02c500ae: the phases it ends a CodeRun in), or until stopped.
 *
 * Each step gets a verdict as it completes, with the fix for a failure.
 */
import type { ResolvedSettings } from '../config/settings';
import type { Cluster } from '../cluster/kube';
import type { CodeRunChange } from '../cluster/watch';
import { drillRun } from './drill-run';
import { workflowRunCompletedPayload } from './webhook-payload';
import { badlySignedRequest, expectation, signedRequest, type DrillRequest, type Expectation } from './deliveries';

/** One step's verdict. */
export interface DrillStep {
  readonly title: string;
  readonly verdict: 'pass' | 'fail' | 'info';
  readonly details: string[];
  readonly fix?: string;
}

/** The drill cannot be run as asked (exit 2), as opposed to a step that failed (exit 1). */
export class DrillSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillSetupError';
  }
}

/** What a drill needs. */
export interface DrillContext {
  readonly settings: ResolvedSettings;
  /** The Sensor synth produces from the settings, as plain data. */
  readonly sensor: Record<string, unknown>;
  /** The EventSource URL, e.g. `https://hooks.example.com/github/webhook`. */
  readonly url: string;
  readonly secret: Buffer;
  readonly cluster: Cluster;
  /** How long a CodeRun is waited for (run), or watched for (safe). */
  readonly waitMs: number;
  /** Prints a step as soon as it has a verdict. */
  readonly report: (step: DrillStep) => void;
  /** Prints a line of the followed CodeRun (run). */
  readonly line: (change: CodeRunChange) => void;
  /** Warnings of the follower (connection problems it recovers from). */
  readonly warn: (message: string) => void;
  /** Resolves when the user asks to stop (Ctrl-C). */
  readonly stopped: Promise<void>;
  /** The time between two looks for a CodeRun. @default 500 */
  readonly pollMs?: number;
}

/** How long one delivery may take: GitHub itself gives up after 10 s (reference §1). */
const SEND_TIMEOUT_MS = 10_000;
/** The phases the agent controller ends a CodeRun in. */
const FINAL_PHASES = new Set(['Succeeded', 'Failed']);

/** The answer to a delivery, or why there was none. */
type Answer = { readonly status: number; readonly body: string } | { readonly error: string };

/** POSTs a delivery; never throws. */
export async function send(url: string, request: DrillRequest): Promise<Answer> {
  try {
    const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    const body = (await response.text()).slice(0, 500).replace(/\s+/g, ' ').trim();
    return { status: response.status, body };
  } catch (err) {
    // fetch wraps the system error (ECONNREFUSED, ENOTFOUND, a certificate error) in `cause`.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${SEND_TIMEOUT_MS / 1000} s (GitHub gives up after 10 s)` : cause?.message ?? (err as Error).message;
    return { error: reason };
  }
}

function describeAnswer(answer: Answer): string {
  return 'error' in answer ? `no answer: ${answer.error}` : `HTTP ${answer.status}${answer.body ? `: ${answer.body}` : ''}`;
}

const UNREACHABLE_FIX = 'the URL must reach the EventSource Service (port eventSource.port, path eventSource.endpoint) as GitHub reaches it: check the Ingress, DNS and TLS, and `ci-remediation status` for the EventSource pods and endpoints';

/** The step for the signed delivery that must be acknowledged (200). */
function acknowledgedStep(title: string, answer: Answer, url: string): DrillStep {
  if (!('error' in answer) && answer.status === 200) return { title, verdict: 'pass', details: [`${url}: ${describeAnswer(answer)}`] };
  let fix = UNREACHABLE_FIX;
  if (!('error' in answer) && answer.status === 400) fix = 'the EventSource refused the signature or the body: the secret used here must be the one in the Secret eventSource.webhookSecret names (and in the GitHub hook); with --secret-file, compare it with that Secret';
  else if (!('error' in answer) && answer.status === 404) fix = 'no such path: --url must end with eventSource.endpoint, and the Ingress must pass that path on';
  else if (!('error' in answer) && answer.status >= 500) fix = 'the EventSource could not publish the event: check its pod logs and the EventBus (`ci-remediation status`)';
  return { title, verdict: 'fail', details: [`${url}: ${describeAnswer(answer)}`, 'expected HTTP 200'], fix };
}

/** Looks for the CodeRun until it exists or `deadline`; connection problems are retried until then. */
async function waitForCodeRun(context: DrillContext, expected: Extract<Expectation, { fires: true }>, deadline: number, stop: { stopped: boolean }): Promise<{ found?: Record<string, unknown>; error?: string }> {
  let error: string | undefined;
  for (;;) {
    try {
      const found = await context.cluster.get(expected.apiVersion, 'CodeRun', expected.namespace, expected.name);
      if (found) return { found };
      error = undefined;
    } catch (err) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      error = (require('../cluster/kube') as typeof import('../cluster/kube')).plainMessage(err);
    }
    if (Date.now() >= deadline || stop.stopped) return error !== undefined ? { error } : {};
    await Promise.race([new Promise(resolve => setTimeout(resolve, Math.min(context.pollMs ?? 500, Math.max(0, deadline - Date.now())))), context.stopped]);
  }
}

/** Fails the drill when the CodeRun already exists: the Sensor's create would meet AlreadyExists and prove nothing. */
async function refuseExisting(context: DrillContext, expected: Extract<Expectation, { fires: true }>, advice: string): Promise<void> {
  const existing = await context.cluster.get(expected.apiVersion, 'CodeRun', expected.namespace, expected.name);
  if (existing) {
    throw new DrillSetupError(`CodeRun ${expected.namespace}/${expected.name} already exists, so the Sensor's create would meet AlreadyExists and prove nothing; ${advice}`);
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The safe drill; resolves to whether every step passed. */
export async function safeDrill(context: DrillContext): Promise<boolean> {
  const runId = Date.now();
  const success = signedRequest(workflowRunCompletedPayload(drillRun(context.settings, 'success', runId)), context.secret);
  const forged = badlySignedRequest(workflowRunCompletedPayload(drillRun(context.settings, 'failure', runId)));
  const dropped = expectation(context.sensor, success);
  const wouldFire = expectation(context.sensor, forged);
  if (dropped.fires) throw new DrillSetupError(`the Sensor synthesized from the settings fires on a successful run (filters.conclusions includes success?): the safe drill would start an agent; use --run-id instead`);
  if (!wouldFire.fires) throw new DrillSetupError(`the Sensor synthesized from the settings drops even a failed drill run (${wouldFire.reason}), so the safe drill could not tell a missing signature check; run the drill with --run-id ID --repo OWNER/NAME`);
  context.report({ title: 'offline: the Sensor synthesized from the settings drops the successful run and would create a CodeRun for the failed one', verdict: 'info', details: [`drill run ${runId} of ${context.settings.repositories[0]}: the successful run is dropped (${dropped.reason}); accepted, the failed one would create CodeRun ${wouldFire.namespace}/${wouldFire.name}`] });
  await refuseExisting(context, wouldFire, 'run the drill again (each drill uses a new run id)');

  let passed = true;
  const first = await send(context.url, success);
  const acknowledged = acknowledgedStep('a correctly signed delivery of a successful run is acknowledged', first, context.url);
  context.report(acknowledged);
  passed &&= acknowledged.verdict === 'pass';

  const answer = await send(context.url, forged);
  const title = 'a badly signed delivery of a failed run is rejected';
  if (!('error' in answer) && answer.status >= 400 && answer.status < 500) {
    context.report({ title, verdict: 'pass', details: [`${describeAnswer(answer)} (the EventSource answers 400 to a signature that does not verify)`] });
  } else if (!('error' in answer) && answer.status >= 200 && answer.status < 300) {
    passed = false;
    context.report({ title, verdict: 'fail', details: [`${describeAnswer(answer)}: accepted`], fix: 'the EventSource does not check signatures: set spec.github.<event>.webhookSecret (eventSource.webhookSecret; synth always emits it) and re-apply dist/; anyone who reaches the URL can start agents until then' });
  } else {
    passed = false;
    context.report({ title, verdict: 'fail', details: [describeAnswer(answer), 'expected a 4xx rejection'], fix: UNREACHABLE_FIX });
  }

  const noneTitle = `no CodeRun ${wouldFire.namespace}/${wouldFire.name} appears within ${seconds(context.waitMs)}`;
  if ('error' in first && 'error' in answer) {
    context.report({ title: noneTitle, verdict: 'info', details: ['not watched: neither delivery reached the EventSource'] });
    return false;
  }
  const stop = { stopped: false };
  void context.stopped.then(() => { stop.stopped = true; });
  const started = Date.now();
  const seen = await waitForCodeRun(context, wouldFire, started + context.waitMs, stop);
  if (seen.found) {
    passed = false;
    context.report({ title: noneTitle, verdict: 'fail', details: [`it appeared after ${seconds(Date.now() - started)}: the stack acted on a delivery it must drop or reject`], fix: `delete it (kubectl delete coderun -n ${wouldFire.namespace} ${wouldFire.name}) before its agent runs; then check the deployed Sensor's filters and the EventSource's webhookSecret against synth (\`ci-remediation status\`)` });
  } else if (seen.error !== undefined) {
    passed = false;
    context.report({ title: noneTitle, verdict: 'fail', details: [`cannot read CodeRuns: ${seen.error}`], fix: 'the credentials must allow get on coderuns in codeRun.namespace' });
  } else if (stop.stopped) {
    passed = false;
    context.report({ title: noneTitle, verdict: 'fail', details: [`stopped after ${seconds(Date.now() - started)}, before the wait was over`] });
  } else {
    context.report({ title: noneTitle, verdict: 'pass', details: [] });
  }
  return passed;
}

/** The run drill; `payload` is the run's webhook body. Resolves to whether every step passed. */
export async function runDrill(context: DrillContext, payload: Record<string, unknown>, follow: boolean): Promise<boolean> {
  const request = signedRequest(payload, context.secret);
  const expected = expectation(context.sensor, request);
  const run = payload.workflow_run as Record<string, unknown>;
  const runLabel = `run ${String(run.id)} attempt ${String(run.run_attempt)} of ${String((payload.repository as Record<string, unknown>).full_name)} (workflow ${JSON.stringify(run.name)}, conclusion ${String(run.conclusion)}, branch ${JSON.stringify(run.head_branch)})`;
  if (!expected.fires) {
    context.report({ title: 'offline: the Sensor synthesized from the settings creates a CodeRun for this run', verdict: 'fail', details: [runLabel, `dropped: ${expected.reason}`], fix: 'pick a failed run the settings remediate (repositories, filters.*), or change the settings; nothing was sent' });
    return false;
  }
  context.report({ title: 'offline: the Sensor synthesized from the settings creates a CodeRun for this run', verdict: 'pass', details: [runLabel, `expected CodeRun ${expected.namespace}/${expected.name}`] });
  await refuseExisting(context, expected, `delete it (kubectl delete coderun -n ${expected.namespace} ${expected.name}) to drill with this run, or pick another run`);

  const acknowledged = acknowledgedStep('the signed delivery is acknowledged', await send(context.url, request), context.url);
  context.report(acknowledged);
  if (acknowledged.verdict === 'fail') return false;

  const stop = { stopped: false };
  void context.stopped.then(() => { stop.stopped = true; });
  const started = Date.now();
  const seen = await waitForCodeRun(context, expected, started + context.waitMs, stop);
  const title = `CodeRun ${expected.namespace}/${expected.name} appears within ${seconds(context.waitMs)}`;
  if (!seen.found) {
    const details = seen.error !== undefined ? [`cannot read CodeRuns: ${seen.error}`] : [stop.stopped ? `stopped after ${seconds(Date.now() - started)}` : 'it did not appear'];
    context.report({ title, verdict: 'fail', details, fix: 'the EventSource acknowledged the delivery but no CodeRun was created: read the Sensor pod\'s logs (a filter that drops the event, a trigger error, RBAC refusing the create) and run `ci-remediation status`' });
    return false;
  }
  context.report({ title, verdict: 'pass', details: [`after ${seconds(Date.now() - started)}`] });
  if (!follow) return true;
  return followCodeRun(context, expected);
}

/** Follows the CodeRun like `watch` until a final phase, its deletion, or a stop; a `Failed` CodeRun fails the drill. */
async function followCodeRun(context: DrillContext, expected: Extract<Expectation, { fires: true }>): Promise<boolean> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CodeRunFollower } = require('../cluster/watch') as typeof import('../cluster/watch');
  let last: CodeRunChange | undefined;
  const follower = new CodeRunFollower(context.cluster, {
    apiVersion: expected.apiVersion,
    namespace: expected.namespace,
    notBefore: 0,
    onChange: change => {
      if (change.row.name !== expected.name) return;
      last = change;
      context.line(change);
      if (change.deleted || FINAL_PHASES.has(change.row.phase)) follower.stop();
    },
    onWarning: context.warn,
  });
  void context.stopped.then(() => follower.stop());
  await follower.run();
  const title = `CodeRun ${expected.namespace}/${expected.name} followed`;
  if (last === undefined || (!last.deleted && !FINAL_PHASES.has(last.row.phase))) {
    context.report({ title, verdict: 'info', details: [`stopped following in phase ${last?.row.phase ?? 'Pending'}; \`ci-remediation watch\` follows it further`] });
    return true;
  }
  if (last.deleted) {
    context.report({ title, verdict: 'fail', details: [`deleted in phase ${last.row.phase}`] });
    return false;
  }
  if (last.row.phase === 'Failed') {
    context.report({ title, verdict: 'fail', details: ['the agent controller reports Failed'], fix: `the delivery path works; the agent failed: kubectl describe coderun -n ${expected.namespace} ${expected.name}, and its pod's logs` });
    return false;
  }
  context.report({ title, verdict: 'pass', details: [`Succeeded${last.row.pullRequest ? `, fix PR ${last.row.pullRequest}` : ''}`] });
  return true;
}
