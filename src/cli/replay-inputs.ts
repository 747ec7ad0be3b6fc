/**
 * The inputs of `replay`: which files a path stands for (a folder walk that skips what cannot be
 * read without blocking or looping) and the entries of each file, read with bounded memory.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseJson } from '../engine/gjson/result';
import { valid } from '../engine/gjson/valid';
import { walkTree } from '../files/walk';
import type { SensorEvent } from '../engine/event';
import { githubEvent, parseGitHubDelivery } from '../engine/github-event';
import { firstDependencyAddress, type SensorModel } from '../engine/model';
import { byteStream, displayName, formatBytes, type Line, MAX_LINE_BYTES, MAX_WHOLE_FILE_BYTES, readTextInput, splitLines, STDIN, withoutBom } from './input-files';
import { describeProblem, formatError, InputError } from './output';
import { parseEventText } from './sensor-inputs';

/** One entry read from the inputs: its text and where it came from (`file` or `file:line`). */
export interface ReplayEntry {
  readonly location: string;
  readonly text: string;
}

/** File extensions picked up when walking a folder. */
const EVENT_FILE_EXTENSIONS = new Set(['.json', '.ndjson', '.jsonl']);
/** Extensions always read one entry per line. */
const LINE_FILE_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
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
  // Folders by device and inode: one reached again (a link loop, or a second link to it) is skipped.
  const walked = new Set<string>([`${stat.dev}:${stat.ino}`]);
  const wanted = (file: string): boolean => EVENT_FILE_EXTENSIONS.has(path.extname(file).toLowerCase());
  walkTree(input, {
    unresolvable(entry, err) {
      skipped.push({ path: entry.fullPath, reason: statProblem(entry.fullPath, err) });
    },
    folder(entry, folder) {
      const id = `${folder.dev}:${folder.ino}`;
      if (walked.has(id)) {
        skipped.push({ path: entry.fullPath, reason: 'a folder already walked (a symbolic link loop or a second link to it)' });
        return false;
      }
      walked.add(id);
      return true;
    },
    file(entry, file) {
      if (wanted(entry.fullPath)) found.push({ path: entry.fullPath, kind: 'file', size: file.size });
    },
    other(entry, other) {
      if (wanted(entry.fullPath)) skipped.push({ path: entry.fullPath, reason: fileKind(other) });
    },
    unreadable(folder, err) {
      skipped.push({ path: folder, reason: describeProblem(err) });
    },
  });
  return found;
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
