/**
 * `ci-remediation replay`: walks the inputs (replay-inputs.ts), counts each entry's outcome
 * (replay-tally.ts) and prints the counts (replay-report.ts).
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type CommandOutput, EXIT_BAD_INPUT, oneLine, processOutput } from './output';
import { formatSkipped, inputEntries, listInputs, type SkippedPath } from './replay-inputs';
import { formatReplay, replayJson } from './replay-report';
import { ReplayTally, type ReplaySummary } from './replay-tally';
import { assertStdinOnce, isInputError, loadSensorInput } from './sensor-inputs';

/** Options of `replay` as commander parses them. */
export interface ReplayCommandOptions {
  readonly sensor: string;
  readonly json?: boolean;
  /** Draw a progress bar on stderr; the command sets it when stderr is a TTY. */
  readonly progress?: boolean;
  /** Action time for the k8s create labels; default now. */
  readonly now?: Date;
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
    return EXIT_BAD_INPUT;
  } finally {
    bar?.stop();
  }
  output.stdout(options.json ? replayJson(summary) : formatReplay(summary));
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
