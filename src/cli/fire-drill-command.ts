/**
 * `ci-remediation fire-drill`: proves the deployed path end to end (src/fire-drill).
 */
import type { Command } from 'commander';
import type { DrillStep } from '../fire-drill/drill';
import { addClusterOptions, desiredFromSettings, type ClusterCommandOptions } from './cluster-options';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, InputError, fail, formatError } from './output';
import { readSecretFile } from './serve-command';
import { formatChange, parseDuration } from './watch-command';

interface FireDrillOptions extends ClusterCommandOptions {
  url?: string;
  secretFile?: string;
  fromCluster?: boolean;
  runId?: string;
  repo?: string;
  wait: string;
  follow: boolean;
}

const MARK = { pass: 'PASS', fail: 'FAIL', info: 'INFO' } as const;

/** A step as the report prints it (the same layout as `status`). */
export function formatStep(step: DrillStep): string {
  const lines = [`${MARK[step.verdict]}  ${step.title}`, ...step.details.map(d => `      ${d}`)];
  if (step.fix) lines.push(`      fix: ${step.fix}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The EventSource URL: `--url`, else the URL the managed hooks use (`eventSource.hooks.url` and
 * `eventSource.endpoint`, the URL GitHub itself posts to, so the drill takes GitHub's path through
 * the Ingress). Without either there is nothing to derive it from: the Service is cluster-internal.
 */
export function drillUrl(url: string | undefined, settings: { eventSource: { endpoint: string; hooks?: { url: string } } }): string {
  const endpoint = settings.eventSource.endpoint.startsWith('/') ? settings.eventSource.endpoint : `/${settings.eventSource.endpoint}`;
  const chosen = url ?? (settings.eventSource.hooks ? `${settings.eventSource.hooks.url.replace(/\/+$/, '')}${endpoint}` : undefined);
  if (chosen === undefined) {
    throw new InputError(`give --url: the settings have no eventSource.hooks.url to derive it from (the URL GitHub posts to, e.g. https://hooks.example.com${endpoint}; or, through a port-forward of the EventSource Service, http://127.0.0.1:PORT${endpoint})`);
  }
  let parsed: URL;
  try {
    parsed = new URL(chosen);
  } catch {
    throw new InputError(`--url ${JSON.stringify(chosen)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InputError(`--url ${JSON.stringify(chosen)} must be http or https`);
  return chosen;
}

/** `ci-remediation fire-drill ...`. */
export function registerFireDrillCommand(program: Command): void {
  addClusterOptions(program
    .command('fire-drill')
    .description('prove the deployed path end to end: send deliveries to the EventSource URL and check which CodeRuns appear (safe by default; --run-id replays a real failed run)'))
    .option('--url <url>', 'EventSource URL; default eventSource.hooks.url + eventSource.endpoint from the settings')
    .option('--secret-file <file>', 'file holding the webhook secret (one trailing newline is ignored)')
    .option('--from-cluster', 'read the webhook secret from the Secret eventSource.webhookSecret names (never printed)')
    .option('--run-id <id>', 'a failed workflow run to replay (with --repo); GITHUB_TOKEN and GITHUB_API_URL as for report')
    .option('--repo <owner/name>', 'the repository of --run-id')
    .option('--wait <duration>', 'how long a CodeRun is waited for (--run-id) or watched for (safe drill)', '60s')
    .option('--no-follow', 'with --run-id: stop once the CodeRun appears instead of following it')
    .action(async (options: FireDrillOptions) => {
      try {
        process.exitCode = (await fireDrill(options)) ? EXIT_OK : EXIT_FINDINGS;
      } catch (err) {
        const name = err instanceof Error ? err.name : '';
        if (err instanceof InputError || name === 'ConnectionError' || name === 'DrillSetupError') fail(`fire-drill: ${(err as Error).message}`, EXIT_BAD_INPUT);
        else fail(`fire-drill: ${formatError(err)}`, EXIT_BAD_INPUT);
      }
    });
}

/** Runs the drill; resolves to whether every step passed; throws for what stops it from running (exit 2). */
async function fireDrill(options: FireDrillOptions): Promise<boolean> {
  const waitMs = parseDuration(options.wait);
  if (waitMs === undefined) throw new InputError(`--wait must be a duration such as 30s, 2m or 1h, got "${options.wait}"`);
  if ((options.secretFile === undefined) === !options.fromCluster) throw new InputError('give one of --secret-file FILE and --from-cluster');
  if ((options.runId === undefined) !== (options.repo === undefined)) throw new InputError('--run-id and --repo go together');
  if (options.runId !== undefined && !/^[1-9]\d{0,18}$/.test(options.runId)) throw new InputError(`--run-id must be a workflow run id (digits), got "${options.runId}"`);
  const stack = desiredFromSettings(options);
  const { settings } = stack;
  const sensor = stack.objects.find(o => o.kind === 'Sensor') as Record<string, unknown>;
  const url = drillUrl(options.url, settings);
  const fileSecret = options.secretFile !== undefined ? readSecretFile(options.secretFile) : undefined;

  // The Kubernetes client and the drill are loaded only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kube = require('../cluster/kube') as typeof import('../cluster/kube');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const drill = require('../fire-drill/drill') as typeof import('../fire-drill/drill');
  const cluster = new kube.Cluster(kube.loadKubeConfig(options));
  await cluster.probe();
  const secret = fileSecret ?? await clusterSecret(cluster, settings.eventSource.namespace, settings.eventSource.webhookSecret);

  let payload: Record<string, unknown> | undefined;
  if (options.runId !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readRun } = require('../fire-drill/github-run') as typeof import('../fire-drill/github-run');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { workflowRunCompletedPayload } = require('../fire-drill/webhook-payload') as typeof import('../fire-drill/webhook-payload');
    payload = workflowRunCompletedPayload(await readRun(options.repo as string, Number(options.runId), process.env));
  }

  let stop: () => void = () => undefined;
  const stopped = new Promise<void>(resolve => { stop = resolve; });
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  process.stdout.write(`fire drill (${payload ? `run ${options.runId} of ${options.repo}` : 'safe'}) against ${url}, cluster ${cluster.server}\n`);
  const context = {
    settings,
    sensor,
    url,
    secret,
    cluster,
    waitMs,
    stopped,
    report: (step: DrillStep) => process.stdout.write(formatStep(step)),
    line: (change: Parameters<typeof formatChange>[0]) => process.stdout.write(`      ${formatChange(change)}\n`),
    warn: (message: string) => process.stderr.write(`${message}\n`),
  };
  const passed = payload ? await drill.runDrill(context, payload, options.follow) : await drill.safeDrill(context);
  process.stdout.write(passed ? 'drill passed\n' : 'drill failed\n');
  // A pending Ctrl-C listener or poll timer must not keep the process alive.
  stop();
  return passed;
}

/**
 * The webhook secret from the cluster, as the EventSource reads it (argo-events
 * `pkg/shared/util/util.go` `GetSecretFromVolume`: the mounted value less one trailing newline).
 */
async function clusterSecret(cluster: import('../cluster/kube').Cluster, namespace: string, ref: { name: string; key: string }): Promise<Buffer> {
  let value: Buffer | undefined;
  try {
    value = await cluster.secretValue(namespace, ref.name, ref.key);
  } catch (err) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ConnectionError, plainMessage } = require('../cluster/kube') as typeof import('../cluster/kube');
    throw new ConnectionError(`cannot read the Secret ${namespace}/${ref.name}: ${plainMessage(err)} (the credentials need get on secrets there; or give --secret-file)`);
  }
  if (value === undefined) throw new InputError(`the Secret ${namespace}/${ref.name} or its key ${ref.key} does not exist (eventSource.webhookSecret); create it, or give --secret-file`);
  const text = value.toString('utf8').replace(/\n$/, '');
  if (text === '') throw new InputError(`the Secret ${namespace}/${ref.name} key ${ref.key} is empty`);
  return Buffer.from(text, 'utf8');
}
