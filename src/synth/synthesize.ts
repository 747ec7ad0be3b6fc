/**
 * Synthesis into an output folder, atomically: everything is written to a sibling
 * temporary folder first and swapped in only when complete, so a failed synth leaves
 * the existing output byte-for-byte untouched.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import type { CiRemediationSettings } from '../config/settings';
import { validateSettings } from '../config/validate';
import { ArgoCdApplication } from '../constructs/argo-cd-application';
import { CiRemediationChart } from '../constructs/ci-remediation-chart';

/** Chart id of the stack; its file is `<id>.k8s.yaml`. */
export const STACK_CHART = 'ci-remediation';
/** Chart id of the optional Argo CD Application (not part of the kustomization). */
export const ARGO_CD_CHART = 'argocd-application';

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  readonly settings: CiRemediationSettings;
  /** Output folder. */
  readonly outdir: string;
  /** Folder that relative settings paths start from. @default process.cwd() */
  readonly baseDir?: string;
}

/** Synthesizes the stack into `outdir`; returns the written file names (sorted). */
export function synthesize(options: SynthesizeOptions): string[] {
  const outdir = path.resolve(options.outdir);
  const parent = path.dirname(outdir);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  try {
    const files = synthesizeInto(staging, options);
    swapIn(staging, outdir);
    return files;
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function synthesizeInto(dir: string, options: SynthesizeOptions): string[] {
  // Validated here as well as in the chart: the chart takes chart props (`namespace`,
  // `baseDir`, ...) beside the settings, which a settings file must not be able to set.
  const settings = validateSettings(options.settings);
  const app = new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_CHART, outputFileExtension: '.k8s.yaml' });
  const stack = new CiRemediationChart(app, STACK_CHART, { ...settings, baseDir: options.baseDir });
  const argoCd = stack.settings.argoCd;
  if (argoCd) {
    const chart = new Chart(app, ARGO_CD_CHART);
    new ArgoCdApplication(chart, 'Application', argoCd);
  }
  app.synth();
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // The Argo CD Application bootstraps the sync; it is applied once, by hand.
    resources: [`${STACK_CHART}.k8s.yaml`],
  };
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), Yaml.stringify(kustomization));
  return fs.readdirSync(dir).sort();
}

/** Replaces `outdir` with `staging` using renames within one parent folder. */
function swapIn(staging: string, outdir: string): void {
  if (!fs.existsSync(outdir)) {
    fs.renameSync(staging, outdir);
    return;
  }
  const retired = `${staging}.old`;
  fs.renameSync(outdir, retired);
  try {
    fs.renameSync(staging, outdir);
  } catch (err) {
    fs.renameSync(retired, outdir);
    throw err;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}
