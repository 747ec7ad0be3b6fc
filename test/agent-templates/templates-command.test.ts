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
  // As the bin sets it: usage text after a usage error, and only then.
  program.commands.forEach((command) => command.commands.forEach((sub) => sub.showHelpAfterError()));
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    program.parse(['node', 'ci-remediation', ...args]);
    return { exitCode: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode, stdout, stderr };
    throw error;
  } finally {
    process.exitCode = previous;
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
    [['templates', 'render', 'nope.hbs', '--context', EXAMPLE], 'error: cannot read template nope.hbs: no such file or folder\n'],
    [['templates', 'render', '../package.json', '--context', EXAMPLE], `error: template path must be relative to ${PACKAGE_ROOT}/templates: ../package.json\n`],
    [['templates', 'render', 'code/claude/container-rex.sh.hbs', '--context', '/nonexistent.json'], 'error: cannot read context file /nonexistent.json: no such file or folder\n'],
  ])('exits 2 with one line for unreadable input %j', (args, message) => {
    expect(run(args)).toEqual({ exitCode: 2, stdout: '', stderr: message });
  });

  it('exits 2 for a template Handlebars rejects', () => {
    fs.mkdirSync(path.join(scratch, 'bad'));
    fs.writeFileSync(path.join(scratch, 'bad', 'x.hbs'), '{{#if a}}');
    const outcome = run(['templates', 'render', 'x.hbs', '--context', EXAMPLE], path.join(scratch, 'bad'));
    expect(outcome).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: x.hbs:1: not valid Handlebars: the template ends before a block or an expression is closed, near "{{#if a}}"\n',
    });
  });
});

describe('templates render: the context against what the template uses', () => {
  const root = () => path.join(scratch, 'ctx');
  const context = (name: string, value: unknown): string => {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  beforeAll(() => {
    fs.mkdirSync(root());
    fs.writeFileSync(path.join(root(), 'context.example.json'), JSON.stringify({ service: 'widgets', continue_session: false, cli_config: { model: 'm' }, tools: ['a'] }));
    fs.writeFileSync(path.join(root(), 'missing.md.hbs'), 'Service {{service}}\nRepository {{repository_url}}\n{{#with cli_config}}{{model}} {{maxTokens}}{{/with}}\n');
    fs.writeFileSync(path.join(root(), 'flag.sh.hbs'), '{{#if continue_session}}--continue{{/if}}\n');
    fs.writeFileSync(path.join(root(), 'object.md.hbs'), 'Config: {{cli_config}}\nTools: {{tools}}\n{{#each tools}}- {{this}}\n{{/each}}');
  });

  it('a missing field is an error naming the field and the template line (it rendered as empty)', () => {
    const ctx = context('partial.json', { service: 'widgets', cli_config: { model: 'm' } });
    expect(run(['templates', 'render', 'missing.md.hbs', '--context', ctx], root())).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: [
        `error: missing.md.hbs:2: "repository_url" is not in the context ${ctx}; the template would render it as an empty string`,
        `error: missing.md.hbs:3: "maxTokens" is not in the context ${ctx}; the template would render it as an empty string`,
        '',
      ].join('\n'),
    });
  });

  it('"false" as a string under if: a type the controller never gives, and a string if treats as true', () => {
    const ctx = context('string-false.json', { continue_session: 'false' });
    const outcome = run(['templates', 'render', 'flag.sh.hbs', '--context', ctx], root());
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr.split('\n').filter(Boolean)).toEqual([
      `error: flag.sh.hbs:1: "continue_session" is a string in ${ctx}, but the controller gives a boolean (see the example context)`,
      `error: flag.sh.hbs:1: "continue_session" is the string "false", which "if" treats as true (only an empty string is false); give a JSON boolean`,
    ]);
  });

  it('an object or a list printed with {{x}} is an error (it printed [object Object])', () => {
    const ctx = context('objects.json', { cli_config: { model: 'm', maxTokens: 1 }, tools: ['a', 'b'] });
    const outcome = run(['templates', 'render', 'object.md.hbs', '--context', ctx], root());
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr.split('\n').filter(Boolean)).toEqual([
      'error: object.md.hbs:1: "cli_config" is an object: {{cli_config}} prints "[object Object]" here and "[object]" in the controller; use its fields (cli_config.model, cli_config.maxTokens)',
      'error: object.md.hbs:2: "tools" is a list: {{tools}} prints its elements joined with commas here and as "[a, b]" in the controller; use {{#each tools}}',
    ]);
  });

  it('a context that fits renders, HTML-escaped in Markdown too, as the controller renders it', () => {
    const ctx = context('fits.json', { service: 'a&b', repository_url: 'https://x/y.git', cli_config: { model: '<m>', maxTokens: 1 } });
    expect(run(['templates', 'render', 'missing.md.hbs', '--context', ctx], root())).toEqual({
      exitCode: 0,
      stdout: 'Service a&amp;b\nRepository https://x/y.git\n&lt;m&gt; 1\n',
      stderr: '',
    });
  });

  it('a data error prints no usage text', () => {
    const outcome = run(['templates', 'render', 'nope.hbs', '--context', EXAMPLE]);
    expect(outcome.stderr).not.toContain('Usage');
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
        'ok    plain code/claude/rex-ci-remediation.sh',
        'ok    bash -n code/claude/rex-ci-remediation.sh',
        'ok    shellcheck code/claude/rex-ci-remediation.sh',
        'ok    plain code/claude/rex-common.sh',
        'ok    bash -n code/claude/rex-common.sh',
        'ok    shellcheck code/claude/rex-common.sh',
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
    // One line, no usage text after it: the command was used correctly.
    expect(outcome.stderr).toBe('error: 1 template check(s) failed: compile x.md.hbs\n');
  });
});
