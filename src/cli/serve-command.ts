/**
 * `ci-remediation serve`: the Sensor on this machine, fed by real webhooks (see src/serve).
 */
import type { Command } from 'commander';
import { JournalError } from '../serve/journal';
import { WebhookServer } from '../serve/server';
import { controllerRejections } from '../engine/sensor';
import { readTextInput } from './input-files';
import { EXIT_BAD_INPUT, formatError, InputError, oneLine } from './output';
import { isInputError, loadSensorInput, type CommandOutput } from './simulate-command';

/** Options of `serve` as commander parses them. */
export interface ServeCommandOptions {
  readonly sensor: string;
  readonly secretFile: string;
  readonly port: string;
  readonly host: string;
  readonly endpoint: string;
  readonly out: string;
  readonly journal?: string;
}

/**
 * The webhook secret from a file: its bytes, less one trailing newline (`echo secret > file`
 * writes one; GitHub's secret never ends with one).
 * @throws InputError when the file cannot be read or the secret is empty
 */
export function readSecretFile(file: string): Buffer {
  const text = readTextInput(file, 'secret file', 64 * 1024);
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new InputError(`${file}: the secret file is empty; write the webhook secret GitHub signs deliveries with into it`);
  return Buffer.from(secret, 'utf8');
}

/** A port number 0-65535 (0: any free port). */
function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InputError(`--port ${JSON.stringify(text)} is not a port number (0-65535)`);
  return port;
}

/**
 * Starts the server and resolves once it listens, with a function that stops it. Exit codes:
 * 2 for input that cannot be used (Sensor, secret, port, a corrupt journal, an address in use).
 */
export async function startServe(options: ServeCommandOptions, output: CommandOutput): Promise<{ stop: () => Promise<void>; port: number } | number> {
  let server: WebhookServer;
  try {
    const sensor = loadSensorInput(options.sensor);
    const rejections = controllerRejections(sensor);
    if (rejections.length > 0) {
      throw new InputError(`${options.sensor}: the Argo Events controller would reject this Sensor (${rejections.map(r => r.message).join('; ')}); run \`ci-remediation lint\` on it`);
    }
    if (!options.endpoint.startsWith('/')) throw new InputError(`--endpoint ${JSON.stringify(options.endpoint)} must start with /`);
    server = new WebhookServer({
      sensor,
      secret: readSecretFile(options.secretFile),
      host: options.host,
      port: parsePort(options.port),
      endpoint: options.endpoint,
      outDir: options.out,
      journal: options.journal,
      log: line => output.stdout(`${line}\n`),
    });
    const address = await server.start();
    output.stderr(`serve: listening on http://${options.host}:${address.port}${options.endpoint} (health /health, metrics /metrics); out ${options.out}\n`);
    return { stop: () => server.stop(), port: address.port };
  } catch (err) {
    if (!(isInputError(err) || err instanceof JournalError || isSystemError(err))) throw err;
    output.stderr(`${oneLine(err instanceof InputError || err instanceof JournalError ? err.message : formatError(err))}\n`);
    return EXIT_BAD_INPUT;
  }
}

function isSystemError(err: unknown): boolean {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined;
}

/** `ci-remediation serve ...`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('receive GitHub webhooks as the GitHub EventSource does, run the Sensor on each, and write the resources its triggers create to a folder')
    .requiredOption('--sensor <file>', 'file holding the Sensor (YAML or JSON)')
    .requiredOption('--secret-file <file>', 'file holding the webhook secret (one trailing newline is ignored)')
    .requiredOption('--out <dir>', 'folder for created resources, one file per resource name')
    .option('--port <port>', 'port to listen on (0: any free port)', '12000')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--endpoint <path>', 'webhook path', '/github/webhook')
    .option('--journal <file>', 'journal of accepted deliveries (default: <out>/.journal.ndjson)')
    .action(async (options: ServeCommandOptions) => {
      const output: CommandOutput = { stdout: text => process.stdout.write(text), stderr: text => process.stderr.write(text) };
      const started = await startServe(options, output);
      if (typeof started === 'number') {
        process.exitCode = started;
        return;
      }
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        output.stderr(`serve: ${signal}: finishing deliveries in flight\n`);
        started.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            output.stderr(`serve: ${formatError(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    });
}

