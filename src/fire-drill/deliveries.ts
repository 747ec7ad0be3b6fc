/**
 * The deliveries a fire drill sends, and what the Sensor must do with each, decided offline by the
 * same code `serve` runs on a journaled delivery (src/serve/process-delivery.ts): the expected
 * CodeRun name is the one the synthesized trigger gives, never derived again here.
 */
import { randomBytes, randomUUID } from 'crypto';
import type { ResolvedSettings } from '../config/settings';
import { evaluateDelivery, prepareSensor } from '../serve/process-delivery';
import { receivedHeaders } from '../serve/request-check';
import { signBody } from '../serve/signature';

/** A request to send: the headers GitHub sends with a JSON delivery, and the body. */
export interface DrillRequest {
  readonly deliveryId: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * A delivery as GitHub sends it (`Content-Type: application/json`, `X-GitHub-Event`,
 * `X-GitHub-Delivery` a GUID, `X-Hub-Signature-256`; reference §1), signed with `secret`.
 */
export function signedRequest(payload: unknown, secret: Buffer, event = 'workflow_run'): DrillRequest {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  return {
    deliveryId,
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/ci-remediation-fire-drill',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': deliveryId,
      'X-Hub-Signature-256': signBody(body, secret),
    },
  };
}

/** The same delivery signed with a random key: a well-formed signature that cannot verify. */
export function badlySignedRequest(payload: unknown): DrillRequest {
  return signedRequest(payload, randomBytes(32));
}

/** What the Sensor does with a delivery, offline. */
export type Expectation =
  | { readonly fires: true; readonly apiVersion: string; readonly namespace: string; readonly name: string }
  | { readonly fires: false; readonly reason: string };

/** Runs `request` through `sensor` as `serve` would and says whether it creates a CodeRun, and its name. */
export function expectation(sensor: Record<string, unknown>, request: DrillRequest): Expectation {
  const rawHeaders = Object.entries(request.headers).flat();
  const outcome = evaluateDelivery(prepareSensor(sensor), {
    type: 'delivery',
    seq: 1,
    deliveryId: request.deliveryId,
    receivedAt: new Date().toISOString(),
    headers: receivedHeaders(rawHeaders),
    body: request.body,
  });
  const created = outcome.triggers.find(t => t.result === 'create');
  const object = created?.object as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;
  if (object?.kind === 'CodeRun' && object.metadata?.name && object.metadata.namespace && object.apiVersion) {
    return { fires: true, apiVersion: object.apiVersion, namespace: object.metadata.namespace, name: object.metadata.name };
  }
  return { fires: false, reason: outcome.reason ?? (created ? 'the trigger creates no CodeRun' : 'no trigger fired') };
}

/**
 * A `workflow_run` `completed` delivery of a run that does not exist, for the safe drill: the
 * fields the stack's filters and trigger read (README, "The filters" and "The trigger"), for the
 * first configured repository, on a branch and commit that name the drill. Its run id is the
 * current time in milliseconds, far above GitHub's run ids (about 2e10 today), so it never meets a
 * real run's CodeRun, and differs per drill.
 */
export function drillRunPayload(settings: ResolvedSettings, conclusion: string, runId: number): Record<string, unknown> {
  const fullName = settings.repositories[0];
  const [owner, name] = fullName.split('/');
  const htmlUrl = `https://github.com/${fullName}`;
  const repository = { id: 0, name, full_name: fullName, html_url: htmlUrl, owner: { login: owner } };
  // A workflow the settings include: the first exact name of filters.includeWorkflows, if any.
  const included = settings.filters.includeWorkflows?.find(w => !/^\/.*\/$/.test(w));
  return {
    action: 'completed',
    workflow_run: {
      id: runId,
      name: included ?? 'ci-remediation fire drill',
      head_branch: 'ci-remediation-fire-drill',
      head_sha: '0000000000000000000000000000000000000000',
      run_number: 1,
      run_attempt: 1,
      event: 'push',
      status: 'completed',
      conclusion,
      html_url: `${htmlUrl}/actions/runs/${runId}`,
      head_commit: { id: '0000000000000000000000000000000000000000', message: 'ci-remediation fire drill: no such run exists' },
      head_repository: repository,
      repository,
      pull_requests: [],
    },
    repository,
    sender: { login: 'ci-remediation-fire-drill', type: 'User' },
  };
}
