/**
 * Offline checks of the agent templates: every template compiles with the controller's conventions,
 * every rendered shell script passes `bash -n` and (when installed) `shellcheck`, and so does every
 * plain script (`*.sh`, shipped as is next to the templates and sourced by them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Handlebars from 'handlebars';
import {
  BUILT_IN_HELPERS,
  RenderContext,
  TemplateCompileError,
  compileTemplate,
  loadContext,
} from './render';
import { TemplateTreeError, walkTemplatesTree } from './tree';

/** One check's outcome. `skipped` only when a tool is missing (the detail says which). */
export interface CheckResult {
  /** E.g. `compile code/claude/container-rex.sh.hbs`, `shellcheck code/claude/container-rex.sh.hbs`. */
  readonly name: string;
  readonly status: 'ok' | 'fail' | 'skipped';
  /** Empty when ok; otherwise what failed, one problem per line. */
  readonly detail: string;
}

/** The example context used to render scripts; it also defines the known context fields. */
export const EXAMPLE_CONTEXT_FILE = 'context.example.json';

/**
 * Every file under `templatesRoot` that `keep` accepts, as sorted `/`-separated relative paths
 * (see ./tree: in-tree symlinks followed, anything else refused, nothing skipped silently).
 */
function listFiles(templatesRoot: string, keep: (relativePath: string) => boolean): string[] {
  return walkTemplatesTree(templatesRoot)
    .map(file => file.relativePath)
    .filter(keep);
}

/**
 * The controller's rules for one template, shared by `templates check` and synth: it compiles with
 * the built-in helpers only, and {@link lintTemplate} finds nothing. Returns the compiled template
 * when there is no problem, else the `<name>:<line>: <problem>` lines.
 */
export function checkTemplateSource(
  source: string,
  name: string,
  knownFields?: ReadonlySet<string>,
): { readonly template?: HandlebarsTemplateDelegate; readonly problems: string[] } {
  let template: HandlebarsTemplateDelegate;
  try {
    template = compileTemplate(source, name);
  } catch (error) {
    if (error instanceof TemplateCompileError) return { problems: [error.message] };
    throw error;
  }
  const problems = lintTemplate(source, name, knownFields);
  return problems.length > 0 ? { problems } : { template, problems };
}

/** Every `*.hbs` under `templatesRoot`, as sorted `/`-separated relative paths. */
export function listTemplates(templatesRoot: string): string[] {
  return listFiles(templatesRoot, (file) => file.endsWith('.hbs'));
}

/** Every plain shell script (`*.sh`, not a template) in a sub-folder of `templatesRoot` (those are shipped), sorted. */
export function listPlainScripts(templatesRoot: string): string[] {
  return listFiles(templatesRoot, (file) => file.endsWith('.sh') && file.includes('/'));
}

/**
 * Finds what the controller could not render or would render wrongly: partials, decorators,
 * non-built-in helpers or sections, `env` (the controller's context has none), and fields that are
 * not in `knownFields` (not checked when undefined). Fields are only checked outside `each`/`with`
 * bodies, where the context is the controller's own. Returns `<file>:<line>: <problem>` lines.
 */
export function lintTemplate(source: string, name: string, knownFields?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const report = (node: hbs.AST.Node, problem: string): void => {
    problems.push(`${name}:${node.loc?.start.line ?? '?'}: ${problem}`);
  };

  const checkPath = (node: hbs.AST.PathExpression, scoped: boolean): void => {
    const parts = node.data && node.parts[0] === 'root' ? node.parts.slice(1) : node.parts;
    if (node.data && node.parts[0] !== 'root') return; // @index, @key, ...: loop data
    if (parts[0] === 'env') {
      report(node, `"${node.original}": the controller's render context has no env; read the variable from the environment at run time`);
    } else if (knownFields && (!scoped || node.data)) {
      if (parts.length > 0 && !knownFields.has(parts[0])) {
        report(node, `"${node.original}" is not a field of the controller's context (${EXAMPLE_CONTEXT_FILE})`);
      }
    }
  };

  const checkExpression = (node: hbs.AST.Expression, scoped: boolean): void => {
    if (node.type === 'PathExpression') checkPath(node as hbs.AST.PathExpression, scoped);
    else if (node.type === 'SubExpression') checkCall(node as hbs.AST.SubExpression, scoped, false);
  };

  const checkCall = (
    node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression,
    scoped: boolean,
    block: boolean,
  ): void => {
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (node.path.type !== 'PathExpression') return; // a literal path: renders the literal
    const callee = node.path as hbs.AST.PathExpression;
    if (block || hasArguments) {
      if (!BUILT_IN_HELPERS.includes(callee.original)) {
        report(node, `"${callee.original}" is not a built-in helper (allowed: ${BUILT_IN_HELPERS.join(', ')})`);
      }
    } else {
      checkPath(callee, scoped);
    }
    node.params.forEach((param) => checkExpression(param, scoped));
    node.hash?.pairs.forEach((pair) => checkExpression(pair.value, scoped));
  };

  const walk = (program: hbs.AST.Program | undefined, scoped: boolean): void => {
    for (const statement of program?.body ?? []) {
      switch (statement.type) {
        case 'MustacheStatement':
          checkCall(statement as hbs.AST.MustacheStatement, scoped, false);
          break;
        case 'BlockStatement': {
          const block = statement as hbs.AST.BlockStatement;
          checkCall(block, scoped, true);
          const changesContext = block.path.original === 'each' || block.path.original === 'with';
          walk(block.program, scoped || changesContext);
          walk(block.inverse, scoped);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          report(statement, 'partials are not used: the controller registers none we can rely on');
          break;
        case 'Decorator':
        case 'DecoratorBlock':
          report(statement, 'decorators are not supported by the controller');
          break;
        default:
          break; // content and comments
      }
    }
  };

  walk(Handlebars.parse(source), false);
  return problems;
}

/** Options for {@link checkTemplates}; `shellcheck` is the executable (default: `shellcheck` on PATH). */
export interface CheckOptions {
  readonly shellcheck?: string;
}

/**
 * Runs every offline check over `templatesRoot`: compile + lint each template, render each
 * `*.sh.hbs` with `context.example.json`, `bash -n` it, and `shellcheck` it when available.
 */
export function checkTemplates(templatesRoot: string, options: CheckOptions = {}): CheckResult[] {
  const results: CheckResult[] = [];
  let context: RenderContext;
  try {
    context = loadContext(path.join(templatesRoot, EXAMPLE_CONTEXT_FILE));
  } catch (error) {
    return [{ name: `read ${EXAMPLE_CONTEXT_FILE}`, status: 'fail', detail: (error as Error).message }];
  }
  const knownFields = new Set(Object.keys(context));
  const shellcheck = options.shellcheck ?? 'shellcheck';

  let names: string[];
  try {
    names = listTemplates(templatesRoot);
  } catch (error) {
    if (!(error instanceof TemplateTreeError)) throw error;
    return [{ name: 'list templates', status: 'fail', detail: error.message }];
  }
  for (const name of names) {
    const source = fs.readFileSync(path.join(templatesRoot, name), 'utf8');
    let rendered: string;
    try {
      const { template, problems } = checkTemplateSource(source, name, knownFields);
      if (!template) {
        results.push({ name: `compile ${name}`, status: 'fail', detail: problems.join('\n') });
        continue;
      }
      rendered = template(context);
      results.push({ name: `compile ${name}`, status: 'ok', detail: '' });
    } catch (error) {
      const detail = error instanceof TemplateCompileError ? error.message : `${name}: ${(error as Error).message}`;
      results.push({ name: `compile ${name}`, status: 'fail', detail });
      continue;
    }
    if (!name.endsWith('.sh.hbs')) continue;
    results.push(runTool(`bash -n ${name}`, 'bash', ['-n'], rendered));
    const linted = runTool(`shellcheck ${name}`, shellcheck, ['--shell=bash', '-'], rendered);
    results.push(linted);
  }
  for (const name of listPlainScripts(templatesRoot)) {
    const source = fs.readFileSync(path.join(templatesRoot, name), 'utf8');
    // Shipped as is: a renderer that treated it as a template must find nothing to expand.
    const line = source.split('\n').findIndex((text) => text.includes('{{'));
    if (line >= 0) {
      results.push({ name: `plain ${name}`, status: 'fail', detail: `${name}:${line + 1}: "{{" in a plain script; it is shipped without Handlebars, so write the text differently` });
      continue;
    }
    results.push({ name: `plain ${name}`, status: 'ok', detail: '' });
    results.push(runTool(`bash -n ${name}`, 'bash', ['-n'], source));
    results.push(runTool(`shellcheck ${name}`, shellcheck, ['--shell=bash', '-'], source));
  }
  return results;
}

/** Runs `command args` with `input` on stdin; a missing executable is a skip, not a failure. */
function runTool(name: string, command: string, args: string[], input: string): CheckResult {
  const run = spawnSync(command, args, { input, encoding: 'utf8' });
  if (run.error && 'code' in run.error && run.error.code === 'ENOENT') {
    return { name, status: 'skipped', detail: `${command} is not on PATH` };
  }
  if (run.error) return { name, status: 'fail', detail: `${command}: ${run.error.message}` };
  if (run.status !== 0) {
    return { name, status: 'fail', detail: `${run.stdout}${run.stderr}`.trim() || `${command} exited with ${run.status}` };
  }
  return { name, status: 'ok', detail: '' };
}
