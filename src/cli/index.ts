/**
 * The `ci-remediation` command line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, type CommanderError } from 'commander';
import { findPackageRoot } from '../agent-templates/render';
import { registerFireDrillCommand } from './fire-drill-command';
import { registerLintCommand } from './lint-command';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, exitQuietlyOnClosedPipe, formatError } from './output';
import { registerReplayCommand } from './replay-command';
import { registerReportCommand } from './report-command';
import { registerServeCommand } from './serve-command';
import { registerSimulateCommand } from './simulate-command';
import { registerStatusCommand } from './status-command';
import { registerSynthCommand } from './synth-command';
import { registerTemplatesCommand } from './templates-command';
import { registerWatchCommand } from './watch-command';

/** What each command's exit codes mean, shown at the end of its `--help`. */
const EXIT_CODES: Readonly<Record<string, string>> = {
  'ci-remediation': '0 success, 1 findings or a failed synth/check, 2 input that cannot be read, a cluster that cannot be reached, or a usage mistake',
  synth: '0 written, 1 failed synth (invalid settings, a template that does not compile), 2 a settings file that cannot be read or a usage mistake',
  simulate: '0 evaluated (whatever the verdict), 2 input that cannot be read (Sensor, event, payload) or a usage mistake',
  replay: '0 replayed (malformed entries are counted, not fatal), 2 a Sensor or path that cannot be read or a usage mistake',
  lint: '0 no error findings, 1 error findings or a --fix refused (nothing written), 2 a file that cannot be read or is not YAML, no Sensor or EventSource in any file, or a usage mistake',
  serve: '0 stopped by SIGTERM or SIGINT after finishing deliveries in flight, 1 the shutdown failed, 2 a Sensor, secret file or journal that cannot be used, an address in use, a cluster that cannot be reached (--apply), or a usage mistake',
  templates: '0 success, 1 a failed check, 2 a template or context that cannot be read or used, or a usage mistake',
  render: '0 rendered, 2 a template or context that cannot be read, or a context that does not fit the template, or a usage mistake',
  report: '0 report written (whether or not the KPIs meet their targets), 1 a GitHub request failed, 2 an option or settings file that cannot be used, or a usage mistake',
  check: '0 every check passed, 1 a check failed, 2 a usage mistake',
  status: '0 healthy, 1 a check failed, 2 cannot connect to the cluster, settings that cannot be used, or a usage mistake',
  watch: '0 stopped with Ctrl-C, 2 cannot connect to the cluster, settings that cannot be used, or a usage mistake',
  'fire-drill': '0 every step passed, 1 a step failed (the EventSource unreachable or answering wrongly, a CodeRun missing or unexpected, the agent failed), 2 cannot connect to the cluster, a secret, run or settings that cannot be used, or a usage mistake',
};

/** The package version, from package.json. */
function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(findPackageRoot(__dirname), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Builds the program; exported for tests. */
export function buildProgram(): Command {
  const program = new Command('ci-remediation')
    .description('Synthesize, simulate and lint the Argo Events stack that remediates failed GitHub Actions runs; run its Sensor on live webhooks (serve); check and watch it in the cluster; report its outcomes')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerSynthCommand(program);
  registerTemplatesCommand(program);
  registerSimulateCommand(program);
  registerReplayCommand(program);
  registerLintCommand(program);
  registerReportCommand(program);
  registerStatusCommand(program);
  registerWatchCommand(program);
  registerServeCommand(program);
  registerFireDrillCommand(program);
  const addExitCodes = (command: Command): void => {
    const meaning = EXIT_CODES[command.name()];
    if (meaning !== undefined) command.addHelpText('after', `\nExit codes: ${meaning}.`);
    command.commands.forEach(addExitCodes);
  };
  addExitCodes(program);
  return program;
}

/** Commander's own errors are usage errors: exit 2, like unreadable input. */
function exitCodeOf(err: CommanderError): number {
  if (err.exitCode === 0) return 0;
  return err.code.startsWith('commander.') ? EXIT_BAD_INPUT : err.exitCode;
}

/** Entry point of the bin. */
export function main(argv: string[]): void {
  exitQuietlyOnClosedPipe();
  const program = buildProgram();
  // Subcommands copy their settings when created: set the override on every one of them.
  const exitOnError = (command: Command): void => {
    command.exitOverride(err => process.exit(exitCodeOf(err)));
    command.commands.forEach(exitOnError);
  };
  exitOnError(program);
  program.parseAsync(argv).catch((err: unknown) => {
    process.stderr.write(`error: ${formatError(err)}\n`);
    process.exitCode = EXIT_FINDINGS;
  });
}
