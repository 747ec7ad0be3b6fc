/**
 * Every `npx ci-remediation …` example in README.md runs as written, from the repository root, and
 * gives the documented result. The commands are read from the README's `sh` blocks, so an example
 * that is edited or added there is run here too.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { validateSettings } from '../../src/config/validate';
import { PROJECT_ROOT } from '../helpers/chart';

const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The contents of the README's fenced blocks of `language`. */
function blocks(language: string): string[] {
  return [...readme.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm'))].map(m => m[1]);
}

// `serve` runs until stopped: its README example is started and stopped by test/cli/serve.test.ts.
const commands = blocks('sh').flatMap(block => block.split('\n')).filter(line => line.startsWith('npx ci-remediation ') && !line.startsWith('npx ci-remediation serve '));

/** What each documented example must print (stdout), by its first words. */
const expected: [RegExp, RegExp][] = [
  [/^npx ci-remediation simulate /, /Dependency workflow-run-failed \(github\/org\): PASSED[\s\S]*name: ci-remediation-19289199112-2/],
  [/^npx ci-remediation replay /, /Dependency workflow-run-failed: 1 passed, 4 dropped[\s\S]*Trigger create-coderun: 1 fired/],
  [/^npx ci-remediation lint /, /^$/],
  [/^npx ci-remediation templates render /, /^#!\/usr\/bin\/env bash\n/],
  [/^npx ci-remediation templates check$/, /^ok {4}compile /],
];

beforeAll(() => {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'lib', 'src', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT });
});

test('the README documents an example of every command that reads user files', () => {
  for (const [pattern] of expected) expect(commands.filter(c => pattern.test(c))).toHaveLength(1);
  expect(commands).toHaveLength(expected.length);
});

test.each(commands)('%s', command => {
  // Through a shell, as a user types it (globs such as dist/*.yaml expand there).
  const run = spawnSync('sh', ['-c', command], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const [, output] = expected.find(([pattern]) => pattern.test(command))!;
  expect(run.stdout).toMatch(output);
}, 60_000);

test('the settings example is valid settings, and the skip token is shown as a string', () => {
  const example = blocks('yaml').find(block => block.includes('repositories:'))!;
  expect(() => validateSettings(YAML.parse(example))).not.toThrow();
  const row = readme.split('\n').find(line => line.startsWith('| `filters.skipToken` |'))!;
  const shown = /^\| `filters\.skipToken` \| `([^`]+)`/.exec(row)![1];
  expect(YAML.parse(`skipToken: ${shown}`)).toEqual({ skipToken: '[skip-ci-remediation]' });
});
