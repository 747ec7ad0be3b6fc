/**
 * Reading the command line's input files with bounded memory: whole files (a Sensor, an event, a
 * payload, a `.json` of deliveries) only up to a stated size, everything else line by line with a
 * bound on the length of one line, and standard input for `-`.
 */
import * as fs from 'fs';
import { formatError, InputError } from './output';

/** The file name that stands for standard input. */
export const STDIN = '-';

/**
 * Largest input read whole (a Sensor, an event or payload file, a `.json` file of deliveries):
 * GitHub caps a webhook payload at 25 MB, so one delivery always fits, with room for an array of
 * them. Larger deliveries files must be NDJSON, which is streamed.
 */
export const MAX_WHOLE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Longest NDJSON line: GitHub's 25 MB payload cap plus 1 MiB for the headers and the wrapping.
 * A longer line is reported as a malformed entry and skipped without being held in memory.
 */
export const MAX_LINE_BYTES = 25 * 1000 * 1000 + 1024 * 1024;

/** `64 MiB`, `25.8 MB`: a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Drops a UTF-8 byte order mark, which some editors put at the start of text files. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How a file is named in messages: standard input has no name of its own. */
export function displayName(file: string): string {
  return file === STDIN ? '<stdin>' : file;
}

/** Blocks the thread briefly (a non-blocking standard input that has no data yet). */
function pause(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/**
 * Reads a whole text file, or standard input for `-`, without its byte order mark. Reads at most
 * `maxBytes` (a device such as `/dev/zero` never ends).
 * @throws InputError naming the file when it cannot be read or is larger than `maxBytes`
 */
export function readTextInput(file: string, what: string, maxBytes = MAX_WHOLE_FILE_BYTES): string {
  const name = file === STDIN ? '(standard input)' : file;
  let fd: number;
  try {
    fd = file === STDIN ? 0 : fs.openSync(file, 'r');
  } catch (err) {
    throw new InputError(`cannot read ${what} ${formatError(err, name)}`);
  }
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(1024 * 1024);
    let total = 0;
    for (;;) {
      let count: number;
      try {
        count = fs.readSync(fd, buffer, 0, buffer.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          pause(10);
          continue;
        }
        throw new InputError(`cannot read ${what} ${formatError(err, name)}`);
      }
      if (count === 0) break;
      total += count;
      if (total > maxBytes) {
        throw new InputError(`cannot read ${what} ${name}: larger than ${formatBytes(maxBytes)}, the most read whole`);
      }
      chunks.push(Buffer.from(buffer.subarray(0, count)));
    }
    return withoutBom(Buffer.concat(chunks).toString('utf8'));
  } finally {
    if (file !== STDIN) fs.closeSync(fd);
  }
}

/** One line of a streamed file: its text, or how long it was when over the limit. */
export type Line = { readonly number: number; readonly text: string } | { readonly number: number; readonly tooLong: number };

/**
 * Splits a stream of bytes into lines (`\n`, an optional `\r` before it dropped), numbered from 1,
 * holding at most `maxLineBytes` of one line: a longer line is yielded as `tooLong` (with its
 * length) and its bytes are dropped as they arrive. The byte order mark of the first line is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let length = 0;
  let number = 1;
  const finish = (): Line => {
    const line: Line = length > maxLineBytes
      ? { number, tooLong: length }
      : { number, text: decodeLine(Buffer.concat(parts, size), number === 1) };
    parts = [];
    size = 0;
    length = 0;
    number++;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      length += end - start;
      if (length > maxLineBytes) {
        parts = [];
        size = 0;
      } else if (end > start) {
        // Copy: a slice would keep the whole chunk alive.
        parts.push(Buffer.from(chunk.subarray(start, end)));
        size += end - start;
      }
      if (newline === -1) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (length > 0) yield finish();
}

function decodeLine(bytes: Buffer, first: boolean): string {
  const text = bytes.toString('utf8');
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  return first ? withoutBom(line) : line;
}

/** The bytes of `file` (or standard input for `-`), in chunks, for {@link splitLines}. */
export function byteStream(file: string, onBytes?: (count: number) => void): AsyncIterable<Buffer> {
  const stream = file === STDIN ? process.stdin : fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  if (!onBytes) return stream as AsyncIterable<Buffer>;
  return (async function* counted() {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield chunk;
    }
  })();
}
