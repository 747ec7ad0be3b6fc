import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseEventFile, type SensorEvent } from '../engine/event';
import { valid } from '../engine/gjson/valid';
import { githubEvent, parseGitHubDelivery } from '../engine/github-event';
import { loadSensorFile } from '../engine/load-yaml';
import { controllerRejections, simulateSensor, type SimulationReport } from '../engine/sensor';
import { BoundedCache } from '../engine/filters/bounded-cache';
import { firstDependencyAddress, INPUT_ERROR_EXIT_CODE, InputError, isInputError, processOutput, type CommandOutput } from './simulate-command';

/** Options of `replay` as commander parses them. */
export interface ReplayCommandOptions {
  readonly sensor: string;
  readonly json?: boolean;
  /** Draw a progress bar on stderr; the command sets it when stderr is a TTY. */
  readonly progress?: boolean;
  /** Action time for the k8s create labels; default now. */
  readonly now?: Date;
}

/** One entry read from the inputs: its text and where it came from (`file` or `file:line`). */
export interface ReplayEntry {
  readonly location: string;
  readonly text: string;
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
  malformed: { location: string; error: string }[];
  dependencies: { name: string; passed: number; dropped: number; droppedBy: ReasonCount[] }[];
  triggers: { name: string; fired: number; failed: number; notFired: number; failedBy: ReasonCount[] }[];
  seconds: number;
  eventsPerSecond: number;
}

/** File extensions picked up when walking a folder. */
const EVENT_FILE_EXTENSIONS = new Set(['.json', '.ndjson', '.jsonl']);
/** Extensions always read one entry per line. */
const LINE_FILE_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
/** Longest reason kept; longer ones are cut so that reports stay readable. */
const MAX_REASON_LENGTH = 300;

/** Files under `input` (a file, or a folder walked recursively in sorted order). */
export function listInputFiles(input: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!stat.isDirectory()) return [input];
  const names = fs.readdirSync(input).sort();
  return names.flatMap(name => {
    const file = path.join(input, name);
    if (fs.statSync(file).isDirectory()) return listInputFiles(file);
    return EVENT_FILE_EXTENSIONS.has(path.extname(name).toLowerCase()) ? [file] : [];
  });
}

/**
 * The entries of one file: the whole file when it is one JSON value (and not `.ndjson`/`.jsonl`),
 * else one entry per non-blank line.
 */
export function readEntries(file: string, text: string): ReplayEntry[] {
  const lineMode = LINE_FILE_EXTENSIONS.has(path.extname(file).toLowerCase());
  if (!lineMode && valid(text)) return [{ location: file, text }];
  const lines = text.split('\n');
  const firstLine = lines.find(line => line.trim() !== '') ?? '';
  // A pretty-printed JSON file with a syntax error is one malformed entry, not one per line.
  if (!lineMode && !valid(firstLine)) return [{ location: file, text }];
  return lines.flatMap((line, i) => (line.trim() === '' ? [] : [{ location: `${file}:${i + 1}`, text: line }]));
}

function isDeliveryShape(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'headers' in value && 'body' in value && !('context' in value);
}

/**
 * Turns an entry into an event for `sensor`: a GitHub delivery `{"headers", "body"}` is wrapped
 * as the event source would (addressed to the first dependency), anything else is an event file.
 * @throws Error with a one-line message for malformed entries
 */
export function entryEvent(entry: ReplayEntry, sensor: Record<string, unknown>, address = firstDependencyAddress(sensor)): SensorEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(entry.text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`);
  }
  if (isDeliveryShape(value)) return githubEvent(parseGitHubDelivery(value), address);
  return parseEventFile(entry.text);
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

/**
 * Replays every entry through the Sensor and counts the outcomes.
 * @param onProgress called after each entry (for a progress bar)
 */
export function replayEntries(sensor: Record<string, unknown>, entries: readonly ReplayEntry[], now?: Date, onProgress?: () => void): ReplaySummary {
  const start = performance.now();
  const malformed: ReplaySummary['malformed'] = [];
  let events = 0;
  let dependencies: (ReplaySummary['dependencies'][number] & { counter: ReasonCounter })[] | undefined;
  let triggers: (ReplaySummary['triggers'][number] & { counter: ReasonCounter })[] | undefined;
  let sensorName = '';
  // Per-Sensor work done once, not per event.
  const validationIssues = controllerRejections(sensor);
  const address = firstDependencyAddress(sensor);
  for (const entry of entries) {
    let event: SensorEvent | null;
    try {
      event = entryEvent(entry, sensor, address);
    } catch (err) {
      malformed.push({ location: entry.location, error: normaliseReason((err as Error).message) });
      onProgress?.();
      continue;
    }
    const report = simulateSensor(sensor, event, { now, validationIssues });
    events++;
    sensorName = report.sensor;
    dependencies ??= report.dependencies.map(d => ({ name: d.name, passed: 0, dropped: 0, droppedBy: [], counter: new ReasonCounter() }));
    triggers ??= report.triggers.map(t => ({ name: t.name, fired: 0, failed: 0, notFired: 0, failedBy: [], counter: new ReasonCounter() }));
    for (let i = 0; i < dependencies.length; i++) {
      const counts = dependencies[i];
      if (report.dependencies[i].passed) {
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
      else if (trigger.error !== null) {
        counts.failed++;
        counts.counter.add(normaliseReason(trigger.error));
      } else counts.notFired++;
    }
    onProgress?.();
  }
  if (dependencies === undefined || triggers === undefined) {
    // No event at all: still name the dependencies and triggers, with zero counts.
    const empty = simulateSensor(sensor, null, { now, validationIssues });
    sensorName = empty.sensor;
    dependencies = empty.dependencies.map(d => ({ name: d.name, passed: 0, dropped: 0, droppedBy: [], counter: new ReasonCounter() }));
    triggers = empty.triggers.map(t => ({ name: t.name, fired: 0, failed: 0, notFired: 0, failedBy: [], counter: new ReasonCounter() }));
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    sensor: sensorName,
    events,
    malformed,
    dependencies: dependencies.map(({ counter, ...d }) => ({ ...d, droppedBy: counter.sorted() })),
    triggers: triggers.map(({ counter, ...t }) => ({ ...t, failedBy: counter.sorted() })),
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
  };
}

/** The readable replay report. */
export function formatReplay(summary: ReplaySummary): string {
  const lines = [`Sensor ${summary.sensor || '(unnamed)'}: ${summary.events} event(s) in ${summary.seconds.toFixed(2)} s (${Math.round(summary.eventsPerSecond)} events/s)`];
  if (summary.malformed.length > 0) {
    lines.push(`Malformed entries: ${summary.malformed.length}`);
    for (const m of summary.malformed) lines.push(`  ${m.location}: ${m.error}`);
  }
  for (const d of summary.dependencies) {
    lines.push('', `Dependency ${d.name}: ${d.passed} passed, ${d.dropped} dropped`);
    for (const r of d.droppedBy) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  for (const t of summary.triggers) {
    lines.push('', `Trigger ${t.name}: ${t.fired} fired, ${t.failed} failed, ${t.notFired} not fired (conditions not met)`);
    for (const r of t.failedBy) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Runs `replay` and returns the exit code: 0 when the inputs could be read (malformed entries are
 * counted, not fatal), 2 with one line on stderr when the Sensor or a path cannot be read.
 */
export function runReplay(options: ReplayCommandOptions, inputs: readonly string[], output: CommandOutput): number {
  let summary: ReplaySummary;
  try {
    const sensor = loadSensorFile(options.sensor);
    const entries: ReplayEntry[] = [];
    for (const input of inputs) {
      for (const file of listInputFiles(input)) {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (err) {
          throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        entries.push(...readEntries(file, text));
      }
    }
    const bar = options.progress ? new SingleBar({ stream: process.stderr, clearOnComplete: true }) : undefined;
    bar?.start(entries.length, 0);
    try {
      summary = replayEntries(sensor, entries, options.now, bar ? () => bar.increment() : undefined);
    } finally {
      bar?.stop();
    }
  } catch (err) {
    if (!isInputError(err)) throw err;
    output.stderr(`${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return INPUT_ERROR_EXIT_CODE;
  }
  output.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReplay(summary));
  return 0;
}

/** `ci-remediation replay --sensor FILE [--json] PATH...`. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('replay recorded events (event files, GitHub deliveries, NDJSON, folders) through a Sensor and count outcomes')
    .requiredOption('--sensor <file>', 'file holding the Sensor (YAML or JSON)')
    .option('--json', 'print one JSON object with the counts')
    .argument('<paths...>', 'event files, delivery files, NDJSON files or folders of them')
    .action((paths: string[], options: ReplayCommandOptions) => {
      process.exitCode = runReplay({ ...options, progress: process.stderr.isTTY === true }, paths, processOutput);
    });
}
