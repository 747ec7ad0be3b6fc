/** Rendered scripts pass `bash -n` and `shellcheck` without a single finding. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTemplate } from '../../src/agent-templates/render';
import { BASE_CONTEXT, TEMPLATES_ROOT } from './sandbox';

const exampleContext = JSON.parse(fs.readFileSync(path.join(TEMPLATES_ROOT, 'context.example.json'), 'utf8'));
const hostileContext = { ...BASE_CONTEXT, repository_url: "file:///x'; touch pwned; '", service: '$(id) `id` "\n' };
const SCRIPTS = ['code/claude/container-rex.sh.hbs'];

describe.each([
  ['the example context', exampleContext],
  ['a hostile context', hostileContext],
])('rendered with %s', (_name, context) => {
  it.each(SCRIPTS)('%s passes bash -n', (script) => {
    const run = spawnSync('bash', ['-n'], { input: renderTemplate(TEMPLATES_ROOT, script, context), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.each(SCRIPTS)('%s passes shellcheck', (script) => {
    const run = spawnSync('shellcheck', ['--shell=bash', '-'], { input: renderTemplate(TEMPLATES_ROOT, script, context), encoding: 'utf8' });
    if (run.error && 'code' in run.error && run.error.code === 'ENOENT') {
      throw new Error('shellcheck is not installed (Debian package shellcheck; .ci/run installs it)');
    }
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});
