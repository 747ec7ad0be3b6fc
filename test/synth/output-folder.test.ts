/**
 * Synth replaces its output folder whole: it must never take a folder holding anything it did
 * not write, nor the working folder, its parents or a repository root.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { settingsFrom } from '../../src/config/resolve';
import { OUTPUT_MARKER, OutputFolderError } from '../../src/synth/output-folder';
import { OUTPUT_NAMES, synthesize } from '../../src/synth/synthesize';
import { PROJECT_ROOT, tempDir, writeTree } from '../helpers/chart';

const bin = path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js');
const work = tempDir();

/** Every entry under `dir` (recursively, symlinks not followed): type, mode and content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    const full = path.join(dir, rel);
    const stat = fs.lstatSync(full);
    const mode = (stat.mode & 0o7777).toString(8);
    if (stat.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(full)}`;
    else if (stat.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of fs.readdirSync(full).sort()) walk(path.join(rel, name));
    } else out[rel] = `file ${mode} ${fs.readFileSync(full, 'base64')}`;
  };
  walk('.');
  return out;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'lib', 'src', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT });
});

describe('no --out can delete or change a file synth did not write', () => {
  // A user's repository: sources, .git, a folder of notes, a plain file, links to a user folder.
  const root = path.join(work, 'user');
  const repo = path.join(root, 'repo');
  beforeAll(() => {
    writeTree(repo, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'src/app.ts': 'export const x = 1;\n',
      'notes/todo.md': '- keep me\n',
      'report.txt': 'a regular file\n',
      'dist/kustomization.yaml': 'resources: [mine.yaml]\n', // named like synth's, but not synth's
      'empty-marker-only/other.yaml': 'kind: List\n',
      // Templates come from the project, so without the guard each synth below would succeed.
      'settings.yaml': `templates:\n  dir: ${JSON.stringify(path.join(PROJECT_ROOT, 'templates'))}\n`,
    });
    fs.writeFileSync(path.join(repo, 'empty-marker-only', OUTPUT_MARKER), 'x');
    fs.symlinkSync(path.join(repo, 'notes'), path.join(repo, 'notes-link'));
    fs.symlinkSync(path.join(repo, 'missing'), path.join(repo, 'dangling-link'));
    fs.symlinkSync(path.join(repo, 'report.txt'), path.join(repo, 'file-link'));
  });

  test.each<[string, string, string]>([
    ['the empty string', '', '.'],
    ['the current folder', '.', '.'],
    ['the current folder, spelled with a slash', './', '.'],
    ['the parent folder', '..', '.'],
    ['the repository root from a sub-folder', '..', 'src'],
    ['a parent of the current folder from a sub-folder', '../..', 'src'],
    ['the repository root, absolute', '<repo>', '.'],
    ['the repository root, from outside it', '<repo>', '..'],
    ['a folder of sources', 'src', '.'],
    ['a folder holding a file synth did not write', 'notes', '.'],
    ['a folder holding only names synth writes, without its marker', 'dist', '.'],
    ['a folder holding the marker and a foreign file', 'empty-marker-only', '.'],
    ['a regular file', 'report.txt', '.'],
    ['a symlink to a user folder', 'notes-link', '.'],
    ['a symlink to a file', 'file-link', '.'],
    ['a dangling symlink', 'dangling-link', '.'],
  ])('%s: refused with one line, exit 2, nothing touched', (_name, out, cwd) => {
    const before = snapshot(root);
    const run = spawnSync('node', [bin, 'synth', '--config', path.join(repo, 'settings.yaml'), '--out', out.replace('<repo>', repo)], {
      cwd: path.join(repo, cwd),
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/^synth failed: (refusing|the output folder is empty)[^\n]*\n$/);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);
  });

  test('`npm run synth` / `cdk8s synth` (the app, CDK8S_OUTDIR) refuses the same way', () => {
    const before = snapshot(root);
    for (const outdir of ['', '.', 'src', 'notes-link']) {
      const run = spawnSync('node', [path.join(PROJECT_ROOT, 'lib', 'src', 'main.js')], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, CI_REMEDIATION_CONFIG: path.join(repo, 'settings.yaml'), CDK8S_OUTDIR: outdir },
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^synth failed: (refusing|the output folder is empty)[^\n]*\n$/);
    }
    expect(snapshot(root)).toEqual(before);
  });
});

describe('the folders synth replaces', () => {
  test('a new folder, then its own output again; a user file added later makes it refuse', () => {
    const outdir = path.join(work, 'own');
    const files = synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT });
    expect(files).toEqual([OUTPUT_MARKER, 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
    expect(synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT })).toEqual(files);
    fs.writeFileSync(path.join(outdir, 'mine.yaml'), 'kept');
    const before = snapshot(outdir);
    expect(() => synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT })).toThrow(OutputFolderError);
    expect(() => synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT })).toThrow(/holds mine\.yaml, which synth did not write/);
    expect(snapshot(outdir)).toEqual(before);
  });

  test('an empty folder is taken', () => {
    const outdir = path.join(work, 'empty');
    fs.mkdirSync(outdir);
    synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT });
    expect(fs.readdirSync(outdir).sort()).toEqual([OUTPUT_MARKER, 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
  });

  test('an output without the Argo CD Application replaces one with it (every name synth writes is its own)', () => {
    const outdir = path.join(work, 'argocd');
    synthesize({ settings: settingsFrom({ argoCd: { repoUrl: 'https://github.com/acme/platform.git' } }), outdir, baseDir: PROJECT_ROOT });
    expect(fs.readdirSync(outdir)).toContain('argocd-application.k8s.yaml');
    synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT });
    expect(fs.readdirSync(outdir)).not.toContain('argocd-application.k8s.yaml');
    expect([...OUTPUT_NAMES].sort()).toEqual([OUTPUT_MARKER, 'argocd-application.k8s.yaml', 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
  });

  test("the project's committed dist/ is synth's own output", () => {
    const entries = fs.readdirSync(path.join(PROJECT_ROOT, 'dist'), { withFileTypes: true });
    expect(entries.map(e => e.name)).toContain(OUTPUT_MARKER);
    for (const entry of entries) {
      expect(entry.isFile()).toBe(true);
      expect(OUTPUT_NAMES.has(entry.name)).toBe(true);
    }
  });
});

describe('mode and symlinks', () => {
  test('the folder keeps its mode; a new folder gets 0777 less the umask, not mkdtemp 0700', () => {
    const kept = path.join(work, 'mode');
    synthesize({ settings: settingsFrom({}), outdir: kept, baseDir: PROJECT_ROOT });
    const umask = process.umask();
    expect(fs.statSync(kept).mode & 0o777).toBe(0o777 & ~umask);
    fs.chmodSync(kept, 0o750);
    synthesize({ settings: settingsFrom({}), outdir: kept, baseDir: PROJECT_ROOT });
    expect(fs.statSync(kept).mode & 0o777).toBe(0o750);
  });

  test('a symlinked output folder is followed: the link stays, the folder it points to is replaced', () => {
    const real = path.join(work, 'real-out');
    const link = path.join(work, 'link-out');
    synthesize({ settings: settingsFrom({}), outdir: real, baseDir: PROJECT_ROOT });
    fs.symlinkSync(real, link);
    synthesize({ settings: settingsFrom({ repositories: ['acme/api'] }), outdir: link, baseDir: PROJECT_ROOT });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(real);
    expect(fs.readFileSync(path.join(real, 'ci-remediation.k8s.yaml'), 'utf8')).toContain('(?i)^acme/api$');
    expect(fs.readdirSync(work).filter(n => n.includes('staging'))).toEqual([]);
  });
});

test('a signal during synth leaves no staging folder behind', () => {
  // The preload sends the process SIGINT from inside the synth (while it writes the staging
  // folder), as a Ctrl-C at that moment would.
  const dir = path.join(work, 'signal');
  writeTree(dir, {
    'interrupt.js': [
      "const fs = require('fs');",
      'const write = fs.writeFileSync;',
      'fs.writeFileSync = function (file, ...rest) {',
      '  const result = write.call(this, file, ...rest);',
      "  if (String(file).includes('.staging-') && String(file).endsWith('kustomization.yaml')) process.kill(process.pid, 'SIGINT');",
      '  return result;',
      '};',
    ].join('\n'),
  });
  // Twice: into a new folder, then replacing it.
  for (let i = 0; i < 2; i++) {
    const run = spawnSync('node', ['--require', path.join(dir, 'interrupt.js'), bin, 'synth', '--out', path.join(dir, 'out')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(fs.readdirSync(dir).filter(n => n.includes('staging'))).toEqual([]);
    // The process still ends by the signal, after the synchronous synth finished or rolled back.
    expect(run.signal).toBe('SIGINT');
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual([OUTPUT_MARKER, 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
  }
});

test('staging folders are git-ignored', () => {
  const ignored = spawnSync('git', ['check-ignore', '--no-index', '.dist.staging-a1b2c3', 'deploy/.out.staging-a1b2c3.old'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(ignored.stdout.split('\n').filter(Boolean)).toEqual(['.dist.staging-a1b2c3', 'deploy/.out.staging-a1b2c3.old']);
});
