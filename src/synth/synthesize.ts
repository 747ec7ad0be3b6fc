/**
 * Synthesis into an output folder, atomically: everything is written to a sibling
 * temporary folder first and swapped in only when complete, so a failed synth leaves
 * the existing output byte-for-byte untouched. Only a folder synth wrote itself is
 * replaced (see ./output-folder).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import type { ResolvedSettings } from '../config/settings';
import { ArgoCdApplication } from '../constructs/argo-cd-application';
import { CiRemediationChart } from '../constructs/ci-remediation-chart';
import { jsonSizeBytes, largestField, OBJECT_SIZE_LIMIT_BYTES } from '../engine/validation/object-size';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT, replaceFolder, resolveOutputFolder } from './output-folder';

/** Chart id of the stack; its file is `<id>.k8s.yaml`. */
export const STACK_CHART = 'ci-remediation';
/** Chart id of the optional Argo CD Application (not part of the kustomization). */
export const ARGO_CD_CHART = 'argocd-application';

/** The kustomization listing the stack (not the Argo CD Application). */
const KUSTOMIZATION = 'kustomization.yaml';

/** Every name synth writes into its output folder. */
export const OUTPUT_NAMES: ReadonlySet<string> = new Set([
  OUTPUT_MARKER, `${STACK_CHART}.k8s.yaml`, `${ARGO_CD_CHART}.k8s.yaml`, KUSTOMIZATION,
]);

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** The settings (from `loadSettings` or `settingsFrom`: validated and resolved once). */
  readonly settings: ResolvedSettings;
  /** Output folder: created, or replaced when synth wrote it (else OutputFolderError). A symlink is followed. */
  readonly outdir: string;
  /** Folder that relative settings paths start from. @default process.cwd() */
  readonly baseDir?: string;
}

/**
 * Synthesizes the stack into `outdir`; returns the written file names (sorted).
 * Throws OutputFolderError, touching nothing, when `outdir` is not a folder synth may replace.
 */
export function synthesize(options: SynthesizeOptions): string[] {
  const output = resolveOutputFolder(options.outdir, OUTPUT_NAMES);
  return replaceFolder(output, OUTPUT_NAMES, staging => synthesizeInto(staging, options));
}

function synthesizeInto(dir: string, options: SynthesizeOptions): string[] {
  const { settings } = options;
  const app = new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_CHART, outputFileExtension: '.k8s.yaml' });
  new CiRemediationChart(app, STACK_CHART, { settings, baseDir: options.baseDir });
  const argoCd = settings.argoCd;
  if (argoCd) {
    const chart = new Chart(app, ARGO_CD_CHART);
    new ArgoCdApplication(chart, 'Application', {
      name: argoCd.name,
      namespace: argoCd.namespace,
      project: argoCd.project,
      repoUrl: argoCd.repoUrl,
      path: argoCd.path,
      targetRevision: argoCd.targetRevision,
    });
  }
  checkObjectSizes(app);
  app.synth();
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // The Argo CD Application bootstraps the sync; it is applied once, by hand.
    resources: [`${STACK_CHART}.k8s.yaml`],
  };
  fs.writeFileSync(path.join(dir, KUSTOMIZATION), Yaml.stringify(kustomization));
  fs.writeFileSync(path.join(dir, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  const files = fs.readdirSync(dir).sort();
  const unlisted = files.filter(file => !OUTPUT_NAMES.has(file));
  if (unlisted.length > 0) {
    // The next synth would refuse a folder holding these: OUTPUT_NAMES must list every file.
    throw new Error(`synth wrote ${unlisted.join(', ')}, which OUTPUT_NAMES does not list`);
  }
  return files;
}

/** Refuses an object the API server could not store, naming it and its largest field. */
function checkObjectSizes(app: App): void {
  for (const chart of app.charts) {
    for (const object of chart.toJson()) {
      const bytes = jsonSizeBytes(object);
      if (bytes > OBJECT_SIZE_LIMIT_BYTES) {
        const field = largestField(object);
        const { kind, metadata } = object as { kind: string; metadata: { name: string; namespace?: string } };
        throw new Error(`${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name} would be ${bytes} bytes, `
          + `over the ${OBJECT_SIZE_LIMIT_BYTES} bytes (1.5 MiB) the API server can store (etcd's default request limit): `
          + `${field.path} holds ${field.bytes} bytes; make that setting smaller`);
      }
    }
  }
}
