/**
 * Runs one journaled delivery through the Sensor with the engine's public functions, the same
 * calls `replay` makes for a delivery (src/cli/replay-command.ts `entryEvent` and `ReplayTally`):
 * `githubEvent(parseGitHubDelivery(...), firstDependencyAddress(sensor))`, then `simulateSensor`.
 * Pure: the outcome says which resources to create; the server creates them (out-dir.ts) and
 * turns each `create` into `created` or `already-exists`.
 */
import { newEvaluationCaches, type EvaluationCaches } from '../engine/evaluation-caches';
import { githubEvent, parseGitHubDelivery } from '../engine/github-event';
import { controllerRejections, simulateSensor } from '../engine/sensor';
import { dropReason } from '../engine/drop-reason';
import type { JournalDelivery } from './journal';
import { InvalidResourceError, resourceFile, resourceName } from './out-dir';
import { firstDependencyAddress, sensorModelOf, type SensorModel } from '../engine/model';
import { isJsonObject } from '../engine/plain-data';

/** A Sensor prepared once for many deliveries. */
export interface PreparedSensor {
  readonly sensor: SensorModel;
  readonly namespace: string;
  readonly address: { eventSourceName: string; eventName: string };
  readonly validationIssues: ReturnType<typeof controllerRejections>;
  /** Compiled filters and templates, shared by every delivery. */
  readonly caches: EvaluationCaches;
}

/** Per-Sensor work done once (as `ReplayTally` does). */
export function prepareSensor(sensor: SensorModel | Record<string, unknown>): PreparedSensor {
  const model = sensorModelOf(sensor, 'prepareSensor');
  // The trigger defaults the namespace to the Sensor's; a Sensor file without one would be applied to `default`.
  const namespace = model.namespace || 'default';
  return { sensor: model, namespace, address: firstDependencyAddress(model), validationIssues: controllerRejections(model), caches: newEvaluationCaches() };
}

/** What happened to one fired trigger. */
export interface TriggerOutcome {
  readonly trigger: string;
  /**
   * `create` (planned by {@link evaluateDelivery}), then `created` or `already-exists` (a second
   * creation of the name: refused, nothing written); `failed`; `not-written` (not a k8s create).
   */
  readonly result: 'create' | 'created' | 'already-exists' | 'failed' | 'not-written';
  /** The file under the out folder. */
  readonly resource?: string;
  /** The object to create (only while `create`). */
  readonly object?: unknown;
  readonly reason?: string;
}

/** The verdict on one delivery. */
export interface DeliveryOutcome {
  /** `fired` (at least one trigger fired), `dropped` (no trigger's conditions held), `failed` (a trigger failed, none fired), `duplicate` (a delivery id already processed). */
  readonly verdict: 'fired' | 'dropped' | 'failed' | 'duplicate';
  readonly reason?: string;
  readonly triggers: TriggerOutcome[];
}


/** Whether the trigger at `index` is a k8s trigger whose operation is create (the default). */
function isK8sCreate(sensor: SensorModel, index: number): boolean {
  const k8s = sensor.triggers?.[index]?.template?.types.find(body => body.type === 'k8s');
  if (!k8s) return false;
  const operation = k8s.raw.operation;
  return operation === undefined || operation === '' || operation === 'create';
}

/** Evaluates `entry`: the verdict, and for each fired k8s create trigger the object to create and its file name. */
export function evaluateDelivery(prepared: PreparedSensor, entry: JournalDelivery): DeliveryOutcome {
  let report;
  try {
    const event = githubEvent(parseGitHubDelivery({ headers: entry.headers, body: entry.body }), { ...prepared.address, time: entry.receivedAt });
    report = simulateSensor(prepared.sensor, event, { now: new Date(entry.receivedAt), validationIssues: prepared.validationIssues, caches: prepared.caches });
  } catch (err) {
    // Checked on receipt; only a journal edited by hand gets here.
    return { verdict: 'failed', reason: (err as Error).message, triggers: [] };
  }
  const triggers: TriggerOutcome[] = [];
  report.triggers.forEach((trigger, index) => {
    if (trigger.error !== null) {
      triggers.push({ trigger: trigger.name, result: 'failed', reason: trigger.error });
      return;
    }
    if (!trigger.fired) return;
    if (!isK8sCreate(prepared.sensor, index)) {
      triggers.push({ trigger: trigger.name, result: 'not-written', reason: 'only k8s create triggers are written to the out folder' });
      return;
    }
    try {
      const name = resourceName(trigger.resource, `${entry.seq}:${entry.deliveryId}:${trigger.name}`);
      const file = resourceFile(trigger.resource, name, prepared.namespace);
      triggers.push({ trigger: trigger.name, result: 'create', resource: file, object: withName(trigger.resource, name, prepared.namespace) });
    } catch (err) {
      if (!(err instanceof InvalidResourceError)) throw err;
      triggers.push({ trigger: trigger.name, result: 'failed', reason: err.message });
    }
  });
  if (triggers.some(t => t.result !== 'failed')) return { verdict: 'fired', triggers };
  if (triggers.length > 0) return { verdict: 'failed', reason: triggers[0].reason, triggers };
  const dropped = report.dependencies.findIndex(d => !d.passed);
  return { verdict: 'dropped', reason: dropped >= 0 ? dropReason(report, dropped) : 'conditions not met', triggers };
}

/** The object as the API server stores it: the generated name and the defaulted namespace set. */
function withName(resource: unknown, name: string, defaultNamespace: string): unknown {
  if (!isJsonObject(resource)) return resource;
  const metadata = isJsonObject(resource.metadata) ? { ...resource.metadata } : {};
  metadata.name = name;
  if (typeof metadata.namespace !== 'string' || metadata.namespace === '') metadata.namespace = defaultNamespace;
  return { ...resource, metadata };
}
