/**
 * A throw-away world for running the rendered container script for real: a bare git repository as
 * origin (reached by a file:// URL, or over authenticated HTTP through `git http-backend`), a HOME and
 * a work directory inside a temp dir, stub `gh` and `claude` executables that record every call and
 * answer from a scenario like the real tools, and (on demand) a GitHub API on 127.0.0.1 that checks
 * the App's JWT with its public key and hands out installation tokens that expire.
 *
 * What the stubs answer, and where that comes from (read at the named versions):
 * - gh (cli/cli v2.60.0; v2.50.0 for `pr checks --json`): `--version` prints "gh version X (date)"
 *   (pkg/cmd/version/version.go); `run view --log-failed` prints "job<TAB>step<TAB>line" and fails with
 *   "run N is still in progress; logs will be available when it is complete" until the run is completed
 *   (pkg/cmd/run/view/view.go); `--json`/`--jq` print the jq result of the JSON (applied here by the
 *   real jq); `pr checks --json` exits 0 whatever the buckets, and fails with "no checks reported on
 *   the '<branch>' branch" before checks exist (pkg/cmd/pr/checks/checks.go, aggregate.go); `label
 *   create` without --force fails on an existing label (pkg/cmd/label/create.go); `pr create --label`
 *   fails with "could not add label: 'X' not found" before creating anything (pkg/cmd/pr/shared/params.go,
 *   api/queries_repo.go); `pr list --label` searches (pkg/cmd/pr/list/http.go), so the stub refuses it.
 *   An HTTP error prints "HTTP 401: Bad credentials (<url>)" (go-gh's HTTPError), `gh api` prints
 *   "gh: <message> (HTTP <status>)" (pkg/cmd/api/api.go).
 * - gh releases before ~2.82: `pr edit` fails, GitHub rejecting its projectCards query (issue 10, fact 6;
 *   pkg/cmd/pr/edit/edit.go v2.60.0 requests projectCards).
 * - GitHub: bodies over 65,536 characters are refused ("body is too long (maximum is 65536
 *   characters)", HTTP 422); installation tokens expire after one hour; App JWTs are RS256 with iat,
 *   exp at most 10 minutes ahead, and iss = App id (docs.github.com, "Generating a JSON Web Token (JWT)
 *   for a GitHub App", "Generating an installation access token for a GitHub App").
 * - claude (@anthropic-ai/claude-code 2.0.77 cli.js): with --output-format json one result object
 *   {type, subtype, is_error, num_turns, result (on success), total_cost_usd, ...}, exit 1 only when
 *   is_error; error_max_turns and error_max_budget_usd are is_error false (exit 0); as root,
 *   bypassPermissions is refused unless IS_SANDBOX=1 with "--dangerously-skip-permissions cannot be
 *   used with root/sudo privileges for security reasons"; an API error (401) becomes a result with
 *   is_error true and "Invalid API key · Please run /login", exit 1; without credentials 2.1.x prints
 *   "Not logged in · Please run /login" on stdout and exits 1 (issue 10, fact 10; not in 2.0.77).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { renderTemplate } from '../../src/agent-templates/render';

export const TEMPLATES_ROOT = path.resolve(__dirname, '../../templates');
export const REPOSITORY = 'acme/widgets';
export const RUN_ID = '19289199112';
/** The plain scripts shipped next to the rendered container script. */
export const PLAIN_SCRIPTS = ['code/claude/rex-common.sh', 'code/claude/rex-ci-remediation.sh'];
export const APP_ID = '123456';
export const APP_SLUG = 'test-rex';
export const BOT_USER_ID = 4242;

/** One check as `gh pr checks --json bucket,link` reports it. */
export interface Check {
  bucket: 'pass' | 'fail' | 'pending' | 'skipping' | 'cancel';
  link: string;
}

/** One answer of `gh pr checks`: the checks, or an HTTP 401 (a revoked or expired token). */
export type ChecksAnswer = Check[] | 'unauthorized';

/** A workflow run as gh sees it. */
export interface RunSpec {
  /** What `--log-failed` prints once the run is completed (job<TAB>step<TAB>line per line). */
  log: string;
  /** Failed "job / step" lines (one per failed step). */
  failedSteps: string;
  /** Successive `gh run view --json status` answers (the last one repeats); default completed. */
  statuses?: string[];
  /**
   * The run's log archive has no per-step files (GitHub has served such archives since 2025): gh
   * v2.60.0 `--log-failed` then prints nothing and exits 0 (pkg/cmd/run/view/view.go displayRunLog
   * skips steps without a log; cli/cli#10551, fixed later by cli/cli#10740), while
   * `GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs` still returns each job's whole log.
   */
  stepLogsMissing?: boolean;
}

/** One agent run. */
export interface AgentPlan {
  /** Files to write (relative to its cwd). */
  edits: Record<string, string>;
  /** Its final answer (`result`). */
  output: string;
  /** How it ends; default success. */
  outcome?: 'success' | 'max-turns' | 'max-budget' | 'not-logged-in' | 'invalid-api-key';
  turns?: number;
  costUsd?: number;
  /** Tries to push to main itself, as a prompt-injected agent would. */
  pushToMain?: boolean;
  /** A bash script it runs in its working directory after its edits (a prompt-injected agent's tool use). */
  commands?: string;
}

/** What the stubs answer. */
export interface Scenario {
  /** Runs by id. Missing run: gh fails with HTTP 404. */
  runs: Record<string, RunSpec>;
  /** Per PR number, the successive answers of `gh pr checks` (the last one repeats). */
  checks?: Record<string, ChecksAnswer[]>;
  /** `author.login` of the failing commit. */
  authorLogin?: string;
  /** Successive agent runs (the last one repeats). */
  agent: AgentPlan[];
  /** The `gh --version` release; default 2.60.0. */
  ghVersion?: string;
  /** PRs that already exist on "GitHub". */
  existingPrs?: { number: number; head: string; base: string; labels: string[]; state: string; body?: string }[];
  /** Labels that exist in the repository; default none. */
  labels?: string[];
  /** When set, creating a label fails with this error (e.g. the App lacks issues: write). */
  labelCreateError?: string;
  /** Seconds the clock moves on each `gh pr checks` call (a long watch). */
  secondsPerChecksCall?: number;
  /** The App's installation is found only through the organization. */
  installationOnOrgOnly?: boolean;
}

/** A recorded stub call. Body files are captured when the call happens. */
export interface Call {
  tool: 'gh' | 'claude';
  args: string[];
  cwd: string;
  stdin?: string;
  body?: string;
  systemPrompt?: string;
  /** The token gh was called with. */
  token?: string;
  /** claude: credential variables present in its environment. */
  secrets?: string[];
  /** claude: what `git credential fill` gave it for the origin (empty when nothing). */
  credential?: string;
  /** claude: whether its own push to main succeeded. */
  pushedToMain?: boolean;
}

export interface SandboxOptions {
  failingBranch?: string;
  commitMessage?: string;
  workflowName?: string;
  scenario: Scenario;
  /** Branches to create on origin besides main and the failing branch (e.g. earlier fix branches). */
  extraBranches?: string[];
  context?: Record<string, unknown>;
  /** When set, origin gets this branch and the context names origin as the docs repository on it. */
  docsBranch?: string;
  /** Fix branch prefix (REMEDIATION_BRANCH_PREFIX); default ci-fix/. */
  branchPrefix?: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Octo Cat',
  GIT_AUTHOR_EMAIL: 'octocat@example.com',
  GIT_COMMITTER_NAME: 'Octo Cat',
  GIT_COMMITTER_EMAIL: 'octocat@example.com',
};

export const BASE_CONTEXT = {
  task_id: 42,
  service: 'widgets',
  docs_repository_url: '',
  docs_project_directory: 'projects/widgets',
  docs_branch: 'main',
  working_directory: '.',
  continue_session: false,
  attempts: 1,
  overwrite_memory: false,
  github_app: 'Test-Rex',
  model: 'claude-test-model',
  cli_config: { cliType: 'claude', model: 'claude-test-model', settings: {}, maxTokens: 1000, temperature: 0 },
};

/** The GitHub API and git server of a sandbox, on 127.0.0.1. */
export interface GitHubServer {
  /** GITHUB_API_URL. */
  apiUrl: string;
  /** Clone URL of origin over HTTP; it answers 401 without a valid installation token. */
  gitUrl: string;
  /** The App's private key (PEM) whose public half the server checks JWTs with. */
  privateKey: string;
}

export class Sandbox {
  readonly root: string;
  readonly origin: string;
  readonly home: string;
  readonly bin: string;
  readonly stubDir: string;
  readonly script: string;
  readonly systemPrompt: string;
  readonly failingBranch: string;
  readonly commitMessage: string;
  readonly workflowName: string;
  readonly failingSha: string;
  readonly mainSha: string;
  readonly branchPrefix: string;
  private runs = 0;
  private server?: ChildProcess;
  private context: Record<string, unknown>;

  constructor(options: SandboxOptions) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rex-sandbox-')));
    this.origin = path.join(this.root, 'origin.git');
    this.home = path.join(this.root, 'home');
    this.bin = path.join(this.root, 'bin');
    this.stubDir = path.join(this.root, 'stub');
    this.failingBranch = options.failingBranch ?? 'feature/widgets';
    this.commitMessage = options.commitMessage ?? 'Add widget counter';
    this.workflowName = options.workflowName ?? 'CI';
    this.branchPrefix = options.branchPrefix ?? 'ci-fix/';
    for (const dir of [this.home, this.bin, this.stubDir]) fs.mkdirSync(dir, { recursive: true });

    const seed = path.join(this.root, 'seed');
    fs.mkdirSync(seed);
    this.git(['init', '--quiet', '--bare', '--initial-branch=main', this.origin]);
    this.git(['--git-dir', this.origin, 'config', 'http.receivepack', 'true']);
    this.git(['init', '--quiet', '--initial-branch=main', seed]);
    writeFiles(seed, {
      'src/lib.rs': 'pub fn count(v: &Vec<u32>) -> usize { v.len() }\n',
      '.github/workflows/ci.yml': 'name: CI\non: push\npermissions:\n  contents: read\njobs: {}\n',
    });
    this.git(['-C', seed, 'add', '--all']);
    this.git(['-C', seed, 'commit', '--quiet', '-m', 'Initial commit']);
    this.mainSha = this.git(['-C', seed, 'rev-parse', 'HEAD']);
    this.git(['-C', seed, 'push', '--quiet', this.origin, 'HEAD:refs/heads/main']);
    for (const branch of options.extraBranches ?? []) {
      this.git(['-C', seed, 'push', '--quiet', this.origin, `HEAD:refs/heads/${branch}`]);
    }
    writeFiles(seed, { 'src/lib.rs': 'pub fn count(v: &Vec<u32>) -> usize { v.iter().count() }\n' });
    this.git(['-C', seed, 'commit', '--quiet', '--all', '-m', this.commitMessage]);
    this.failingSha = this.git(['-C', seed, 'rev-parse', 'HEAD']);
    this.git(['-C', seed, 'push', '--quiet', this.origin, `HEAD:refs/heads/${this.failingBranch}`]);
    fs.rmSync(seed, { recursive: true, force: true });

    fs.writeFileSync(path.join(this.stubDir, 'scenario.json'), JSON.stringify(options.scenario));
    fs.writeFileSync(path.join(this.stubDir, 'clock'), '0');
    writeStub(path.join(this.bin, 'gh'), GH_STUB, this.stubDir, this.origin);
    writeStub(path.join(this.bin, 'claude'), CLAUDE_STUB, this.stubDir, this.origin);
    // `date +%s` follows the sandbox clock, which a long watch moves forward.
    fs.writeFileSync(
      path.join(this.bin, 'date'),
      `#!/bin/sh\nif [ "$1" = "+%s" ]; then echo $(( $(/bin/date +%s) + $(cat '${this.stubDir}/clock') )); else exec /bin/date "$@"; fi\n`,
      { mode: 0o755 },
    );

    const rendered = path.join(this.root, 'rendered');
    fs.mkdirSync(rendered);
    if (options.docsBranch) this.git(['--git-dir', this.origin, 'branch', options.docsBranch, 'main']);
    const docs = options.docsBranch ? { docs_repository_url: `file://${this.origin}`, docs_branch: options.docsBranch } : {};
    this.context = { ...BASE_CONTEXT, repository_url: `file://${this.origin}`, ...docs, ...options.context };
    this.script = path.join(rendered, 'container-rex.sh');
    this.systemPrompt = path.join(rendered, 'rex-ci-remediation-system-prompt.md');
    this.render();
    for (const plain of PLAIN_SCRIPTS) fs.copyFileSync(path.join(TEMPLATES_ROOT, plain), path.join(rendered, path.basename(plain)));
  }

  private render(): void {
    fs.writeFileSync(this.script, renderTemplate(TEMPLATES_ROOT, 'code/claude/container-rex.sh.hbs', this.context), { mode: 0o755 });
    fs.writeFileSync(this.systemPrompt, renderTemplate(TEMPLATES_ROOT, 'agents/rex-ci-remediation-system-prompt.md.hbs', this.context));
  }

  /** Renders the script again for another clone URL (e.g. origin over HTTP). */
  setRepositoryUrl(url: string): void {
    this.context = { ...this.context, repository_url: url };
    this.render();
  }

  /** The environment the controller would give the container in CI-remediation mode (with a ready token). */
  ciEnv(): Record<string, string> {
    return {
      REMEDIATION_MODE: 'ci-failure',
      WORKFLOW_NAME: this.workflowName,
      WORKFLOW_RUN_ID: RUN_ID,
      WORKFLOW_RUN_ATTEMPT: '1',
      WORKFLOW_RUN_URL: `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}`,
      FAILURE_BRANCH: this.failingBranch,
      FAILURE_COMMIT_SHA: this.failingSha,
      FAILURE_COMMIT_MESSAGE: this.commitMessage,
      WORKFLOW_CONCLUSION: 'failure',
      REPOSITORY,
      MAX_REMEDIATION_ATTEMPTS: '3',
      REMEDIATION_BRANCH_PREFIX: this.branchPrefix,
      AGENT_MAX_TURNS: '40',
      AGENT_MAX_BUDGET_USD: '5',
      CI_CHECKS_POLL_SECONDS: '0',
      CI_CHECKS_TIMEOUT_SECONDS: '120',
      REX_CI_SYSTEM_PROMPT: this.systemPrompt,
      GH_TOKEN: 'ghp_ready-token',
    };
  }

  /** The fix branch of `attempt`. */
  fixBranch(attempt: number): string {
    return `${this.branchPrefix}${RUN_ID}-${attempt}`;
  }

  /**
   * Starts the GitHub API and git server for this sandbox (a separate process, so the script can be
   * run synchronously against it). Installation tokens it mints are the only ones gh and git accept
   * from then on.
   */
  async startGitHub(): Promise<GitHubServer> {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const config = {
      stubDir: this.stubDir,
      origin: this.origin,
      appId: APP_ID,
      appSlug: APP_SLUG,
      repository: REPOSITORY,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
    };
    fs.writeFileSync(path.join(this.stubDir, 'server.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(this.stubDir, 'server.js'), API_SERVER);
    const server = spawn(process.execPath, [path.join(this.stubDir, 'server.js'), this.stubDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.server = server;
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^listening (\d+)\n/.exec(out);
        if (match) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`the GitHub API server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    return { apiUrl: `${base}/api`, gitUrl: `${base}/git/origin.git`, privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
  }

  /** Requests the API server received, in order. */
  apiCalls(): { method: string; url: string; status: number; jwt?: Record<string, unknown> }[] {
    const file = path.join(this.stubDir, 'api-calls.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  }

  /** Installation tokens the server minted, with their expiry (sandbox clock, seconds). */
  mintedTokens(): Record<string, number> {
    const file = path.join(this.stubDir, 'tokens.json');
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  }

  private environment(env: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: `${this.bin}:/usr/local/bin:/usr/bin:/bin`,
      HOME: this.home,
      LANG: 'C.UTF-8',
      GIT_CONFIG_NOSYSTEM: '1',
      // The pod is the sandbox (and CI runs the tests as root).
      IS_SANDBOX: '1',
      ...env,
    };
  }

  private nextWork(): string {
    this.runs += 1;
    const work = path.join(this.root, `work-${this.runs}`);
    fs.mkdirSync(work);
    return work;
  }

  /**
   * Runs the rendered script in a fresh work directory (a new pod), with only the given variables,
   * a sandboxed HOME and the stubs first on PATH.
   */
  run(env: Record<string, string>): RunResult {
    const work = this.nextWork();
    const result = spawnSync('bash', [this.script], { cwd: work, encoding: 'utf8', env: this.environment(env) });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs the script again in the latest work directory: a restarted pod that kept its workspace. */
  rerun(env: Record<string, string>): RunResult {
    const result = spawnSync('bash', [this.script], { cwd: this.work, encoding: 'utf8', env: this.environment(env) });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Like {@link run}, without blocking: independent sandboxes can run side by side. */
  runAsync(env: Record<string, string>): Promise<RunResult> {
    const work = this.nextWork();
    return new Promise((resolve) => {
      const child = spawn('bash', [this.script], { cwd: work, env: this.environment(env) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  /**
   * Pushes `<prefix><run>-<attempt>` to origin as an earlier pod would have: one commit on the
   * failing branch with `files` and the commit `message`.
   */
  pushFixBranch(attempt: number, files: Record<string, string>, message: string): void {
    const clone = path.join(this.root, `fix-${attempt}`);
    this.git(['clone', '--quiet', '--branch', this.failingBranch, this.origin, clone]);
    writeFiles(clone, files);
    this.git(['-C', clone, 'commit', '--quiet', '--all', '-m', message]);
    this.git(['-C', clone, 'push', '--quiet', 'origin', `HEAD:refs/heads/${this.fixBranch(attempt)}`]);
    fs.rmSync(clone, { recursive: true, force: true });
  }

  /** Makes `id -u` print `uid` for the script and the stubs, as in an image running as that user. */
  runAs(uid: number): void {
    fs.writeFileSync(path.join(this.bin, 'id'), `#!/bin/sh\nif [ "$1" = "-u" ]; then echo ${uid}; else exec /usr/bin/id "$@"; fi\n`, { mode: 0o755 });
  }

  /** The work directory of the latest run. */
  get work(): string {
    return path.join(this.root, `work-${this.runs}`);
  }

  calls(tool?: 'gh' | 'claude'): Call[] {
    const file = path.join(this.stubDir, 'calls.jsonl');
    if (!fs.existsSync(file)) return [];
    const all = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Call);
    return tool ? all.filter((call) => call.tool === tool) : all;
  }

  /** gh calls whose arguments start with `prefix` (e.g. `['pr', 'create']`). */
  gh(...prefix: string[]): Call[] {
    return this.calls('gh').filter((call) => prefix.every((word, i) => call.args[i] === word));
  }

  /** Comments posted on commits (REST), in order. */
  commitComments(): Call[] {
    return this.gh('api', '--method', 'POST').filter((call) => /\/commits\/[0-9a-f]+\/comments$/.test(call.args[3]));
  }

  /** Labels added through REST, as [issue or PR number, label]. */
  addedLabels(): [string, string][] {
    return this.gh('api', '--method', 'POST')
      .filter((call) => /\/issues\/\d+\/labels$/.test(call.args[3]))
      .map((call) => [/\/issues\/(\d+)\/labels$/.exec(call.args[3])?.[1] ?? '', flagValue(call.args, '-f')?.replace(/^labels\[\]=/, '') ?? '']);
  }

  /** Branch name -> commit id on origin. */
  originBranches(): Map<string, string> {
    const out = this.git(['--git-dir', this.origin, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/']);
    const refs = new Map<string, string>();
    for (const line of out.split('\n').filter(Boolean)) {
      const space = line.indexOf(' ');
      refs.set(line.slice(space + 1).replace(/^refs\/heads\//, ''), line.slice(0, space));
    }
    return refs;
  }

  git(args: string[]): string {
    return execFileSync('git', args, {
      encoding: 'utf8',
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: this.home, GIT_CONFIG_NOSYSTEM: '1', ...GIT_IDENTITY },
    }).trim();
  }

  dispose(): void {
    if (this.server?.pid !== undefined && this.server.exitCode === null) this.server.kill();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** `argument value` of the first occurrence of `flag` in `args`. */
export function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

export function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag && i + 1 < args.length ? [args[i + 1]] : []));
}

/** The audit marker lines of a body, parsed. */
export function auditMarkers(body: string): Record<string, unknown>[] {
  return [...body.matchAll(/^<!-- ci-remediation (\{.*\}) -->$/gm)].map((match) => JSON.parse(match[1]));
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

function writeStub(file: string, body: string, stubDir: string, origin: string): void {
  const header =
    `#!${process.execPath}\n'use strict';\n` +
    `const STUB_DIR = ${JSON.stringify(stubDir)};\nconst ORIGIN = ${JSON.stringify(origin)};\n`;
  fs.writeFileSync(file, header + STUB_COMMON + body, { mode: 0o755 });
}

/** Shared by the stubs and the server: scenario, persistent state (it survives "pod restarts"), call log, clock. */
const STUB_COMMON = String.raw`
const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');
const args = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(path.join(STUB_DIR, 'scenario.json'), 'utf8'));
const statePath = path.join(STUB_DIR, 'state.json');
const state = fs.existsSync(statePath)
  ? JSON.parse(fs.readFileSync(statePath, 'utf8'))
  : { prs: scenario.existingPrs || [], issues: [], labels: scenario.labels || [], nextNumber: 100, checkCalls: {}, statusCalls: {}, agentCalls: 0 };
const call = { args, cwd: process.cwd() };
const clockPath = path.join(STUB_DIR, 'clock');
function now() { return Math.floor(Date.now() / 1000) + Number(fs.readFileSync(clockPath, 'utf8')); }
function advanceClock(seconds) { fs.writeFileSync(clockPath, String(Number(fs.readFileSync(clockPath, 'utf8')) + seconds)); }
function opt(name) { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; }
function finish(out, code, quiet) {
  if (!quiet) fs.appendFileSync(path.join(STUB_DIR, 'calls.jsonl'), JSON.stringify(call) + '\n');
  fs.writeFileSync(statePath, JSON.stringify(state));
  if (code) { process.stderr.write(out); process.exit(code); }
  process.stdout.write(out);
}
`;

const GH_STUB = String.raw`
call.tool = 'gh';
call.token = process.env.GH_TOKEN;
const bodyFile = opt('--body-file') || ((opt('-F') || '').startsWith('body=@') ? opt('-F').slice(6) : undefined);
if (bodyFile) call.body = fs.readFileSync(bodyFile, 'utf8');
const repo = opt('--repo') || 'acme/widgets';
// --json/--jq: the real jq stands in for gh's built-in gojq (gh prints the raw strings).
function json(value) {
  const filter = opt('--jq');
  if (!filter) return JSON.stringify(value) + '\n';
  const run = childProcess.spawnSync('jq', ['-r', filter], { input: JSON.stringify(value), encoding: 'utf8' });
  if (run.status !== 0) { finish('stub gh: bad --jq: ' + run.stderr, 1); process.exit(1); }
  return run.stdout;
}
function labelsExist(labels) {
  const missing = labels.find((l) => !state.labels.some((have) => have.toLowerCase() === l.toLowerCase()));
  if (missing !== undefined) { finish("could not add label: '" + missing + "' not found\n", 1); return false; }
  return true;
}
const [a, b] = args;
// The id of the i-th failed job of a run.
function jobId(run, i) { return Number(run) * 10 + i; }
// With App auth, only an unexpired installation token minted by the API server works.
const tokensPath = path.join(STUB_DIR, 'tokens.json');
const appAuth = fs.existsSync(path.join(STUB_DIR, 'server.json'));
const tokens = fs.existsSync(tokensPath) ? JSON.parse(fs.readFileSync(tokensPath, 'utf8')) : {};
const tokenValid = !appAuth || (tokens[process.env.GH_TOKEN] !== undefined && tokens[process.env.GH_TOKEN] > now());
if (a === '--version') {
  const v = scenario.ghVersion || '2.60.0';
  finish('gh version ' + v + ' (2024-10-24)\nhttps://github.com/cli/cli/releases/tag/v' + v + '\n', 0, true);
} else if (!tokenValid) {
  finish(a === 'api' ? 'gh: Bad credentials (HTTP 401)\n' : 'HTTP 401: Bad credentials (https://api.github.com/graphql)\n', 1);
} else if (a === 'label' && b === 'create') {
  const name = args[2];
  if (args.includes('--force')) call.forced = true;
  if (scenario.labelCreateError) finish(scenario.labelCreateError + '\n', 1);
  else if (state.labels.some((l) => l.toLowerCase() === name.toLowerCase()) && !args.includes('--force')) {
    finish('label with name "' + name + '" already exists; use ` + '`--force`' + String.raw` to update its color and description\n', 1);
  } else { state.labels.push(name); finish(''); }
} else if (a === 'run' && b === 'view') {
  const id = args[2];
  const run = scenario.runs[id];
  const statuses = (run && run.statuses) || ['completed'];
  const asked = state.statusCalls[id] || 0;
  const current = statuses[Math.max(0, Math.min(asked - 1, statuses.length - 1))];
  if (!run) finish('failed to get run: HTTP 404: Not Found (https://api.github.com/repos/' + repo + '/actions/runs/' + id + '?exclude_pull_requests=true)\n', 1);
  else if (args.includes('--log-failed')) {
    if (current !== 'completed') finish('run ' + id + ' is still in progress; logs will be available when it is complete\n', 1);
    else finish(run.stepLogsMissing ? '' : run.log);
  } else if (opt('--json') === 'status') {
    state.statusCalls[id] = asked + 1;
    finish(json({ status: statuses[Math.min(asked, statuses.length - 1)] }));
  } else if (opt('--json') === 'jobs') {
    const jobs = run.failedSteps.split('\n').filter(Boolean).map((line, i) => {
      const [job, step] = line.split(' / ');
      return { name: job, databaseId: jobId(id, i), conclusion: 'failure', steps: [{ name: 'Set up job', conclusion: 'success' }, { name: step, conclusion: 'failure' }] };
    });
    finish(json({ jobs }));
  } else finish('stub gh: unsupported run view\n', 1);
} else if (a === 'pr' && b === 'list') {
  if (opt('--label')) finish('stub gh: pr list --label goes through the search API, which lags behind new PRs; use --head\n', 1);
  else {
    const head = opt('--head');
    const found = state.prs.filter((pr) => !head || pr.head === head).reverse();
    finish(json(found.map((pr) => ({ number: pr.number, state: pr.state.toUpperCase(), headRefName: pr.head }))));
  }
} else if (a === 'pr' && b === 'create') {
  const head = opt('--head');
  const labels = args.flatMap((arg, i) => (arg === '--label' ? [args[i + 1]] : []));
  if (!labelsExist(labels)) return;
  if (call.body.length > 65536) { finish('pull request create failed: GraphQL: Body is too long (maximum is 65536 characters) (createPullRequest)\n', 1); return; }
  try {
    childProcess.execFileSync('git', ['--git-dir', ORIGIN, 'rev-parse', '--verify', 'refs/heads/' + head], { stdio: 'ignore' });
  } catch (e) {
    finish('pull request create failed: GraphQL: Head sha can\'t be blank, No commits between base and head\n', 1);
    return;
  }
  const number = state.nextNumber++;
  state.prs.push({ number, head, base: opt('--base'), labels, state: 'open', body: call.body });
  finish('https://github.com/' + repo + '/pull/' + number + '\n');
} else if (a === 'pr' && b === 'checks') {
  if (scenario.secondsPerChecksCall) advanceClock(scenario.secondsPerChecksCall);
  const pr = state.prs.find((p) => String(p.number) === args[2]);
  const answers = (scenario.checks || {})[args[2]];
  if (!answers) { finish("no checks reported on the '" + (pr ? pr.head : args[2]) + "' branch\n", 1); return; }
  const n = state.checkCalls[args[2]] || 0;
  state.checkCalls[args[2]] = n + 1;
  const answer = answers[Math.min(n, answers.length - 1)];
  if (answer === 'unauthorized') finish('HTTP 401: Bad credentials (https://api.github.com/graphql)\n', 1);
  else finish(json(answer));
} else if (a === 'pr' && b === 'view') {
  const pr = state.prs.find((p) => String(p.number) === args[2]);
  if (!pr) finish("GraphQL: Could not resolve to a PullRequest with the number of " + args[2] + ". (repository.pullRequest)\n", 1);
  else finish(json({ body: pr.body || '' }));
} else if (a === 'pr' && b === 'edit') {
  finish("GraphQL: Projects (classic) is being deprecated in favor of the new Projects experience, see: https://github.blog/changelog/2024-05-23-sunset-notice-projects-classic/. (repository.pullRequest.projectCards)\n", 1);
} else if (a === 'pr' && b === 'close') {
  const pr = state.prs.find((p) => String(p.number) === args[2]);
  if (!pr) { finish('no pull requests found for ' + args[2] + '\n', 1); return; }
  pr.state = 'closed';
  finish('');
} else if (a === 'issue' && b === 'create') {
  const labels = args.flatMap((arg, i) => (arg === '--label' ? [args[i + 1]] : []));
  if (!labelsExist(labels)) return;
  const number = state.nextNumber++;
  state.issues.push({ number, labels });
  finish('https://github.com/' + repo + '/issues/' + number + '\n');
} else if (a === 'api' && !args.includes('--method')) {
  const route = args[1];
  if (/^users\/.*%5Bbot%5D$/.test(route)) finish(json({ login: decodeURIComponent(route.slice(6)).toLowerCase(), id: ${BOT_USER_ID}, type: 'Bot' }));
  else if (/^repos\/[^/]+\/[^/]+\/actions\/jobs\/\d+\/logs$/.test(route)) {
    // The job's whole log: "timestamp text" lines, no job or step prefix.
    const wanted = Number(route.split('/')[5]);
    let text;
    for (const [id, run] of Object.entries(scenario.runs)) {
      run.failedSteps.split('\n').filter(Boolean).forEach((line, i) => {
        if (jobId(id, i) !== wanted) return;
        const job = line.split(' / ')[0];
        text = run.log.split('\n').filter((l) => l.split('\t')[0] === job).map((l) => l.split('\t').slice(2).join('\t') + '\n').join('');
      });
    }
    if (text === undefined) finish('gh: Not Found (HTTP 404)\n', 1);
    else finish(text);
  } else if (/^repos\/[^/]+\/[^/]+\/commits\/[0-9a-f]+$/.test(route)) finish(json({ sha: route.split('/').pop(), author: scenario.authorLogin ? { login: scenario.authorLogin } : null }));
  else finish('gh: Not Found (HTTP 404)\n', 1);
} else if (a === 'api' && opt('--method') === 'POST' && /\/commits\/[0-9a-f]+\/comments$/.test(args[3])) {
  if (call.body.length > 65536) finish('gh: Validation Failed (HTTP 422)\n{"message":"Validation Failed","errors":[{"resource":"CommitComment","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"}]}\n', 1);
  else finish('{}\n');
} else if (a === 'api' && opt('--method') === 'POST' && /\/issues\/\d+\/labels$/.test(args[3])) {
  const number = Number(/\/issues\/(\d+)\/labels$/.exec(args[3])[1]);
  const target = state.prs.find((p) => p.number === number) || state.issues.find((i) => i.number === number);
  const label = (opt('-f') || '').replace(/^labels\[\]=/, '');
  if (!target) finish('gh: Not Found (HTTP 404)\n', 1);
  else {
    // REST creates a missing label when adding it to an issue.
    if (!state.labels.includes(label)) state.labels.push(label);
    target.labels.push(label);
    finish(JSON.stringify(target.labels.map((name) => ({ name }))) + '\n');
  }
} else finish('stub gh: unsupported command\n', 1);
`.replace('${BOT_USER_ID}', String(BOT_USER_ID));

const CLAUDE_STUB = String.raw`
call.tool = 'claude';
// Like the real CLI: no skipping permission prompts as root, unless IS_SANDBOX=1.
const uid = childProcess.execFileSync('id', ['-u'], { encoding: 'utf8' }).trim();
if (opt('--permission-mode') === 'bypassPermissions' && uid === '0' && process.env.IS_SANDBOX !== '1') {
  process.stderr.write('--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n');
  process.exit(1);
}
if (args.includes('--max-budget-usd') && !(Number(opt('--max-budget-usd')) > 0)) {
  process.stderr.write("error: option '--max-budget-usd <amount>' argument '" + opt('--max-budget-usd') + "' is invalid. --max-budget-usd must be a positive number greater than 0\n");
  process.exit(1);
}
call.stdin = fs.readFileSync(0, 'utf8');
const promptFile = opt('--append-system-prompt-file');
if (promptFile) call.systemPrompt = fs.readFileSync(promptFile, 'utf8');
call.secrets = ['GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_APP_PRIVATE_KEY', 'GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN'].filter((name) => process.env[name] !== undefined);
// What git would hand the agent for the origin: nothing, when the script keeps its credential to itself.
const origin = childProcess.spawnSync('git', ['config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).stdout.trim();
const url = new URL(origin.startsWith('http') ? origin : 'https://github.com/acme/widgets.git');
const fill = childProcess.spawnSync('git', ['credential', 'fill'], {
  input: 'protocol=' + url.protocol.replace(':', '') + '\nhost=' + url.host + '\npath=' + url.pathname.slice(1) + '\n\n',
  encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' },
});
call.credential = fill.status === 0 ? (fill.stdout.match(/^password=.*$/m) || [''])[0] : '';
const plan = scenario.agent[Math.min(state.agentCalls, scenario.agent.length - 1)];
state.agentCalls += 1;
if (plan.pushToMain) {
  const push = childProcess.spawnSync('git', ['push', 'origin', 'HEAD:refs/heads/main'], { encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  call.pushedToMain = push.status === 0;
}
const outcome = plan.outcome || 'success';
if (outcome === 'not-logged-in') { finish('Not logged in · Please run /login\n'); process.exit(1); }
for (const [name, content] of Object.entries(plan.edits)) {
  fs.mkdirSync(path.dirname(name), { recursive: true });
  fs.writeFileSync(name, content);
}
if (plan.commands) childProcess.execFileSync('bash', ['-c', plan.commands], { stdio: ['ignore', 'ignore', 'inherit'] });
if (opt('--output-format') !== 'json') { finish(plan.output); return; }
const base = { type: 'result', duration_ms: 1000, duration_api_ms: 900, num_turns: plan.turns ?? 7, session_id: 'session', total_cost_usd: plan.costUsd ?? 0.4213, usage: {}, modelUsage: {}, permission_denials: [], uuid: 'uuid' };
const result =
  outcome === 'max-turns' ? { ...base, subtype: 'error_max_turns', is_error: false, num_turns: Number(opt('--max-turns')), errors: [] }
  : outcome === 'max-budget' ? { ...base, subtype: 'error_max_budget_usd', is_error: false, errors: [] }
  // 2.0.77 turns an API error (HTTP 401 here) into an assistant message: success, is_error true, exit 1.
  : outcome === 'invalid-api-key' ? { ...base, subtype: 'success', is_error: true, num_turns: 1, total_cost_usd: 0, result: 'Invalid API key · Please run /login' }
  : { ...base, subtype: 'success', is_error: false, result: plan.output };
// 2.0.77: verbose (--verbose, or "verbose" in the global config ~/.claude.json: X.verbose ?? T1().verbose)
// makes --output-format json print every message as one array, the result last.
const globalConfig = path.join(process.env.HOME, '.claude.json');
const verbose = args.includes('--verbose') || (fs.existsSync(globalConfig) && JSON.parse(fs.readFileSync(globalConfig, 'utf8')).verbose === true);
const messages = [{ type: 'system', subtype: 'init', session_id: 'session' }, { type: 'assistant', message: { content: [{ type: 'text', text: plan.output }] } }, result];
finish(JSON.stringify(verbose ? messages : result) + '\n');
if (result.is_error) process.exit(1);
`;

/**
 * The GitHub API (App installation and tokens, JWT checked with the App's public key) and origin
 * over HTTP through `git http-backend`, accepting only unexpired installation tokens.
 */
const API_SERVER = String.raw`
'use strict';
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');
const STUB_DIR = process.argv[2];
const config = JSON.parse(fs.readFileSync(path.join(STUB_DIR, 'server.json'), 'utf8'));
const scenario = JSON.parse(fs.readFileSync(path.join(STUB_DIR, 'scenario.json'), 'utf8'));
const tokensPath = path.join(STUB_DIR, 'tokens.json');
function now() { return Math.floor(Date.now() / 1000) + Number(fs.readFileSync(path.join(STUB_DIR, 'clock'), 'utf8')); }
function tokens() { return fs.existsSync(tokensPath) ? JSON.parse(fs.readFileSync(tokensPath, 'utf8')) : {}; }
function record(entry) { fs.appendFileSync(path.join(STUB_DIR, 'api-calls.jsonl'), JSON.stringify(entry) + '\n'); }
function b64url(text) { return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64'); }
// GitHub's rules for an App JWT: RS256 signed with the App's key, iss the App id, issued in the past,
// expiring at most 10 minutes after issue and not yet expired.
function checkJwt(header) {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header || '');
  if (!match) return { error: 'A JSON web token could not be decoded' };
  const [, h, p, s] = match;
  const head = JSON.parse(b64url(h).toString());
  const claims = JSON.parse(b64url(p).toString());
  if (head.alg !== 'RS256') return { error: 'alg must be RS256' };
  if (!crypto.verify('sha256', Buffer.from(h + '.' + p), config.publicKey, b64url(s))) return { error: 'signature does not match', claims };
  const t = now();
  if (String(claims.iss) !== config.appId) return { error: 'iss is not the App id', claims };
  if (!(claims.iat <= t) || !(claims.exp > t) || claims.exp - claims.iat > 600) return { error: "'Expiration time' claim ('exp') is too far in the future", claims };
  return { claims };
}
function send(res, status, body) { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); }
const installation = { id: 77, app_slug: config.appSlug, account: { login: config.repository.split('/')[0] } };
function api(req, res, route) {
  const jwt = checkJwt(req.headers.authorization);
  record({ method: req.method, url: route, status: jwt.error ? 401 : 0, jwt: jwt.claims, error: jwt.error });
  if (jwt.error) return send(res, 401, { message: jwt.error });
  if (req.method === 'GET' && route === '/repos/' + config.repository + '/installation') {
    return scenario.installationOnOrgOnly ? send(res, 404, { message: 'Not Found' }) : send(res, 200, installation);
  }
  if (req.method === 'GET' && route === '/orgs/' + config.repository.split('/')[0] + '/installation') return send(res, 200, installation);
  if (req.method === 'POST' && route === '/app/installations/77/access_tokens') {
    const token = 'ghs_' + crypto.randomBytes(12).toString('hex');
    const all = tokens();
    all[token] = now() + 3600;
    fs.writeFileSync(tokensPath, JSON.stringify(all));
    return send(res, 201, { token, expires_at: new Date(all[token] * 1000).toISOString() });
  }
  send(res, 404, { message: 'Not Found' });
}
// Smart HTTP for origin: a valid installation token as the password, like github.com for a private repository.
function gitBackend(req, res, url) {
  const auth = /^Basic (.+)$/.exec(req.headers.authorization || '');
  const password = auth ? Buffer.from(auth[1], 'base64').toString().split(':').slice(1).join(':') : '';
  const expiry = tokens()[password];
  if (expiry === undefined || expiry <= now()) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' });
    return res.end();
  }
  const child = childProcess.spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH, GIT_PROJECT_ROOT: path.dirname(config.origin), GIT_HTTP_EXPORT_ALL: '1', REMOTE_USER: 'x-access-token',
      PATH_INFO: url.pathname.replace(/^\/git/, '').replace('origin.git', path.basename(config.origin)), QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method, CONTENT_TYPE: req.headers['content-type'] || '', GIT_CONFIG_NOSYSTEM: '1',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
    },
  });
  req.pipe(child.stdin);
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.on('close', () => {
    const out = Buffer.concat(chunks);
    const split = out.indexOf('\r\n\r\n');
    const head = out.subarray(0, split).toString();
    let status = 200;
    const headers = {};
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.end(out.subarray(split + 4));
  });
}
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/')) {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => api(req, res, url.pathname.slice(4)));
  } else if (url.pathname.startsWith('/git/')) gitBackend(req, res, url);
  else send(res, 404, { message: 'Not Found' });
}).listen(0, '127.0.0.1', function () { process.stdout.write('listening ' + this.address().port + '\n'); });
`;
