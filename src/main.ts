/**
 * The cdk8s app: `npm run synth` and `cdk8s synth` run this (compiled) file.
 * Settings come from the file named by CI_REMEDIATION_CONFIG, else the defaults; the output
 * folder from CDK8S_OUTDIR (set by cdk8s-cli), else `dist`. Reported and exited exactly like
 * `ci-remediation synth`.
 */
import { runSynth, settingsFileFromEnvironment } from './cli/synth-command';

runSynth(settingsFileFromEnvironment(), process.env.CDK8S_OUTDIR ?? 'dist');
