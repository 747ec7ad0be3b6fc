import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { tempDir, writeTree } from '../helpers/chart';

/**
 * The composite action (action.yml) and its run script, run as GitHub runs it: the env the
 * runner sets (GITHUB_ACTION_PATH = the action's checkout, GITHUB_WORKSPACE, INPUT_*), from
 * another folder. Uses the compiled CLI (lib/, built by npm ci / npm run build).
 */
const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');

function runAction(workspace: string, inputs: Record<string, string>): { out: string; err: string; status: number | null } {
  const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'lint-action.sh')], {
    cwd: '/',
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, ...inputs },
  });
  return { out: run.stdout, err: run.stderr, status: run.status };
}

describe('action.yml', () => {
  const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Record<string, any>;

  test('is a composite action with files, format (default github) and output inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['files', 'format', 'output']);
    expect(action.inputs.files.required).toBe(true);
    expect(action.inputs.format.default).toBe('github');
  });

  test('runs the script from its own checkout, inputs passed through the environment only', () => {
    const step = action.runs.steps.find((s: Record<string, unknown>) => typeof s.run === 'string');
    expect(step.shell).toBe('bash');
    expect(step.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/lint-action.sh"');
    expect(step.env).toEqual({ INPUT_FILES: '${{ inputs.files }}', INPUT_FORMAT: '${{ inputs.format }}', INPUT_OUTPUT: '${{ inputs.output }}' });
  });
});

describe('scripts/lint-action.sh', () => {
  const workspace = writeTree(tempDir('lint-action-'), {
    'deploy/ok/sensor-log.yaml': fs.readFileSync(path.join(FIXTURES, 'upstream-argo-events', 'test', 'e2e', 'testdata', 'sensor-log.yaml'), 'utf8'),
    'deploy/hand-written.yaml': fs.readFileSync(path.join(FIXTURES, 'hand-written.yaml'), 'utf8'),
  });

  test('annotates with repository-relative paths and exits 1 on errors', () => {
    const { out, status } = runAction(workspace, { INPUT_FILES: 'deploy/**/*.yaml', INPUT_FORMAT: 'github' });
    expect(status).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines.every(line => /^::(error|warning) file=deploy\/[^,]+,line=\d+,col=\d+,title=[a-z-]+::/.test(line))).toBe(true);
    expect(lines).toContain('::warning file=deploy/hand-written.yaml,line=22,col=7,title=missing-webhook-secret::secret is not a field of the GitHub event source: '
      + 'the signature (X-Hub-Signature-256) is not checked, so anyone who reaches the endpoint can inject events; rename it to webhookSecret');
  });

  test('files separated by new lines; warnings only exit 0; output written to a file', () => {
    const output = path.join(workspace, 'results.sarif');
    const { out, status } = runAction(workspace, { INPUT_FILES: '\ndeploy/ok/sensor-log.yaml\n', INPUT_FORMAT: 'sarif', INPUT_OUTPUT: output });
    expect(status).toBe(0);
    expect(out).toBe('');
    expect((JSON.parse(fs.readFileSync(output, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  test.each([
    ['an unknown format', { INPUT_FILES: 'deploy/**/*.yaml', INPUT_FORMAT: 'xml' }, 'format must be one of text, json, sarif, github'],
    ['a pattern matching nothing', { INPUT_FILES: 'deploy/*.yml' }, "no file matches the pattern in input 'files'"],
    ['no files', { INPUT_FILES: ' ' }, "input 'files' is empty"],
  ])('%s: exit 2 with an error annotation', (_name, inputs, message) => {
    const { out, status } = runAction(workspace, inputs);
    expect(status).toBe(2);
    expect(out).toContain(`::error title=ci-remediation lint::${message}`);
  });

  const oddNames = writeTree(tempDir('lint-action-names-'), { '$(touch pwned).yaml': 'kind: Sensor\nmetadata: {name: s}\nspec: {}\n' });

  test('passes shellcheck', () => {
    const run = spawnSync('shellcheck', [path.join(ROOT, 'scripts', 'lint-action.sh')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('a file name is data, not code', () => {
    const dir = oddNames;
    runAction(dir, { INPUT_FILES: '*.yaml' });
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(fs.existsSync(path.join('/', 'pwned'))).toBe(false);
  });
});
