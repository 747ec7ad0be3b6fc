import type { CiRemediationSettings } from './settings';

/** Environment variable naming the settings file for `npm run synth` and `cdk8s synth`. */
export const CONFIG_ENV = 'CI_REMEDIATION_CONFIG';

/** Settings from the file named by `CI_REMEDIATION_CONFIG` when set, else the defaults. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): CiRemediationSettings {
  const file = env[CONFIG_ENV];
  if (!file) {
    return {};
  }
  // The YAML reader is loaded only when there is a file: the default synth stays fast.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadSettingsFile } = require('./load') as typeof import('./load');
  return loadSettingsFile(file);
}
