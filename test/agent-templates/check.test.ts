import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkTemplates, lintTemplate, listTemplates } from '../../src/agent-templates/check';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const FIELDS = new Set(['service', 'cli_config', 'continue_session']);
let scratch: string;
beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rex-check-')));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A templates folder with the given files and a minimal example context. */
function templatesDir(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, content] of Object.entries({ 'context.example.json': '{"service":"w"}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('lintTemplate', () => {
  it.each([
    ['{{service}} {{#if continue_session}}{{cli_config.model}}{{/if}}', []],
    ['{{#with cli_config}}{{model}}{{/with}}{{#each service}}{{@index}}{{name}}{{/each}}', []],
    ['{{env.WORKFLOW_RUN_ID}}', [`t.hbs:1: "env.WORKFLOW_RUN_ID": the controller's render context has no env; read the variable from the environment at run time`]],
    ['{{#with cli_config}}{{@root.env.X}}{{/with}}', [`t.hbs:1: "@root.env.X": the controller's render context has no env; read the variable from the environment at run time`]],
    ['a\n{{servce}}', [`t.hbs:2: "servce" is not a field of the controller's context (context.example.json)`]],
    ['{{#if workflow}}x{{/if}}', [`t.hbs:1: "workflow" is not a field of the controller's context (context.example.json)`]],
    ['{{> shared}}', ['t.hbs:1: partials are not used: the controller registers none we can rely on']],
    ['{{#shout}}x{{/shout}}', ['t.hbs:1: "shout" is not a built-in helper (allowed: if, unless, each, with, lookup)']],
    ['{{json cli_config}}', ['t.hbs:1: "json" is not a built-in helper (allowed: if, unless, each, with, lookup)']],
    ['{{#if (eq service "x")}}y{{/if}}', ['t.hbs:1: "eq" is not a built-in helper (allowed: if, unless, each, with, lookup)']],
  ])('%j', (source, problems) => {
    expect(lintTemplate(source, 't.hbs', FIELDS)).toEqual(problems);
  });
});

describe('listTemplates', () => {
  it('lists every .hbs, sorted, with / separators', () => {
    const root = templatesDir('list', { 'b/x.sh.hbs': '', 'a.md.hbs': '', 'notes.txt': '' });
    expect(listTemplates(root)).toEqual(['a.md.hbs', 'b/x.sh.hbs']);
  });
});

describe('checkTemplates', () => {
  it('passes the real templates, shellcheck included', () => {
    const results = checkTemplates(path.join(PACKAGE_ROOT, 'templates'));
    expect(results).toEqual([
      { name: 'compile agents/rex-ci-remediation-system-prompt.md.hbs', status: 'ok', detail: '' },
      { name: 'compile code/claude/container-rex.sh.hbs', status: 'ok', detail: '' },
      { name: 'bash -n code/claude/container-rex.sh.hbs', status: 'ok', detail: '' },
      { name: 'shellcheck code/claude/container-rex.sh.hbs', status: 'ok', detail: '' },
      { name: 'plain code/claude/rex-ci-remediation.sh', status: 'ok', detail: '' },
      { name: 'bash -n code/claude/rex-ci-remediation.sh', status: 'ok', detail: '' },
      { name: 'shellcheck code/claude/rex-ci-remediation.sh', status: 'ok', detail: '' },
      { name: 'plain code/claude/rex-common.sh', status: 'ok', detail: '' },
      { name: 'bash -n code/claude/rex-common.sh', status: 'ok', detail: '' },
      { name: 'shellcheck code/claude/rex-common.sh', status: 'ok', detail: '' },
    ]);
  });

  it('checks plain scripts with bash -n and shellcheck, and refuses Handlebars syntax in them', () => {
    const root = templatesDir('plain', {
      'code/ok.sh': '# shellcheck shell=bash\ngreet() { printf \'%s\\n\' "$1"; }\n',
      'code/syntax.sh': 'if then\n',
      'code/lint.sh': '# shellcheck shell=bash\nrm -rf $1\n',
      'code/braces.sh': '# shellcheck shell=bash\n# {{service}}\n',
      'top-level.sh': 'not shipped\n',
    });
    const results = checkTemplates(root).filter((r) => r.status !== 'ok');
    expect(results.map((r) => r.name)).toEqual(['plain code/braces.sh', 'shellcheck code/lint.sh', 'bash -n code/syntax.sh', 'shellcheck code/syntax.sh']);
    expect(results[0].detail).toBe('code/braces.sh:2: "{{" in a plain script; it is shipped without Handlebars, so write the text differently');
    expect(results[1].detail).toContain('SC2086');
  });

  it('reports each failing check', () => {
    const root = templatesDir('broken', {
      'bad-syntax.sh.hbs': '#!/usr/bin/env bash\nif then\n',
      'lint.sh.hbs': '#!/usr/bin/env bash\necho $1 {{service}}\n',
      'env.md.hbs': '{{env.WORKFLOW_NAME}}\n',
      'parse.md.hbs': '{{#if service}}\n',
    });
    const results = checkTemplates(root);
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ['compile bad-syntax.sh.hbs', 'ok'],
      ['bash -n bad-syntax.sh.hbs', 'fail'],
      ['shellcheck bad-syntax.sh.hbs', 'fail'],
      ['compile env.md.hbs', 'fail'],
      ['compile lint.sh.hbs', 'ok'],
      ['bash -n lint.sh.hbs', 'ok'],
      ['shellcheck lint.sh.hbs', 'fail'],
      ['compile parse.md.hbs', 'fail'],
    ]);
    expect(results[1].detail).toContain("syntax error near unexpected token `then'");
    expect(results[3].detail).toBe(`env.md.hbs:1: "env.WORKFLOW_NAME": the controller's render context has no env; read the variable from the environment at run time`);
    expect(results[6].detail).toContain('SC2086');
    expect(results[7].detail).toBe('parse.md.hbs:2: not valid Handlebars: the template ends before a block or an expression is closed, near "{{#if service}}"');
  });

  it('says when shellcheck is missing instead of failing', () => {
    const root = templatesDir('no-shellcheck', { 'ok.sh.hbs': '#!/usr/bin/env bash\necho "{{service}}"\n' });
    expect(checkTemplates(root, { shellcheck: '/nonexistent/shellcheck' })[2]).toEqual({
      name: 'shellcheck ok.sh.hbs',
      status: 'skipped',
      detail: '/nonexistent/shellcheck is not on PATH',
    });
  });

  it('fails when the example context is unreadable', () => {
    const root = path.join(scratch, 'empty');
    fs.mkdirSync(root);
    expect(checkTemplates(root)).toEqual([
      { name: 'read context.example.json', status: 'fail', detail: `cannot read context file ${root}/context.example.json: no such file or folder` },
    ]);
  });
});
