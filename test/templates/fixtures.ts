/** Shared scenario pieces for the container script's CI-remediation tests. */
import { Check, REPOSITORY, RUN_ID, Sandbox, SandboxOptions, Scenario } from './sandbox';

export const CLIPPY_LOG = [
  'build\tRun cargo clippy\t2025-01-01T00:00:01Z    Checking widgets v0.1.0',
  'build\tRun cargo clippy\t2025-01-01T00:00:02Z error: this argument is a reference to a `Vec`',
  'build\tRun cargo clippy\t2025-01-01T00:00:02Z  --> src/lib.rs:1:17',
  'build\tRun cargo clippy\t2025-01-01T00:00:02Z   = help: for further information visit [clippy::ptr_arg]',
  'build\tRun cargo clippy\t2025-01-01T00:00:03Z ##[error]Process completed with exit code 101.',
  '',
].join('\n');
export const FIXED_LIB = 'pub fn count(v: &[u32]) -> usize { v.len() }\n';
export const AGENT_ANSWER = 'Looked at the lint.\nRoot cause: clippy::ptr_arg rejects &Vec<u32> in count\nFix: take a slice instead\n';
export const RUN_URL = (id: string): string => `https://github.com/${REPOSITORY}/actions/runs/${id}/job/7`;
export const PASS: Check[] = [{ bucket: 'pass', link: RUN_URL('900') }];
export const FAIL = (run: string): Check[] => [{ bucket: 'fail', link: RUN_URL(run) }];

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    runs: { [RUN_ID]: { log: CLIPPY_LOG, failedSteps: 'build / Run cargo clippy\n' } },
    checks: { '100': [[{ bucket: 'pending', link: '' }], PASS] },
    authorLogin: 'octocat',
    agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER }],
    ...overrides,
  };
}

/** Sandboxes created through {@link sandboxFactory}, disposed after the file's tests. */
export function sandboxFactory(): (options: SandboxOptions) => Sandbox {
  const sandboxes: Sandbox[] = [];
  afterAll(() => sandboxes.forEach((box) => box.dispose()));
  return (options) => {
    const box = new Sandbox(options);
    sandboxes.push(box);
    return box;
  };
}

