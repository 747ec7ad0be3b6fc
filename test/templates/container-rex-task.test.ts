/** The container script's normal mode: the agent works on the controller's task. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flagValue } from './sandbox';
import { sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();
const agent = [{ edits: { 'notes.txt': 'done\n' }, output: 'Task done.\n' }];

describe('normal mode', () => {
  it('clones the repository and runs the agent on the task from the context', () => {
    const box = sandbox({ scenario: scenario({ agent }) });
    const result = box.run({});
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Task done.\n');
    const [call] = box.calls('claude');
    expect(call.args).toEqual(['-p', '--model', 'claude-test-model', '--output-format', 'text', '--permission-mode', 'bypassPermissions']);
    expect(fs.realpathSync(call.cwd)).toBe(path.join(box.work, 'repo'));
    expect(call.stdin).toBe('Implement task 42 for the service widgets in this repository.\nNo documentation repository was given.\n');
    expect(box.calls('gh')).toEqual([]);
  });

  it('continues the session and enters the working directory', () => {
    const box = sandbox({ scenario: scenario({ agent }), context: { continue_session: true, working_directory: 'src' } });
    expect(box.run({}).status).toBe(0);
    const [call] = box.calls('claude');
    expect(flagValue(call.args, '--model')).toBe('claude-test-model');
    expect(call.args[call.args.length - 1]).toBe('--continue');
    expect(fs.realpathSync(call.cwd)).toBe(path.join(box.work, 'repo', 'src'));
  });

  it('clones the documentation repository on its branch', () => {
    const box = sandbox({ scenario: scenario({ agent }), docsBranch: 'docs' });
    expect(box.run({}).status).toBe(0);
    expect(box.git(['-C', path.join(box.work, 'docs'), 'rev-parse', '--abbrev-ref', 'HEAD'])).toBe('docs');
    expect(box.calls('claude')[0].stdin).toContain(`The task documentation is in ${box.work}/docs (branch docs); find task 42 there.`);
  });

  it('restores context values byte-for-byte after Handlebars escaping, running none of them', () => {
    const service = `it's <a&b> "q" \`touch pwned-ctx\` = '; touch pwned-ctx2; ' &amp;`;
    const box = sandbox({ scenario: scenario({ agent }), context: { service } });
    expect(box.run({}).status).toBe(0);
    expect(box.calls('claude')[0].stdin).toContain(`for the service ${service} in this repository`);
    expect(fs.readdirSync(box.root, { recursive: true, encoding: 'utf8' }).filter((name) => /^pwned-ctx2?$/.test(path.basename(name)))).toEqual([]);
  });

  it('refuses a working directory outside the repository', () => {
    const box = sandbox({ scenario: scenario({ agent }), context: { working_directory: '../elsewhere' } });
    const result = box.run({});
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[rex] error: working_directory must be a relative path inside the repository\n');
    expect(box.calls()).toEqual([]);
  });

  it('rejects an unknown REMEDIATION_MODE', () => {
    const box = sandbox({ scenario: scenario({ agent }) });
    const result = box.run({ REMEDIATION_MODE: 'something' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[rex] error: unknown REMEDIATION_MODE (expected ci-failure or unset)\n');
  });
});
