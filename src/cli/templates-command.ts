/**
 * `ci-remediation templates render <path> --context <file>` and `ci-remediation templates check`.
 */
import { Command } from 'commander';
import { checkTemplates } from '../agent-templates/check';
import {
  TemplateCompileError,
  TemplateInputError,
  defaultTemplatesRoot,
  loadContext,
  renderTemplate,
} from '../agent-templates/render';

/** Exit status for unreadable or unusable input (missing file, bad JSON, bad template). */
export const EXIT_BAD_INPUT = 2;
/** Exit status when `templates check` finds a failing check. */
export const EXIT_CHECK_FAILED = 1;

/**
 * Adds the `templates` command group to `program`. Output goes through commander's output
 * configuration (`configureOutput`), errors through `command.error`, so callers may use
 * `exitOverride()` to keep the process alive.
 *
 * @param templatesRoot folder holding the templates; defaults to `templates/` at the package root.
 */
export function registerTemplatesCommand(program: Command, templatesRoot: string = defaultTemplatesRoot()): void {
  const templates = program.command('templates').description('render and check the agent templates');

  templates
    .command('render')
    .description('print a template (path relative to templates/) rendered with a controller context')
    .argument('<path>', 'template path relative to templates/, e.g. code/claude/container-rex.sh.hbs')
    .requiredOption('--context <file>', 'controller context JSON (see templates/context.example.json)')
    .action(function (this: Command, templatePath: string, options: { context: string }) {
      let output: string;
      try {
        output = renderTemplate(templatesRoot, templatePath, loadContext(options.context));
      } catch (error) {
        if (error instanceof TemplateInputError || error instanceof TemplateCompileError) {
          this.error(`error: ${error.message}`, { exitCode: EXIT_BAD_INPUT, code: 'templates.bad-input' });
        }
        throw error;
      }
      this.configureOutput().writeOut?.(output);
    });

  templates
    .command('check')
    .description('compile every template and lint the rendered scripts (bash -n, shellcheck when installed)')
    .action(function (this: Command) {
      const results = checkTemplates(templatesRoot);
      const lines = results.map((result) => {
        const label = result.status === 'ok' ? 'ok  ' : result.status === 'skipped' ? 'skip' : 'FAIL';
        const detail = result.detail ? `\n${result.detail.replace(/^/gm, '      ')}` : '';
        return `${label}  ${result.name}${detail}`;
      });
      this.configureOutput().writeOut?.(`${lines.join('\n')}\n`);
      const failed = results.filter((result) => result.status === 'fail');
      if (failed.length > 0) {
        this.error(`error: ${failed.length} template check(s) failed: ${failed.map((result) => result.name).join(', ')}`, {
          exitCode: EXIT_CHECK_FAILED,
          code: 'templates.check-failed',
        });
      }
    });
}
