/**
 * Go `text/template` + sprig v3, as Argo Events runs them for data-filter templates and
 * trigger-parameter templates: `template.New("param").Funcs(sprig.FuncMap()).Parse(text)`
 * then `Execute` with `{"Input": ...}`.
 *
 * Parsed templates are cached by text (bounded), since the same parameter template is
 * rendered once per event.
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
}

const DEFAULT_NAME = 'param';
const CACHE_LIMIT = 256;
const parseCache = new Map<string, TreeSet | GoTemplateError>();

const systemClock: Clock = () => new GoTime(Date.now());
const defaultFuncs = buildFuncs(systemClock);

/** Builtins first, then sprig: Go looks up a template's own functions before the builtins. */
function buildFuncs(clock: Clock): Map<string, GoFunc> {
  const funcs = new Map<string, GoFunc>(BUILTIN_FUNCS);
  for (const [name, f] of sprigFuncs(clock)) funcs.set(name, f);
  return funcs;
}

function parseCached(name: string, text: string, funcs: ReadonlyMap<string, GoFunc>): TreeSet {
  const key = `${name}\u0000${text}`;
  let entry = parseCache.get(key);
  if (entry === undefined) {
    try {
      entry = parseTrees(name, text, (fnName) => funcs.has(fnName));
    } catch (err) {
      if (!(err instanceof GoTemplateError)) throw err;
      entry = err;
    }
    if (parseCache.size >= CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
    parseCache.set(key, entry);
  }
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
  const trees = parseCached(name, text, funcs);
  return execute({ trees, funcs, parseName: name, text }, name, data);
}

/**
 * Parse-only check (for lint): returns Go's parse error, or undefined when the template
 * parses. Execution errors (missing keys, wrong types) can only show up when rendering.
 */
export function parseTemplate(text: string, name: string = DEFAULT_NAME): GoTemplateError | undefined {
  try {
    parseCached(name, text, defaultFuncs);
    return undefined;
  } catch (err) {
    if (err instanceof GoTemplateError) return err;
    throw err;
  }
}
