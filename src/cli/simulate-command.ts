import type { Command } from 'commander';
import * as YAML from 'yaml';
import type { SensorEvent } from '../engine/event';
import { describeFilterStep } from '../engine/filters';
import { asSimulatorLimit } from '../engine/limits';
import type { SensorModel } from '../engine/model';
import { notEvaluated, simulateSensor, type SimulationReport, type SimulationResult } from '../engine/sensor';
import { readTextInput } from './input-files';
import { type CommandOutput, EXIT_BAD_INPUT, InputError, oneLine, processOutput } from './output';
import { assertStdinOnce, githubEventForSensor, isInputError, loadSensorInput, parseEventText } from './sensor-inputs';

/** Options of `simulate` as commander parses them. */
export interface SimulateCommandOptions {
  readonly sensor: string;
  readonly event?: string;
  readonly githubEvent?: string;
  readonly payload?: string;
  readonly delivery?: string;
  readonly json?: boolean;
  /** Action time for the k8s create labels; default now (tests fix it). */
  readonly now?: Date;
}

function readEvent(options: SimulateCommandOptions, sensor: SensorModel): SensorEvent | null {
  const hasEvent = options.event !== undefined;
  const hasGitHub = options.githubEvent !== undefined || options.payload !== undefined;
  if (hasEvent === hasGitHub) throw new InputError('give either --event FILE or --github-event NAME --payload FILE');
  if (options.event !== undefined) {
    const text = readTextInput(options.event, 'event file');
    try {
      return parseEventText(text);
    } catch (err) {
      throw new InputError(`${options.event}: ${(asSimulatorLimit(err) ?? (err as Error)).message}`);
    }
  }
  if (options.githubEvent === undefined || options.payload === undefined) {
    throw new InputError('--github-event NAME and --payload FILE go together');
  }
  const payload = readTextInput(options.payload, 'payload file');
  try {
    return githubEventForSensor(sensor, options.githubEvent, payload, options.delivery);
  } catch (err) {
    throw new InputError(`${options.payload}: ${(err as Error).message}`);
  }
}

/** The `--json` object: exactly the {@link SimulationResult} fields. */
export function simulationJson(report: SimulationReport): SimulationResult {
  return { sensor: report.sensor, validation: report.validation, dependencies: report.dependencies, triggers: report.triggers };
}

function indent(text: string, prefix: string): string {
  return text.replace(/\n$/, '').split('\n').map(line => `${prefix}${line}`).join('\n');
}

/** The readable account of a simulation. */
export function formatSimulation(report: SimulationReport): string {
  const lines: string[] = [`Sensor ${report.sensor || '(unnamed)'}`];
  if (report.validation.length === 0) {
    lines.push('Validation: the controller accepts this Sensor');
  } else {
    lines.push(`Validation: ${report.validation.length} controller rule(s) broken (the controller would reject this Sensor; evaluated anyway):`);
    for (const message of report.validation) lines.push(`  warning: ${message}`);
  }
  report.dependencies.forEach((dependency, i) => {
    const details = report.details.dependencies[i];
    const verdict = dependency.cannotEvaluate !== undefined ? 'CANNOT EVALUATE (no verdict)' : dependency.passed ? 'PASSED' : 'DROPPED';
    lines.push('', `Dependency ${dependency.name} (${details.eventSourceName}/${details.eventName}): ${verdict}`);
    if (details.notOffered) lines.push(`  not offered: ${details.notOffered}`);
    else if (details.steps.length === 0 && dependency.passed) lines.push('  no filters: every event passes');
    for (const step of details.steps) lines.push(`  ${step.passed ? 'ok  ' : 'FAIL'} ${describeFilterStep(step)}`);
    for (const subject of notEvaluated(details)) lines.push(`  --   ${subject}: not evaluated`);
    if (dependency.error !== null) lines.push(`  error (logged by the sensor at WARN, event dropped): ${dependency.error}`);
    if (dependency.cannotEvaluate !== undefined) lines.push(`  ${dependency.cannotEvaluate}`);
  });
  report.triggers.forEach((trigger, i) => {
    const details = report.details.triggers[i];
    const conditions = details.conditions === '' ? 'all dependencies' : details.conditions;
    lines.push('', `Trigger ${trigger.name} (${details.type ?? 'no type'}), conditions: ${conditions}`);
    if (trigger.fired) {
      lines.push('  FIRED; resource:', indent(YAML.stringify(trigger.resource, { lineWidth: 0 }), '    '));
    } else if (trigger.cannotEvaluate !== undefined) {
      lines.push(`  CANNOT EVALUATE (no verdict): ${trigger.cannotEvaluate}`);
    } else if (trigger.error !== null) {
      lines.push(`  FAILED: ${trigger.error}`);
    } else {
      lines.push('  not fired: conditions not met');
    }
  });
  return lines.join('\n') + '\n';
}

/**
 * Runs `simulate` and returns the exit code: 0 whatever the verdict, 2 with one line on stderr
 * for input that cannot be read.
 */
export function runSimulate(options: SimulateCommandOptions, output: CommandOutput): number {
  let report: SimulationReport;
  try {
    assertStdinOnce([options.sensor, options.event, options.payload]);
    const sensor = loadSensorInput(options.sensor);
    const event = readEvent(options, sensor);
    report = simulateSensor(sensor, event, { now: options.now });
  } catch (err) {
    if (!isInputError(err)) throw err;
    output.stderr(`${oneLine(err.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  output.stdout(options.json ? `${JSON.stringify(simulationJson(report), null, 2)}\n` : formatSimulation(report));
  return 0;
}

/**
 * `ci-remediation simulate --sensor FILE (--event FILE | --github-event NAME --payload FILE [--delivery ID]) [--json]`.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run one event through a Sensor offline: filters, conditions, trigger parameters')
    .requiredOption('--sensor <file>', 'file holding the Sensor (YAML or JSON; the first Sensor of a multi-document file; - for standard input)')
    .option('--event <file>', 'event file: {"context": {...}, "data": ...} (- for standard input)')
    .option('--github-event <name>', 'GitHub event type (X-GitHub-Event) of --payload')
    .option('--payload <file>', 'raw GitHub webhook body (JSON; - for standard input)')
    .option('--delivery <id>', 'X-GitHub-Delivery of --payload (default: derived from the payload)')
    .option('--json', 'print one JSON object instead of the readable account')
    .action((options: SimulateCommandOptions) => {
      process.exitCode = runSimulate(options, processOutput);
    });
}
