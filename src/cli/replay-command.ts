import { performance } from 'perf_hooks';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type SensorEvent } from '../engine/event';
import { githubEvent, parseGitHubDelivery } from '../engine/github-event';
import { sensorModelOf, type SensorModel } from '../engine/model';
import { newEvaluationCaches } from '../engine/evaluation-caches';
import { controllerRejections, simulateSensor, type SimulationReport } from '../engine/sensor';
import { BoundedCache } from '../engine/filters/bounded-cache';
import { InputError, oneLine } from './output';
import { formatSkipped, inputEntries, listInputs, type MalformedEntry, type ReplayEntry, type SkippedPath } from './replay-inputs';
import {
  assertStdinOnce,
  firstDependencyAddress,
  INPUT_ERROR_EXIT_CODE,
  isInputError,
  loadSensorInput,
  parseEventText,
  processOutput,
  type CommandOutput,
} from './simulate-command';

/** Options of `replay` as commander parses them. */
export interface ReplayCommandOptions {
  readonly sensor: string;
  readonly json?: boolean;
  /** Draw a progress bar on stderr; the command sets it when stderr is a TTY. */
  readonly progress?: boolean;
  /** Action time for the k8s create labels; default now. */
  readonly now?: Date;
}

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

export type { MalformedEntry, ReplayEntry } from './replay-inputs';

/** Longest reason kept; longer ones are cut so that reports stay readable. */
const MAX_REASON_LENGTH = 300;
/** Malformed entries listed one by one; beyond this they are only counted (memory stays bounded). */
export const MAX_MALFORMED_LISTED = 1000;
function isDeliveryShape(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'headers' in value && 'body' in value && !('context' in value);
}

/**
 * Turns an entry into an event for `sensor`: a GitHub delivery `{"headers", "body"}` is wrapped
 * as the event source would (addressed to the first dependency), anything else is an event file.
 * @throws Error with a one-line message for malformed entries
 */
export function entryEvent(entry: ReplayEntry, sensor: SensorModel | Record<string, unknown>, address = firstDependencyAddress(sensor)): SensorEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(entry.text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`);
  }
  if (isDeliveryShape(value)) return githubEvent(parseGitHubDelivery(value), address);
  return parseEventText(entry.text);
}

/** Groups texts that differ only in whitespace; cuts very long ones. */
export function normaliseReason(reason: string): string {
  // Events repeat the same few reasons: normalise each distinct text once.
  return normalisedReasons.getOrCompute(reason, normalise);
}

const normalisedReasons = new BoundedCache<string>(4096);

function normalise(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH)}...` : flat;
}

/**
 * Why a dependency dropped the event: the filter error, else the first failing step without the
 * event's own value (`data[2] body.workflow_run.conclusion: no match`), else why it was not offered.
 */
export function dropReason(report: SimulationReport, index: number): string {
  const dependency = report.dependencies[index];
  const details = report.details.dependencies[index];
  if (dependency.error !== null) return normaliseReason(dependency.error);
  if (details.notOffered) return `not offered: ${details.notOffered}`;
  const failing = details.steps.find(step => !step.passed);
  if (!failing) return 'dropped';
  return normaliseReason(`${failing.subject}: no match`);
}

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
        counts.counter.add(dropReason(report, i));
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

/** The readable replay report. */
export function formatReplay(summary: ReplaySummary): string {
  const lines = [`Sensor ${summary.sensor || '(unnamed)'}: ${summary.events} event(s) in ${summary.seconds.toFixed(2)} s (${Math.round(summary.eventsPerSecond)} events/s)`];
  if (summary.malformedCount > 0) {
    lines.push(`Malformed entries: ${summary.malformedCount}`);
    for (const m of summary.malformed) lines.push(`  ${m.location}: ${m.error}`);
    const unlisted = summary.malformedCount - summary.malformed.length;
    if (unlisted > 0) lines.push(`  ... and ${unlisted} more`);
  }
  for (const d of summary.dependencies) {
    const unevaluated = d.cannotEvaluate > 0 ? `, ${d.cannotEvaluate} the simulator cannot evaluate (no verdict)` : '';
    lines.push('', `Dependency ${d.name}: ${d.passed} passed, ${d.dropped} dropped${unevaluated}`);
    for (const r of [...d.droppedBy, ...d.cannotEvaluateBy]) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  for (const t of summary.triggers) {
    const unevaluated = t.cannotEvaluate > 0 ? `, ${t.cannotEvaluate} the simulator cannot evaluate (no verdict)` : '';
    lines.push('', `Trigger ${t.name}: ${t.fired} fired, ${t.failed} failed, ${t.notFired} not fired (conditions not met)${unevaluated}`);
    for (const r of [...t.failedBy, ...t.cannotEvaluateBy]) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Runs `replay` and resolves to the exit code: 0 when the inputs could be read (malformed entries
 * are counted, not fatal), 2 with one line on stderr when the Sensor or a path cannot be read.
 * Entries are streamed: memory stays bounded whatever the size or number of the inputs.
 */
export async function runReplay(options: ReplayCommandOptions, inputs: readonly string[], output: CommandOutput): Promise<number> {
  let summary: ReplaySummary;
  let bar: SingleBar | undefined;
  try {
    assertStdinOnce([options.sensor, ...inputs]);
    const sensor = loadSensorInput(options.sensor);
    const skipped: SkippedPath[] = [];
    const files = inputs.flatMap(input => listInputs(input, skipped));
    const notice = formatSkipped(skipped);
    if (notice !== '') output.stderr(notice);
    // Progress in bytes, when every size is known up front.
    const totalBytes = files.every(f => f.kind === 'file') ? files.reduce((sum, f) => sum + f.size, 0) : 0;
    if (options.progress && totalBytes > 0) {
      bar = new SingleBar({ stream: process.stderr, clearOnComplete: true });
      bar.start(totalBytes, 0);
    }
    const onBytes = bar ? (count: number) => bar?.increment(count) : undefined;
    const tally = new ReplayTally(sensor, options.now);
    for (const file of files) {
      for await (const entry of inputEntries(file, onBytes)) tally.add(entry);
    }
    summary = tally.summary();
  } catch (err) {
    if (!isInputError(err)) throw err;
    output.stderr(`${oneLine(err.message)}\n`);
    return INPUT_ERROR_EXIT_CODE;
  } finally {
    bar?.stop();
  }
  output.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReplay(summary));
  return 0;
}

/** `ci-remediation replay --sensor FILE [--json] PATH...`. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('replay recorded events (event files, GitHub deliveries, NDJSON, folders) through a Sensor and count outcomes')
    .requiredOption('--sensor <file>', 'file holding the Sensor (YAML or JSON; - for standard input)')
    .option('--json', 'print one JSON object with the counts')
    .argument('<paths...>', 'event files, delivery files, NDJSON files or folders of them; - reads NDJSON from standard input')
    .action(async (paths: string[], options: ReplayCommandOptions) => {
      process.exitCode = await runReplay({ ...options, progress: process.stderr.isTTY === true }, paths, processOutput);
    });
}
