/**
 * `ci-remediation lint [--format text|json|sarif|github] FILE...`: lints the Sensors and
 * EventSources of YAML files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Option, type Command } from 'commander';
import { findPackageRoot } from '../agent-templates/render';
import { exitStatusOf, fixTexts, formatFindings, LINT_FORMATS, LintInputError, lintFiles, readLintInputs, type LintFormat, type ToolInfo } from '../lint';
import { EXIT_BAD_INPUT as BAD_INPUT, oneLine } from './output';

/** Exit status for unreadable input (missing file, not YAML, nothing to lint). */
export const EXIT_BAD_INPUT = BAD_INPUT;

/** This project's name and version, for the SARIF log. */
function toolInfo(): ToolInfo {
  const manifest = JSON.parse(fs.readFileSync(path.join(findPackageRoot(__dirname), 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: manifest.name, version: manifest.version };
}

/**
 * Adds the `lint` command to `program`. Findings go to stdout through commander's output
 * configuration; the exit status is 1 when any finding is an error, 0 otherwise, and 2 (with
 * one line on stderr) for unreadable input.
 */
export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('lint the Sensors and EventSources of multi-document YAML files (exit 1 on errors)')
    .argument('<files...>', 'YAML files; documents of other kinds are ignored')
    .addOption(new Option('--format <format>', 'text: file:line:col severity rule message; json: one array; '
      + 'sarif: SARIF 2.1.0 for code scanning; github: GitHub Actions annotations').choices(LINT_FORMATS).default('text'))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'))
    .option('--fix', 'first rewrite what has one right answer (anchors, escapes, int64, retryStrategy placement) in place, '
      + 'keeping comments and layout; when a fix is not certain, write nothing and exit 1')
    .action(function (this: Command, files: string[], options: { format: LintFormat; json?: boolean; fix?: boolean }) {
      const writeErr = (text: string) => this.configureOutput().writeErr?.(text);
      let findings;
      try {
        if (options.fix && !fixFiles(files, writeErr)) {
          process.exitCode = 1;
          return;
        }
        findings = lintFiles(files);
      } catch (err) {
        if (!(err instanceof LintInputError)) throw err;
        // One line, without the usage text commander would add.
        writeErr(`error: ${oneLine(err.message)}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const format = options.json ? 'json' : options.format;
      const output = formatFindings(findings, format, toolInfo());
      if (output !== '') this.configureOutput().writeOut?.(output);
      const status = exitStatusOf(findings);
      if (status !== 0) process.exitCode = status;
    });
}

/**
 * Applies `lint --fix` to files: all of them, or (when any fix is refused) none, saying why on
 * stderr. Returns whether the files were written.
 */
function fixFiles(files: readonly string[], writeErr: (text: string) => void): boolean {
  const results = fixTexts(readLintInputs(files));
  const refused = results.flatMap(r => r.refused);
  if (refused.length > 0) {
    for (const r of refused) writeErr(`error: ${r.file}:${r.line}:${r.column}: cannot fix ${r.rule}: ${r.reason}\n`);
    writeErr('error: --fix wrote nothing\n');
    return false;
  }
  for (const { file, text, fixed } of results) {
    if (fixed === 0) continue;
    writeFileInPlace(file, text);
    writeErr(`fixed ${fixed} finding${fixed === 1 ? '' : 's'} in ${file}\n`);
  }
  return true;
}

/** Replaces a file's content atomically (a sibling temporary file renamed over it), keeping its mode; a symlink's target is rewritten. */
function writeFileInPlace(file: string, text: string): void {
  const target = fs.realpathSync(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.lint-fix-${process.pid}`);
  try {
    fs.writeFileSync(temporary, text);
    fs.chmodSync(temporary, fs.statSync(target).mode & 0o7777);
    fs.renameSync(temporary, target);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw new LintInputError(`${file}: cannot write the fixed text: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
