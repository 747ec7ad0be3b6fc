import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { settingsFrom } from '../../src/config/resolve';
import type { CiRemediationSettings } from '../../src/config/settings';
import { synthesize } from '../../src/synth/synthesize';
import { validateAgainstSchema, validateCodeRun, validateEventSourceRules, validateSensorRules } from '../../src/engine/validation';
import { only, PROJECT_ROOT, synthChart, tempDir } from '../helpers/chart';

/** Settings that exercise every optional feature. */
const SETTINGS_VARIANTS: Record<string, CiRemediationSettings> = {
  defaults: {},
  everything: {
    repositories: ['acme/api', 'acme/web', 'other/tool'],
    labels: { team: 'platform' },
    eventSource: { repositories: ['acme/api', 'acme/web', 'other/tool'], hooks: { url: 'https://hooks.example.com', apiToken: { name: 'gh', key: 'token' } } },
    filters: { conclusions: ['failure', 'timed_out'], includeWorkflows: ['CI', '/release-.*/'], excludeWorkflows: ['Deploy'], blockForks: false },
    codeRun: { service: 'platform', docsRepositoryUrl: 'https://github.com/acme/docs' },
  },
};

describe.each(Object.entries(SETTINGS_VARIANTS))('%s settings', (_name, settings) => {
  const manifests = synthChart(settings);

  test('the Sensor passes the Argo Events schema and the controller rules', () => {
    const sensor = only(manifests, 'Sensor');
    expect(validateAgainstSchema(sensor)).toEqual([]);
    expect(validateSensorRules(sensor)).toEqual([]);
  });

  test('the EventSource passes the Argo Events schema and the controller rules', () => {
    const es = only(manifests, 'EventSource');
    expect(validateAgainstSchema(es)).toEqual([]);
    expect(validateEventSourceRules(es)).toEqual([]);
  });

  test('the CodeRun template validates against the project CRD', () => {
    const resource = only(manifests, 'Sensor').spec.triggers[0].template.k8s.source.resource;
    expect(validateCodeRun(resource)).toEqual([]);
  });
});

const work = tempDir();

test('`cdk8s synth` gives the same files as `npm run synth`', () => {
  const viaCli = path.join(work, 'cdk8s');
  const viaApp = path.join(work, 'app');
  const run = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--output', viaCli], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI_REMEDIATION_CONFIG: '' } });
  expect(run.status).toBe(0);
  synthesize({ settings: settingsFrom({}), outdir: viaApp, baseDir: PROJECT_ROOT });
  const files = fs.readdirSync(viaApp).sort();
  expect(fs.readdirSync(viaCli).sort()).toEqual(files);
  for (const file of files) {
    expect(fs.readFileSync(path.join(viaCli, file), 'utf8')).toBe(fs.readFileSync(path.join(viaApp, file), 'utf8'));
  }
}, 60_000);
