/**
 * `ci-remediation lint [--json] FILE...`: lints the Sensors and EventSources of YAML files.
 */
import type { Command } from 'commander';
import { exitStatusOf, formatJson, formatText, LintInputError, lintFiles } from '../lint';
import { EXIT_BAD_INPUT as BAD_INPUT, oneLine } from './output';

/** Exit status for unreadable input (missing file, not YAML). */
export const EXIT_BAD_INPUT = BAD_INPUT;

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
    .option('--json', 'print one JSON array of {file, line, column, severity, rule, message}')
    .action(function (this: Command, files: string[], options: { json?: boolean }) {
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
      const output = options.json ? formatJson(findings) : formatText(findings);
      if (output !== '') this.configureOutput().writeOut?.(output);
      const status = exitStatusOf(findings);
      if (status !== 0) process.exitCode = status;
    });
}
