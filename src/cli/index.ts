/**
 * The `ci-remediation` command line.
 */
import { Command, type CommanderError } from 'commander';
import { registerLintCommand } from './lint-command';
import { registerReplayCommand } from './replay-command';
import { registerSimulateCommand } from './simulate-command';
import { registerSynthCommand } from './synth-command';
import { registerTemplatesCommand } from './templates-command';

/** Builds the program; exported for tests. */
export function buildProgram(): Command {
  const program = new Command('ci-remediation')
    .description('Synthesize, simulate and lint the Argo Events stack that remediates failed GitHub Actions runs')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerSynthCommand(program);
  registerTemplatesCommand(program);
  registerSimulateCommand(program);
  registerReplayCommand(program);
  registerLintCommand(program);
  return program;
}

/** Commander's own errors are usage errors: exit 2, like unreadable input. */
function exitCodeOf(err: CommanderError): number {
  if (err.exitCode === 0) return 0;
  return err.code.startsWith('commander.') ? 2 : err.exitCode;
}

/** Entry point of the bin. */
export function main(argv: string[]): void {
  const program = buildProgram();
  // Subcommands copy their settings when created: set the override on every one of them.
  const exitOnError = (command: Command): void => {
    command.exitOverride(err => process.exit(exitCodeOf(err)));
    command.commands.forEach(exitOnError);
  };
  exitOnError(program);
  program.parseAsync(argv).catch((err: Error) => {
    process.stderr.write(`error: ${err.message}\n`);
    process.exitCode = 1;
  });
}
