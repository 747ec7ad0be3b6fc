/**
 * What `status` and `watch` share: the settings (as synth reads them) and the cluster options.
 */
import type { Command } from 'commander';
import { settingsFileName } from '../config/environment';
import { loadSettings } from '../config/resolve';
import { SettingsError } from '../config/validate';
import { InputError, formatError } from './output';
import { unreadableSettings } from './synth-command';

/** Options of the commands that talk to a cluster. */
export interface ClusterCommandOptions {
  config?: string;
  kubeconfig?: string;
  context?: string;
}

/** Adds `--config`, `--kubeconfig` and `--context`. */
export function addClusterOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'settings file (YAML), as for synth; default: $CI_REMEDIATION_CONFIG, else built-in defaults')
    .option('--kubeconfig <file>', 'kubeconfig file; default as kubectl: $KUBECONFIG, ~/.kube/config, else the in-cluster service account')
    .option('--context <name>', 'kubeconfig context; default its current context');
}

/** The stack synth would produce now; unreadable or invalid settings are an input error (exit 2). */
export function desiredFromSettings(options: ClusterCommandOptions): import('../cluster/desired').DesiredStack {
  const file = settingsFileName(options.config);
  const unreadable = file === undefined ? undefined : unreadableSettings(file);
  if (unreadable !== undefined) throw new InputError(unreadable);
  try {
    const settings = loadSettings(file);
    // cdk8s is loaded only by the commands that need the synthesized objects.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { desiredStack } = require('../cluster/desired') as typeof import('../cluster/desired');
    return desiredStack(settings);
  } catch (err) {
    throw new InputError(err instanceof SettingsError ? err.message : `cannot build the stack from the settings: ${formatError(err)}`);
  }
}
