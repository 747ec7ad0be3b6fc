/**
 * Checks a render context against what a template uses, before rendering: Handlebars renders a
 * missing field as '' (so does the controller, which does not use strict mode), treats the string
 * "false" as true, and prints an object as `[object Object]` (the controller: `[object]`). Each of
 * those is a mistake in the context or the template that a render would hide.
 */
/** A render context: the controller's fields (`task_id`, `repository_url`, ...). */
export type RenderContext = Record<string, unknown>;

/** Strings that read as a boolean or a number to a person, but that `if` treats as true. */
const FALSY_LOOKING_STRINGS = new Set(['false', '0', 'no', 'off', 'null', 'nil', 'none', 'undefined']);
/** Elements of a list (or values of an object) an `each` body is checked against. */
const MAX_ELEMENTS_CHECKED = 100;

/** One level of context: `{{#each}}`/`{{#with}}` open one; `expected` is the same level of the example context. */
interface Frame {
  readonly value: unknown;
  readonly expected: unknown;
  /** Block parameters (`as |item index|`) and their values. */
  readonly params?: ReadonlyMap<string, { value: unknown; expected: unknown }>;
}

/** A path resolved against the frames: found or not, its value, and the example's value there. */
type Resolution = { readonly found: true; readonly value: unknown; readonly expected: unknown } | { readonly found: false; readonly missing: string };

/** What kind of JSON value `value` is, in words. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function child(value: unknown, key: string): { found: boolean; value: unknown } {
  if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return { found: false, value: undefined };
  return { found: true, value: (value as Record<string, unknown>)[key] };
}

/** Resolves `path` as Handlebars would; undefined for loop data (`@index`, `@key`, ...), which is always there. */
function resolve(path: hbs.AST.PathExpression, frames: readonly Frame[]): Resolution | undefined {
  let parts = path.parts;
  let frame: Frame | undefined;
  if (path.data) {
    if (parts[0] !== 'root') return undefined;
    frame = frames[0];
    parts = parts.slice(1);
  } else if (path.depth === 0 && parts.length > 0 && frames.some(f => f.params?.has(parts[0]))) {
    const param = [...frames].reverse().find(f => f.params?.has(parts[0]))!.params!.get(parts[0])!;
    frame = { value: param.value, expected: param.expected };
    parts = parts.slice(1);
  } else {
    frame = frames[frames.length - 1 - path.depth];
  }
  if (frame === undefined) return undefined;
  let value = frame.value;
  let expected = frame.expected;
  const walked: string[] = [];
  for (const part of parts) {
    walked.push(part);
    const next = child(value, part);
    if (!next.found) return { found: false, missing: walked.join('.') };
    value = next.value;
    expected = child(expected, part).value;
  }
  return { found: true, value, expected };
}

/**
 * The problems of rendering the template `program` (named `name`) with `context`, one line each as
 * `<name>:<line>: <problem>`: fields the template uses that the context lacks; values of another JSON
 * type than the controller's (`expected`, the example context, when given); `{{x}}` printing an
 * object or a list; `if`/`unless` on a string such as "false", which Handlebars treats as true;
 * `each` over something that is not a list or an object. `contextName` names the context in messages.
 */
export function contextProblems(program: hbs.AST.Program, name: string, context: RenderContext, contextName: string, expected?: RenderContext): string[] {
  const problems = new Set<string>();
  const report = (node: hbs.AST.Node, problem: string): void => {
    problems.add(`${name}:${node.loc?.start.line ?? '?'}: ${problem}`);
  };

  /** Checks a path used as a value; returns its resolution when found. */
  const use = (path: hbs.AST.PathExpression, frames: readonly Frame[]): Resolution | undefined => {
    const resolution = resolve(path, frames);
    if (resolution === undefined) return undefined;
    if (!resolution.found) {
      const field = resolution.missing === path.original ? `"${path.original}"` : `"${resolution.missing}" (of "${path.original}")`;
      report(path, `${field} is not in the context ${contextName}; the template would render it as an empty string`);
      return undefined;
    }
    const { value, expected: example } = resolution;
    if (example !== undefined && kindOf(example) !== kindOf(value)) {
      report(path, `"${path.original}" is ${kindOf(value)} in ${contextName}, but the controller gives ${kindOf(example)} (see the example context)`);
    }
    return resolution;
  };

  const checkParams = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, frames: readonly Frame[]): void => {
    for (const param of [...node.params, ...(node.hash?.pairs.map(pair => pair.value) ?? [])]) {
      if (param.type === 'PathExpression') use(param as hbs.AST.PathExpression, frames);
      else if (param.type === 'SubExpression') checkParams(param as hbs.AST.SubExpression, frames);
    }
  };

  const checkCondition = (block: hbs.AST.BlockStatement | hbs.AST.MustacheStatement, frames: readonly Frame[]): void => {
    const condition = block.params[0];
    if (condition?.type !== 'PathExpression') return checkParams(block, frames);
    const resolution = use(condition as hbs.AST.PathExpression, frames);
    if (resolution?.found && typeof resolution.value === 'string' && FALSY_LOOKING_STRINGS.has(resolution.value.trim().toLowerCase())) {
      const helper = (block.path as hbs.AST.PathExpression).original;
      report(condition, `"${(condition as hbs.AST.PathExpression).original}" is the string ${JSON.stringify(resolution.value)}, which "${helper}" treats as true (only an empty string is false); give a JSON boolean`);
    }
  };

  const walk = (body: hbs.AST.Program | undefined, frames: readonly Frame[]): void => {
    for (const statement of body?.body ?? []) {
      if (statement.type === 'MustacheStatement') {
        const mustache = statement as hbs.AST.MustacheStatement;
        if (mustache.path.type !== 'PathExpression') continue; // a literal prints itself
        const hasArguments = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0;
        if (hasArguments) {
          const helper = (mustache.path as hbs.AST.PathExpression).original;
          if (helper === 'if' || helper === 'unless') checkCondition(mustache, frames);
          else checkParams(mustache, frames);
          continue;
        }
        const resolution = use(mustache.path as hbs.AST.PathExpression, frames);
        if (!resolution?.found) continue;
        const original = (mustache.path as hbs.AST.PathExpression).original;
        if (Array.isArray(resolution.value)) {
          report(mustache, `"${original}" is a list: {{${original}}} prints its elements joined with commas here and as "[a, b]" in the controller; use {{#each ${original}}}`);
        } else if (typeof resolution.value === 'object' && resolution.value !== null) {
          const fields = Object.keys(resolution.value).slice(0, 3).map(key => `${original}.${key}`).join(', ');
          report(mustache, `"${original}" is an object: {{${original}}} prints "[object Object]" here and "[object]" in the controller; use its fields${fields ? ` (${fields})` : ''}`);
        }
      } else if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        const helper = block.path.type === 'PathExpression' ? block.path.original : '';
        if (helper === 'if' || helper === 'unless') {
          checkCondition(block, frames);
          walk(block.program, frames);
        } else if (helper === 'with' || helper === 'each') {
          const subject = block.params[0];
          const resolution = subject?.type === 'PathExpression' ? use(subject as hbs.AST.PathExpression, frames) : (checkParams(block, frames), undefined);
          if (resolution?.found) walkScoped(block, helper, resolution, frames);
        } else {
          checkParams(block, frames);
          walk(block.program, frames);
        }
        walk(block.inverse, frames);
      }
      // Content, comments; partials and decorators are refused when the template compiles.
    }
  };

  const walkScoped = (block: hbs.AST.BlockStatement, helper: string, subject: Extract<Resolution, { found: true }>, frames: readonly Frame[]): void => {
    const [itemName, keyName] = block.program.blockParams ?? [];
    const enter = (value: unknown, expectedValue: unknown, key: unknown): void => {
      const params = new Map<string, { value: unknown; expected: unknown }>();
      if (itemName !== undefined) params.set(itemName, { value, expected: expectedValue });
      if (keyName !== undefined) params.set(keyName, { value: key, expected: undefined });
      walk(block.program, [...frames, { value, expected: expectedValue, params }]);
    };
    if (helper === 'with') {
      if (subject.value !== null && subject.value !== undefined) enter(subject.value, subject.expected, undefined);
      return;
    }
    const elementsOf = (value: unknown): [unknown, unknown][] => {
      if (Array.isArray(value)) return value.map((element, i) => [element, i]);
      if (typeof value === 'object' && value !== null) return Object.entries(value).map(([key, element]) => [element, key]);
      return [];
    };
    if (typeof subject.value !== 'object' || subject.value === null) {
      report(block, `"each" needs a list or an object, but "${(block.params[0] as hbs.AST.PathExpression).original}" is ${kindOf(subject.value)}`);
      return;
    }
    const expectedElement = elementsOf(subject.expected)[0]?.[0];
    for (const [element, key] of elementsOf(subject.value).slice(0, MAX_ELEMENTS_CHECKED)) enter(element, expectedElement, key);
  };

  walk(program, [{ value: context, expected }]);
  return [...problems];
}
