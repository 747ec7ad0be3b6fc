/** Runs the real command line (`node bin/ci-remediation.js`) in a child process. */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from './chart';

const COMPILED = path.join(PROJECT_ROOT, 'lib', 'src', 'cli', 'index.js');

/** The newest modification time of a TypeScript file under src/ (the command line is built from all of it). */
function newestSource(): number {
  let newest = 0;
  for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    // `parentPath` from Node 20.12; earlier 20.x name it `path`.
    const folder = entry.parentPath ?? (entry as unknown as { path: string }).path;
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(folder, entry.name)).mtimeMs);
  }
  return newest;
}

/** Compiles the project when lib/ is missing or older than the sources of the command line. */
export function ensureCompiled(): void {
  const newest = newestSource();
  if (fs.existsSync(COMPILED) && fs.statSync(COMPILED).mtimeMs >= newest) return;
  spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  if (!fs.existsSync(COMPILED)) throw new Error('compiling the project did not produce lib/src/cli/index.js');
}

/** The outcome of one run; `status` is null when the process was killed (it hung). */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `ci-remediation ARGS` as the bin does. `timeout` only guards the test run against an input
 * that blocks the process (a FIFO): the process is killed and `status` is null.
 */
export function runCli(args: string[], options: { input?: string; cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {}): CliRun {
  ensureCompiled();
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js'), ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd ?? PROJECT_ROOT,
    timeout: options.timeout ?? 60_000,
    env: options.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts `ci-remediation ARGS` without blocking the test's event loop (a local server in the test
 * must answer it). `done` resolves when it exits; `output()` is what it printed so far.
 */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { child: ChildProcess; output: () => CliRun; done: Promise<CliRun> } {
  ensureCompiled();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js'), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', chunk => { stdout += String(chunk); });
  child.stderr?.on('data', chunk => { stderr += String(chunk); });
  const done = new Promise<CliRun>(resolve => child.on('close', status => resolve({ status, stdout, stderr })));
  return { child, output: () => ({ status: child.exitCode, stdout, stderr }), done };
}
