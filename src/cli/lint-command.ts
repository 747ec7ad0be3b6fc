/**
 * `ci-remediation lint [--format text|json|sarif|github] FILE...`: lints the Sensors and
 * EventSources of YAML files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Option, type Command } from 'commander';
import { findPackageRoot } from '../agent-templates/render';
import { exitStatusOf, formatFindings, LINT_FORMATS, LintInputError, lintFiles, type LintFormat, type ToolInfo } from '../lint';
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
    .action(function (this: Command, files: string[], options: { format: LintFormat; json?: boolean }) {
      let findings;
      try {
        findings = lintFiles(files);
      } catch (err) {
        if (!(err instanceof LintInputError)) throw err;
        // One line, without the usage text commander would add.
        this.configureOutput().writeErr?.(`error: ${oneLine(err.message)}\n`);
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
