/** Exit codes and messages of the real command line (bin/ci-remediation.js), as the README states them. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli';
import { PROJECT_ROOT, tempDir, writeTree } from '../helpers/chart';
import { ensureCompiled, runCli } from '../helpers/cli-process';

// Real processes on a shared machine: room for a slow start (no timed assertion).
jest.setTimeout(60_000);

const BIN = path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js');

/** A Sensor with `count` dependencies, each with one unanchored literal: one lint finding each. */
function sensorWithFindings(count: number): string {
  const dependency = (i: number) => [
    `    - name: d${i}`,
    '      eventSourceName: github',
    '      eventName: org',
    '      filters:',
    '        data:',
    '          - path: body.workflow_run.conclusion',
    '            type: string',
    '            value: ["(failure"]',
  ].join('\n');
  const dependencies = Array.from({ length: count }, (_, i) => dependency(i)).join('\n');
  return `apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: s}\nspec:\n  dependencies:\n${dependencies}\n  triggers:\n    - template:\n        name: t\n        log: {}\n`;
}

describe('command line: exit codes and messages', () => {
  const dir = writeTree(tempDir(), { 'many.yaml': sensorWithFindings(1000) });

  test('a closed pipe (lint … | head -1) ends the process quietly, with the findings exit code', () => {
    ensureCompiled();
    // 1000 bad-regex errors (200 KB) are more than a pipe buffers, so lint writes after head has gone.
    const run = spawnSync('bash', ['-c', 'node "$1" lint "$2" | head -1 > /dev/null; echo "status=${PIPESTATUS[0]}" >&2', 'pipe', BIN, path.join(dir, 'many.yaml')], { encoding: 'utf8' });
    expect(run.stderr).toBe('status=1\n');
  });

  test('a missing --config is input that cannot be read: exit 2, one line, nothing written', () => {
    const out = path.join(dir, 'out');
    const run = runCli(['synth', '--config', path.join(dir, 'missing.yaml'), '--out', out]);
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(`synth failed: cannot read the settings file ${path.join(dir, 'missing.yaml')}: no such file or folder\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a folder as --config, or as CI_REMEDIATION_CONFIG: exit 2', () => {
    const run = runCli(['synth', '--config', dir, '--out', path.join(dir, 'out')]);
    expect([run.status, run.stderr]).toEqual([2, `synth failed: cannot read the settings file ${dir}: is a folder, not a file\n`]);
    const viaEnv = runCli(['synth', '--out', path.join(dir, 'out')], { env: { ...process.env, CI_REMEDIATION_CONFIG: path.join(dir, 'nope.yaml') } });
    expect(viaEnv.status).toBe(2);
  });

  test('npm run synth (the cdk8s app) reports a missing CI_REMEDIATION_CONFIG like synth --config: exit 2, one plain line', () => {
    ensureCompiled();
    const missing = path.join(dir, 'absent.yaml');
    const out = path.join(dir, 'app-out');
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'lib', 'src', 'main.js')], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, CI_REMEDIATION_CONFIG: missing, CDK8S_OUTDIR: out },
    });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `synth failed: cannot read the settings file ${missing}: no such file or folder\n`]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('every --help states the exit codes', () => {
    const helps: string[] = [];
    const visit = (command: Command): void => {
      let text = '';
      command.configureOutput({ writeOut: chunk => (text += chunk) }).outputHelp();
      helps.push(text);
      command.commands.forEach(visit);
    };
    visit(buildProgram());
    expect(helps).toHaveLength(13); // the program, synth, templates, render, check, simulate, replay, lint, report, status, watch, serve, fire-drill
    for (const help of helps) expect(help).toMatch(/\nExit codes: 0 [^\n]*, 2 [^\n]*\.\n$/);
  });
});
