/** The container script's attempt cap and the ways it gives up (blocked label, author tagged). */
import { RUN_ID, auditMarkers, flagValue } from './sandbox';
import { AGENT_ANSWER, FAIL, PASS, sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();

describe('the attempt cap', () => {
  it('gives up after MAX_REMEDIATION_ATTEMPTS and still holds after a restart', () => {
    const box = sandbox({ scenario: scenario({ checks: { '100': [FAIL(RUN_ID)], '101': [FAIL(RUN_ID)] } }) });
    const env = { ...box.ciEnv(), MAX_REMEDIATION_ATTEMPTS: '2' };
    expect(box.run(env).status).toBe(1);
    expect(box.calls('claude')).toHaveLength(2);
    // Through REST: gh pr edit fails on gh releases before ~2.82.
    expect(box.gh('pr', 'edit')).toEqual([]);
    expect(box.addedLabels()).toEqual([['101', 'blocked']]);
    const [blocked] = box.commitComments();
    expect(blocked.body).toContain('the cap of 2 attempts is reached');
    expect(blocked.body).toContain('@octocat');

    const restart = box.run(env); // a new pod: fresh work directory, same GitHub
    expect(restart.status).toBe(1);
    expect(box.calls('claude')).toHaveLength(2);
    expect(box.gh('pr', 'create')).toHaveLength(2);
    expect([...box.originBranches().keys()].filter((name) => name.startsWith('ci-fix/'))).toHaveLength(2);
    expect(box.addedLabels().map(([number]) => number)).toEqual(['101', '101']);
    // The restarted pod reports the earlier pod's attempts, read from the latest fix PR, whose checks it watched again.
    expect(auditMarkers(box.commitComments()[1].body ?? '').map((m) => [m.attempt, m.outcome])).toEqual([[1, 'checks-failed'], [2, 'checks-failed']]);
  });

  it('counts attempts from fix branches and fix PRs on GitHub', () => {
    const box = sandbox({
      extraBranches: [`ci-fix/${RUN_ID}-1`, 'ci-fix/1234-7'],
      scenario: scenario({
        existingPrs: [{ number: 7, head: `ci-fix/${RUN_ID}-2`, base: 'feature/widgets', labels: ['ci-fix'], state: 'closed' }],
        checks: { '100': [PASS] },
      }),
    });
    expect(box.run(box.ciEnv()).status).toBe(0);
    expect(box.gh('pr', 'create').map((call) => flagValue(call.args, '--head'))).toEqual([`ci-fix/${RUN_ID}-3`]);
    expect(box.originBranches().has(`ci-fix/${RUN_ID}-3`)).toBe(true);
    expect(box.gh('pr', 'close').map((call) => call.args[2])).toEqual(['7']);
  });
});

describe('giving up', () => {
  it('does not try to fix a permissions failure: blocked issue and the author tagged', () => {
    const log = 'release\tpush\t2025 denied: permission_denied: write_package\n##[error]Process completed with exit code 1.\n';
    const box = sandbox({ scenario: scenario({ runs: { [RUN_ID]: { log, failedSteps: 'release / Push to GHCR\n' } } }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect(box.calls('claude')).toEqual([]);
    expect([...box.originBranches().keys()].sort()).toEqual([box.failingBranch, 'main'].sort());
    const [issue] = box.gh('issue', 'create');
    expect(flagValue(issue.args, '--label')).toBe('blocked');
    expect(issue.body).toContain('@octocat, this failure needs a human. Failure type: permissions.');
    expect(box.commitComments()[0].body).toContain('@octocat');
  });

  it('pushes nothing when the agent changes nothing', () => {
    const box = sandbox({ scenario: scenario({ agent: [{ edits: {}, output: 'Root cause: a flaky runner\nFix: none\n' }] }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect([...box.originBranches().keys()].sort()).toEqual([box.failingBranch, 'main'].sort());
    expect(box.gh('issue', 'create')[0].body).toContain('the agent found no change to make for this failure');
  });

  it('refuses to push a change to workflow permissions', () => {
    const workflow = 'name: CI\non: push\npermissions: write-all\njobs: {}\n';
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { '.github/workflows/ci.yml': workflow }, output: AGENT_ANSWER }] }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect(box.gh('pr', 'create')).toEqual([]);
    expect([...box.originBranches().keys()].sort()).toEqual([box.failingBranch, 'main'].sort());
    expect(box.gh('issue', 'create')[0].body).toContain('touched workflow permissions, tokens or secrets');
  });

  it('gives up when the run cannot be read, quoting gh', () => {
    const box = sandbox({ scenario: scenario({ runs: {} }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect(box.calls('claude')).toEqual([]);
    expect(box.gh('issue', 'create')[0].body).toContain(`gh run view failed: failed to get run: HTTP 404: Not Found`);
  });

  it('does not push a change to a workflow file without the workflows permission', () => {
    const workflow = 'name: CI\non: push\npermissions:\n  contents: read\njobs: { build: { runs-on: ubuntu-latest, steps: [] } }\n';
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { '.github/workflows/ci.yml': workflow }, output: AGENT_ANSWER }] }) });
    expect(box.run(box.ciEnv()).status).toBe(1);
    expect([...box.originBranches().keys()].sort()).toEqual([box.failingBranch, 'main'].sort());
    expect(box.gh('issue', 'create')[0].body).toContain("edits .github/workflows/, which needs the GitHub App's workflows permission");
  });
});

