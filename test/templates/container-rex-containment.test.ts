/**
 * A prompt-injected agent can write any file its user can: the clone's .git, the script's scratch
 * folder, the global git config. None of it may run in the script's own git calls (where the token
 * is), nor change what the guard sees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_ID } from './sandbox';
import { AGENT_ANSWER, FIXED_LIB, sandboxFactory, scenario } from './fixtures';

const sandbox = sandboxFactory();

/**
 * Agent commands appending to git config file `$1` a core.fsmonitor command that records the token it
 * sees in `<sandbox>/leak` (git runs it on add, diff and commit, with the caller's environment).
 */
const PLANT_FSMONITOR = String.raw`
plant() { printf '[core]\n\tfsmonitor = "echo token=$GH_TOKEN >> %s; false"\n' "$(cd "$HOME/.." && pwd)/leak" >>"$1"; }
`;

function leaked(root: string): string {
  const file = path.join(root, 'leak');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('what the agent leaves behind', () => {
  it('is not read from the global git config (core.fsmonitor would see the token)', () => {
    const box = sandbox({
      scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands: `${PLANT_FSMONITOR}plant "$HOME/.gitconfig"` }] }),
    });
    const result = box.run(box.ciEnv());
    expect(fs.readFileSync(path.join(box.home, '.gitconfig'), 'utf8')).toContain('fsmonitor');
    expect(leaked(box.root)).toBe('');
    expect(result.status).toBe(0);
    expect(box.git(['--git-dir', box.origin, 'rev-parse', `ci-fix/${RUN_ID}-1^`])).toBe(box.failingSha);
  });

  it('cannot come back through the scratch folder: the clone config is restored from memory', () => {
    // Every regular file in the script's scratch folder that looks like a git config gets the hook.
    const commands = `${PLANT_FSMONITOR}for f in ../.rex/*; do if [ -f "$f" ] && grep -q '^\\[remote "origin"\\]' "$f"; then plant "$f"; fi; done`;
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands }] }) });
    const result = box.run(box.ciEnv());
    expect(leaked(box.root)).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(box.work, 'repo/.git/config'), 'utf8')).not.toContain('fsmonitor');
  });
});

describe('what the guard sees', () => {
  it('is the tree that is pushed, whatever replace refs the agent made', () => {
    // The agent grants its workflow write-all, and makes git show the base commit with that change
    // already in it: a guard reading through replace refs sees only the src/lib.rs fix.
    const commands = String.raw`
printf 'permissions: write-all\n' >> .github/workflows/ci.yml
git add .github/workflows/ci.yml
fake=$(git commit-tree "$(git write-tree)" -p "$(git rev-parse HEAD^)" -m 'base')
git replace "$(git rev-parse HEAD)" "$fake"
git reset --quiet
`;
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands }] }) });
    const result = box.run(box.ciEnv());
    expect(box.originBranches().has(`ci-fix/${RUN_ID}-1`)).toBe(false);
    expect(result.status).toBe(1);
    expect(box.commitComments()[0].body).toContain('the proposed change touched workflow permissions, tokens or secrets, so it was not pushed');
  });
});

describe('the commit the script pushes', () => {
  it('is built from the work tree over a base fetched anew, not from objects the agent forged in the clone', () => {
    // The agent grants its workflow write-all, then overwrites the loose object of the base's ci.yml
    // (its packs unpacked first) with the edited file: git 2.39 checks the hash of trees and commits
    // it parses, not of blobs it diffs, so a guard diffing in the clone sees no permissions line.
    const commands = String.raw`
for pack in .git/objects/pack/*.pack; do
  [ -e "$pack" ] || continue
  mv "$pack" ../forge.pack && rm -f "${"${pack%.pack}"}".*
  git unpack-objects -q < ../forge.pack && rm ../forge.pack
done
base=$(git rev-parse HEAD:.github/workflows/ci.yml)
printf 'permissions: write-all\n' >> .github/workflows/ci.yml
fake=$(git hash-object -w .github/workflows/ci.yml)
cp -f ".git/objects/${"${fake:0:2}"}/${"${fake:2}"}" ".git/objects/${"${base:0:2}"}/${"${base:2}"}"
`;
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands }] }) });
    const result = box.run({ ...box.ciEnv(), REMEDIATION_ALLOW_WORKFLOW_CHANGES: 'true' });
    // The forgery took: the clone shows the base's workflow with the grant in it.
    expect(box.git(['-C', path.join(box.work, 'repo'), 'cat-file', '-p', `${box.failingSha}:.github/workflows/ci.yml`])).toContain('write-all');
    expect(box.originBranches().has(`ci-fix/${RUN_ID}-1`)).toBe(false);
    expect(result.status).toBe(1);
    expect(box.commitComments()[0].body).toContain('the proposed change touched workflow permissions, tokens or secrets, so it was not pushed');
  });

  it('holds the agent\'s additions and deletions and nothing of the clone\'s .git', () => {
    const commands = 'git rm --quiet --cached src/lib.rs; rm .github/workflows/ci.yml; rmdir .github/workflows .github';
    const box = sandbox({
      scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB, 'src/new.rs': 'pub fn n() {}\n' }, output: AGENT_ANSWER, commands }] }),
    });
    const result = box.run({ ...box.ciEnv(), REMEDIATION_ALLOW_WORKFLOW_CHANGES: 'true' });
    expect(result.status).toBe(0);
    const branch = `ci-fix/${RUN_ID}-1`;
    expect(box.git(['--git-dir', box.origin, 'ls-tree', '-r', '--name-only', branch]).split('\n')).toEqual(['src/lib.rs', 'src/new.rs']);
    expect(box.git(['--git-dir', box.origin, 'show', `${branch}:src/lib.rs`])).toBe(FIXED_LIB.trim());
    expect(box.git(['--git-dir', box.origin, 'rev-parse', `${branch}^`])).toBe(box.failingSha);
  });

  it('never holds a symbolic link that points out of the repository', () => {
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands: 'ln -s ../../home/.ssh/id_rsa src/key' }] }) });
    const result = box.run(box.ciEnv());
    expect(box.originBranches().has(`ci-fix/${RUN_ID}-1`)).toBe(false);
    expect(result.status).toBe(1);
    expect(box.commitComments()[0].body).toContain('a symbolic link that points outside the repository');
  });
});

describe('processes the agent starts', () => {
  it('are gone once the agent step is over', () => {
    const commands = String.raw`(sleep 300 </dev/null >/dev/null 2>&1 & echo $! > "$(cd "$HOME/.." && pwd)/background.pid")`;
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands }] }) });
    const result = box.run(box.ciEnv());
    const pid = Number(fs.readFileSync(path.join(box.root, 'background.pid'), 'utf8').trim());
    expect(pid).toBeGreaterThan(1);
    const alive = running(pid);
    if (alive) process.kill(pid, 'SIGKILL');
    expect(alive).toBe(false);
    expect(result.status).toBe(0);
  });
});

/** True when process `pid` exists and is not a zombie (a killed process its new parent has not reaped yet). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('programs the agent puts first on PATH', () => {
  it('are not run by the script (they would see the token)', () => {
    // claude's installer puts claude in ~/.local/bin, first on PATH and writable by the agent.
    const commands = String.raw`
mkdir -p "$HOME/.local/bin"
leak=$(cd "$HOME/.." && pwd)/leak
for program in awk tail cut iconv; do
  real=$(PATH=/usr/local/bin:/usr/bin:/bin command -v "$program")
  printf '#!/bin/sh\necho "%s token=$GH_TOKEN" >> %s\nexec %s "$@"\n' "$program" "$leak" "$real" >"$HOME/.local/bin/$program"
  chmod +x "$HOME/.local/bin/$program"
done
`;
    const box = sandbox({ scenario: scenario({ agent: [{ edits: { 'src/lib.rs': FIXED_LIB }, output: AGENT_ANSWER, commands }] }) });
    const result = box.run({ ...box.ciEnv(), PATH: `${box.home}/.local/bin:${box.bin}:/usr/local/bin:/usr/bin:/bin` });
    expect(fs.existsSync(path.join(box.home, '.local/bin/awk'))).toBe(true);
    expect(leaked(box.root)).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('a clone an earlier pod left behind', () => {
  it('is fetched with a config the script writes, not the one its agent left', () => {
    const box = sandbox({ scenario: scenario() });
    expect(box.run(box.ciEnv()).status).toBe(0);
    // The pod died while its agent ran: the clone's .git/config stays as the agent left it, with a
    // command git runs on fetch (a local origin's upload-pack) in the token's environment.
    const repo = path.join(box.work, 'repo');
    const leak = path.join(box.root, 'leak');
    box.git(['-C', repo, 'config', 'remote.origin.uploadpack', `sh -c 'echo token=$GH_TOKEN >> ${leak}; exec git-upload-pack "$@"' upload-pack`]);
    const restart = box.rerun(box.ciEnv());
    expect(leaked(box.root)).toBe('');
    expect(restart.status).toBe(0);
    expect(fs.readFileSync(path.join(repo, '.git/config'), 'utf8')).not.toContain('uploadpack');
  });
});
