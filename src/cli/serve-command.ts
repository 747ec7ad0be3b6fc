/**
 * `ci-remediation serve`: the Sensor on this machine, fed by real webhooks (see src/serve).
 */
import type { Command } from 'commander';
import { JournalError } from '../serve/journal';
import { WebhookServer } from '../serve/server';
import { controllerRejections } from '../engine/sensor';
import { readTextInput } from './input-files';
import { type CommandOutput, EXIT_BAD_INPUT, formatError, InputError, oneLine, processOutput } from './output';
import { isInputError, loadSensorInput } from './sensor-inputs';
import type { ResourceSink } from '../serve/sink';

/** Options of `serve` as commander parses them. */
export interface ServeCommandOptions {
  readonly sensor: string;
  readonly secretFile: string;
  readonly port: string;
  readonly host: string;
  readonly endpoint: string;
  readonly out?: string;
  readonly apply?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly journal?: string;
}

/** Journal of `serve --apply` when `--journal` is not given (with `--out`, it lives in the out folder). */
export const APPLY_DEFAULT_JOURNAL = 'serve-journal.ndjson';

/**
 * Where the resources go: exactly one of `--out DIR` and `--apply`; `--kubeconfig`/`--context`
 * only with `--apply`.
 * @throws InputError for a usage mistake
 */
function resourceTarget(options: ServeCommandOptions): { out: string } | { apply: true } {
  if (options.out !== undefined && options.apply) throw new InputError('--out and --apply are mutually exclusive: write the resources to a folder (--out DIR) or create them in the cluster (--apply)');
  if (options.out === undefined && !options.apply) throw new InputError('give --out DIR (write the resources to a folder) or --apply (create them in the cluster)');
  if (!options.apply && (options.kubeconfig !== undefined || options.context !== undefined)) throw new InputError('--kubeconfig and --context go with --apply');
  return options.apply ? { apply: true } : { out: options.out as string };
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
    const target = resourceTarget(options);
    let sink: ResourceSink | undefined;
    if ('apply' in target) {
      // The Kubernetes client is loaded only for --apply.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const kube = require('../cluster/kube') as typeof import('../cluster/kube');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ClusterSink } = require('../cluster/apply') as typeof import('../cluster/apply');
      sink = new ClusterSink(new kube.Cluster(kube.loadKubeConfig(options)), undefined, () => kube.loadKubeConfig(options));
    }
    server = new WebhookServer({
      sensor,
      secret: readSecretFile(options.secretFile),
      host: options.host,
      port: parsePort(options.port),
      endpoint: options.endpoint,
      ...('out' in target ? { outDir: target.out } : { sink }),
      journal: options.journal ?? ('apply' in target ? APPLY_DEFAULT_JOURNAL : undefined),
      log: line => output.stdout(`${line}\n`),
    });
    const address = await server.start();
    output.stderr(`serve: listening on http://${options.host}:${address.port}${options.endpoint} (health /health, metrics /metrics); ${server.target}\n`);
    return { stop: () => server.stop(), port: address.port };
  } catch (err) {
    const connection = err instanceof Error && err.name === 'ConnectionError';
    if (!(isInputError(err) || err instanceof JournalError || isSystemError(err) || connection)) throw err;
    output.stderr(`${oneLine(err instanceof InputError || err instanceof JournalError || connection ? err.message : formatError(err))}\n`);
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
    .description('receive GitHub webhooks as the GitHub EventSource does, run the Sensor on each, and write the resources its triggers create to a folder (--out) or create them in the cluster (--apply)')
    .requiredOption('--sensor <file>', 'file holding the Sensor (YAML or JSON)')
    .requiredOption('--secret-file <file>', 'file holding the webhook secret (one trailing newline is ignored)')
    .option('--out <dir>', 'folder for created resources, one file per resource name (exclusive with --apply)')
    .option('--apply', 'create the resources in the cluster (exclusive with --out)')
    .option('--kubeconfig <file>', 'with --apply: kubeconfig file; default as kubectl: $KUBECONFIG, ~/.kube/config, else the in-cluster service account')
    .option('--context <name>', 'with --apply: kubeconfig context; default its current context')
    .option('--port <port>', 'port to listen on (0: any free port)', '12000')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--endpoint <path>', 'webhook path', '/github/webhook')
    .option('--journal <file>', `journal of accepted deliveries (default: <out>/.journal.ndjson; with --apply, ${APPLY_DEFAULT_JOURNAL})`)
    .action(async (options: ServeCommandOptions) => {
      const output = processOutput;
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

