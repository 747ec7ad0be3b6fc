/** The container script's failure classification, called by sourcing the rendered script. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();

describe('classify_failure', () => {
  const box = (() => {
    let created: ReturnType<typeof sandbox> | undefined;
    return () => (created ??= sandbox({ scenario: scenario() }));
  })();

  function classify(log: string, steps = ''): string {
    const dir = path.join(box().root, 'classify');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'failed.log'), log);
    fs.writeFileSync(path.join(dir, 'steps.txt'), steps);
    const library = path.join(path.dirname(box().script), 'rex-ci-remediation.sh');
    const run = spawnSync('bash', ['-c', 'source "$1" && classify_failure "$2/failed.log" "$2/steps.txt"', 'classify', library, dir], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: box().home },
    });
    expect(run.stderr).toBe('');
    return run.stdout.trim();
  }

  it.each([
    ['docker-build', '#12 ERROR: failed to solve: process "/bin/sh -c cargo build --release" did not complete successfully: exit code: 101'],
    ['rust-clippy', 'error: this argument is a reference to a `Vec`\n = help: for further information visit [clippy::ptr_arg]'],
    ['tests', 'test widgets::count ... FAILED\ntest result: FAILED. 3 passed; 1 failed'],
    ['permissions', 'denied: permission_denied: write_package'],
    ['permissions', 'pull request create failed: GitHub Actions is not permitted to create or approve pull requests'],
    ['permissions', 'RequestError [HttpError]: Resource not accessible by integration'],
    ['lint', '.github/workflows/ci.yml:12:3 [indentation] wrong indentation: expected 4 but found 2 (yamllint)'],
    ['lint', 'README.md:3 MD013/line-length Line length [Expected: 80; Actual: 120]'],
    ['timeout-oom', 'The job running on runner GitHub Actions 2 has exceeded the maximum execution time of 360 minutes.'],
    ['timeout-oom', '##[error]Process completed with exit code 137.'],
    ['other', 'Something odd happened'],
  ])('classifies a %s failure', (expected, log) => {
    expect(classify(`${log}\n`)).toBe(expected);
  });

  it('uses the failed step names too', () => {
    expect(classify('##[error]Process completed with exit code 1.\n', 'lint / Run cargo clippy\n')).toBe('rust-clippy');
  });

  it('prefers permissions over the step that hit them', () => {
    expect(classify('ERROR: denied: permission_denied: write_package\n', 'docker / docker build and push\n')).toBe('permissions');
  });
});
