/**
 * `serve`'s HTTP behaviour over real HTTP on 127.0.0.1 with real HMAC signatures. Expected answers
 * come from argo-events 6478ece (`pkg/eventsources/sources/github/start.go`, `webhook/webhook.go`,
 * `pkg/shared/util/util.go`: 400 with the error text, `200 success`, `/health` `200 OK`) and
 * go-github v50.2.0 `github/messages.go` (error texts of `ValidatePayload`).
 */
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as YAML from 'yaml';
import { MASKED_AUTHORIZATION } from '../../src/engine/github-event';
import * as requestCheck from '../../src/serve/request-check';
import { WebhookServer } from '../../src/serve/server';
import { signBody } from '../../src/serve/signature';
import * as os from 'os';
import { stackYaml } from '../cli/simulate-fixtures';
import { deliver, failureBody, githubHeaders, request, SECRET } from './serve-client';

/** Temporary folders, created inside tests too (the shared tempDir registers a hook), removed after the file. */
const scratch: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(() => { for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true }); });

const sensor = YAML.parseAllDocuments(stackYaml()).map(d => d.toJS()).find(m => m.kind === 'Sensor');

interface Running {
  server: WebhookServer;
  port: number;
  out: string;
  logs: Record<string, any>[];
}

async function startServer(out = tempDir('serve-'), extra: Partial<ConstructorParameters<typeof WebhookServer>[0]> = {}): Promise<Running> {
  const logs: Record<string, any>[] = [];
  const server = new WebhookServer({ sensor, secret: Buffer.from(SECRET), port: 0, outDir: out, log: line => logs.push(JSON.parse(line)), processMetrics: false, ...extra });
  const address = await server.start();
  return { server, port: address.port, out, logs };
}

/** Waits until the server has processed everything journaled (stop drains the queue). */
async function settle(running: Running): Promise<void> {
  for (let i = 0; i < 200 && (await metric(running, 'ci_remediation_serve_pending_deliveries')) !== 0; i++) await new Promise(r => setTimeout(r, 10));
}

async function metric(running: Running, name: string, labels = ''): Promise<number> {
  const text = (await request(running.port, { method: 'GET', path: '/metrics' })).body;
  const line = text.split('\n').find(l => l.startsWith(`${name}${labels} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

const resourceFiles = (dir: string) => fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort();

describe('serve: accepted deliveries', () => {
  let running: Running;
  beforeAll(async () => { running = await startServer(); });
  afterAll(async () => { await running.server.stop(); });

  test('a signed failed run is answered 200 success, journaled, and its CodeRun written once per name', async () => {
    const reply = await deliver(running.port, 'delivery-1', 4242);
    expect(reply).toMatchObject({ status: 200, body: 'success' });
    await settle(running);
    const files = resourceFiles(running.out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^CodeRun\.cto\.[a-z0-9.-]+\.json$/);
    const coderun = JSON.parse(fs.readFileSync(path.join(running.out, files[0]), 'utf8'));
    expect(coderun.spec.env.WORKFLOW_RUN_ID).toBe('4242');
    expect(coderun.metadata.labels['events.argoproj.io/sensor']).toBe('ci-failure-remediation');
    expect(running.logs.at(-1)).toMatchObject({ id: 'delivery-1', event: 'workflow_run', verdict: 'fired', resources: [files[0]], triggers: [{ result: 'created' }] });

    // Another delivery of the same run (a re-run webhook, a new delivery id): the name exists.
    const before = fs.readFileSync(path.join(running.out, files[0]), 'utf8');
    expect((await deliver(running.port, 'delivery-2', 4242)).status).toBe(200);
    await settle(running);
    expect(resourceFiles(running.out)).toEqual(files);
    expect(fs.readFileSync(path.join(running.out, files[0]), 'utf8')).toBe(before);
    expect(running.logs.at(-1)).toMatchObject({ id: 'delivery-2', verdict: 'fired', triggers: [{ result: 'already-exists', resource: files[0] }] });
    expect(await metric(running, 'ci_remediation_serve_triggers_total', '{result="already-exists"}')).toBe(1);
  });

  test('a redelivery (same X-GitHub-Delivery) is acknowledged and not processed again', async () => {
    expect((await deliver(running.port, 'delivery-3', 5151)).status).toBe(200);
    expect((await deliver(running.port, 'delivery-3', 5151)).status).toBe(200);
    await settle(running);
    const lines = running.logs.filter(l => l.id === 'delivery-3');
    expect(lines.map(l => l.verdict)).toEqual(['fired', 'duplicate']);
  });

  test('the event is what the EventSource publishes: canonical header arrays, X-GitHub-Event/-Delivery in the body, Authorization masked', async () => {
    const body = failureBody(777);
    const journal = path.join(running.out, '.journal.ndjson');
    const reply = await request(running.port, { headers: { ...githubHeaders(body, 'delivery-h'), authorization: 'Bearer t0ken', 'x-custom': ['a', 'b'] }, body });
    expect(reply.status).toBe(200);
    const record = fs.readFileSync(journal, 'utf8').trim().split('\n').map(l => JSON.parse(l)).find(r => r.deliveryId === 'delivery-h');
    expect(record.headers['X-Github-Event']).toEqual(['workflow_run']);
    expect(record.headers['X-Custom']).toEqual(['a', 'b']);
    expect(record.headers.Host).toBeUndefined();
    expect(record.body).toBe(body);
    await settle(running);
    const coderun = JSON.parse(fs.readFileSync(path.join(running.out, running.logs.at(-1)!.resources[0]), 'utf8'));
    expect(coderun.metadata.annotations['remediation.agents.platform/github-delivery']).toBe('delivery-h');
    expect(JSON.stringify(coderun)).not.toContain('t0ken');
    expect(MASKED_AUTHORIZATION).not.toContain('t0ken');
  });

  test('form-encoded deliveries (payload field) and X-Hub-Signature (sha1) are accepted as go-github does', async () => {
    const payload = failureBody(888);
    const form = `payload=${encodeURIComponent(payload)}`;
    const headers = { ...githubHeaders(form, 'delivery-f'), 'Content-Type': 'application/x-www-form-urlencoded' };
    delete (headers as Record<string, string>)['X-Hub-Signature-256'];
    const sha1 = createHmac('sha1', SECRET).update(form).digest('hex');
    expect((await request(running.port, { headers: { ...headers, 'X-Hub-Signature': `sha1=${sha1}` }, body: form })).status).toBe(200);
    await settle(running);
    expect(running.logs.at(-1)).toMatchObject({ id: 'delivery-f', verdict: 'fired' });
  });

  test('/health answers 200 OK; /metrics has Prometheus text with the counters and the latency histogram', async () => {
    expect(await request(running.port, { method: 'GET', path: '/health' })).toMatchObject({ status: 200, body: 'OK' });
    const metrics = await request(running.port, { method: 'GET', path: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.body).toMatch(/^ci_remediation_serve_deliveries_total\{outcome="accepted"\} \d+$/m);
    expect(metrics.body).toMatch(/^ci_remediation_serve_ack_seconds_bucket\{le="0\.005"\} \d+$/m);
    expect(metrics.body).toMatch(/^ci_remediation_serve_processed_total\{verdict="fired"\} \d+$/m);
  });
});

describe('serve: rejected requests evaluate nothing', () => {
  let running: Running;
  beforeAll(async () => { running = await startServer(undefined, { maxBodyBytes: 25 * 1000 * 1000 }); });
  afterAll(async () => { await running.server.stop(); });

  const body = failureBody(999);
  const cases: [string, Record<string, string>, string | Buffer, number, string][] = [
    ['no signature', { ...githubHeaders(body, 'r1'), 'X-Hub-Signature-256': '' }, body, 400, 'missing signature'],
    ['a signature with another secret', githubHeaders(body, 'r2', 'workflow_run', 'wrong'), body, 400, 'payload signature check failed'],
    ['a signature over other bytes', { ...githubHeaders(body, 'r3'), 'X-Hub-Signature-256': signBody(`${body} `, SECRET) }, body, 400, 'payload signature check failed'],
    ['a truncated signature', { ...githubHeaders(body, 'r4'), 'X-Hub-Signature-256': signBody(body, SECRET).slice(0, 21) }, body, 400, 'payload signature check failed'],
    ['an unknown hash', { ...githubHeaders(body, 'r5'), 'X-Hub-Signature-256': 'md5=00' }, body, 400, 'unknown hash type prefix: "md5"'],
    ['a signature that is not hex', { ...githubHeaders(body, 'r6'), 'X-Hub-Signature-256': 'sha256=zz' }, body, 400, 'error decoding signature "sha256=zz"'],
    ['no Content-Type', { ...githubHeaders(body, 'r7'), 'Content-Type': '' }, body, 400, 'mime: no media type'],
    ['an unsupported Content-Type', { ...githubHeaders(body, 'r8'), 'Content-Type': 'text/plain' }, body, 400, 'webhook request has unsupported Content-Type "text/plain"'],
    ['malformed JSON, correctly signed', githubHeaders('{"action": ', 'r9'), '{"action": ', 400, 'delivery body is not valid JSON'],
    ['a JSON array, correctly signed', githubHeaders('[1]', 'r10'), '[1]', 400, 'delivery body must be a JSON object'],
    // JSON.parse reads 1e400 (as Infinity); Go's json.Unmarshal into a map refuses it, and the
    // event source answers 400 with its error (start.go parseValidateRequest at 6478ece).
    ['a number beyond float64, correctly signed', githubHeaders('{"a":1e400}', 'r11'), '{"a":1e400}', 400, 'json: cannot unmarshal number 1e400 into Go value of type float64'],
  ];
  test.each(cases)('%s: %d', async (_name, headers, sent, status, reason) => {
    const before = running.logs.length;
    const reply = await request(running.port, { headers, body: sent });
    expect(reply.status).toBe(status);
    expect(reply.body).toContain(reason);
    expect(running.logs.slice(before)).toEqual([expect.objectContaining({ verdict: 'rejected', status })]);
  });

  test('nothing rejected reached the journal or the out folder', async () => {
    await settle(running);
    expect(fs.readFileSync(path.join(running.out, '.journal.ndjson'), 'utf8')).toBe('');
    expect(resourceFiles(running.out)).toEqual([]);
    expect(await metric(running, 'ci_remediation_serve_deliveries_total', '{outcome="bad_signature"}')).toBe(6);
  });

  test('wrong path: 404; wrong method on the endpoint: 405', async () => {
    expect((await request(running.port, { path: '/github/other', headers: githubHeaders(body, 'p1'), body })).status).toBe(404);
    const get = await request(running.port, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await request(running.port, { method: 'PUT', headers: githubHeaders(body, 'p2'), body })).status).toBe(405);
  });

  test('a body over 25 MB declared in Content-Length: 413 before any of it is read', async () => {
    // Only the headers are sent; the server must answer without waiting for the 26 MB.
    const reply = await rawExchange(running.port, [
      'POST /github/webhook HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json',
      `X-Hub-Signature-256: ${signBody('x', SECRET)}`, 'Content-Length: 26000000', '', '',
    ].join('\r\n'));
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toMatch(/connection: close/i);
  });

  test('a chunked body that grows over 25 MB: 413 once the count passes the cap, the rest unread', async () => {
    const socket = net.connect(running.port, '127.0.0.1');
    const head = ['POST /github/webhook HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked', '', ''].join('\r\n');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let reply = '';
    socket.on('data', d => { reply += d.toString(); });
    const closed = new Promise<void>(resolve => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(head);
    let sent = 0;
    // Keep sending (up to 60 MB) until the server answers: it must answer soon after 25 MB.
    while (reply === '' && sent < 60 && !socket.destroyed) {
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      if (!socket.write('\r\n')) await Promise.race([new Promise(resolve => socket.once('drain', resolve)), closed]);
      sent++;
    }
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(60);
  });
});

describe('serve: a defect while checking a delivery', () => {
  test('answers 500, journals nothing, and the server goes on serving', async () => {
    const running = await startServer();
    const spy = jest.spyOn(requestCheck, 'checkDelivery').mockImplementationOnce(() => { throw new Error('boom'); });
    try {
      const reply = await deliver(running.port, 'defect-1', 5151);
      expect(reply.status).toBe(500);
      expect(reply.body).toBe('internal error: boom');
      expect(running.logs.at(-1)).toMatchObject({ id: 'defect-1', verdict: 'rejected', status: 500 });
      expect(await metric(running, 'ci_remediation_serve_deliveries_total', '{outcome="internal_error"}')).toBe(1);
      expect((await deliver(running.port, 'defect-2', 5151)).status).toBe(200);
      await settle(running);
      expect(resourceFiles(running.out)).toHaveLength(1);
      const journaled = fs.readFileSync(path.join(running.out, '.journal.ndjson'), 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
      expect(journaled.filter(r => r.type === 'delivery').map(r => r.deliveryId)).toEqual(['defect-2']);
    } finally {
      spy.mockRestore();
      await running.server.stop();
    }
  });
});

describe('serve: restart', () => {
  test('deliveries journaled but not processed before a crash are processed on start, a torn last line is cut', async () => {
    const out = tempDir('serve-restart-');
    const body = failureBody(31337);
    const headers = Object.fromEntries(Object.entries(githubHeaders(body, 'd-pending')).map(([k, v]) => [k.replace(/-GitHub-/, '-Github-'), [v]]));
    const journal = path.join(out, '.journal.ndjson');
    fs.writeFileSync(journal, [
      JSON.stringify({ type: 'delivery', seq: 1, deliveryId: 'd-done', receivedAt: '2026-01-01T00:00:00Z', headers, body }),
      JSON.stringify({ type: 'processed', seq: 1 }),
      JSON.stringify({ type: 'delivery', seq: 2, deliveryId: 'd-pending', receivedAt: '2026-01-01T00:00:00Z', headers, body }),
      '{"type":"delivery","seq":3,"deliveryId":"d-torn","rece',
    ].join('\n'));
    const running = await startServer(out);
    await settle(running);
    await running.server.stop();
    expect(running.logs.map(l => [l.id, l.verdict])).toEqual([['', 'journal-recovered'], ['d-pending', 'fired']]);
    const records = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
    expect(records.at(-1)).toEqual({ type: 'processed', seq: 2 });
    expect(records.some(r => r.deliveryId === 'd-torn')).toBe(false);
  });

  test('a delivery abandoned when the out folder failed stays in the journal; its redelivery is processed, not a duplicate', async () => {
    const base = tempDir('serve-abandoned-');
    const out = path.join(base, 'out');
    const journal = path.join(base, 'journal.ndjson');
    const running = await startServer(out, { journal });
    // The out folder replaced by a file: every write into it fails (ENOTDIR), even for root.
    fs.rmSync(out, { recursive: true });
    fs.writeFileSync(out, '');
    expect((await deliver(running.port, 'd-abandoned', 4242)).status).toBe(200);
    await settle(running);
    expect(running.logs.map(l => [l.id, l.verdict])).toEqual([['d-abandoned', 'error']]);
    expect(running.logs[0].reason).toMatch(/^processing stopped: .*ENOTDIR/);
    fs.rmSync(out);
    fs.mkdirSync(out);
    // GitHub's redelivery of it (same delivery id): processed now, and a third copy is the duplicate.
    expect((await deliver(running.port, 'd-abandoned', 4242)).status).toBe(200);
    await settle(running);
    expect((await deliver(running.port, 'd-abandoned', 4242)).status).toBe(200);
    await settle(running);
    await running.server.stop();
    expect(running.logs.slice(1).map(l => [l.id, l.seq, l.verdict])).toEqual([['d-abandoned', 2, 'fired'], ['d-abandoned', 3, 'duplicate']]);
    expect(resourceFiles(out)).toEqual(['CodeRun.cto.ci-remediation-4242-2.json']);
    // The restart replays the abandoned first copy: a duplicate of the processed redelivery, nothing created twice.
    const restarted = await startServer(out, { journal });
    await settle(restarted);
    await restarted.server.stop();
    expect(restarted.logs.map(l => [l.id, l.seq, l.verdict])).toEqual([['d-abandoned', 1, 'duplicate']]);
    expect(resourceFiles(out)).toEqual(['CodeRun.cto.ci-remediation-4242-2.json']);
  });

  test('a corrupt line before the end refuses to start, naming the line', async () => {
    const out = tempDir('serve-corrupt-');
    fs.writeFileSync(path.join(out, '.journal.ndjson'), '{"type":"processed","seq":1}\nnot json\n{"type":"processed","seq":2}\n');
    await expect(startServer(out)).rejects.toThrow(/\.journal\.ndjson:2: not a journal record/);
  });
});

/** Writes raw HTTP and collects the answer until the server closes the connection. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', d => { reply += d.toString(); });
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(reply);
    });
    socket.on('error', reject);
  });
}
