/**
 * A throw-away world for running the rendered container script for real: a bare git repository as
 * origin (reached by a file:// URL), a HOME and a work directory inside a temp dir, and stub `gh` and
 * `claude` executables that record every call and answer from a scenario like the real tools.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { renderTemplate } from '../../src/agent-templates/render';

export const TEMPLATES_ROOT = path.resolve(__dirname, '../../templates');
export const REPOSITORY = 'acme/widgets';
export const RUN_ID = '19289199112';

/** One check as `gh pr checks --json bucket,link` reports it. */
export interface Check {
  bucket: 'pass' | 'fail' | 'pending' | 'skipping' | 'cancel';
  link: string;
}

/** What the stubs answer. */
export interface Scenario {
  /** Failed runs: the `--log-failed` text and the failed "job / step" lines. Missing run: gh fails. */
  runs: Record<string, { log: string; failedSteps: string }>;
  /** Per PR number, the successive answers of `gh pr checks` (the last one repeats). */
  checks?: Record<string, Check[][]>;
  /** `author.login` of the failing commit. */
  authorLogin?: string;
  /** Successive agent runs (the last one repeats): files to write (relative to its cwd) and its answer. */
  agent: { edits: Record<string, string>; output: string }[];
  /** gh as released before `pr checks` had `--json` (e.g. Debian's 2.23). */
  ghWithoutChecksJson?: boolean;
  /** PRs that already exist on "GitHub". */
  existingPrs?: { number: number; head: string; base: string; labels: string[]; state: string }[];
}

/** A recorded stub call. Body files are captured when the call happens. */
export interface Call {
  tool: 'gh' | 'claude';
  args: string[];
  cwd: string;
  stdin?: string;
  body?: string;
  systemPrompt?: string;
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
  private runs = 0;

  constructor(options: SandboxOptions) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rex-sandbox-')));
    this.origin = path.join(this.root, 'origin.git');
    this.home = path.join(this.root, 'home');
    this.bin = path.join(this.root, 'bin');
    this.stubDir = path.join(this.root, 'stub');
    this.failingBranch = options.failingBranch ?? 'feature/widgets';
    this.commitMessage = options.commitMessage ?? 'Add widget counter';
    this.workflowName = options.workflowName ?? 'CI';
    for (const dir of [this.home, this.bin, this.stubDir]) fs.mkdirSync(dir, { recursive: true });

    const seed = path.join(this.root, 'seed');
    fs.mkdirSync(seed);
    this.git(['init', '--quiet', '--bare', '--initial-branch=main', this.origin]);
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
    writeStub(path.join(this.bin, 'gh'), GH_STUB, this.stubDir, this.origin);
    writeStub(path.join(this.bin, 'claude'), CLAUDE_STUB, this.stubDir, this.origin);

    const rendered = path.join(this.root, 'rendered');
    fs.mkdirSync(rendered);
    if (options.docsBranch) this.git(['--git-dir', this.origin, 'branch', options.docsBranch, 'main']);
    const docs = options.docsBranch ? { docs_repository_url: `file://${this.origin}`, docs_branch: options.docsBranch } : {};
    const context = { ...BASE_CONTEXT, repository_url: `file://${this.origin}`, ...docs, ...options.context };
    this.script = path.join(rendered, 'container-rex.sh');
    this.systemPrompt = path.join(rendered, 'rex-ci-remediation-system-prompt.md');
    fs.writeFileSync(this.script, renderTemplate(TEMPLATES_ROOT, 'code/claude/container-rex.sh.hbs', context), { mode: 0o755 });
    fs.writeFileSync(this.systemPrompt, renderTemplate(TEMPLATES_ROOT, 'agents/rex-ci-remediation-system-prompt.md.hbs', context));
  }

  /** The environment the controller would give the container in CI-remediation mode. */
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
      CI_CHECKS_POLL_SECONDS: '0',
      CI_CHECKS_TIMEOUT_SECONDS: '120',
      REX_CI_SYSTEM_PROMPT: this.systemPrompt,
    };
  }

  /**
   * Runs the rendered script in a fresh work directory (a new pod), with only the given variables,
   * a sandboxed HOME and the stubs first on PATH.
   */
  run(env: Record<string, string>): RunResult {
    this.runs += 1;
    const work = path.join(this.root, `work-${this.runs}`);
    fs.mkdirSync(work);
    const result = spawnSync('bash', [this.script], {
      cwd: work,
      encoding: 'utf8',
      env: {
        PATH: `${this.bin}:/usr/local/bin:/usr/bin:/bin`,
        HOME: this.home,
        LANG: 'C.UTF-8',
        GIT_CONFIG_NOSYSTEM: '1',
        // The pod is the sandbox (and CI runs the tests as root).
        IS_SANDBOX: '1',
        ...env,
      },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Pushes `ci-fix/<run>-<attempt>` to origin as an earlier pod would have: one commit on the
   * failing branch with `files` and the commit `message`.
   */
  pushFixBranch(attempt: number, files: Record<string, string>, message: string): void {
    const clone = path.join(this.root, `fix-${attempt}`);
    this.git(['clone', '--quiet', '--branch', this.failingBranch, this.origin, clone]);
    writeFiles(clone, files);
    this.git(['-C', clone, 'commit', '--quiet', '--all', '-m', message]);
    this.git(['-C', clone, 'push', '--quiet', 'origin', `HEAD:refs/heads/ci-fix/${RUN_ID}-${attempt}`]);
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

/** Shared by both stubs: scenario, persistent state (it survives "pod restarts"), call log. */
const STUB_COMMON = String.raw`
const fs = require('fs');
const path = require('path');
const args = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(path.join(STUB_DIR, 'scenario.json'), 'utf8'));
const statePath = path.join(STUB_DIR, 'state.json');
const state = fs.existsSync(statePath)
  ? JSON.parse(fs.readFileSync(statePath, 'utf8'))
  : { prs: scenario.existingPrs || [], nextNumber: 100, checkCalls: {}, agentCalls: 0 };
const call = { args, cwd: process.cwd() };
function opt(name) { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; }
function finish(out, code) {
  fs.appendFileSync(path.join(STUB_DIR, 'calls.jsonl'), JSON.stringify(call) + '\n');
  fs.writeFileSync(statePath, JSON.stringify(state));
  if (code) { process.stderr.write(out); process.exit(code); }
  process.stdout.write(out);
}
`;

const GH_STUB = String.raw`
call.tool = 'gh';
const bodyFile = opt('--body-file') || ((opt('-F') || '').startsWith('body=@') ? opt('-F').slice(6) : undefined);
if (bodyFile) call.body = fs.readFileSync(bodyFile, 'utf8');
const [a, b] = args;
if (a === 'label' && b === 'create') finish('');
else if (a === 'auth') finish('');
else if (a === 'run' && b === 'view') {
  const run = scenario.runs[args[2]];
  if (!run) finish('failed to get run: HTTP 404: Not Found\n', 1);
  else if (args.includes('--log-failed')) finish(run.log);
  else if (opt('--json') === 'jobs') finish(run.failedSteps);
  else finish('stub gh: unsupported run view\n', 1);
} else if (a === 'pr' && b === 'list') {
  const label = opt('--label');
  finish(state.prs.filter((pr) => !label || pr.labels.includes(label)).map((pr) => pr.number + '\t' + pr.head + '\t' + pr.state.toUpperCase() + '\n').join(''));
} else if (a === 'pr' && b === 'create') {
  const head = opt('--head');
  try {
    require('child_process').execFileSync('git', ['--git-dir', ORIGIN, 'rev-parse', '--verify', 'refs/heads/' + head], { stdio: 'ignore' });
  } catch (e) {
    finish('pull request create failed: GraphQL: Head sha can\'t be blank, No commits between base and head\n', 1);
    return;
  }
  const labels = args.flatMap((arg, i) => (arg === '--label' ? [args[i + 1]] : []));
  const number = state.nextNumber++;
  state.prs.push({ number, head, base: opt('--base'), labels, state: 'open' });
  finish('https://github.com/' + opt('--repo') + '/pull/' + number + '\n');
} else if (a === 'pr' && b === 'checks') {
  if (scenario.ghWithoutChecksJson && args.includes('--json')) { finish('unknown flag: --json\n\nUsage:  gh pr checks [<number> | <url> | <branch>] [flags]\n', 1); return; }
  const answers = (scenario.checks || {})[args[2]];
  if (!answers) { finish('no checks reported on the pull request\n', 1); return; }
  const n = state.checkCalls[args[2]] || 0;
  state.checkCalls[args[2]] = n + 1;
  finish(answers[Math.min(n, answers.length - 1)].map((c) => c.bucket + '\t' + c.link + '\n').join(''));
} else if (a === 'pr' && (b === 'edit' || b === 'close')) {
  const pr = state.prs.find((p) => String(p.number) === args[2]);
  if (!pr) { finish('no pull requests found for ' + args[2] + '\n', 1); return; }
  if (b === 'edit') pr.labels.push(opt('--add-label')); else pr.state = 'closed';
  finish('');
} else if (a === 'issue' && b === 'create') {
  const number = state.nextNumber++;
  finish('https://github.com/' + opt('--repo') + '/issues/' + number + '\n');
} else if (a === 'api' && !args.includes('--method')) {
  finish((scenario.authorLogin || '') + '\n');
} else if (a === 'api' && opt('--method') === 'POST' && /\/commits\/[0-9a-f]+\/comments$/.test(args[3])) {
  finish('');
} else finish('stub gh: unsupported command\n', 1);
`;

const CLAUDE_STUB = String.raw`
call.tool = 'claude';
// Like the real CLI: no skipping permission prompts as root, unless IS_SANDBOX=1.
const uid = require('child_process').execFileSync('id', ['-u'], { encoding: 'utf8' }).trim();
if (opt('--permission-mode') === 'bypassPermissions' && uid === '0' && process.env.IS_SANDBOX !== '1') {
  process.stderr.write('--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n');
  process.exit(1);
}
call.stdin = fs.readFileSync(0, 'utf8');
const promptFile = opt('--append-system-prompt-file');
if (promptFile) call.systemPrompt = fs.readFileSync(promptFile, 'utf8');
const plan = scenario.agent[Math.min(state.agentCalls, scenario.agent.length - 1)];
state.agentCalls += 1;
for (const [name, content] of Object.entries(plan.edits)) {
  fs.mkdirSync(path.dirname(name), { recursive: true });
  fs.writeFileSync(name, content);
}
finish(plan.output);
`;
