/**
 * `ci-remediation status`: is the deployed stack what synth produces, and is it working?
 */
import type { Command } from 'commander';
import type { StatusReport } from '../cluster/status';
import { addClusterOptions, desiredFromSettings, type ClusterCommandOptions } from './cluster-options';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, InputError, fail, formatError } from './output';

interface StatusOptions extends ClusterCommandOptions {
  json?: boolean;
  last: string;
}

const MARK = { pass: 'PASS', fail: 'FAIL', info: 'INFO' } as const;

/** The readable report. */
export function formatStatus(report: StatusReport, lastN: number, now = Date.now()): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { age, cell } = require('../cluster/coderuns') as typeof import('../cluster/coderuns');
  const lines = [`cluster ${report.server}`, ''];
  for (const check of report.checks) {
    lines.push(`${MARK[check.verdict]}  ${check.title}`);
    for (const detail of check.details) lines.push(`      ${detail}`);
    if (check.fix) lines.push(`      fix: ${check.fix}`);
  }
  lines.push('', `Last ${lastN} remediation CodeRuns:`);
  if (!report.codeRuns.length) lines.push('  none');
  for (const run of report.codeRuns) {
    lines.push(`  ${run.name}  ${run.phase}  ${age(run.createdAt, now)}  run ${run.runId}#${run.attempt}  ${cell(run.repository)}${run.pullRequest ? `  ${cell(run.pullRequest, 200)}` : ''}`);
  }
  const failed = report.checks.filter(c => c.verdict === 'fail').length;
  lines.push('', failed ? `unhealthy: ${failed} check${failed === 1 ? '' : 's'} failed` : 'healthy: every check passed');
  return `${lines.join('\n')}\n`;
}

/** `ci-remediation status [--config FILE] [--kubeconfig FILE] [--context NAME] [--json] [--last N]`. */
export function registerStatusCommand(program: Command): void {
  addClusterOptions(program
    .command('status')
    .description('check the deployed stack against synth and the cluster: objects and drift, Argo Events conditions, pods, endpoints, EventBus, webhook Secret, RBAC, the CodeRun CRD, recent CodeRuns'))
    .option('--json', 'print one JSON object')
    .option('--last <n>', 'how many recent remediation CodeRuns to list', '10')
    .action(async (options: StatusOptions) => {
      const lastN = Number(options.last);
      if (!Number.isInteger(lastN) || lastN < 0 || !/^\d+$/.test(options.last)) {
        fail(`status: --last must be a whole number, got "${options.last}"`, EXIT_BAD_INPUT);
        return;
      }
      try {
        const stack = desiredFromSettings(options);
        // The client is loaded only here: the offline commands never pay for it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const kube = require('../cluster/kube') as typeof import('../cluster/kube');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { clusterStatus } = require('../cluster/status') as typeof import('../cluster/status');
        const cluster = new kube.Cluster(kube.loadKubeConfig(options));
        await cluster.probe();
        let report: StatusReport;
        try {
          report = await clusterStatus(cluster, stack, lastN);
        } catch (err) {
          // An answer the checks cannot use (the server went away, a 403 on a read): not a verdict.
          throw new kube.ConnectionError(`status: cannot read from the cluster at ${cluster.server}: ${kube.plainMessage(err)}`);
        }
        // The GitHub side, only for managed hooks and with a token; its failures are checks, not exit 2.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { gitHubHookChecks } = require('../cluster/github-hooks') as typeof import('../cluster/github-hooks');
        const hookChecks = await gitHubHookChecks(stack.settings, process.env);
        if (hookChecks.length) {
          const checks = [...report.checks, ...hookChecks];
          report = { ...report, checks, healthy: checks.every(c => c.verdict !== 'fail') };
        }
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report, lastN));
        process.exitCode = report.healthy ? EXIT_OK : EXIT_FINDINGS;
      } catch (err) {
        if (err instanceof InputError) fail(`status: ${err.message}`, EXIT_BAD_INPUT);
        else if (err instanceof Error && err.name === 'ConnectionError') fail(err.message.startsWith('status:') ? err.message : `status: ${err.message}`, EXIT_BAD_INPUT);
        else fail(`status: ${formatError(err)}`, EXIT_BAD_INPUT);
      }
    });
}
