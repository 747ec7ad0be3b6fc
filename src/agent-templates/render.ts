/**
 * Renders the agent templates with Handlebars the way the agent controller does: built-in helpers
 * only, no partials, default HTML escaping, and a context of the controller's own fields.
 *
 * HTML escaping applies to every template, shell scripts and Markdown alike, because the controller
 * escapes every template: in 5dlabs/cto, controller/src/tasks/code/templates.rs (commit
 * 03298aabe900bf0361d59ad9b238fdcfab07bc5e) renders each code template (container scripts, CLAUDE.md
 * and the other Markdown, settings and hooks) with a fresh `Handlebars::new()` and
 * `set_strict_mode(false)`, and never calls `register_escape_fn`; the handlebars crate it uses
 * (6.3.2, workspace Cargo.toml) defaults to `html_escape`, which escapes `< > " & ' \` =` as
 * Handlebars.js does. So `templates render` shows exactly what the agent receives, entities included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { describeProblem } from '../files/problem';
import { contextProblems, type RenderContext } from './context-check';
import { isInside } from './tree';

/** The helpers every Handlebars implementation the controller may use provides. */
export const BUILT_IN_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup'];

export type { RenderContext } from './context-check';

/** Input that cannot be read or used (missing file, bad JSON, path outside the templates). */
export class TemplateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInputError';
  }
}

/** A context that does not fit the template; `problems` are `<file>:<line>: <problem>` lines. */
export class TemplateContextError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'TemplateContextError';
  }
}

/** A template that Handlebars rejects; `message` is `<file>:<line>: <reason>`. */
export class TemplateCompileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}:${line ?? '?'}: ${reason}`);
    this.name = 'TemplateCompileError';
  }
}

/**
 * Walks up from `startDir` to the first directory holding a package.json. Works from sources
 * (`src/...`) and from compiled files (`lib/src/...`) alike.
 */
export function findPackageRoot(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${startDir}`);
    dir = parent;
  }
}

/** The `templates/` folder at the package root. */
export function defaultTemplatesRoot(): string {
  return path.join(findPackageRoot(__dirname), 'templates');
}

/** Reads a context JSON file; it must hold a JSON object. */
export function loadContext(file: string): RenderContext {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateInputError(`cannot read context file ${file}: ${describeProblem(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TemplateInputError(`context file ${file} is not valid JSON: ${describeProblem(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateInputError(`context file ${file} must hold a JSON object`);
  }
  return value as RenderContext;
}

/**
 * Resolves `relPath` inside `templatesRoot`, refusing paths that leave it, by name or through a
 * symbolic link (links inside the tree are followed, as synth and `templates check` do).
 */
export function resolveTemplatePath(templatesRoot: string, relPath: string): string {
  const root = path.resolve(templatesRoot);
  const full = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !full.startsWith(root + path.sep)) {
    throw new TemplateInputError(`template path must be relative to ${root}: ${relPath}`);
  }
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch {
    return full; // missing: reading it reports that
  }
  if (!isInside(fs.realpathSync(root), real)) {
    throw new TemplateInputError(`template ${relPath} is a symbolic link to ${real}, outside ${root}; only templates inside the tree are rendered`);
  }
  return full;
}

/**
 * Parses and compiles `source`, allowing only the built-in helpers (as `knownHelpersOnly`).
 * Throws {@link TemplateCompileError} naming `name` and the line.
 */
export function compileTemplate(source: string, name: string): HandlebarsTemplateDelegate {
  const handlebars = Handlebars.create();
  const options = {
    knownHelpers: Object.fromEntries(BUILT_IN_HELPERS.map((helper) => [helper, true])),
    knownHelpersOnly: true,
  };
  try {
    const ast = handlebars.parse(source);
    handlebars.precompile(ast, options); // compile() is lazy: precompile surfaces helper errors now
    return handlebars.compile(ast, options);
  } catch (error) {
    throw toCompileError(error, name);
  }
}

function toCompileError(error: unknown, name: string): TemplateCompileError {
  const raw = error as { message?: string; lineNumber?: number };
  const message = String(raw.message ?? error);
  const line = raw.lineNumber ?? Number(/on line (\d+)/.exec(message)?.[1] ?? NaN);
  return new TemplateCompileError(name, Number.isNaN(line) ? undefined : line, compileReason(message));
}

/**
 * Handlebars' message as one line. A parse error spans four lines (`Parse error on line N:`, the
 * text around it, a `---^` marker, `Expecting 'X', got 'Y'`): keep what was expected and where.
 */
function compileReason(message: string): string {
  const lines = message.split('\n');
  if (/^Parse error on line \d+:$/.test(lines[0]) && lines.length >= 4) {
    const near = `near "${lines[1].trim()}"`;
    if (/, got 'EOF'$/.test(lines[3])) return `not valid Handlebars: the template ends before a block or an expression is closed, ${near}`;
    return `not valid Handlebars: ${lines[3].charAt(0).toLowerCase()}${lines[3].slice(1)}, ${near}`;
  }
  return lines.filter(part => part.trim() !== '').join(' ').replace(/ - \d+:\d+$/, '');
}

/** Checking the context against the template before rendering (see {@link renderTemplate}). */
export interface ContextCheckOptions {
  /** How the context is named in messages (its file). */
  readonly contextName: string;
  /** The controller's context (`context.example.json`): the JSON type each field must have. */
  readonly expected?: RenderContext;
}

/**
 * Renders the template at `relPath` (relative to `templatesRoot`) with `context`. With `check`,
 * first checks the context against what the template uses ({@link contextProblems}).
 * Throws {@link TemplateInputError} when the file is unreadable, {@link TemplateCompileError}
 * when Handlebars rejects it, {@link TemplateContextError} when the context does not fit.
 */
export function renderTemplate(templatesRoot: string, relPath: string, context: RenderContext, check?: ContextCheckOptions): string {
  const file = resolveTemplatePath(templatesRoot, relPath);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateInputError(`cannot read template ${relPath}: ${describeProblem(error)}`);
  }
  const template = compileTemplate(source, relPath);
  if (check) {
    const problems = contextProblems(Handlebars.parse(source), relPath, context, check.contextName, check.expected);
    if (problems.length > 0) throw new TemplateContextError(problems);
  }
  try {
    return template(context);
  } catch (error) {
    throw toCompileError(error, relPath);
  }
}
