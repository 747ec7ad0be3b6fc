import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { CiRemediationChart } from '../../src/constructs/ci-remediation-chart';
import { settingsFrom } from '../../src/config/resolve';
import type { CiRemediationSettings } from '../../src/config/settings';

/** The project's own templates tree, used by default. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** A plain Kubernetes manifest. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

/** Synthesizes the chart with `settings` (templates from the project unless overridden). */
export function synthChart(settings: CiRemediationSettings = {}, baseDir = PROJECT_ROOT): Manifest[] {
  const app = Testing.app();
  const chart = new CiRemediationChart(app, 'test', { settings: settingsFrom(settings), baseDir });
  return Testing.synth(chart) as Manifest[];
}

/** The single object of a kind (fails when there is not exactly one). */
export function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter(m => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** A temporary folder removed after the test file. */
export function tempDir(prefix = 'ci-remediation-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (relative path -> content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
