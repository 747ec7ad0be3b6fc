/**
 * The inputs `simulate`, `replay` and `serve` share: the Sensor file, event files, raw GitHub
 * webhook bodies addressed to the Sensor, and which errors mean "this input cannot be read".
 */
import { createHash } from 'crypto';
import { EventFileError, parseEventFile, type SensorEvent } from '../engine/event';
import { GitHubDeliveryError, githubEvent } from '../engine/github-event';
import { ManifestFileError } from '../engine/load-yaml';
import { firstDependencyAddress, readSensorManifest, type SensorModel } from '../engine/model';
import { GitHubHeaders } from '../github/webhook';
import { readTextInput, STDIN } from './input-files';
import { formatError, InputError } from './output';

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
