import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type SensorEvent } from '../engine/event';
import { parse as parseJson } from '../engine/gjson/result';
import { valid } from '../engine/gjson/valid';
import { githubEvent, parseGitHubDelivery } from '../engine/github-event';
import { controllerRejections, simulateSensor, type SimulationReport } from '../engine/sensor';
import { BoundedCache } from '../engine/filters/bounded-cache';
import { byteStream, displayName, formatBytes, type Line, MAX_LINE_BYTES, MAX_WHOLE_FILE_BYTES, readTextInput, splitLines, STDIN, withoutBom } from './input-files';
import { describeProblem, formatError, InputError, oneLine } from './output';
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
  /** Every malformed entry counted; `malformed` lists the first 1000 of them. */
  malformedCount: number;
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
/** Malformed entries listed one by one; beyond this they are only counted (memory stays bounded). */
export const MAX_MALFORMED_LISTED = 1000;
/** Skipped paths named on stderr; beyond this they are only counted. */
const MAX_SKIPPED_NAMED = 5;

/** A file to replay: read whole when it is small JSON, else streamed line by line. */
export interface ReplayInput {
  readonly path: string;
  /** `stream` for standard input, FIFOs and devices: read line by line, size unknown. */
  readonly kind: 'file' | 'stream';
  /** Bytes of a regular file; 0 for a stream. */
  readonly size: number;
}

/** A path a folder walk did not read, and why. */
export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

/** What a file's type is, in words, when it is neither a regular file nor a folder. */
function fileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Why `file` cannot be followed: a broken or looping symbolic link, or the system's reason. */
function statProblem(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'ENOENT') {
    try {
      if (fs.lstatSync(file).isSymbolicLink()) return `a broken symbolic link (to ${fs.readlinkSync(file)})`;
    } catch {
      // Gone meanwhile: the system's reason below.
    }
  }
  return describeProblem(err);
}

/**
 * The files under `input`: the file itself (any name), standard input for `-`, or a folder walked
 * recursively in sorted order taking `.json`, `.ndjson` and `.jsonl` files. A walk skips, and adds
 * to `skipped`, what it cannot read without blocking or looping: FIFOs, sockets and devices,
 * broken symbolic links, symbolic link loops, and folders already walked through another link.
 * @throws InputError when `input` itself cannot be read
 */
export function listInputs(input: string, skipped: SkippedPath[] = []): ReplayInput[] {
  if (input === STDIN) return [{ path: STDIN, kind: 'stream', size: 0 }];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${statProblem(input, err)}`);
  }
  if (stat.isFile()) return [{ path: input, kind: 'file', size: stat.size }];
  // Named on the command line, a pipe or device is what the user means to read (`<(zcat x.gz)`).
  if (stat.isFIFO() || stat.isCharacterDevice()) return [{ path: input, kind: 'stream', size: 0 }];
  if (!stat.isDirectory()) throw new InputError(`cannot read ${input}: ${fileKind(stat)}, not a file or folder`);
  const found: ReplayInput[] = [];
  walkFolder(input, stat, new Set(), found, skipped);
  return found;
}

function walkFolder(dir: string, stat: fs.Stats, walked: Set<string>, found: ReplayInput[], skipped: SkippedPath[]): void {
  const id = `${stat.dev}:${stat.ino}`;
  if (walked.has(id)) {
    skipped.push({ path: dir, reason: 'a folder already walked (a symbolic link loop or a second link to it)' });
    return;
  }
  walked.add(id);
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (err) {
    skipped.push({ path: dir, reason: describeProblem(err) });
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let entry: fs.Stats;
    try {
      entry = fs.statSync(file);
    } catch (err) {
      skipped.push({ path: file, reason: statProblem(file, err) });
      continue;
    }
    if (entry.isDirectory()) walkFolder(file, entry, walked, found, skipped);
    else if (!EVENT_FILE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;
    else if (entry.isFile()) found.push({ path: file, kind: 'file', size: entry.size });
    else skipped.push({ path: file, reason: fileKind(entry) });
  }
}

/** One line naming what a walk skipped (the first few, then a count), or '' when nothing was. */
export function formatSkipped(skipped: readonly SkippedPath[]): string {
  if (skipped.length === 0) return '';
  const named = skipped.slice(0, MAX_SKIPPED_NAMED).map(s => `${s.path} (${s.reason})`).join(', ');
  const more = skipped.length > MAX_SKIPPED_NAMED ? `, and ${skipped.length - MAX_SKIPPED_NAMED} more` : '';
  return `replay: skipped ${skipped.length} path(s) that cannot be read as event files: ${named}${more}\n`;
}

/** `{location, error}`: an entry that could not be read, reported by `file:line` and counted. */
export interface MalformedEntry {
  readonly location: string;
  readonly error: string;
}

/**
 * The entries of one file read whole: the whole file when it is one JSON value (and not
 * `.ndjson`/`.jsonl`), each element of a top-level JSON array, else one entry per non-blank line.
 */
export function readEntries(file: string, text: string): ReplayEntry[] {
  text = withoutBom(text);
  const lineMode = LINE_FILE_EXTENSIONS.has(path.extname(file).toLowerCase());
  if (!lineMode && valid(text)) {
    const value = parseJson(text);
    if (!value.isArray()) return [{ location: file, text }];
    return value.array().map((element, i) => ({ location: `${file}[${i}]`, text: element.raw }));
  }
  const lines = text.split('\n');
  const firstLine = lines.find(line => line.trim() !== '') ?? '';
  // A pretty-printed JSON file with a syntax error is one malformed entry, not one per line.
  if (!lineMode && !valid(firstLine)) return [{ location: file, text }];
  return lines.flatMap((line, i) => {
    const entry = line.endsWith('\r') ? line.slice(0, -1) : line;
    return entry.trim() === '' ? [] : [{ location: `${file}:${i + 1}`, text: entry }];
  });
}

/**
 * The entries of one input, with bounded memory whatever its size: a `.json` (or other) regular
 * file up to {@link MAX_WHOLE_FILE_BYTES} is read whole ({@link readEntries}); NDJSON files,
 * larger files and streams are read line by line, a line over {@link MAX_LINE_BYTES} being a
 * malformed entry. A larger file whose first line is not JSON on its own is one malformed entry.
 * @throws InputError when the file cannot be read
 */
export async function* inputEntries(input: ReplayInput, onBytes?: (count: number) => void): AsyncGenerator<ReplayEntry | MalformedEntry> {
  const name = displayName(input.path);
  const lineMode = input.kind === 'stream' || LINE_FILE_EXTENSIONS.has(path.extname(input.path).toLowerCase());
  if (!lineMode && input.size <= MAX_WHOLE_FILE_BYTES) {
    const text = readTextInput(input.path, 'file');
    onBytes?.(input.size);
    yield* readEntries(input.path, text);
    return;
  }
  const lines = splitLines(byteStream(input.path, onBytes));
  let first = true;
  for (;;) {
    let next: IteratorResult<Line>;
    try {
      next = await lines.next();
    } catch (err) {
      throw new InputError(`cannot read ${formatError(err, name)}`);
    }
    if (next.done) return;
    const line = next.value;
    const location = `${name}:${line.number}`;
    if (!lineMode && first && ('tooLong' in line || (line.text.trim() !== '' && !valid(line.text)))) {
      yield { location: name, error: `larger than ${formatBytes(MAX_WHOLE_FILE_BYTES)}, the most read whole as one JSON value; write one delivery per line (NDJSON, .ndjson)` };
      await lines.return(undefined);
      return;
    }
    if ('tooLong' in line) {
      yield { location, error: `a line of ${formatBytes(line.tooLong)}, longer than ${formatBytes(MAX_LINE_BYTES)} (GitHub's 25 MB payload cap and the headers); skipped` };
    } else if (line.text.trim() !== '') {
      yield { location, text: line.text };
    } else {
      continue;
    }
    first = false;
  }
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

type DependencyCounts = ReplaySummary['dependencies'][number] & { counter: ReasonCounter };
type TriggerCounts = ReplaySummary['triggers'][number] & { counter: ReasonCounter };

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

  constructor(
    private readonly sensor: Record<string, unknown>,
    private readonly now?: Date,
  ) {
    this.validationIssues = controllerRejections(sensor);
    this.address = firstDependencyAddress(sensor);
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
    const report = simulateSensor(this.sensor, event, { now: this.now, validationIssues: this.validationIssues });
    this.events++;
    this.sensorName = report.sensor;
    const dependencies = (this.dependencies ??= report.dependencies.map(d => ({ name: d.name, passed: 0, dropped: 0, droppedBy: [], counter: new ReasonCounter() })));
    const triggers = (this.triggers ??= report.triggers.map(t => ({ name: t.name, fired: 0, failed: 0, notFired: 0, failedBy: [], counter: new ReasonCounter() })));
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
      const empty = simulateSensor(this.sensor, null, { now: this.now, validationIssues: this.validationIssues });
      sensorName = empty.sensor;
      dependencies = empty.dependencies.map(d => ({ name: d.name, passed: 0, dropped: 0, droppedBy: [], counter: new ReasonCounter() }));
      triggers = empty.triggers.map(t => ({ name: t.name, fired: 0, failed: 0, notFired: 0, failedBy: [], counter: new ReasonCounter() }));
    }
    const seconds = (performance.now() - this.start) / 1000;
    return {
      sensor: sensorName,
      events: this.events,
      malformedCount: this.malformedCount,
      malformed: [...this.malformed],
      dependencies: dependencies.map(({ counter, ...d }) => ({ ...d, droppedBy: counter.sorted() })),
      triggers: triggers.map(({ counter, ...t }) => ({ ...t, failedBy: counter.sorted() })),
      seconds,
      eventsPerSecond: seconds > 0 ? this.events / seconds : 0,
    };
  }
}

/**
 * Replays entries held in memory through the Sensor and counts the outcomes.
 * @param onProgress called after each entry
 */
export function replayEntries(sensor: Record<string, unknown>, entries: Iterable<ReplayEntry | MalformedEntry>, now?: Date, onProgress?: () => void): ReplaySummary {
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
