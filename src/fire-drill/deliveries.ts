/**
 * The deliveries a fire drill sends, and what the Sensor must do with each, decided offline by the
 * same code `serve` runs on a journaled delivery (src/serve/process-delivery.ts): the expected
 * CodeRun name is the one the synthesized trigger gives, never derived again here.
 */
import { randomBytes, randomUUID } from 'crypto';
import { GitHubHeaders, WORKFLOW_RUN_EVENT } from '../github/webhook';
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
export function signedRequest(payload: unknown, secret: Buffer, event = WORKFLOW_RUN_EVENT): DrillRequest {
  const body = JSON.stringify(payload);
  const deliveryId = randomUUID();
  return {
    deliveryId,
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/ci-remediation-fire-drill',
      [GitHubHeaders.event]: event,
      [GitHubHeaders.delivery]: deliveryId,
      [GitHubHeaders.signature256]: signBody(body, secret),
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
