import * as fs from 'fs';
import type { Command } from 'commander';
import { settingsFileName } from '../config/environment';
import { loadSettings } from '../config/resolve';
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

/**
 * Runs one synth and reports it the way every entry point does (`ci-remediation synth`,
 * `npm run synth`, `cdk8s synth`): the written files on stdout; an unreadable settings file or an
 * output folder synth may not replace is input that cannot be used (exit 2); invalid settings, one
 * problem per line, and any other failure, one line (exit 1).
 */
export function runSynth(settingsFile: string | undefined, outdir: string): void {
  const unreadable = settingsFile === undefined ? undefined : unreadableSettings(settingsFile);
  if (unreadable !== undefined) {
    fail(`synth failed: ${unreadable}`, EXIT_BAD_INPUT);
    return;
  }
  try {
    // cdk8s is loaded only for this command (~200 ms the other commands need not pay).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { synthesize } = require('../synth/synthesize') as typeof import('../synth/synthesize');
    for (const file of synthesize({ settings: loadSettings(settingsFile), outdir })) {
      console.log(`${outdir}/${file}`);
    }
  } catch (err) {
    if (err instanceof OutputFolderError) {
      fail(`synth failed: ${err.message}`, EXIT_BAD_INPUT);
    } else {
      fail(`synth failed: ${err instanceof SettingsError ? err.message : formatError(err)}`, EXIT_FINDINGS);
    }
  }
}

/** The settings file `synth` reads: `--config`, else `$CI_REMEDIATION_CONFIG`, else none (the defaults). */
export function settingsFileFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return settingsFileName(undefined, env);
}

/** `ci-remediation synth [--config FILE] [--out DIR]`. */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('synthesize the stack into a folder (atomically: a failed synth leaves it untouched)')
    .option('-c, --config <file>', 'settings file (YAML); default: $CI_REMEDIATION_CONFIG, else built-in defaults')
    .option('-o, --out <dir>', 'output folder: created, or replaced only when synth wrote it (else exit 2)', 'dist')
    .action((options: { config?: string; out: string }) => {
      runSynth(settingsFileName(options.config), options.out);
    });
}
