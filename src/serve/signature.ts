/**
 * The webhook signature check of the GitHub event source, as go-github v50.2.0 does it
 * (`github/messages.go`: `ValidatePayload`, `messageMAC`, `ValidateSignature`), which
 * argo-events 6478ece calls from `pkg/eventsources/sources/github/start.go` (`parseValidateRequest`).
 * Pure: headers and bytes in, a verdict out.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { CanonicalGitHubHeaders } from '../github/webhook';

/** The hash names go-github accepts before the `=` of a signature, and Node's names for them. */
const HASHES: Readonly<Record<string, string>> = { sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' };

/** A signature verdict: `ok`, or the error text go-github returns (Argo answers 400 with it). */
export type SignatureVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The signature header a delivery is checked with: `X-Hub-Signature-256`, or when that is empty
 * `X-Hub-Signature` (go-github `ValidatePayload`: `r.Header.Get` of each, first value).
 */
export function signatureHeader(headers: Record<string, string[]>): string {
  const sha256 = headers[CanonicalGitHubHeaders.signature256]?.[0] ?? '';
  return sha256 !== '' ? sha256 : headers[CanonicalGitHubHeaders.signature]?.[0] ?? '';
}

/** Go `hex.DecodeString`: even length, hex digits of either case; else undefined. */
function decodeHex(text: string): Buffer | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  return Buffer.from(text, 'hex');
}

/**
 * Checks `signature` (`sha256=<hex>`, `sha1=...` or `sha512=...`) against the HMAC of the raw
 * body with `secret`. The comparison is constant time (`timingSafeEqual`, as Go's `hmac.Equal`);
 * a tag of the wrong length fails without comparing, which reveals only the length.
 */
export function verifySignature(signature: string, body: Buffer, secret: Buffer): SignatureVerdict {
  if (signature === '') return { ok: false, reason: 'missing signature' };
  const eq = signature.indexOf('=');
  if (eq < 0) return { ok: false, reason: `error parsing signature ${JSON.stringify(signature)}` };
  const prefix = signature.slice(0, eq);
  const algorithm = Object.prototype.hasOwnProperty.call(HASHES, prefix) ? HASHES[prefix] : undefined;
  if (algorithm === undefined) return { ok: false, reason: `unknown hash type prefix: ${JSON.stringify(prefix)}` };
  const tag = decodeHex(signature.slice(eq + 1));
  if (tag === undefined) return { ok: false, reason: `error decoding signature ${JSON.stringify(signature)}` };
  const expected = createHmac(algorithm, secret).update(body).digest();
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) return { ok: false, reason: 'payload signature check failed' };
  return { ok: true };
}

/** `sha256=<hex>` for `body`: what GitHub sends in `X-Hub-Signature-256`. */
export function signBody(body: Buffer | string, secret: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
