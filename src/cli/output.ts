/**
 * How the command line reports problems: one plain line per problem, naming the file, never a
 * JavaScript stack, error class or bare errno code; and the exit codes the README states.
 */

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: findings (lint errors), a failed synth or a failed template check. */
export const EXIT_FINDINGS = 1;
/** Exit code: input that cannot be read or used, or a usage mistake. */
export const EXIT_BAD_INPUT = 2;

/** Where a command writes; the process streams in the bin, buffers in tests. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process streams as a {@link CommandOutput}. */
export const processOutput: CommandOutput = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** An input problem reported as one line on stderr with exit code {@link EXIT_BAD_INPUT}. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Plain words for the system errors a user can meet when naming files. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'a symbolic link loop',
  EINVAL: 'cannot be read as a file',
  EAGAIN: 'not ready for reading (a non-blocking input)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ENXIO: 'no reader or device behind this path',
  EIO: 'input/output error',
  ERR_FS_FILE_TOO_LARGE: 'too large to read into memory (over 2 GiB)',
  ERR_STRING_TOO_LONG: 'too large to read into memory as text (over 512 MiB)',
};

/** Messages of JavaScript engine limits, and what they mean for the user's input. */
const ENGINE_LIMITS: readonly [RegExp, string][] = [
  [/^Invalid string length$/, 'too large to hold in memory as text'],
  [/^Invalid array length$/, 'too large to hold in memory'],
  [/^Maximum call stack size exceeded$/, 'nested too deeply to process'],
  [/^Array buffer allocation failed$/, 'too large to hold in memory'],
  // The `yaml` package's guard against alias bombs ("billion laughs").
  [/^Excessive alias count/, 'too many YAML alias expansions (more than 100 references to anchors: an alias bomb?)'],
];

/** One line: newlines and runs of blanks in a message become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Describes `err` in plain words, on one line: system errors by what happened to which path,
 * engine limits by what they mean, anything else by its message (without the error's class).
 */
export function describeError(err: unknown): string {
  const file = (err as NodeJS.ErrnoException | undefined)?.path;
  const problem = describeProblem(err);
  return file !== undefined && (err as NodeJS.ErrnoException).code !== undefined ? `${file}: ${problem}` : problem;
}

/** Like {@link describeError}, without the path a system error names. */
export function describeProblem(err: unknown): string {
  // Duck-typed: errors of Node's own modules come from another realm under test runners.
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') return oneLine(String(err));
  const { code } = err as NodeJS.ErrnoException;
  if (code !== undefined && SYSTEM_ERRORS[code] !== undefined) return SYSTEM_ERRORS[code];
  for (const [pattern, meaning] of ENGINE_LIMITS) {
    if (pattern.test((err as Error).message)) return meaning;
  }
  const message = (err as Error).message;
  // Node prefixes system errors as "EXYZ: description, syscall 'path'": keep the description.
  const system = /^E[A-Z]+: ([^,]+), \w+/.exec(message);
  if (system) return system[1];
  return oneLine(message) || (code ?? 'unknown error');
}

/**
 * `subject: problem` on one line; the subject (a file name) is not repeated when the description
 * already starts with it.
 */
export function formatError(err: unknown, subject?: string): string {
  const description = describeError(err);
  if (subject === undefined || description.startsWith(`${subject}:`) || description.startsWith(`${subject} `)) {
    return description;
  }
  return `${subject}: ${description}`;
}

/** Prints one error line (or block) on stderr and sets the exit code. */
export function fail(message: string, exitCode: number): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = exitCode;
}

/**
 * Ends the process quietly when the reader of stdout or stderr goes away (`lint … | head -1`):
 * Node reports a closed pipe as an `EPIPE` error event, which would otherwise print a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK);
      // Any other write error: stderr may be the broken stream, so only the exit code can tell.
      process.exit(EXIT_FINDINGS);
    });
  }
}
