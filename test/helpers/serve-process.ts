/** `ci-remediation serve` as a child process, for tests that need the real command line (e.g. `--apply` with the real Kubernetes client). */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { PROJECT_ROOT } from './chart';
import { ensureCompiled } from './cli-process';

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** The JSON log lines printed so far (complete lines). */
  logs(): Record<string, any>[];
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `serve ARGS --port 0` (in `cwd`, default the current folder) and resolves once it listens
 * (rejects with its stderr when it exits first).
 */
export async function startServeProcess(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<ServeProcess> {
  ensureCompiled();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js'), 'serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env, ...(cwd !== undefined ? { cwd } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', d => { stdout += String(d); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', d => {
      stderr += String(d);
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(({ code }) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    child,
    port,
    // Complete lines only: a process killed with SIGKILL may leave its last line torn.
    logs: () => stdout.split('\n').slice(0, -1).filter(Boolean).map(line => JSON.parse(line) as Record<string, any>),
    stderr: () => stderr,
    exited,
  };
}

/** Polls until `ready()` holds, or fails naming what was awaited. */
export async function until(what: string, ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
