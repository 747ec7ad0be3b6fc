import type { Command } from 'commander';
import { settingsFromEnvironment } from '../config/environment';
import { loadSettingsFile } from '../config/load';
import { fail } from './output';

/** `ci-remediation synth [--config FILE] [--out DIR]`. */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('synthesize the stack into a folder (atomically: a failed synth leaves it untouched)')
    .option('-c, --config <file>', 'settings file (YAML); default: $CI_REMEDIATION_CONFIG, else built-in defaults')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .action((options: { config?: string; out: string }) => {
      try {
        // cdk8s is loaded only for this command (~200 ms the other commands need not pay).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { synthesize } = require('../synth/synthesize') as typeof import('../synth/synthesize');
        const settings = options.config ? loadSettingsFile(options.config) : settingsFromEnvironment();
        for (const file of synthesize({ settings, outdir: options.out })) {
          console.log(`${options.out}/${file}`);
        }
      } catch (err) {
        fail(`synth failed: ${(err as Error).message}`, 1);
      }
    });
}
