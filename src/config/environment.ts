/** Environment variable naming the settings file for `npm run synth`, `cdk8s synth` and the commands reading settings. */
export const CONFIG_ENV = 'CI_REMEDIATION_CONFIG';

/** The settings file a command reads: its `--config` option, else `$CI_REMEDIATION_CONFIG`, else none (the defaults). */
export function settingsFileName(option?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return option ?? (env[CONFIG_ENV] || undefined);
}
