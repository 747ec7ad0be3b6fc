/**
 * Renders the agent templates with Handlebars the way the agent controller does: built-in helpers
 * only, no partials, default HTML escaping, and a context of the controller's own fields.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';

/** The helpers every Handlebars implementation the controller may use provides. */
export const BUILT_IN_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup'];

/** A render context: the controller's fields (`task_id`, `repository_url`, ...). */
export type RenderContext = Record<string, unknown>;

/** Input that cannot be read or used (missing file, bad JSON, path outside the templates). */
export class TemplateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateInputError';
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
    throw new TemplateInputError(`cannot read context file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TemplateInputError(`context file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateInputError(`context file ${file} must hold a JSON object`);
  }
  return value as RenderContext;
}

/** Resolves `relPath` inside `templatesRoot`, refusing paths that leave it. */
export function resolveTemplatePath(templatesRoot: string, relPath: string): string {
  const root = path.resolve(templatesRoot);
  const full = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !full.startsWith(root + path.sep)) {
    throw new TemplateInputError(`template path must be relative to ${root}: ${relPath}`);
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
  const firstLine = message.split('\n')[0].replace(/ - \d+:\d+$/, '');
  return new TemplateCompileError(name, Number.isNaN(line) ? undefined : line, firstLine);
}

/**
 * Renders the template at `relPath` (relative to `templatesRoot`) with `context`.
 * Throws {@link TemplateInputError} when the file is unreadable, {@link TemplateCompileError}
 * when Handlebars rejects it.
 */
export function renderTemplate(templatesRoot: string, relPath: string, context: RenderContext): string {
  const file = resolveTemplatePath(templatesRoot, relPath);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateInputError(`cannot read template ${relPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const template = compileTemplate(source, relPath);
  try {
    return template(context);
  } catch (error) {
    throw toCompileError(error, relPath);
  }
}
