/**
 * What the GitHub event source accepts as a delivery, before it reaches the bus. Pure: received
 * headers and body bytes in, the delivery (or the 400 answer) out.
 *
 * Sources, read at their pinned versions:
 * - argo-events 6478ece `pkg/eventsources/sources/github/start.go` (`HandleRoute`,
 *   `parseValidateRequest`): go-github's `ValidatePayload`, then the payload must decode into a
 *   JSON object; any error is answered `400` with the error text (`SendErrorResponse`,
 *   `pkg/shared/util/util.go`), success with `200 success` once the bus took the event
 *   (`DispatchEvent`, `pkg/eventsources/common/webhook/webhook.go`).
 * - go-github v50.2.0 `github/messages.go` (`ValidatePayload`, `ValidatePayloadFromBody`): the media
 *   type of `Content-Type` (Go `mime.ParseMediaType`) must be `application/json` (payload = body) or
 *   `application/x-www-form-urlencoded` (payload = form field `payload`); the HMAC covers the raw
 *   body in both cases.
 */
import { canonicalHeaders, githubEvent, GitHubDeliveryError, type GitHubDelivery } from '../engine/github-event';
import { CanonicalGitHubHeaders } from '../github/webhook';
import { signatureHeader, verifySignature } from './signature';

/** An accepted delivery: canonical headers (Go `http.Header`) and the body text. */
export interface AcceptedDelivery {
  readonly headers: Record<string, string[]>;
  readonly body: string;
  /** `X-GitHub-Delivery` ('' when absent: GitHub always sends it). */
  readonly deliveryId: string;
  /** `X-GitHub-Event`. */
  readonly event: string;
}

export type DeliveryCheck =
  | { readonly ok: true; readonly delivery: AcceptedDelivery }
  | { readonly ok: false; readonly status: number; readonly outcome: 'bad_signature' | 'bad_request'; readonly reason: string };

/**
 * Headers as Go's server hands them to the handler, from Node's `rawHeaders` (names as sent, in
 * order, repeats kept): canonical keys with every value, without `Host` (Go moves it to
 * `Request.Host`) and `Transfer-Encoding` (Go consumes it while reading the body).
 */
export function receivedHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const pairs: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    (pairs[name] ??= []).push(rawHeaders[i + 1]);
  }
  const headers = canonicalHeaders(pairs);
  delete headers.Host;
  delete headers['Transfer-Encoding'];
  return headers;
}

/** Go `mime.ParseMediaType`'s media type: lower case, parameters dropped; an error text when there is none. */
export function mediaTypeOf(contentType: string): { type: string } | { error: string } {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === '') return { error: 'mime: no media type' };
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(type)) return { error: 'mime: expected token after slash' };
  return { type };
}

const SUPPORTED_MEDIA_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/**
 * Checks a received delivery as the event source does: content type, then the signature over
 * the raw body (only after it, anything of the payload is read), then the payload must be a JSON
 * object. `secret` is never empty here: `serve` refuses to run without one, although Argo skips
 * the check when `webhookSecret` is unset.
 * @param addressed the EventSource and event name the event is published under (the Sensor's first dependency)
 */
export function checkDelivery(headers: Record<string, string[]>, body: Buffer, secret: Buffer, addressed: { eventSourceName: string; eventName: string }): DeliveryCheck {
  const media = mediaTypeOf(headers['Content-Type']?.[0] ?? '');
  if ('error' in media) return { ok: false, status: 400, outcome: 'bad_request', reason: media.error };
  if (!SUPPORTED_MEDIA_TYPES.has(media.type)) {
    return { ok: false, status: 400, outcome: 'bad_request', reason: `webhook request has unsupported Content-Type ${JSON.stringify(media.type)}` };
  }
  const signature = verifySignature(signatureHeader(headers), body, secret);
  if (!signature.ok) return { ok: false, status: 400, outcome: 'bad_signature', reason: signature.reason };
  const delivery: AcceptedDelivery = {
    headers,
    body: body.toString('utf8'),
    deliveryId: headers[CanonicalGitHubHeaders.delivery]?.[0] ?? '',
    event: headers[CanonicalGitHubHeaders.event]?.[0] ?? '',
  };
  try {
    // Built here only to answer 400 now for a payload the event source cannot decode; the event
    // is built again from the journal when it is processed. Keeping this one until then was
    // measured slower (`npm run bench`, serve: about 30% fewer acknowledgements per second, RSS
    // +100 MiB): an event that waits in the queue outlives V8's young generation, and promoting
    // its decoded payload costs more than decoding the journaled text again.
    githubEvent(asGitHubDelivery(delivery), { ...addressed });
  } catch (err) {
    if (err instanceof GitHubDeliveryError) return { ok: false, status: 400, outcome: 'bad_request', reason: err.message };
    throw err;
  }
  return { ok: true, delivery };
}

/** The engine's delivery shape for an accepted delivery. */
export function asGitHubDelivery(delivery: { headers: Record<string, string[]>; body: string }): GitHubDelivery {
  return { headers: delivery.headers, body: delivery.body };
}
