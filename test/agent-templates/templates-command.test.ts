/** `ci-remediation templates render|check` (src/cli/templates-command.ts). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerTemplatesCommand } from '../../src/cli/templates-command';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(PACKAGE_ROOT, 'templates', 'context.example.json');
let scratch: string;
beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rex-cli-')));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], templatesRoot?: string): Outcome {
  let stdout = '';
  let stderr = '';
  const program = new Command('ci-remediation')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  if (templatesRoot) registerTemplatesCommand(program, templatesRoot);
  else registerTemplatesCommand(program);
  try {
    program.parse(['node', 'ci-remediation', ...args]);
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode, stdout, stderr };
    throw error;
  }
}

describe('templates render', () => {
  it('prints the rendered template', () => {
    const outcome = run(['templates', 'render', 'agents/rex-ci-remediation-system-prompt.md.hbs', '--context', EXAMPLE]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout.startsWith('# Rex: CI remediation\n\nYou are Rex, acting as the GitHub App Example-Rex,')).toBe(true);
    expect(outcome.stderr).toBe('');
  });

  it.each([
    [['templates', 'render', 'nope.hbs', '--context', EXAMPLE], 'error: cannot read template nope.hbs: ENOENT\n'],
    [['templates', 'render', '../package.json', '--context', EXAMPLE], `error: template path must be relative to ${PACKAGE_ROOT}/templates: ../package.json\n`],
    [['templates', 'render', 'code/claude/container-rex.sh.hbs', '--context', '/nonexistent.json'], 'error: cannot read context file /nonexistent.json: ENOENT\n'],
  ])('exits 2 with one line for unreadable input %j', (args, message) => {
    expect(run(args)).toEqual({ exitCode: 2, stdout: '', stderr: message });
  });

  it('exits 2 for a template Handlebars rejects', () => {
    fs.mkdirSync(path.join(scratch, 'bad'));
    fs.writeFileSync(path.join(scratch, 'bad', 'x.hbs'), '{{#if a}}');
    const outcome = run(['templates', 'render', 'x.hbs', '--context', EXAMPLE], path.join(scratch, 'bad'));
    expect(outcome).toEqual({ exitCode: 2, stdout: '', stderr: 'error: x.hbs:1: Parse error on line 1:\n' });
  });
});

describe('templates check', () => {
  it('lists every check and exits 0 on the real templates', () => {
    const outcome = run(['templates', 'check']);
    expect(outcome).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        'ok    compile agents/rex-ci-remediation-system-prompt.md.hbs',
        'ok    compile code/claude/container-rex.sh.hbs',
        'ok    bash -n code/claude/container-rex.sh.hbs',
        'ok    shellcheck code/claude/container-rex.sh.hbs',
        '',
      ].join('\n'),
    });
  });

  it('exits 1 and names the failing checks', () => {
    const root = path.join(scratch, 'failing');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'context.example.json'), '{}');
    fs.writeFileSync(path.join(root, 'x.md.hbs'), '{{env.WORKFLOW_NAME}}');
    const outcome = run(['templates', 'check'], root);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toBe(
      `FAIL  compile x.md.hbs\n      x.md.hbs:1: "env.WORKFLOW_NAME": the controller's render context has no env; read the variable from the environment at run time\n`,
    );
    expect(outcome.stderr).toBe('error: 1 template check(s) failed: compile x.md.hbs\n');
  });
});
