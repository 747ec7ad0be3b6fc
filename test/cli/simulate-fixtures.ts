/** Shared inputs of the simulate/replay CLI tests: the synthesized stack and real GitHub payloads. */
import { spawnSync } from 'child_process';
import * as path from 'path';
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import * as YAML from 'yaml';
import type { CommandOutput } from '../../src/cli/output';
import { PROJECT_ROOT, synthChart } from '../helpers/chart';
import { ensureCompiled } from '../helpers/cli-process';

type Payload = Record<string, any>;

/** The default stack as one multi-document YAML file (the Sensor is not the first document). */
export function stackYaml(): string {
  return synthChart().map(m => YAML.stringify(m)).join('---\n');
}

/** A real `workflow_run` example edited into a failed run of 5dlabs/cto (run 19289199112, attempt 2). */
export function failurePayload(edit: (p: Payload) => void = () => undefined): Payload {
  const entry = (examples as { name: string; examples: Payload[] }[]).find(e => e.name === 'workflow_run')!;
  const p = structuredClone(entry.examples.find(e => e.action === 'completed' && e.workflow_run.conclusion === 'success')!);
  p.workflow_run.conclusion = 'failure';
  p.workflow_run.id = 19289199112;
  p.workflow_run.run_attempt = 2;
  for (const repo of [p.repository, p.workflow_run.head_repository]) {
    repo.full_name = '5dlabs/cto';
    repo.name = 'cto';
    repo.html_url = 'https://github.com/5dlabs/cto';
  }
  edit(p);
  return p;
}

/** Collects what a command writes. */
export function bufferOutput(): CommandOutput & { out: string; err: string } {
  const buffer = {
    out: '',
    err: '',
    stdout(text: string) { buffer.out += text; },
    stderr(text: string) { buffer.err += text; },
  };
  return buffer;
}

const LIB = path.join(PROJECT_ROOT, 'lib', 'src', 'cli');

/**
 * Runs the compiled `simulate`/`replay` commands in a real node process, registered on a fresh
 * commander program exactly as the bin registers them.
 */
export function runCommandProcess(args: string[]): { status: number | null; stdout: string; stderr: string } {
  ensureCompiled();
  const driver = [
    `const { Command } = require(${JSON.stringify(require.resolve('commander'))});`,
    "const program = new Command('ci-remediation');",
    `require(${JSON.stringify(path.join(LIB, 'simulate-command.js'))}).registerSimulateCommand(program);`,
    `require(${JSON.stringify(path.join(LIB, 'replay-command.js'))}).registerReplayCommand(program);`,
    'program.parse(process.argv);',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', driver, 'ci-remediation', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
