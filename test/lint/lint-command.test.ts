import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { buildProgram } from '../../src/cli';
import { registerLintCommand } from '../../src/cli/lint-command';
import { tempDir } from '../helpers/chart';

const FIXTURE = path.join(__dirname, 'fixtures', 'hand-written.yaml');

/** Runs `lint` with captured output; returns stdout, stderr and the exit status. */
function run(args: string[]): { out: string; err: string; status: number } {
  let out = '';
  let err = '';
  let status = 0;
  const program = new Command('ci-remediation')
    .exitOverride(e => { status = e.exitCode; throw e; })
    .configureOutput({ writeOut: s => { out += s; }, writeErr: s => { err += s; }, outputError: (s, write) => write(s) });
  registerLintCommand(program);
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    program.parse(['node', 'ci-remediation', 'lint', ...args]);
    status = Number(process.exitCode ?? 0);
  } catch {
    // exitOverride threw after recording the status
  } finally {
    process.exitCode = previous;
  }
  return { out, err, status };
}

describe('ci-remediation lint', () => {
  const dir = tempDir('lint-command-');

  test('unreadable input in the full program: one line, no usage text', () => {
    let err = '';
    // Subcommands take their own copy of the output settings: capture the stream itself.
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { err += String(chunk); return true; });
    const previous = process.exitCode;
    try {
      buildProgram().exitOverride().parse(['node', 'ci-remediation', 'lint', path.join(dir, 'absent.yaml')]);
      expect(process.exitCode).toBe(2);
    } finally {
      process.exitCode = previous;
      write.mockRestore();
    }
    expect(err).toMatch(/^error: .*absent\.yaml: cannot read: no such file\n$/);
  });

  test('prints file:line:col severity rule message and exits 1 on errors', () => {
    const { out, status } = run([FIXTURE]);
    expect(status).toBe(1);
    expect(out.split('\n')[0]).toBe(`${FIXTURE}:22:7 warning missing-webhook-secret secret is not a field of the GitHub event source: the signature (X-Hub-Signature-256) is not checked, so anyone who reaches the endpoint can inject events; rename it to webhookSecret`);
  });

  test('--json prints one array', () => {
    const { out } = run(['--json', FIXTURE]);
    const parsed = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.keys(parsed[0])).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
    expect(parsed).toHaveLength(30);
  });

  test('--format github prints workflow commands, --format sarif a SARIF log; the exit status is the same', () => {
    const github = run(['--format', 'github', FIXTURE]);
    expect(github.status).toBe(1);
    expect(github.out.split('\n')[0]).toMatch(/^::warning file=.*hand-written\.yaml,line=22,col=7,title=missing-webhook-secret::secret is not a field/);
    const sarif = run(['--format', 'sarif', FIXTURE]);
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.out) as { version: string; runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.name).toBe('ci-remediation');
    expect(log.runs[0].results).toHaveLength(30);
  });

  test('--format takes only known formats, and not together with --json', () => {
    expect(run(['--format', 'xml', FIXTURE]).err).toMatch(/argument 'xml' is invalid. Allowed choices are text, json, sarif, github/);
    expect(run(['--json', '--format', 'sarif', FIXTURE]).err).toMatch(/option '--json' cannot be used with option '--format <format>'/);
  });

  test('warnings only: exit 0', () => {
    const file = path.join(dir, 'warn.yaml');
    fs.writeFileSync(file, [
      'apiVersion: argoproj.io/v1alpha1', 'kind: Sensor', 'metadata: {name: s}', 'spec:', '  dependencies:',
      '    - {name: d, eventSourceName: github, eventName: org, filters: {data: [{path: body.nope, type: string, value: ["^a$"]}]}}',
      '  triggers:', '    - template: {name: t, log: {}}', '',
    ].join('\n'));
    const { out, status } = run([file]);
    expect(out).toBe(`${file}:6:82 warning unknown-payload-path path "body.nope" is not in any GitHub webhook payload (@octokit/webhooks-schemas): a filter on it fails with "path does not exist" and a parameter falls back to its value; check the spelling\n`);
    expect(status).toBe(0);
  });

  test.each([
    ['missing file', () => path.join(dir, 'missing.yaml'), /^error: .*missing\.yaml: cannot read: no such file\n$/],
    ['not YAML', () => { const f = path.join(dir, 'bad.yaml'); fs.writeFileSync(f, 'a: [1, 2\n'); return f; }, /^error: .*bad\.yaml:\d+:\d+: not valid YAML\/JSON: [^\n]+\n$/],
    ['no Sensor or EventSource', () => { const f = path.join(dir, 'cm.yaml'); fs.writeFileSync(f, 'kind: ConfigMap\n'); return f; }, /^error: .*cm\.yaml: no Sensor or EventSource found \(documents of other kinds are not linted\)\n$/],
  ])('%s: exit 2 with one line', (_name, file, expected) => {
    const { err, status } = run([file()]);
    expect(status).toBe(2);
    expect(err).toMatch(expected);
  });
});
