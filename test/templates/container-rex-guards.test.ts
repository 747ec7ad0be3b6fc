/** The container script's input validation, loop guard, prompt discovery and unfinished checks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_URL, sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();

describe('other outcomes', () => {
  it('reports unfinished checks as blocked on the fix PR', () => {
    const box = sandbox({ scenario: scenario({ checks: { '100': [[{ bucket: 'pending', link: '' }]] } }) });
    expect(box.run({ ...box.ciEnv(), CI_CHECKS_TIMEOUT_SECONDS: '0' }).status).toBe(1);
    expect(box.commitComments()[0].body).toContain('the checks on the fix PR had not finished after 0 seconds');
    expect(box.addedLabels()).toEqual([['100', 'blocked']]);
  });

  it('does not report a fix PR whose checks were all skipped as fixed', () => {
    // gh v2.50.0 pkg/cmd/pr/checks/aggregate.go: SKIPPED and NEUTRAL conclusions are the "skipping" bucket.
    const box = sandbox({ scenario: scenario({ checks: { '100': [[{ bucket: 'skipping', link: RUN_URL('900') }]] } }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect(box.commitComments()[0].body).toContain('every check on the fix PR was skipped, so nothing verified the fix');
    expect(box.addedLabels()).toEqual([['100', 'blocked']]);
  });

  it('does not remediate its own fix branches', () => {
    const box = sandbox({ failingBranch: 'ci-fix/1-1', scenario: scenario() });
    const result = box.run(box.ciEnv());
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('not remediating it (no loops)');
    expect(box.calls()).toEqual([]);
  });

  it.each([
    ['WORKFLOW_RUN_ID', '1; touch x', 'WORKFLOW_RUN_ID must be a run id (digits)'],
    ['REPOSITORY', 'acme/widgets extra', 'REPOSITORY must be owner/name'],
    ['FAILURE_COMMIT_SHA', '$(id)', 'FAILURE_COMMIT_SHA must be a commit id'],
    ['MAX_REMEDIATION_ATTEMPTS', '0', 'MAX_REMEDIATION_ATTEMPTS must be a number from 1 to 99'],
    ['FAILURE_BRANCH', 'bad..name', 'FAILURE_BRANCH is not a valid branch name'],
    ['REX_CI_SYSTEM_PROMPT', '/nonexistent/prompt.md', 'CI-remediation system prompt not found: /nonexistent/prompt.md (set REX_CI_SYSTEM_PROMPT)'],
  ])('rejects %s=%j before doing anything', (name, value, message) => {
    const box = sandbox({ scenario: scenario() });
    const result = box.run({ ...box.ciEnv(), [name]: value });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`[rex] error: ${message}\n`);
    expect(box.calls()).toEqual([]);
  });

  it('refuses to start as root outside a declared sandbox, naming the fix', () => {
    const box = sandbox({ scenario: scenario() });
    box.runAs(0);
    const result = box.run({ ...box.ciEnv(), IS_SANDBOX: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[rex\] error: the agent image runs as root, where claude refuses --permission-mode bypassPermissions; .*codeRun\.env\.IS_SANDBOX: "1"/);
    expect(box.calls()).toEqual([]);
  });

  it.each([
    ['root in a declared sandbox', 0, '1'],
    ['a non-root user', 1000, ''],
  ])('runs as %s', (_name, uid, sandboxed) => {
    const box = sandbox({ scenario: scenario() });
    box.runAs(uid);
    expect(box.run({ ...box.ciEnv(), IS_SANDBOX: sandboxed }).status).toBe(0);
    expect(box.calls('claude').length).toBeGreaterThan(0);
  });

  it.each([['2.23.0'], ['2.49.2']])('stops before cloning when gh %s is older than 2.50.0 (pr checks --json)', (version) => {
    const box = sandbox({ scenario: scenario({ ghVersion: version }) });
    const result = box.run(box.ciEnv());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`[rex] error: gh ${version} is too old: the CI-remediation mode needs gh 2.50.0 or later (gh pr checks --json); install a current gh release in the agent image\n`);
    expect(box.calls()).toEqual([]);
  });

  it.each([
    ['claude', 'claude is not on PATH; install @anthropic-ai/claude-code in the agent image'],
    ['gh', 'gh is not installed in the agent image; install it (the CI-remediation mode needs gh, jq and iconv)'],
  ])('stops before cloning when %s is missing, naming the fix', (tool, message) => {
    const box = sandbox({ scenario: scenario() });
    fs.rmSync(path.join(box.bin, tool));
    const result = box.run(box.ciEnv());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`[rex] error: ${message}\n`);
    expect(fs.existsSync(path.join(box.work, 'repo'))).toBe(false);
  });

  it('finds its plain scripts under their ConfigMap keys too, and names the fix when they are missing', () => {
    const box = sandbox({ scenario: scenario() });
    const dir = path.dirname(box.script);
    for (const name of ['rex-common.sh', 'rex-ci-remediation.sh']) fs.renameSync(path.join(dir, name), path.join(dir, `code_claude_${name}`));
    expect(box.run(box.ciEnv()).status).toBe(0);
    fs.rmSync(path.join(dir, 'code_claude_rex-common.sh'));
    const result = box.run(box.ciEnv());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`[rex] error: rex-common.sh not found next to the script in ${dir}; ship templates/code/claude/rex-common.sh in the same ConfigMap (or set REX_SCRIPTS_DIR)\n`);
  });

  it('finds the system prompt next to itself by default', () => {
    const box = sandbox({ scenario: scenario() });
    const env: Record<string, string> = box.ciEnv();
    delete env.REX_CI_SYSTEM_PROMPT;
    expect(box.run(env).status).toBe(0);
    expect(box.calls('claude')[0].systemPrompt).toContain('# Rex: CI remediation');
  });
});
