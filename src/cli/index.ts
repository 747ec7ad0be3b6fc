/**
 * The `ci-remediation` command line.
 */
import { Command } from 'commander';
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
  return program;
}

/** Entry point of the bin. Usage errors exit 2. */
export function main(argv: string[]): void {
  const program = buildProgram();
  program.exitOverride(err => {
    process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2);
  });
  program.parse(argv);
}
