/**
 * The aggregation of `replay`: each event's simulation reduced to counts per dependency and
 * trigger, with the reasons grouped, so that any number of events fits in memory.
 */
import { performance } from 'perf_hooks';
import type { SensorEvent } from '../engine/event';
import { BoundedCache } from '../engine/filters/bounded-cache';
import { dropReason, normaliseReason as normaliseEngineReason } from '../engine/drop-reason';
import { newEvaluationCaches } from '../engine/evaluation-caches';
import { firstDependencyAddress, sensorModelOf, type SensorModel } from '../engine/model';
import { controllerRejections, simulateSensor } from '../engine/sensor';
import { entryEvent, type MalformedEntry, type ReplayEntry } from './replay-inputs';

/** A reason and how many events it accounts for. */
export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

/** The `--json` shape of `replay`. */
export interface ReplaySummary {
  sensor: string;
  /** Events run through the Sensor (malformed entries excluded). */
  events: number;
  /** Every malformed entry counted; `malformed` lists the first 1000 of them. */
  malformedCount: number;
  malformed: { location: string; error: string }[];
  /** `cannotEvaluate`: events the simulator could not evaluate (no verdict; reasons in `cannotEvaluateBy`). */
  dependencies: { name: string; passed: number; dropped: number; droppedBy: ReasonCount[]; cannotEvaluate: number; cannotEvaluateBy: ReasonCount[] }[];
  triggers: { name: string; fired: number; failed: number; notFired: number; failedBy: ReasonCount[]; cannotEvaluate: number; cannotEvaluateBy: ReasonCount[] }[];
  seconds: number;
  eventsPerSecond: number;
}

/** Malformed entries listed one by one; beyond this they are only counted (memory stays bounded). */
export const MAX_MALFORMED_LISTED = 1000;

/** {@link normaliseEngineReason}, memoised: events repeat the same few reasons. */
export function normaliseReason(reason: string): string {
  return normalisedReasons.getOrCompute(reason, normaliseEngineReason);
}

const normalisedReasons = new BoundedCache<string>(4096);

class ReasonCounter {
  private readonly counts = new Map<string, number>();

  /** Adds a reason already normalised. */
  add(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  /** Most frequent first, ties by reason. */
  sorted(): ReasonCount[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([reason, count]) => ({ reason, count }));
  }
}

/** Reasons of the failures (`counter`) and of the events the simulator cannot evaluate (`unevaluated`). */
type Counters = { counter: ReasonCounter; unevaluated: ReasonCounter };
type DependencyCounts = ReplaySummary['dependencies'][number] & Counters;
type TriggerCounts = ReplaySummary['triggers'][number] & Counters;

function newDependencyCounts(name: string): DependencyCounts {
  return { name, passed: 0, dropped: 0, droppedBy: [], cannotEvaluate: 0, cannotEvaluateBy: [], counter: new ReasonCounter(), unevaluated: new ReasonCounter() };
}

function newTriggerCounts(name: string): TriggerCounts {
  return { name, fired: 0, failed: 0, notFired: 0, failedBy: [], cannotEvaluate: 0, cannotEvaluateBy: [], counter: new ReasonCounter(), unevaluated: new ReasonCounter() };
}

/**
 * Runs entries through a Sensor one at a time and keeps only counts (and the first
 * {@link MAX_MALFORMED_LISTED} malformed entries), so that any number of entries fits in memory.
 */
export class ReplayTally {
  private readonly start = performance.now();
  private readonly malformed: MalformedEntry[] = [];
  private malformedCount = 0;
  private events = 0;
  private dependencies: DependencyCounts[] | undefined;
  private triggers: TriggerCounts[] | undefined;
  private sensorName = '';
  // Per-Sensor work done once, not per event.
  private readonly validationIssues: ReturnType<typeof controllerRejections>;
  private readonly address: { eventSourceName: string; eventName: string };
  private readonly caches = newEvaluationCaches();

  private readonly sensor: SensorModel;

  constructor(
    sensor: SensorModel | Record<string, unknown>,
    private readonly now?: Date,
  ) {
    this.sensor = sensorModelOf(sensor, 'ReplayTally');
    this.validationIssues = controllerRejections(this.sensor);
    this.address = firstDependencyAddress(this.sensor);
  }

  /** Counts one entry: a malformed one, or the event's outcome per dependency and trigger. */
  add(entry: ReplayEntry | MalformedEntry): void {
    if ('error' in entry) {
      this.addMalformed(entry.location, entry.error);
      return;
    }
    let event: SensorEvent | null;
    try {
      event = entryEvent(entry, this.sensor, this.address);
    } catch (err) {
      this.addMalformed(entry.location, (err as Error).message);
      return;
    }
    const report = simulateSensor(this.sensor, event, { now: this.now, validationIssues: this.validationIssues, caches: this.caches });
    this.events++;
    this.sensorName = report.sensor;
    const dependencies = (this.dependencies ??= report.dependencies.map(d => newDependencyCounts(d.name)));
    const triggers = (this.triggers ??= report.triggers.map(t => newTriggerCounts(t.name)));
    for (let i = 0; i < dependencies.length; i++) {
      const counts = dependencies[i];
      const unevaluated = report.dependencies[i].cannotEvaluate;
      if (unevaluated !== undefined) {
        counts.cannotEvaluate++;
        counts.unevaluated.add(normaliseReason(unevaluated));
      } else if (report.dependencies[i].passed) {
        counts.passed++;
      } else {
        counts.dropped++;
        counts.counter.add(dropReason(report, i, normaliseReason));
      }
    }
    for (let i = 0; i < triggers.length; i++) {
      const counts = triggers[i];
      const trigger = report.triggers[i];
      if (trigger.fired) counts.fired++;
      else if (trigger.cannotEvaluate !== undefined) {
        counts.cannotEvaluate++;
        counts.unevaluated.add(normaliseReason(trigger.cannotEvaluate));
      } else if (trigger.error !== null) {
        counts.failed++;
        counts.counter.add(normaliseReason(trigger.error));
      } else counts.notFired++;
    }
  }

  private addMalformed(location: string, error: string): void {
    this.malformedCount++;
    if (this.malformed.length < MAX_MALFORMED_LISTED) this.malformed.push({ location, error: normaliseReason(error) });
  }

  /** The counts so far. */
  summary(): ReplaySummary {
    let { dependencies, triggers, sensorName } = this;
    if (dependencies === undefined || triggers === undefined) {
      // No event at all: still name the dependencies and triggers, with zero counts.
      const empty = simulateSensor(this.sensor, null, { now: this.now, validationIssues: this.validationIssues, caches: this.caches });
      sensorName = empty.sensor;
      dependencies = empty.dependencies.map(d => newDependencyCounts(d.name));
      triggers = empty.triggers.map(t => newTriggerCounts(t.name));
    }
    const seconds = (performance.now() - this.start) / 1000;
    return {
      sensor: sensorName,
      events: this.events,
      malformedCount: this.malformedCount,
      malformed: [...this.malformed],
      dependencies: dependencies.map(({ counter, unevaluated, ...d }) => ({ ...d, droppedBy: counter.sorted(), cannotEvaluateBy: unevaluated.sorted() })),
      triggers: triggers.map(({ counter, unevaluated, ...t }) => ({ ...t, failedBy: counter.sorted(), cannotEvaluateBy: unevaluated.sorted() })),
      seconds,
      eventsPerSecond: seconds > 0 ? this.events / seconds : 0,
    };
  }
}

/**
 * Replays entries held in memory through the Sensor and counts the outcomes.
 * @param onProgress called after each entry
 */
export function replayEntries(sensor: SensorModel | Record<string, unknown>, entries: Iterable<ReplayEntry | MalformedEntry>, now?: Date, onProgress?: () => void): ReplaySummary {
  const tally = new ReplayTally(sensor, now);
  for (const entry of entries) {
    tally.add(entry);
    onProgress?.();
  }
  return tally.summary();
}
