/**
 * The HTTP side of `serve`: GitHub's webhook endpoint as the GitHub EventSource serves it
 * (argo-events 6478ece `pkg/eventsources/common/webhook/webhook.go` `startServer`: the endpoint
 * path, `/health` answering `200 OK`; `pkg/eventsources/sources/github/start.go` `HandleRoute`),
 * the journal that acknowledges, and the queue that runs journaled deliveries through the Sensor
 * one at a time (in order, so that a second creation of a name is always the later delivery).
 *
 * Where it departs from the EventSource, on purpose: a body over GitHub's 25 MB payload cap is
 * answered 413 (Argo: 400 from `http.MaxBytesReader`, at its own default limit of 1 MiB); another
 * method than POST on the endpoint is answered 405 (Argo's route has no method, and a GET fails
 * the signature check with 400); a secret is required (Argo checks signatures only when
 * `webhookSecret` is set).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import { JournalWriter, recoverJournal, type JournalDelivery } from './journal';
import { createMetrics, type DeliveryOutcomeLabel, type ServeMetrics } from './metrics';
import { OutDirSink } from './out-dir';
import { evaluateDelivery, prepareSensor, type DeliveryOutcome, type PreparedSensor, type TriggerOutcome } from './process-delivery';
import { checkDelivery, receivedHeaders } from './request-check';
import type { CreateResult, Creation, ResourceSink } from './sink';
import type { SensorModel } from '../engine/model';
import { CanonicalGitHubHeaders } from '../github/webhook';

/** GitHub caps webhook payloads at 25 MB ("Webhook events and payloads", docs.github.com); a larger body is no GitHub delivery. */
export const MAX_BODY_BYTES = 25 * 1000 * 1000;
/** Delivery ids remembered to recognise a redelivery (GitHub redelivers with the same `X-GitHub-Delivery`). */
const REMEMBERED_DELIVERY_IDS = 100_000;
/** Deliveries processed together: their resources fsync'ed in parallel, their processed lines in one journal write. */
const PROCESS_BATCH = 128;
/** Pause before the first retry of a creation that failed for a transient reason; doubled per failure up to {@link RETRY_MAX_MS}. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
/** The longest `Retry-After` honoured: a server asking for more is asked again after this. */
const RETRY_AFTER_MAX_MS = 60_000;

/** Settings of {@link WebhookServer}. */
export interface WebhookServerOptions {
  /** The Sensor, as plain data. */
  readonly sensor: SensorModel | Record<string, unknown>;
  /** The webhook secret (bytes of the secret file, as GitHub uses them). */
  readonly secret: Buffer;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 for any free port. @default 12000 */
  readonly port?: number;
  /** @default '/github/webhook' */
  readonly endpoint?: string;
  /** Folder for created resources (a {@link OutDirSink}); give this or `sink`. */
  readonly outDir?: string;
  /** Where resources are created (the cluster for `--apply`); give this or `outDir`. */
  readonly sink?: ResourceSink;
  /** The journal; required with `sink`. @default `<outDir>/.journal.ndjson` */
  readonly journal?: string;
  /** Receives each log line (one JSON object, no newline). */
  readonly log: (line: string) => void;
  /** Largest body accepted. @default {@link MAX_BODY_BYTES} */
  readonly maxBodyBytes?: number;
  /** Add Node's default process metrics to `/metrics`. @default true */
  readonly processMetrics?: boolean;
}

/** A log line for a delivery. */
interface DeliveryLog {
  time: string;
  id: string;
  event: string;
  seq?: number;
  verdict: string;
  status?: number;
  reason?: string;
  retryInSeconds?: number;
  resources?: string[];
  triggers?: DeliveryOutcome['triggers'];
}

/** A delivery being processed: its verdict (evaluated once) and the results of its creations so far. */
interface DeliveryState {
  readonly outcome: DeliveryOutcome;
  /** The outcome's `create` triggers, in order. */
  readonly planned: readonly { readonly trigger: TriggerOutcome; readonly creation: Creation }[];
  /** One per planned creation, undefined until it is settled (anything but `retry`). */
  readonly results: (CreateResult | undefined)[];
}

/** How far a batch got: `done` deliveries from its start are processed; `retry` says why the next one is not. */
interface BatchProgress {
  readonly done: number;
  readonly retry?: { readonly reason: string; readonly afterMs?: number };
}

/** The default journal path for an out folder. */
export function defaultJournalPath(outDir: string): string {
  return `${outDir.replace(/\/+$/, '')}/.journal.ndjson`;
}

export class WebhookServer {
  readonly metrics: ServeMetrics;
  private readonly prepared: PreparedSensor;
  private readonly server: http.Server;
  private readonly endpoint: string;
  private readonly maxBodyBytes: number;
  private readonly journalFile: string;
  private readonly sink: ResourceSink;
  /** Deliveries evaluated and not yet processed, by seq: a retry creates what is left, it does not evaluate again. */
  private readonly states = new Map<number, DeliveryState>();
  private wakeRetry: (() => void) | undefined;
  private journal: JournalWriter | undefined;
  private lastSeq = 0;
  private readonly seenIds = new Set<string>();
  private readonly queue: JournalDelivery[] = [];
  private processing = false;
  private idle: (() => void) | undefined;
  private stopping = false;
  private inFlight = 0;
  private requestsDone: (() => void) | undefined;

  constructor(private readonly options: WebhookServerOptions) {
    this.prepared = prepareSensor(options.sensor);
    this.endpoint = options.endpoint ?? '/github/webhook';
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    if (options.sink === undefined && options.outDir === undefined) throw new Error('WebhookServer needs outDir or sink');
    this.sink = options.sink ?? new OutDirSink(options.outDir as string);
    if (options.journal === undefined && options.outDir === undefined) throw new Error('WebhookServer needs a journal with a sink');
    this.journalFile = options.journal ?? defaultJournalPath(options.outDir as string);
    this.metrics = createMetrics(options.processMetrics ?? true);
    this.server = http.createServer((req, res) => this.handle(req, res));
    // GitHub gives up on a delivery after 10 s; a client holding a request open longer must not hold up a shutdown.
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 15_000;
  }

  /** Where resources are created, for the start-up line (`out DIR`, `cluster URL`). */
  get target(): string {
    return this.sink.description;
  }

  /**
   * Recovers the journal (deliveries acknowledged before a crash and not processed are queued
   * first), then listens. Resolves to the bound address.
   */
  async start(): Promise<AddressInfo> {
    await this.sink.prepare();
    const recovered = recoverJournal(this.journalFile, REMEMBERED_DELIVERY_IDS);
    this.lastSeq = recovered.lastSeq;
    for (const id of recovered.processedIds) this.rememberId(id);
    if (recovered.tornBytes > 0) this.writeLog({ time: new Date().toISOString(), id: '', event: '', verdict: 'journal-recovered', reason: `cut a torn last line of ${recovered.tornBytes} byte(s), never acknowledged` });
    this.journal = new JournalWriter(this.journalFile);
    for (const entry of recovered.pending) this.enqueue(entry);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 12000, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  /**
   * Stops accepting connections, lets requests in flight finish (their deliveries journaled and
   * answered), processes everything journaled, and closes the journal.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) await new Promise<void>(resolve => (this.requestsDone = resolve));
    // Connections whose request was answered before the stop are idle keep-alives now.
    this.server.closeIdleConnections();
    await closed;
    // A creation waiting to be retried is tried once more now, and left in the journal if it fails again.
    this.wakeRetry?.();
    if (this.processing || this.queue.length > 0) await new Promise<void>(resolve => (this.idle = resolve));
    await this.journal?.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    if (this.stopping) res.setHeader('Connection', 'close');
    if (path === '/health') return void this.answer(res, 200, 'OK');
    if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) return void this.sendMetrics(res);
    // Go's http.NotFound text, as the EventSource's router answers an unknown path.
    if (path !== this.endpoint) return void this.answer(res, 404, '404 page not found\n');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return void this.answer(res, 405, 'method not allowed\n');
    }
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      if (this.inFlight === 0) this.requestsDone?.();
    });
    const headers = receivedHeaders(req.rawHeaders);
    const reject = (status: number, outcome: DeliveryOutcomeLabel, reason: string): void => {
      this.metrics.deliveries.inc({ outcome });
      this.metrics.latency.observe((performance.now() - started) / 1000);
      this.writeLog({ time: new Date().toISOString(), id: headers[CanonicalGitHubHeaders.delivery]?.[0] ?? '', event: headers[CanonicalGitHubHeaders.event]?.[0] ?? '', verdict: 'rejected', status, reason });
      this.answer(res, status, reason);
    };
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > this.maxBodyBytes) return void this.refuseTooLarge(req, res, reject);
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > this.maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        this.refuseTooLarge(req, res, reject);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      this.accept(headers, Buffer.concat(chunks, received), res, started, reject).catch((err: unknown) => {
        // A defect in checking one delivery must not end the process (an unhandled rejection
        // would) and take the queue and every in-flight delivery with it. Not journaled, so
        // not acknowledged: GitHub shows the failure and the delivery can be redelivered.
        if (!res.headersSent) reject(500, 'internal_error', `internal error: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
  }

  /** 413 without reading the rest: the connection is closed once the answer is out. */
  private refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, reject: (status: number, outcome: DeliveryOutcomeLabel, reason: string) => void): void {
    req.pause();
    res.setHeader('Connection', 'close');
    // Closing a socket with unread data sends a reset, which can reach the client before it read
    // the 413: half-close first (the client sees the answer and the end), and drop the
    // connection a moment later, still without reading the rest.
    res.once('finish', () => {
      req.socket.end();
      setTimeout(() => req.socket.destroy(), 1000).unref();
    });
    reject(413, 'too_large', `request body larger than ${this.maxBodyBytes} bytes (GitHub caps payloads at 25 MB)`);
  }

  private async accept(headers: Record<string, string[]>, body: Buffer, res: http.ServerResponse, started: number, reject: (status: number, outcome: DeliveryOutcomeLabel, reason: string) => void): Promise<void> {
    const check = checkDelivery(headers, body, this.options.secret, this.prepared.address);
    if (!check.ok) return reject(check.status, check.outcome, check.reason);
    const entry: JournalDelivery = {
      type: 'delivery',
      seq: ++this.lastSeq,
      deliveryId: check.delivery.deliveryId,
      receivedAt: new Date().toISOString(),
      headers: check.delivery.headers,
      body: check.delivery.body,
    };
    try {
      await this.journal!.append(entry);
    } catch (err) {
      // Not journaled, so not acknowledged: GitHub shows the failure and the delivery can be redelivered.
      return reject(500, 'journal_failed', `failed to record event: ${(err as Error).message}`);
    }
    this.metrics.deliveries.inc({ outcome: 'accepted' });
    this.metrics.latency.observe((performance.now() - started) / 1000);
    // Argo answers `success` once the event bus has the event (webhook.go `DispatchEvent`).
    this.answer(res, 200, 'success');
    this.enqueue(entry);
  }

  private answer(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  private sendMetrics(res: http.ServerResponse): void {
    this.metrics.registry.metrics().then(
      text => {
        res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
        res.end(text);
      },
      (err: Error) => this.answer(res, 500, err.message),
    );
  }

  private enqueue(entry: JournalDelivery): void {
    this.queue.push(entry);
    this.metrics.pending.set(this.queue.length);
    if (!this.processing) {
      this.processing = true;
      setImmediate(() => void this.drain());
    }
  }

  /**
   * Processes the queue in order, in batches (see {@link processBatch}); yields to the event loop
   * between batches so that requests keep being answered. A creation that failed for a transient
   * reason holds the queue (deliveries stay in order) and is retried after a pause that doubles up
   * to 30 s (or the server's `Retry-After`); its delivery stays unprocessed in the journal
   * meanwhile, so a restart tries it again too.
   */
  private async drain(): Promise<void> {
    let pause = RETRY_FIRST_MS;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, PROCESS_BATCH);
      let progress: BatchProgress;
      try {
        progress = await this.processBatch(batch);
      } catch (err) {
        // The out folder or the journal refused a write: stop here; the deliveries stay
        // unprocessed in the journal and are processed on the next start.
        this.writeLog({ time: new Date().toISOString(), id: batch[0].deliveryId, event: '', seq: batch[0].seq, verdict: 'error', reason: `processing stopped: ${(err as Error).message}` });
        this.abandonQueue();
        break;
      }
      this.queue.splice(0, progress.done);
      this.metrics.pending.set(this.queue.length);
      if (progress.retry !== undefined) {
        if (this.stopping) {
          this.writeLog({ time: new Date().toISOString(), id: this.queue[0].deliveryId, event: '', seq: this.queue[0].seq, verdict: 'error', reason: `stopping with ${this.queue.length} delivery(ies) unprocessed (${progress.retry.reason}); they stay in the journal and are processed on the next start` });
          this.abandonQueue();
          break;
        }
        await this.sleep(Math.max(pause, Math.min(progress.retry.afterMs ?? 0, RETRY_AFTER_MAX_MS)));
        pause = Math.min(pause * 2, RETRY_MAX_MS);
        continue;
      }
      pause = RETRY_FIRST_MS;
      await new Promise(resolve => setImmediate(resolve));
    }
    this.processing = false;
    this.idle?.();
  }

  /**
   * Forgets the queue; its deliveries stay unprocessed in the journal. Their ids are forgotten as
   * processed too: a redelivery of one of them (GitHub's redeliver keeps the delivery id) is then
   * processed, not taken for a duplicate of a delivery that never was. Ids a `duplicate` verdict
   * met stay: their first delivery was processed.
   */
  private abandonQueue(): void {
    for (const entry of this.queue) {
      const state = this.states.get(entry.seq);
      if (state !== undefined && state.outcome.verdict !== 'duplicate') this.seenIds.delete(entry.deliveryId);
    }
    this.queue.length = 0;
    this.states.clear();
    this.metrics.pending.set(0);
  }

  /** Waits `ms`, or less when {@link stop} is called. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>(resolve => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = done;
    }).then(() => { this.wakeRetry = undefined; });
  }

  /** The state of a delivery, evaluating it the first time (in order: a redelivered id is a duplicate of the earlier one). */
  private stateOf(entry: JournalDelivery): DeliveryState {
    const known = this.states.get(entry.seq);
    if (known) return known;
    let outcome: DeliveryOutcome;
    if (entry.deliveryId !== '' && this.seenIds.has(entry.deliveryId)) {
      outcome = { verdict: 'duplicate', reason: 'delivery id already processed (a redelivery)', triggers: [] };
    } else {
      this.rememberId(entry.deliveryId);
      outcome = evaluateDelivery(this.prepared, entry);
    }
    const planned = outcome.triggers.filter(t => t.result === 'create').map(trigger => ({ trigger, creation: { file: trigger.resource as string, resource: trigger.object } }));
    const state: DeliveryState = { outcome, planned, results: planned.map(() => undefined) };
    this.states.set(entry.seq, state);
    return state;
  }

  /**
   * Evaluates each delivery, creates the resources not created yet, and only then appends the
   * processed lines of the deliveries whose creations are all settled, from the start of the
   * batch up to the first that is not: a crash in between processes them again, which the
   * sink answers with already-exists.
   */
  private async processBatch(batch: readonly JournalDelivery[]): Promise<BatchProgress> {
    const states = batch.map(entry => this.stateOf(entry));
    const todo: { state: DeliveryState; index: number }[] = [];
    for (const state of states) state.results.forEach((result, index) => result === undefined && todo.push({ state, index }));
    const results = todo.length > 0 ? await this.sink.createAll(todo.map(({ state, index }) => state.planned[index].creation)) : [];
    let retry: BatchProgress['retry'];
    results.forEach((result, i) => {
      if (result.result === 'retry') retry = { reason: result.reason, ...(result.afterMs !== undefined ? { afterMs: result.afterMs } : {}) };
      else todo[i].state.results[todo[i].index] = result;
    });
    let done = 0;
    while (done < states.length && states[done].results.every(result => result !== undefined)) done++;
    const finished = batch.slice(0, done);
    // Logged before the processed lines are written: a crash in between logs the delivery again
    // when it is processed again (as already-exists), rather than never.
    finished.forEach((entry, i) => this.logOutcome(entry, this.settle(states[i])));
    await Promise.all(finished.map(entry => this.journal!.append({ type: 'processed', seq: entry.seq })));
    for (const entry of finished) this.states.delete(entry.seq);
    if (done === batch.length) return { done };
    retry ??= { reason: 'creation not attempted' };
    const waiting = batch[done];
    this.metrics.createRetries.inc();
    this.writeLog({
      time: new Date().toISOString(),
      id: waiting.deliveryId,
      event: waiting.headers[CanonicalGitHubHeaders.event]?.[0] ?? '',
      seq: waiting.seq,
      verdict: 'retrying',
      reason: retry.reason,
      ...(retry.afterMs !== undefined ? { retryInSeconds: Math.ceil(retry.afterMs / 1000) } : {}),
    });
    return { done, retry };
  }

  /** The outcome with each creation's result; a delivery whose every trigger failed is `failed`. */
  private settle(state: DeliveryState): DeliveryOutcome {
    const triggers = state.outcome.triggers.map((trigger): TriggerOutcome => {
      const index = state.planned.findIndex(p => p.trigger === trigger);
      if (index < 0) return trigger;
      const result = state.results[index] as Exclude<CreateResult, { result: 'retry' }>;
      const resource = this.sink.label(state.planned[index].creation);
      return result.result === 'failed'
        ? { trigger: trigger.trigger, result: 'failed', resource, reason: result.reason }
        : { trigger: trigger.trigger, result: result.result, resource };
    });
    if (state.outcome.verdict === 'fired' && triggers.every(t => t.result === 'failed')) {
      return { verdict: 'failed', reason: triggers[0].reason, triggers };
    }
    return { ...state.outcome, triggers };
  }

  private logOutcome(entry: JournalDelivery, outcome: DeliveryOutcome): void {
    this.metrics.processed.inc({ verdict: outcome.verdict });
    for (const t of outcome.triggers) this.metrics.triggers.inc({ result: t.result });
    const resources = outcome.triggers.filter(t => t.resource !== undefined && t.result !== 'failed').map(t => t.resource as string);
    this.writeLog({
      time: new Date().toISOString(),
      id: entry.deliveryId,
      event: entry.headers[CanonicalGitHubHeaders.event]?.[0] ?? '',
      seq: entry.seq,
      verdict: outcome.verdict,
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      ...(resources.length > 0 ? { resources } : {}),
      ...(outcome.triggers.length > 0 ? { triggers: outcome.triggers } : {}),
    });
  }

  private rememberId(id: string): void {
    if (id === '') return;
    this.seenIds.delete(id);
    this.seenIds.add(id);
    if (this.seenIds.size > REMEMBERED_DELIVERY_IDS) this.seenIds.delete(this.seenIds.values().next().value as string);
  }

  private writeLog(line: DeliveryLog): void {
    this.options.log(JSON.stringify(line));
  }
}
