import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { loadSettings, settingsFrom } from '../../src/config/resolve';
import * as validation from '../../src/config/validate';
import { validateSettings } from '../../src/config/validate';
import { OUTPUT_MARKER } from '../../src/synth/output-folder';
import { synthesize } from '../../src/synth/synthesize';
import { PROJECT_ROOT, tempDir, writeTree } from '../helpers/chart';

/** Every file under `dir` with its bytes, for byte-for-byte comparisons. */
function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) out[name] = fs.readFileSync(path.join(dir, name), 'base64');
  return out;
}

const work = tempDir();

test('writes the stack and a kustomization listing it', () => {
  const outdir = path.join(work, 'out1');
  expect(synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT })).toEqual([OUTPUT_MARKER, 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
  const kustomization = YAML.parse(fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8'));
  expect(kustomization).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['ci-remediation.k8s.yaml'] });
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(outdir, 'ci-remediation.k8s.yaml'), 'utf8')).map(d => d.toJS());
  expect(docs.map(d => d.kind)).toContain('Sensor');
});

test('the same settings give byte-identical output', () => {
  const a = path.join(work, 'same-a');
  const b = path.join(work, 'same-b');
  synthesize({ settings: settingsFrom({ repositories: ['acme/api', 'acme/web'] }), outdir: a, baseDir: PROJECT_ROOT });
  synthesize({ settings: settingsFrom({ repositories: ['acme/api', 'acme/web'] }), outdir: b, baseDir: PROJECT_ROOT });
  expect(snapshotTree(a)).toEqual(snapshotTree(b));
});

test('an Argo CD Application is written beside, not inside, the kustomization', () => {
  const outdir = path.join(work, 'argocd');
  const files = synthesize({ settings: settingsFrom({ argoCd: { repoUrl: 'https://github.com/acme/platform.git', path: 'deploy/ci-remediation' } }), outdir, baseDir: PROJECT_ROOT });
  expect(files).toEqual([OUTPUT_MARKER, 'argocd-application.k8s.yaml', 'ci-remediation.k8s.yaml', 'kustomization.yaml']);
  const app = YAML.parse(fs.readFileSync(path.join(outdir, 'argocd-application.k8s.yaml'), 'utf8'));
  expect(app).toMatchObject({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'ci-remediation', namespace: 'argocd' },
    spec: { source: { repoURL: 'https://github.com/acme/platform.git', path: 'deploy/ci-remediation', targetRevision: 'HEAD' } },
  });
  const kustomization = YAML.parse(fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8'));
  expect(kustomization.resources).toEqual(['ci-remediation.k8s.yaml']);
});

test('an object over the API server limit is refused, naming the object and the field', () => {
  expect(() => synthesize({ settings: settingsFrom({ codeRun: { env: { BIG: 'x'.repeat(5_000_000) } } }), outdir: path.join(work, 'big'), baseDir: PROJECT_ROOT }))
    .toThrow(/^Sensor argo\/ci-failure-remediation would be \d+ bytes, over the 1572864 bytes \(1\.5 MiB\) the API server can store \(etcd's default request limit\): spec\.triggers\[0\]\.template\.k8s\.source\.resource\.spec\.env\.BIG holds 5000002 bytes/);
  expect(fs.existsSync(path.join(work, 'big'))).toBe(false);
});

test('chart props are not settings: a settings file cannot set them', () => {
  expect(() => settingsFrom({ namespace: 'elsewhere', baseDir: '/' })).toThrow(/namespace: unknown setting/);
});

test('settings are validated once, where they come in: neither synth nor the chart validates them again', () => {
  const file = path.join(writeTree(path.join(work, 'once'), { 'settings.yaml': 'repositories: [acme/api]\n' }), 'settings.yaml');
  const validate = jest.spyOn(validation, 'validateSettings');
  try {
    synthesize({ settings: loadSettings(file), outdir: path.join(work, 'once', 'out'), baseDir: PROJECT_ROOT });
    expect(validate).toHaveBeenCalledTimes(1);
  } finally {
    validate.mockRestore();
  }
});

describe('a failed synth leaves the output untouched', () => {
  const outdir = path.join(work, 'keep');
  beforeAll(() => {
    synthesize({ settings: settingsFrom({}), outdir, baseDir: PROJECT_ROOT });
  });
  test.each<[string, object, string | undefined]>([
    ['invalid settings', { repositories: [] }, undefined],
    ['an object over the API server limit (a 5 MB codeRun.env value)', { codeRun: { env: { BIG: 'x'.repeat(5_000_000) } } }, undefined],
    ['a template that does not compile', {}, 'echo {{#if a}}\n'],
    ['a template `templates check` rejects (unknown helper)', {}, 'echo {{uppercase service}}\n'],
  ])('%s', (_name, settings, template) => {
    const before = snapshotTree(outdir);
    const baseDir = template ? writeTree(path.join(work, `broken-templates-${template.length}`), { 'templates/code/x.sh.hbs': template }) : PROJECT_ROOT;
    expect(() => synthesize({ settings: settingsFrom(settings), outdir, baseDir })).toThrow();
    expect(snapshotTree(outdir)).toEqual(before);
    // No staging folders are left behind.
    expect(fs.readdirSync(work).filter(n => n.includes('staging'))).toEqual([]);
  });
});

describe('the command line (compiled JavaScript, as users run it)', () => {
  const bin = path.join(PROJECT_ROOT, 'bin', 'ci-remediation.js');
  const lib = path.join(PROJECT_ROOT, 'lib', 'src', 'main.js');
  beforeAll(() => {
    if (!fs.existsSync(lib)) execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT });
  });

  test('the build-time settings validator reports exactly what the runtime one does', () => {
    const generated = path.join(PROJECT_ROOT, 'lib', 'src', 'config', 'settings-validator.generated.js');
    expect(fs.existsSync(generated)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(path.join(PROJECT_ROOT, 'lib', 'src', 'config', 'validate.js')) as typeof import('../../src/config/validate');
    for (const input of [{}, { repos: 1 }, { repositories: [] }, { sensor: { replicas: 0, namespace: 'A' } }, { eventSource: { hooks: {} } }]) {
      const messages = (fn: (i: unknown) => unknown) => {
        try { fn(input); return []; } catch (err) { return (err as { problems: string[] }).problems; }
      };
      expect(messages(compiled.validateSettings)).toEqual(messages(validateSettings));
    }
  });

  test('the build-time settings schema JSON resolves the defaults exactly as the definition does', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(path.join(PROJECT_ROOT, 'lib', 'src', 'config', 'resolve.js')) as typeof import('../../src/config/resolve');
    for (const input of [{}, { sensor: { retryStrategy: { steps: 1, duration: '1s' } }, argoCd: { repoUrl: 'https://github.com/acme/platform.git' } }]) {
      expect(compiled.settingsFrom(input)).toEqual(settingsFrom(input));
    }
  });

  test.each([
    [['simulate', '--event', 'x.json']],
    [['replay', '--sensor', 'dist/ci-remediation.k8s.yaml']],
    [['lint', '--no-such-option', 'x.yaml']],
    [['no-such-command']],
  ])('usage mistakes exit 2, like unreadable input: %j', args => {
    const run = spawnSync('node', [bin, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
  });

  test('synth --config --out, and the settings file error names the field and file', () => {
    const dir = path.join(work, 'cli');
    writeTree(dir, { 'settings.yaml': 'repositories: [acme/api]\nfilters:\n  excludeWorkflows: [Deploy]\n', 'bad.yaml': 'sensor:\n  replica: 2\n' });
    const ok = spawnSync('node', [bin, 'synth', '--config', path.join(dir, 'settings.yaml'), '--out', path.join(dir, 'out')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'ci-remediation.k8s.yaml'), 'utf8')).toContain('(?i)^acme/api$');
    const before = snapshotTree(path.join(dir, 'out'));
    const bad = spawnSync('node', [bin, 'synth', '--config', path.join(dir, 'bad.yaml'), '--out', path.join(dir, 'out')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`invalid settings in ${path.join(dir, 'bad.yaml')}`);
    expect(bad.stderr).toContain('sensor.replica: unknown setting; expected one of:');
    expect(snapshotTree(path.join(dir, 'out'))).toEqual(before);
  });

  test('CI_REMEDIATION_CONFIG and CDK8S_OUTDIR drive the app as `cdk8s synth` runs it', () => {
    const dir = path.join(work, 'env');
    writeTree(dir, { 'settings.yaml': 'repositories: [acme/api]\n' });
    const run = spawnSync('node', [lib], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI_REMEDIATION_CONFIG: path.join(dir, 'settings.yaml'), CDK8S_OUTDIR: path.join(dir, 'out') },
    });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'ci-remediation.k8s.yaml'), 'utf8')).toContain('(?i)^acme/api$');
  });

  test('YAML syntax errors are reported, not crashed on', () => {
    const dir = path.join(work, 'yaml');
    writeTree(dir, { 'settings.yaml': 'repositories: [acme/api\n' });
    const run = spawnSync('node', [bin, 'synth', '--config', path.join(dir, 'settings.yaml'), '--out', path.join(dir, 'out')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not valid YAML/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
