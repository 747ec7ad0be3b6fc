/** Prints one error line (or block) on stderr and sets the exit code. */
export function fail(message: string, exitCode: number): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = exitCode;
}
