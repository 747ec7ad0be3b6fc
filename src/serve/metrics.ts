/**
 * Prometheus metrics of `serve`, on a registry of its own (no global state shared with a host
 * process that embeds the module).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why a delivery was answered as it was. */
export type DeliveryOutcomeLabel = 'accepted' | 'bad_signature' | 'bad_request' | 'too_large' | 'journal_failed' | 'internal_error';

export interface ServeMetrics {
  readonly registry: Registry;
  readonly deliveries: Counter<'outcome'>;
  readonly processed: Counter<'verdict'>;
  readonly triggers: Counter<'result'>;
  readonly latency: Histogram;
  readonly pending: Gauge;
  readonly createRetries: Counter;
}

/** Creates the metrics; `processMetrics` adds Node's default process metrics (CPU, memory, event loop). */
export function createMetrics(processMetrics = true): ServeMetrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    deliveries: new Counter({
      name: 'ci_remediation_serve_deliveries_total',
      help: 'Webhook requests to the endpoint by outcome (accepted = journaled and answered 200).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    processed: new Counter({
      name: 'ci_remediation_serve_processed_total',
      help: 'Journaled deliveries run through the Sensor, by verdict (fired, dropped, failed, duplicate).',
      labelNames: ['verdict'],
      registers: [registry],
    }),
    triggers: new Counter({
      name: 'ci_remediation_serve_triggers_total',
      help: 'Fired triggers by result: created, already-exists and failed (both count as failed in Argo), not-written.',
      labelNames: ['result'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'ci_remediation_serve_ack_seconds',
      help: 'Time from the request to its answer (for accepted deliveries: until journaled and fsynced).',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    createRetries: new Counter({
      name: 'ci_remediation_serve_create_retries_total',
      help: 'Creations that failed for a transient reason (5xx, 429, connection, timeout); each delivery stays unprocessed in the journal and is retried.',
      registers: [registry],
    }),
    pending: new Gauge({
      name: 'ci_remediation_serve_pending_deliveries',
      help: 'Journaled deliveries not yet processed.',
      registers: [registry],
    }),
  };
}
