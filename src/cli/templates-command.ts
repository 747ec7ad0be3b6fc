/**
 * `ci-remediation templates render <path> --context <file>` and `ci-remediation templates check`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { checkTemplates, EXAMPLE_CONTEXT_FILE } from '../agent-templates/check';
import {
  TemplateCompileError,
  TemplateContextError,
  TemplateInputError,
  defaultTemplatesRoot,
  loadContext,
  renderTemplate,
  type RenderContext,
} from '../agent-templates/render';
import { EXIT_BAD_INPUT as BAD_INPUT, EXIT_FINDINGS } from './output';

/** Exit status for unreadable or unusable input (missing file, bad JSON, bad template, a context that does not fit). */
export const EXIT_BAD_INPUT = BAD_INPUT;
/** Exit status when `templates check` finds a failing check. */
export const EXIT_CHECK_FAILED = EXIT_FINDINGS;

/** The controller's context as the example documents it, when the templates tree has one. */
function exampleContext(templatesRoot: string): RenderContext | undefined {
  const file = path.join(templatesRoot, EXAMPLE_CONTEXT_FILE);
  return fs.existsSync(file) ? loadContext(file) : undefined;
}

/**
 * Adds the `templates` command group to `program`. Output goes through commander's output
 * configuration (`configureOutput`); a data error is one line per problem on stderr and an exit
 * status in `process.exitCode`, without the usage text (the command was used correctly).
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
        const check = { contextName: options.context, expected: exampleContext(templatesRoot) };
        output = renderTemplate(templatesRoot, templatePath, loadContext(options.context), check);
      } catch (error) {
        if (error instanceof TemplateContextError) {
          this.configureOutput().writeErr?.(error.problems.map((problem) => `error: ${problem}\n`).join(''));
        } else if (error instanceof TemplateInputError || error instanceof TemplateCompileError) {
          this.configureOutput().writeErr?.(`error: ${error.message}\n`);
        } else {
          throw error;
        }
        process.exitCode = EXIT_BAD_INPUT;
        return;
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
        this.configureOutput().writeErr?.(`error: ${failed.length} template check(s) failed: ${failed.map((result) => result.name).join(', ')}\n`);
        process.exitCode = EXIT_CHECK_FAILED;
      }
    });
}
