import * as fs from 'fs';
import type { Command } from 'commander';
import { CONFIG_ENV, settingsFromEnvironment } from '../config/environment';
import { loadSettingsFile } from '../config/load';
import { SettingsError } from '../config/validate';
import { OutputFolderError } from '../synth/output-folder';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, fail, formatError } from './output';

/**
 * Checks that the settings file can be read before synth reads it: a missing or unreadable file
 * is input that cannot be read (exit 2), unlike settings that are read but invalid (exit 1).
 * @returns the problem in one line, or undefined when the file is readable
 */
export function unreadableSettings(file: string): string | undefined {
  try {
    if (fs.statSync(file).isDirectory()) return `cannot read the settings file ${file}: is a folder, not a file`;
    fs.closeSync(fs.openSync(file, 'r'));
    return undefined;
  } catch (err) {
    return `cannot read the settings file ${formatError(err, file)}`;
  }
}

/** `ci-remediation synth [--config FILE] [--out DIR]`. */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('synthesize the stack into a folder (atomically: a failed synth leaves it untouched)')
    .option('-c, --config <file>', 'settings file (YAML); default: $CI_REMEDIATION_CONFIG, else built-in defaults')
    .option('-o, --out <dir>', 'output folder: created, or replaced only when synth wrote it (else exit 2)', 'dist')
    .action((options: { config?: string; out: string }) => {
      const settingsFile = options.config ?? (process.env[CONFIG_ENV] || undefined);
      const unreadable = settingsFile === undefined ? undefined : unreadableSettings(settingsFile);
      if (unreadable !== undefined) {
        fail(`synth failed: ${unreadable}`, EXIT_BAD_INPUT);
        return;
      }
      try {
        // cdk8s is loaded only for this command (~200 ms the other commands need not pay).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { synthesize } = require('../synth/synthesize') as typeof import('../synth/synthesize');
        const settings = options.config ? loadSettingsFile(options.config) : settingsFromEnvironment();
        for (const file of synthesize({ settings, outdir: options.out })) {
          console.log(`${options.out}/${file}`);
        }
      } catch (err) {
        // Invalid settings are listed one problem per line; anything else is one line.
        // An output folder synth may not replace is unusable input (exit 2), like an unreadable file.
        if (err instanceof OutputFolderError) {
          fail(`synth failed: ${err.message}`, EXIT_BAD_INPUT);
        } else {
          fail(`synth failed: ${err instanceof SettingsError ? err.message : formatError(err)}`, EXIT_FINDINGS);
        }
      }
    });
}
