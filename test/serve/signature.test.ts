/**
 * The signature check against go-github v50.2.0 `github/messages.go` (`ValidatePayload` reads
 * `X-Hub-Signature-256`, else `X-Hub-Signature`; `messageMAC` accepts sha1/sha256/sha512 and
 * returns the error texts below; `checkMAC` compares with `hmac.Equal`).
 */
import { createHmac } from 'crypto';
import { signatureHeader, signBody, verifySignature } from '../../src/serve/signature';

const secret = Buffer.from('s3cret');
const body = Buffer.from('{"zen":"Keep it logically awesome."}');
const mac = (algorithm: string) => createHmac(algorithm, secret).update(body).digest('hex');

test.each(['sha1', 'sha256', 'sha512'])('%s signatures are accepted', algorithm => {
  expect(verifySignature(`${algorithm}=${mac(algorithm)}`, body, secret)).toEqual({ ok: true });
  expect(verifySignature(`${algorithm}=${mac(algorithm).toUpperCase()}`, body, secret)).toEqual({ ok: true });
});

test.each([
  ['', 'missing signature'],
  ['sha256', 'error parsing signature "sha256"'],
  ['md5=abcd', 'unknown hash type prefix: "md5"'],
  ['SHA256=abcd', 'unknown hash type prefix: "SHA256"'],
  ['sha256=abc', 'error decoding signature "sha256=abc"'],
  ['sha256=', 'payload signature check failed'],
  [`sha256=${mac('sha256').slice(0, 62)}`, 'payload signature check failed'],
  [`sha1=${mac('sha256')}`, 'payload signature check failed'],
])('%j: %s', (signature, reason) => {
  expect(verifySignature(signature, body, secret)).toEqual({ ok: false, reason });
});

test('another secret or other bytes fail', () => {
  expect(verifySignature(signBody(body, 'other'), body, secret).ok).toBe(false);
  expect(verifySignature(signBody(Buffer.concat([body, Buffer.from('\n')]), secret), body, secret).ok).toBe(false);
  expect(verifySignature(signBody(body, secret), body, secret).ok).toBe(true);
});

test('X-Hub-Signature-256 first, X-Hub-Signature when it is empty or absent', () => {
  expect(signatureHeader({ 'X-Hub-Signature-256': ['sha256=a'], 'X-Hub-Signature': ['sha1=b'] })).toBe('sha256=a');
  expect(signatureHeader({ 'X-Hub-Signature-256': [''], 'X-Hub-Signature': ['sha1=b'] })).toBe('sha1=b');
  expect(signatureHeader({ 'X-Hub-Signature': ['sha1=b'] })).toBe('sha1=b');
  expect(signatureHeader({})).toBe('');
});
