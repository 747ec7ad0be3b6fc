/**
 * How the command line reports problems: one plain line per problem, naming the file, never a
 * JavaScript stack, error class or bare errno code; and the exit codes the README states.
 */
import { describeError } from '../files/problem';

// The plain-words descriptions live with the files module (the templates tree uses them too).
export { describeError, describeProblem, oneLine } from '../files/problem';

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
