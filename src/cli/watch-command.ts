/**
 * `ci-remediation watch`: one line per remediation CodeRun created or changing phase, until Ctrl-C.
 */
import type { Command } from 'commander';
import type { CodeRunChange } from '../cluster/watch';
import { addClusterOptions, desiredFromSettings, type ClusterCommandOptions } from './cluster-options';
import { EXIT_BAD_INPUT, EXIT_OK, InputError, fail, formatError } from './output';

interface WatchOptions extends ClusterCommandOptions {
  since: string;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `1h30m`, `2d`: milliseconds, or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+[smhd])+$/.test(text)) return undefined;
  let total = 0;
  for (const [, count, unit] of text.matchAll(/(\d+)([smhd])/g)) total += Number(count) * UNIT_MS[unit];
  return total;
}

/** One line: time, name, repository, workflow, run id and attempt, phase, fix PR. Free text is bounded to one line. */
export function formatChange(change: CodeRunChange, now = new Date()): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cell } = require('../cluster/coderuns') as typeof import('../cluster/coderuns');
  const r = change.row;
  const fields = [
    now.toISOString().replace(/\.\d+Z$/, 'Z'),
    r.name,
    cell(r.repository) || '-',
    cell(r.workflow) || '-',
    `run ${r.runId || '?'}#${r.attempt || '?'}`,
    change.deleted ? 'Deleted' : r.phase,
    ...(r.pullRequest ? [cell(r.pullRequest, 200)] : []),
  ];
  return fields.join('  ');
}

/** `ci-remediation watch [--since DURATION] [--config FILE] [--kubeconfig FILE] [--context NAME]`. */
export function registerWatchCommand(program: Command): void {
  addClusterOptions(program
    .command('watch')
    .description('stream remediation CodeRuns as they are created and change phase (Ctrl-C to stop)'))
    .option('--since <duration>', 'also print CodeRuns created this long before the start (e.g. 30m, 2h, 1d; 0s for none)', '1h')
    .action(async (options: WatchOptions) => {
      const since = parseDuration(options.since);
      if (since === undefined) {
        fail(`watch: --since must be a duration such as 30s, 15m, 2h or 1d, got "${options.since}"`, EXIT_BAD_INPUT);
        return;
      }
      try {
        const { settings } = desiredFromSettings(options);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const kube = require('../cluster/kube') as typeof import('../cluster/kube');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { CodeRunFollower } = require('../cluster/watch') as typeof import('../cluster/watch');
        const cluster = new kube.Cluster(kube.loadKubeConfig(options));
        await cluster.probe();
        const follower = new CodeRunFollower(cluster, {
          apiVersion: `${settings.codeRun.group}/${settings.codeRun.version}`,
          namespace: settings.codeRun.namespace,
          notBefore: Date.now() - since,
          onChange: change => process.stdout.write(`${formatChange(change)}\n`),
          onWarning: message => process.stderr.write(`${message}\n`),
        });
        // Ctrl-C (and a polite kill) ends the watch; what was printed stays complete.
        const stop = (): void => follower.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await follower.run();
        process.exitCode = EXIT_OK;
      } catch (err) {
        if (err instanceof InputError) fail(`watch: ${err.message}`, EXIT_BAD_INPUT);
        else if (err instanceof Error && err.name === 'ConnectionError') fail(`watch: ${err.message}`, EXIT_BAD_INPUT);
        else fail(`watch: ${formatError(err)}`, EXIT_BAD_INPUT);
      }
    });
}
