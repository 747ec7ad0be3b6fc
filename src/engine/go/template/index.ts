/**
 * Go `text/template` + sprig v3, as Argo Events runs them for data-filter templates and
 * trigger-parameter templates: `template.New("param").Funcs(sprig.FuncMap()).Parse(text)`
 * then `Execute` with `{"Input": ...}`.
 *
 * Parsing is pure: a caller that renders the same templates for many events passes a
 * {@link TemplateCache} it keeps (see src/engine/evaluation-caches.ts); without one, each
 * render parses its template.
 */
import { GoTime } from '../values';
import { BUILTIN_FUNCS } from './builtins';
import { GoTemplateError } from './errors';
import { execute } from './exec';
import { GoFunc } from './funcs';
import { TreeSet, parseTrees } from './parser';
import { Clock, sprigFuncs } from './sprig';

export { GoTemplateError } from './errors';
export { UnsupportedFunctionError } from './funcs';
export { MAP_MUTATING_FUNCTIONS } from './sprig-dicts';

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /** Template name used in error messages; Argo Events uses `param`. */
  readonly name?: string;
  /** Clock for sprig's `now` (and date fallbacks); defaults to the system clock. */
  readonly now?: () => Date;
  /** Parsed templates kept by the caller across renders; default: none (the template is parsed). */
  readonly parsed?: TemplateCache;
}

/** A parsed template, or Go's parse error for it. */
export type ParsedTemplate = TreeSet | GoTemplateError;

/** A memo of parsed templates by key (e.g. a `BoundedCache`). */
export interface TemplateCache {
  getOrCompute(key: string, compute: (key: string) => ParsedTemplate): ParsedTemplate;
}

const DEFAULT_NAME = 'param';

const systemClock: Clock = () => new GoTime(Date.now());
const defaultFuncs = buildFuncs(systemClock);

/** Builtins first, then sprig: Go looks up a template's own functions before the builtins. */
function buildFuncs(clock: Clock): Map<string, GoFunc> {
  const funcs = new Map<string, GoFunc>(BUILTIN_FUNCS);
  for (const [name, f] of sprigFuncs(clock)) funcs.set(name, f);
  return funcs;
}

function parseOnce(name: string, text: string, funcs: ReadonlyMap<string, GoFunc>): ParsedTemplate {
  try {
    return parseTrees(name, text, (fnName) => funcs.has(fnName));
  } catch (err) {
    if (!(err instanceof GoTemplateError)) throw err;
    return err;
  }
}

/** The parsed template, through `cache` when given; throws Go's parse error. */
function parse(name: string, text: string, funcs: ReadonlyMap<string, GoFunc>, cache: TemplateCache | undefined): TreeSet {
  // Every function map holds the same names, so the parse depends on the name and text alone.
  const entry = cache === undefined ? parseOnce(name, text, funcs) : cache.getOrCompute(`${name}\u0000${text}`, () => parseOnce(name, text, funcs));
  if (entry instanceof GoTemplateError) throw new GoTemplateError(entry.message);
  return entry;
}

/**
 * Parses and executes a Go template with sprig functions against `data` (engine Go
 * values, e.g. `{ Input: ... }`). Throws {@link GoTemplateError} with Go's message for
 * parse and execution errors, e.g. `template: param:1: function "foo" not defined`.
 */
export function renderTemplate(text: string, data: unknown, options: RenderOptions = {}): string {
  const name = options.name ?? DEFAULT_NAME;
  const now = options.now;
  const funcs = now ? buildFuncs(() => new GoTime(now().getTime())) : defaultFuncs;
  const trees = parse(name, text, funcs, options.parsed);
  return execute({ trees, funcs, parseName: name, text }, name, data);
}

/**
 * Parse-only check (for lint): returns Go's parse error, or undefined when the template
 * parses. Execution errors (missing keys, wrong types) can only show up when rendering.
 */
export function parseTemplate(text: string, name: string = DEFAULT_NAME): GoTemplateError | undefined {
  try {
    parse(name, text, defaultFuncs, undefined);
    return undefined;
  } catch (err) {
    if (err instanceof GoTemplateError) return err;
    throw err;
  }
}
