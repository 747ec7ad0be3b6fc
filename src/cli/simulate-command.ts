import { createHash } from 'crypto';
import type { Command } from 'commander';
import * as YAML from 'yaml';
import { EventFileError, parseEventFile, type SensorEvent } from '../engine/event';
import { GitHubDeliveryError, githubEvent } from '../engine/github-event';
import { ManifestFileError } from '../engine/load-yaml';
import { readSensorManifest, sensorModelOf, type SensorModel } from '../engine/model';
import { describeFilterStep } from '../engine/filters';
import { asSimulatorLimit } from '../engine/limits';
import { GitHubHeaders } from '../github/webhook';
import { notEvaluated, simulateSensor, type SimulationReport, type SimulationResult } from '../engine/sensor';
import { readTextInput, STDIN } from './input-files';
import { EXIT_BAD_INPUT, formatError, InputError, oneLine } from './output';

export { InputError } from './output';
export { STDIN } from './input-files';

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

/** Where a command writes; the process streams in the bin, buffers in tests. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit code for input that cannot be read (missing file, not YAML/JSON, no Sensor, bad event file). */
export const INPUT_ERROR_EXIT_CODE = EXIT_BAD_INPUT;

/** Errors of reading inputs that become {@link InputError}s. */
const INPUT_ERRORS = [ManifestFileError, EventFileError, GitHubDeliveryError, InputError];

/** True for errors that mean "the input cannot be read" (exit 2) rather than a bug. */
export function isInputError(err: unknown): err is Error {
  return INPUT_ERRORS.some(type => err instanceof type);
}

/** Refuses `-` for more than one input: standard input can be read once. */
export function assertStdinOnce(inputs: readonly (string | undefined)[]): void {
  if (inputs.filter(input => input === STDIN).length > 1) {
    throw new InputError('only one input can be read from standard input (-)');
  }
}

/**
 * Reads and decodes the first Sensor of a file (or of standard input for `-`). Every failure, a
 * YAML alias bomb or a document nested too deeply included, is an {@link InputError} naming the file.
 */
export function loadSensorInput(file: string): SensorModel {
  const name = file === STDIN ? '<stdin>' : file;
  const text = readTextInput(file, 'Sensor file');
  try {
    const sensor = readSensorManifest(text, name);
    if (!sensor) throw new InputError(`${name}: no Sensor (an object with kind: Sensor) found`);
    return sensor;
  } catch (err) {
    if (isInputError(err)) throw err;
    throw new InputError(formatError(err, name));
  }
}

/** Keys of a GitHub webhook body that an event file or a delivery never has at its top. */
const WEBHOOK_BODY_KEYS = ['action', 'sender', 'repository', 'organization', 'installation', 'workflow_run', 'workflow_job', 'pull_request', 'check_run', 'check_suite'];

/**
 * When `value` looks like a raw GitHub webhook body (no `headers`/`body`, no `context`/`data`,
 * but webhook keys such as `action`, `sender`, `repository`), how to give it instead.
 */
export function rawWebhookBodyHint(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (['headers', 'body', 'context', 'data', 'dataRaw'].some(key => keys.includes(key))) return undefined;
  if (!keys.some(key => WEBHOOK_BODY_KEYS.includes(key))) return undefined;
  return 'this looks like a raw webhook body; wrap it as {"headers": {"X-GitHub-Event": "<event>", "X-GitHub-Delivery": "<id>"}, "body": <the payload>}, or simulate it with --github-event NAME --payload FILE';
}

/** Parses an event file's text; a raw webhook body gets a hint instead of "unknown key". */
export function parseEventText(text: string): SensorEvent | null {
  try {
    return parseEventFile(text);
  } catch (err) {
    if (!(err instanceof EventFileError)) throw err;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw err;
    }
    const hint = rawWebhookBodyHint(value);
    throw hint === undefined ? err : new EventFileError(hint);
  }
}

/** A GUID derived from the payload, so a simulation without `--delivery` is reproducible. */
export function defaultDeliveryId(payload: string): string {
  const hex = createHash('sha256').update(payload).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The (eventSourceName, eventName) of the Sensor's first dependency, what a GitHub event is addressed to. */
export function firstDependencyAddress(sensor: SensorModel | Record<string, unknown>): { eventSourceName: string; eventName: string } {
  const first = sensorModelOf(sensor, 'firstDependencyAddress').dependencies?.[0];
  return { eventSourceName: first?.eventSourceName ?? '', eventName: first?.eventName ?? '' };
}

/**
 * Wraps a raw webhook body as the GitHub event source would publish it to `sensor`'s first dependency.
 * @throws GitHubDeliveryError when the body is not a JSON object
 */
export function githubEventForSensor(sensor: SensorModel | Record<string, unknown>, eventType: string, payload: string, deliveryId?: string): SensorEvent {
  const headers = {
    'Content-Type': 'application/json',
    [GitHubHeaders.event]: eventType,
    [GitHubHeaders.delivery]: deliveryId ?? defaultDeliveryId(payload),
  };
  return githubEvent({ headers, body: payload }, firstDependencyAddress(sensor));
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
    return INPUT_ERROR_EXIT_CODE;
  }
  output.stdout(options.json ? `${JSON.stringify(simulationJson(report), null, 2)}\n` : formatSimulation(report));
  return 0;
}

/** The process streams as a {@link CommandOutput}. */
export const processOutput: CommandOutput = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

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
