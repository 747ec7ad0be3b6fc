/** The container script's input validation, loop guard, prompt discovery and unfinished checks. */
import { sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();

describe('other outcomes', () => {
  it('reports unfinished checks without blocking', () => {
    const box = sandbox({ scenario: scenario({ checks: { '100': [[{ bucket: 'pending', link: '' }]] } }) });
    expect(box.run({ ...box.ciEnv(), CI_CHECKS_TIMEOUT_SECONDS: '0' }).status).toBe(0);
    expect(box.gh('api', '--method', 'POST')[0].body).toContain('had not finished after 0 seconds');
    expect(box.gh('pr', 'edit')).toEqual([]);
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

  it('stops with the fix when gh cannot list checks as JSON, instead of waiting for a timeout', () => {
    const box = sandbox({ scenario: scenario({ ghWithoutChecksJson: true }) });
    const result = box.run(box.ciEnv());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[rex] error: this gh cannot list checks as JSON (gh pr checks --json); install a current gh release in the agent image');
    expect(box.gh('pr', 'checks')).toHaveLength(1);
  });

  it('finds the system prompt next to itself by default', () => {
    const box = sandbox({ scenario: scenario() });
    const env: Record<string, string> = box.ciEnv();
    delete env.REX_CI_SYSTEM_PROMPT;
    expect(box.run(env).status).toBe(0);
    expect(box.calls('claude')[0].systemPrompt).toContain('# Rex: CI remediation');
  });
});
