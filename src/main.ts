/**
 * The cdk8s app: `npm run synth` and `cdk8s synth` run this (compiled) file.
 * Settings come from the file named by CI_REMEDIATION_CONFIG, else the defaults.
 */
import { settingsFromEnvironment } from './config/environment';
import { OutputFolderError } from './synth/output-folder';
import { synthesize } from './synth/synthesize';

function main(): void {
  try {
    const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
    const files = synthesize({ settings: settingsFromEnvironment(), outdir });
    for (const file of files) console.log(`${outdir}/${file}`);
  } catch (err) {
    console.error(`synth failed: ${(err as Error).message}`);
    process.exitCode = err instanceof OutputFolderError ? 2 : 1;
  }
}

main();
