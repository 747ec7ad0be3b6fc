/**
 * The CI-remediation mode against stubs that answer like the real gh, claude and GitHub (see
 * sandbox.ts for the sources): App authentication and token refresh, a private repository over
 * authenticated HTTP, runs still in progress, auth errors, labels, the agent's cost cap and audit,
 * bounds on untrusted text, containment of the agent, and a report for every failure.
 * Independent scenarios run side by side.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_ID, APP_SLUG, BOT_USER_ID, REPOSITORY, RUN_ID, RunResult, Sandbox, auditMarkers, flagValue } from './sandbox';
import { AGENT_ANSWER, CLIPPY_LOG, FAIL, FIXED_LIB, PASS, sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();
const PENDING = [{ bucket: 'pending' as const, link: '' }];
const LABEL_FORBIDDEN = 'HTTP 403: Resource not accessible by integration (https://api.github.com/repos/acme/widgets/labels)';

interface Case {
  box: Sandbox;
  result: RunResult;
}

const cases: Record<string, Case> = {};
const started: Record<string, { box: Sandbox; env: () => Promise<Record<string, string>> | Record<string, string> }> = {};

function define(name: string, box: Sandbox, env: () => Promise<Record<string, string>> | Record<string, string>): void {
  started[name] = { box, env };
}

beforeAll(async () => {
  // App authentication: the repository is private (reached over HTTP with the installation token
  // only), the installation is found through the organization, and the watch outlasts a token.
  const app = sandbox({
    scenario: scenario({
      installationOnOrgOnly: true,
      secondsPerChecksCall: 1200,
      checks: { '100': [PENDING, PENDING, PENDING, PENDING, PASS] },
      agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, pushToMain: true }],
    }),
  });
  define('app', app, async () => {
    const github = await app.startGitHub();
    fs.writeFileSync(path.join(app.stubDir, 'git-url'), github.gitUrl);
    const env: Record<string, string> = {
      ...app.ciEnv(),
      GITHUB_APP_ID: APP_ID,
      // A single-line secret: the PEM with literal \n.
      GITHUB_APP_PRIVATE_KEY: github.privateKey.trim().replace(/\n/g, '\\n'),
      GITHUB_API_URL: github.apiUrl,
    };
    delete env.GH_TOKEN;
    return env;
  });

  // The fix PR's check fails while its run is still in progress; the second attempt passes.
  // Every credential variable is set; the agent must see none of them.
  const iterate = sandbox({
    scenario: scenario({
      runs: {
        [RUN_ID]: { log: CLIPPY_LOG, failedSteps: 'build / Run cargo clippy\n', statuses: ['in_progress', 'completed'] },
        // A step gh cannot name: the whole job's log, still "job<TAB>step<TAB>timestamp text".
        '555': { log: 'test\tUNKNOWN STEP\t2025-01-01T00:00:05.1234567Z test result: FAILED. 1 failed\n', failedSteps: 'test / cargo test\n', statuses: ['in_progress', 'in_progress', 'completed'] },
      },
      checks: { '100': [FAIL('555')], '101': [PASS] },
      agent: [
        { edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, turns: 9, costUsd: 0.5 },
        { edits: { 'src/lib.rs': 'pub fn count(v: &[u32]) -> usize { v.iter().count() }\n' }, output: 'Root cause: the count test\nFix: count items\n', turns: 4, costUsd: 0.25 },
      ],
    }),
  });
  define('iterate', iterate, () => ({
    ...iterate.ciEnv(),
    GITHUB_TOKEN: 'ghp_second',
    GH_ENTERPRISE_TOKEN: 'ghe_third',
    GITHUB_APP_PRIVATE_KEY: '',
    AGENT_MAX_TURNS: '12',
    AGENT_MAX_BUDGET_USD: '0.75',
  }));

  // A restarted pod resuming an open fix PR: errors there stop and report too.
  const resumed = sandbox({
    scenario: scenario({
      existingPrs: [{ number: 7, head: `ci-fix/${RUN_ID}-1`, base: 'feature/widgets', labels: ['ci-fix', 'automated-fix'], state: 'open' }],
      checks: { '7': ['unauthorized'] },
    }),
  });
  resumed.pushFixBranch(1, { 'src/lib.rs': FIXED_LIB }, 'fix(ci): x\n\nRoot cause: x\nFix: y\n');
  define('resumed', resumed, () => resumed.ciEnv());

  const unauthorized = sandbox({ scenario: scenario({ checks: { '100': [PENDING, 'unauthorized'] } }) });
  define('unauthorized', unauthorized, () => unauthorized.ciEnv());

  const labels = sandbox({ scenario: scenario({ labelCreateError: LABEL_FORBIDDEN }) });
  define('labels', labels, () => labels.ciEnv());

  const existingLabels = sandbox({ scenario: scenario({ labels: ['ci-fix', 'automated-fix', 'blocked'] }) });
  define('existingLabels', existingLabels, () => existingLabels.ciEnv());

  const notLoggedIn = sandbox({ scenario: scenario({ agent: [{ edits: {}, output: '', outcome: 'not-logged-in' }] }) });
  define('notLoggedIn', notLoggedIn, () => notLoggedIn.ciEnv());

  const badKey = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: '', outcome: 'invalid-api-key' }] }) });
  define('badKey', badKey, () => badKey.ciEnv());

  const maxTurns = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: '', outcome: 'max-turns', costUsd: 1.5 }] }) });
  define('maxTurns', maxTurns, () => ({ ...maxTurns.ciEnv(), AGENT_MAX_TURNS: '12' }));

  // 300 lines of 64 KiB from a step named "Check errors", a huge commit message and agent answer.
  const wide = (i: number) => `build\tCheck errors\t2025-01-01T00:00:00.0000000Z ${i === 10 || i === 200 ? 'error[E0308]: mismatched types' : `compiling crate ${i}`} ${'x'.repeat(65536 - 80)}`;
  const hugeLog = `${Array.from({ length: 300 }, (_, i) => wide(i)).join('\n')}\n`;
  const huge = sandbox({
    commitMessage: `Huge\n\n${'m'.repeat(100_000)}`,
    scenario: scenario({
      runs: { [RUN_ID]: { log: hugeLog, failedSteps: Array.from({ length: 300 }, (_, i) => `build ${'j'.repeat(500)} / Check errors ${i}`).join('\n') } },
      agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: `${'a'.repeat(200_000)}\nRoot cause: ${'r'.repeat(5000)}\nFix: ${'f'.repeat(5000)}\n` }],
    }),
  });
  define('huge', huge, () => huge.ciEnv());

  // A push the remote rejects: an unexpected failure is reported like any other.
  const rejected = sandbox({ scenario: scenario() });
  fs.writeFileSync(path.join(rejected.origin, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected by policy" >&2\nexit 1\n', { mode: 0o755 });
  define('rejected', rejected, () => rejected.ciEnv());

  // Another fix-branch prefix: branches, attempt count and loop guard follow it.
  const prefixed = sandbox({ branchPrefix: 'bot/fix-', extraBranches: [`bot/fix-${RUN_ID}-1`, `ci-fix/${RUN_ID}-5`], scenario: scenario() });
  define('prefixed', prefixed, () => prefixed.ciEnv());
  const ownBranch = sandbox({ branchPrefix: 'bot/fix-', failingBranch: 'bot/fix-1-1', scenario: scenario() });
  define('ownBranch', ownBranch, () => ownBranch.ciEnv());

  // The App's id without its key.
  const noKey = sandbox({ scenario: scenario() });
  define('noKey', noKey, () => {
    const env: Record<string, string> = { ...noKey.ciEnv(), GITHUB_APP_ID: APP_ID };
    delete env.GH_TOKEN;
    return env;
  });
  const noCredentials = sandbox({ scenario: scenario() });
  define('noCredentials', noCredentials, () => {
    const env: Record<string, string> = noCredentials.ciEnv();
    delete env.GH_TOKEN;
    return env;
  });

  await Promise.all(
    Object.entries(started).map(async ([name, { box, env }]) => {
      const variables = await env();
      if (name === 'app') box.setRepositoryUrl(fs.readFileSync(path.join(box.stubDir, 'git-url'), 'utf8'));
      cases[name] = { box, result: await box.runAsync(variables) };
    }),
  );
}, 240_000);

describe('GitHub App authentication', () => {
  it('mints installation tokens with a JWT the API verifies, and fixes the private repository over HTTP', () => {
    const { box, result } = cases.app;
    expect(result.stderr).toContain('opened https://github.com/acme/widgets/pull/100');
    expect(result.status).toBe(0);
    expect(box.git(['--git-dir', box.origin, 'show', `${box.fixBranch(1)}:src/lib.rs`])).toBe(FIXED_LIB.trim());
    const calls = box.apiCalls();
    expect(calls.slice(0, 3).map((call) => `${call.method} ${call.url} ${call.status}`)).toEqual([
      'GET /repos/acme/widgets/installation 0',
      'GET /orgs/acme/installation 0',
      'POST /app/installations/77/access_tokens 0',
    ]);
    for (const call of calls) {
      expect(call.jwt).toMatchObject({ iss: APP_ID });
      const { iat, exp } = call.jwt as { iat: number; exp: number };
      expect(exp - iat).toBeLessThanOrEqual(600);
    }
  });

  it('refreshes the token before it expires during a long watch', () => {
    const { box } = cases.app;
    const minted = Object.keys(box.mintedTokens());
    expect(minted.length).toBeGreaterThanOrEqual(2);
    const used = new Set(box.calls('gh').map((call) => call.token));
    expect([...used].every((token) => minted.includes(token as string))).toBe(true);
    expect(used.size).toBeGreaterThanOrEqual(2);
  });

  it('commits as the App bot user, as GitHub links it', () => {
    const { box } = cases.app;
    const author = box.git(['--git-dir', box.origin, 'log', '-1', '--format=%an <%ae>', box.fixBranch(1)]);
    expect(author).toBe(`${APP_SLUG}[bot] <${BOT_USER_ID}+${APP_SLUG}[bot]@users.noreply.github.com>`);
  });

  it('with a ready token, takes the bot user from GitHub by the App name of the context', () => {
    const { box } = cases.iterate;
    const author = box.git(['--git-dir', box.origin, 'log', '-1', '--format=%an <%ae>', box.fixBranch(1)]);
    expect(author).toBe(`test-rex[bot] <${BOT_USER_ID}+test-rex[bot]@users.noreply.github.com>`);
  });

  it('leaves the agent no credential: no token variables, nothing from git, its own push refused', () => {
    const { box } = cases.app;
    const [agent] = box.calls('claude');
    expect(agent.secrets).toEqual([]);
    expect(agent.credential).toBe('');
    expect(agent.pushedToMain).toBe(false);
    expect(box.originBranches().get('main')).toBe(box.mainSha);
  });

  it.each([
    ['noKey', 'GITHUB_APP_PRIVATE_KEY must hold the GitHub App\'s PEM private key'],
    ['noCredentials', 'no GitHub credentials: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY (the GitHub App\'s id and PEM key), or GH_TOKEN'],
  ])('%s: stops before cloning with one line naming the fix', (name, message) => {
    const { box, result } = cases[name];
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`[rex] error: ${message}\n`);
    expect(fs.existsSync(path.join(box.work, 'repo'))).toBe(false);
  });
});

describe('runs, checks and labels as gh reports them', () => {
  it('waits for runs to complete before reading their logs, and reads the triggering attempt', () => {
    const { box, result } = cases.iterate;
    expect(result.status).toBe(0);
    const views = box.gh('run', 'view').map((call) => `${call.args[2]} ${call.args.includes('--log-failed') ? 'log' : flagValue(call.args, '--json')} ${flagValue(call.args, '--attempt') ?? '-'}`);
    expect(views).toEqual([`${RUN_ID} status -`, `${RUN_ID} status -`, `${RUN_ID} log 1`, `${RUN_ID} jobs 1`, '555 status -', '555 status -', '555 status -', '555 log -', '555 jobs -']);
    expect(box.calls('claude')[1].stdin).toContain('\ntest result: FAILED. 1 failed\n');
  });

  it('stops the watch on an auth error, with that error in the report', () => {
    const { box, result } = cases.unauthorized;
    expect(result.status).toBe(1);
    expect(box.gh('pr', 'checks')).toHaveLength(2);
    expect(result.stderr).toContain('[rex] error: watching the checks of PR #100 failed: HTTP 401: Bad credentials (https://api.github.com/graphql)');
    expect(box.commitComments()[0].body).toContain('stopped: watching the checks of PR #100 failed: HTTP 401: Bad credentials');
    expect(box.addedLabels()).toEqual([['100', 'blocked']]);
  });

  it('stops and reports an error while resuming an open fix PR (errexit holds there too)', () => {
    const { box, result } = cases.resumed;
    expect(result.status).toBe(1);
    expect(box.calls('claude')).toEqual([]);
    expect(box.commitComments()[0].body).toContain('stopped: watching the checks of PR #7 failed: HTTP 401: Bad credentials');
    expect(box.addedLabels()).toEqual([['7', 'blocked']]);
  });

  it('stops before any PR when a label cannot be created, and still reports', () => {
    const { box, result } = cases.labels;
    expect(result.status).toBe(1);
    expect(box.calls('claude')).toEqual([]);
    expect(box.gh('pr', 'create')).toEqual([]);
    const comment = box.commitComments()[0].body;
    expect(comment).toContain(`could not create the label ci-fix in ${REPOSITORY} (${LABEL_FORBIDDEN}); give the GitHub App issues: write, or create the label by hand`);
    expect(comment).toContain('@octocat');
    // The issue is opened without the label that could not be created.
    expect(box.gh('issue', 'create').map((call) => flagValue(call.args, '--label'))).toEqual(['blocked', undefined]);
  });

  it('keeps existing labels as they are', () => {
    const { box, result } = cases.existingLabels;
    expect(result.status).toBe(0);
    expect(box.gh('label', 'create').filter((call) => call.args.includes('--force'))).toEqual([]);
    expect(box.gh('pr', 'create')).toHaveLength(1);
  });
});

describe('the agent: cost cap, audit, failures', () => {
  it('passes the cost cap and asks for JSON', () => {
    const { box } = cases.iterate;
    for (const call of box.calls('claude')) {
      expect(flagValue(call.args, '--max-turns')).toBe('12');
      expect(flagValue(call.args, '--max-budget-usd')).toBe('0.75');
      expect(flagValue(call.args, '--output-format')).toBe('json');
      expect(call.secrets).toEqual([]);
    }
  });

  it('records turns, cost and outcome per attempt in the PR bodies and the final comment', () => {
    const { box } = cases.iterate;
    const [first, second] = box.gh('pr', 'create').map((call) => call.body ?? '');
    const run = Number(RUN_ID);
    expect(auditMarkers(first)).toEqual([{ run, attempt: 1, turns: 9, costUsd: 0.5, outcome: 'pr-opened' }]);
    expect(auditMarkers(second)).toEqual([
      { run, attempt: 1, turns: 9, costUsd: 0.5, outcome: 'checks-failed' },
      { run, attempt: 2, turns: 4, costUsd: 0.25, outcome: 'pr-opened' },
    ]);
    const [comment] = box.commitComments();
    expect(auditMarkers(comment.body ?? '')).toEqual([
      { run, attempt: 1, turns: 9, costUsd: 0.5, outcome: 'checks-failed' },
      { run, attempt: 2, turns: 4, costUsd: 0.25, outcome: 'fixed' },
    ]);
    expect(comment.body).toContain('| Attempt | Agent turns | Cost (USD) | Outcome |\n| --- | --- | --- | --- |\n| 1 | 9 | 0.5 | checks-failed |\n| 2 | 4 | 0.25 | fixed |\n');
  });

  it.each([
    ['claude not logged in', 'notLoggedIn', 'claude exited with status 1: Not logged in · Please run /login', { turns: 0, costUsd: 0, outcome: 'agent-error' }],
    ['an API key claude rejects', 'badKey', 'claude reported an error: Invalid API key · Please run /login', { turns: 1, costUsd: 0, outcome: 'agent-error' }],
    ['the turn cap', 'maxTurns', 'the agent reached its cap of 12 turns (codeRun.agent.maxTurns)', { turns: 12, costUsd: 1.5, outcome: 'max-turns' }],
  ])('stops on %s, pushing nothing the agent left, and reports it blocked', (_name, name, reason, audit) => {
    const { box, result } = cases[name];
    expect(result.status).toBe(1);
    expect([...box.originBranches().keys()].sort()).toEqual([box.failingBranch, 'main'].sort());
    const body = box.commitComments()[0].body ?? '';
    expect(body).toContain(`stopped: ${reason}.`);
    expect(auditMarkers(body)).toEqual([{ run: Number(RUN_ID), attempt: 1, ...audit }]);
    expect(box.gh('issue', 'create').map((call) => flagValue(call.args, '--label'))).toEqual(['blocked']);
  });

  it('reports a failure nobody planned for (a rejected push) with the failed step and blocked', () => {
    const { box, result } = cases.rejected;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('protected by policy');
    const body = box.commitComments()[0].body ?? '';
    expect(body).toContain('stopped: a step failed (exit status 1) in git,git_remote,push_fix_branch: command git -c core.hooksPath=/dev/null');
    expect(box.gh('issue', 'create').map((call) => flagValue(call.args, '--label'))).toEqual(['blocked']);
  });

  it('never writes a token into a comment, PR, issue or log', () => {
    for (const { box, result } of Object.values(cases)) {
      const tokens = ['ghp_ready-token', 'ghp_second', 'ghe_third', ...Object.keys(box.mintedTokens())];
      const texts = [result.stdout, result.stderr, ...box.calls('gh').map((call) => `${call.args.join(' ')}\n${call.body ?? ''}`)];
      for (const token of tokens) expect(texts.filter((text) => text.includes(token))).toEqual([]);
    }
  });
});

describe('bounded untrusted text', () => {
  it('cuts lines, sections, the task, the PR body and the comment', () => {
    const { box, result } = cases.huge;
    expect(result.status).toBe(0);
    const task = box.calls('claude')[0].stdin ?? '';
    expect(Buffer.byteLength(task)).toBeLessThanOrEqual(100 * 1024);
    expect(Math.max(...task.split('\n').map((line) => line.length))).toBeLessThanOrEqual(4000);
    // Prefix and timestamp stripped before matching: only the two real error lines (and context).
    expect(task).toContain('error[E0308]: mismatched types');
    expect(task).not.toContain('2025-01-01T00:00:00');
    expect(task.split('Last lines of the failed log:')[0]).not.toContain('compiling crate 100 ');
    const [create] = box.gh('pr', 'create');
    expect((create.body ?? '').length).toBeLessThanOrEqual(60_000);
    expect(auditMarkers(create.body ?? '')).toHaveLength(1);
    const [comment] = box.commitComments();
    expect((comment.body ?? '').length).toBeLessThanOrEqual(60_000);
    const message = box.git(['--git-dir', box.origin, 'log', '-1', '--format=%B', box.fixBranch(1)]);
    expect(message.length).toBeLessThan(2000);
  });
});

describe('REMEDIATION_BRANCH_PREFIX', () => {
  it('names fix branches with the prefix and counts attempts from them only', () => {
    const { box, result } = cases.prefixed;
    expect(result.status).toBe(0);
    expect(box.gh('pr', 'create').map((call) => flagValue(call.args, '--head'))).toEqual([`bot/fix-${RUN_ID}-2`]);
    expect(box.originBranches().has(`bot/fix-${RUN_ID}-2`)).toBe(true);
    expect([...box.originBranches().keys()].filter((name) => name.startsWith('ci-fix/'))).toEqual([`ci-fix/${RUN_ID}-5`]);
  });

  it('does not remediate its own branches', () => {
    const { box, result } = cases.ownBranch;
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('not remediating it (no loops)');
    expect(box.calls()).toEqual([]);
  });
});
