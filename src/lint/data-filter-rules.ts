/**
 * Rules on data-filter values and comparators (reference §3): string values are RE2 regexes
 * searched unanchored, several values mean "any of", and a comparator the filter does not
 * know never matches.
 */
import { RE2JS } from 're2js';
import { GoNumError, parseBool, parseFloat } from '../engine/go/strconv';
import { re2CompileError } from '../filters/regex';
import { error, warning, withFix, type ObjectFinding } from './findings';
import type { DataFilterModel } from '../engine/model';
import { dataFiltersOf, modelOf, type SensorInput } from './sensor-model';

/** Comparators the controller accepts (reference §9). */
export const DATA_FILTER_COMPARATORS: readonly string[] = ['>=', '>', '=', '!=', '<', '<=', ''];
const TYPES = ['bool', 'number', 'string'];

/**
 * Last path keys of prose fields (commit messages, titles, bodies): searching them for a
 * substring is the intent, so an unanchored literal is not reported there.
 */
const PROSE_KEYS = new Set(['message', 'title', 'display_title', 'body', 'description']);

/**
 * Rules `unanchored-literal`, `anchored-alternation`, `regex-metachar-in-literal`, `bad-regex`,
 * `negative-multi-value`, `unsupported-comparator`, `data-filter-type`, `data-filter-value`.
 * A value that can no longer match what it names (an invalid regex, `[skip ci]` as a
 * character class, `feat(scope)` as a group) is an error: the intended events are dropped. A
 * value that matches more than it names (unanchored, `^a|b$`, an unescaped `.`) is a warning:
 * the intended events still pass, and look-alikes may too.
 */
export function dataFilterRules(sensor: SensorInput): ObjectFinding[] {
  return dataFiltersOf(modelOf(sensor)).flatMap(({ filter }) => checkDataFilter(filter));
}

function checkDataFilter({ raw: filter, path }: DataFilterModel): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  const type = typeof filter.type === 'string' ? filter.type : undefined;
  const comparator = typeof filter.comparator === 'string' ? filter.comparator : '';
  const values = Array.isArray(filter.value) ? filter.value : [];
  const filterPath = typeof filter.path === 'string' ? filter.path : '';
  if (type !== undefined && type !== '' && !TYPES.includes(type)) {
    findings.push(error([...path, 'type'], 'data-filter-type',
      `type ${JSON.stringify(type)} fails at run time (unsupported JSON type '${type}') and drops every event; use string, number or bool`));
  }
  const comparatorProblem = comparatorMessage(comparator, type);
  if (comparatorProblem) findings.push(error([...path, 'comparator'], 'unsupported-comparator', comparatorProblem));
  if (comparator === '!=' && values.length > 1 && type !== 'bool') {
    findings.push(error([...path, 'value'], 'negative-multi-value',
      `comparator != with ${values.length} values passes every event, since any value differs from at least one of them; use one value, e.g. a regex ^(?:a|b)$`));
  }
  values.forEach((value, i) => {
    if (typeof value !== 'string' || value === '') return;
    const at = [...path, 'value', i];
    if (type === 'string') findings.push(...checkStringValue(value, comparator, filterPath, at));
    else if (type === 'number') findings.push(...checkParsed(value, parseFloat, at, 'number'));
    else if (type === 'bool') findings.push(...checkParsed(value, parseBool, at, 'bool'));
  });
  return findings;
}

function comparatorMessage(comparator: string, type: string | undefined): string | undefined {
  if (!DATA_FILTER_COMPARATORS.includes(comparator)) {
    const hint = comparator === '!~' ? 'use != (string values are already regexes)'
      : comparator === '=~' || comparator === '~' || comparator === 'regex' ? 'use = (string values are already regexes)'
        : /^(not ?in|nin)$/i.test(comparator) ? 'use != with one anchored alternation such as ^(?:a|b)$'
          : /^in$/i.test(comparator) ? 'use = with several values (any of them matches), anchored as ^value$'
            : `use one of ${DATA_FILTER_COMPARATORS.filter(c => c !== '').join(' ')}`;
    return `comparator ${JSON.stringify(comparator)} is not supported: the controller rejects the Sensor (and the filter would never match); ${hint}`;
  }
  if (type === 'string' && !['', '=', '!='].includes(comparator)) {
    return `comparator ${comparator} never matches a string filter (only = and != apply to regexes): the dependency drops every event; use type number or an = regex`;
  }
  if (type === 'bool' && !['', '='].includes(comparator)) {
    return `a bool filter ignores comparator ${comparator} and matches on equality; write the value you want (e.g. "false") with no comparator`;
  }
  return undefined;
}

function checkParsed(value: string, parse: (s: string) => unknown, at: (string | number)[], type: string): ObjectFinding[] {
  try {
    parse(value);
    return [];
  } catch (err) {
    if (!(err instanceof GoNumError)) throw err;
    return [error(at, 'data-filter-value', `${type} value ${JSON.stringify(value)} does not parse (${err.message}): the filter errors and drops the event`)];
  }
}

/** A regex split into its optional leading flag group, anchors and core. */
interface RegexShape {
  /** The leading flag group (`(?i)`), or `''`. */
  readonly flags: string;
  readonly core: string;
  readonly anchoredStart: boolean;
  readonly anchoredEnd: boolean;
}

function shapeOf(value: string): RegexShape {
  const flags = /^\(\?[imsU-]+\)/.exec(value)?.[0] ?? '';
  let rest = value.slice(flags.length);
  const anchoredStart = /^(\^|\\A)/.test(rest);
  if (anchoredStart) rest = rest.replace(/^(\^|\\A)/, '');
  // `$` counts when not escaped: an even number of backslashes before it.
  const end = /(?:^|[^\\])(?:\\\\)*(\$|\\z)$/.exec(rest);
  const anchoredEnd = end !== null;
  if (end) rest = rest.slice(0, rest.length - end[1].length);
  return { flags, core: rest, anchoredStart, anchoredEnd };
}

/** The core with escaped punctuation replaced by placeholders, or undefined when it has other regex syntax. */
function literalText(core: string): string | undefined {
  // An escaped punctuation character is a literal; `\d`, `\w`... are classes.
  const unescaped = core.replace(/\\[^A-Za-z0-9]/g, '_');
  if (/[\\^$*+?()[\]{}|]/.test(unescaped)) return undefined;
  return unescaped;
}

/**
 * The alternatives of a core that is only literal words joined by top-level `|` (`a|b`,
 * `^a|b$` once anchors are split off), or undefined.
 */
function literalAlternatives(core: string): string[] | undefined {
  const parts = core.split(/(?<!\\)\|/);
  if (parts.length < 2) return undefined;
  return parts.every(part => part !== '' && literalText(part) !== undefined) ? parts : undefined;
}

/** A `(word)` group in an otherwise literal core (`feat(scope)`), written where parentheses were meant, or undefined. */
function literalGroup(core: string): string | undefined {
  const match = /(?<!\\)\(([A-Za-z0-9_ .,:/-]+)(?<!\\)\)/.exec(core);
  if (!match) return undefined;
  const before = core.slice(0, match.index);
  const after = core.slice(match.index + match[0].length);
  // Literal text around the group, and the rest literal once the parentheses are gone.
  return /[A-Za-z0-9]/.test(before + after) && literalText(before + match[1] + after) !== undefined ? match[0] : undefined;
}

/** Unescaped `.` between word characters: a repository name, version or host written as a regex. */
function hasLiteralDot(literal: string): boolean {
  return /[A-Za-z0-9_-]\.[A-Za-z0-9_-]/.test(literal);
}

function checkStringValue(value: string, comparator: string, filterPath: string, at: (string | number)[]): ObjectFinding[] {
  const compileError = re2CompileError(value);
  if (compileError) {
    return [error(at, 'bad-regex', `value ${JSON.stringify(value)} is not a valid RE2 regex (${compileError}): the filter errors and drops every event; escape metacharacters such as [ ] ( ) with \\`)];
  }
  const findings: ObjectFinding[] = [];
  for (const wordClass of wordLikeClasses(value)) {
    findings.push(withFix(error(at, 'regex-metachar-in-literal',
      `${wordClass} in ${JSON.stringify(value)} is a character class matching one character, not the text ${wordClass}; escape the brackets: ${RE2JS.quote(wordClass)}`),
    { kind: 'rewrite-string', rewrite: current => current.split(wordClass).join(RE2JS.quote(wordClass)) }));
  }
  const shape = shapeOf(value);
  const group = literalGroup(shape.core);
  if (group !== undefined) {
    findings.push(withFix(error(at, 'regex-metachar-in-literal',
      `${group} in ${JSON.stringify(value)} is a regex group, so the filter matches the text without the parentheses; escape them: ${RE2JS.quote(group)}`),
    { kind: 'rewrite-string', rewrite: current => current.split(group).join(RE2JS.quote(group)) }));
  }
  const alternatives = literalAlternatives(shape.core);
  if (alternatives !== undefined) {
    const grouped = `${shape.flags}^(?:${alternatives.join('|')})$`;
    const groupFix = { kind: 'rewrite-string', rewrite: groupAlternatives } as const;
    if (shape.anchoredStart || shape.anchoredEnd) {
      findings.push(withFix(warning(at, 'anchored-alternation',
        `in ${JSON.stringify(value)} the anchors bind to the first and last alternatives only (| has the lowest precedence), so the others match anywhere; group them: ${grouped}`), groupFix));
    } else if (!PROSE_KEYS.has(filterPath.split('.').pop() ?? '')) {
      findings.push(withFix(warning(at, 'unanchored-literal',
        `value ${JSON.stringify(value)} is searched unanchored, so it also matches any value containing one of the alternatives; anchor the group: ${grouped}`), groupFix));
    }
    return findings;
  }
  const literal = literalText(shape.core);
  if (literal === undefined) return findings;
  if (hasLiteralDot(literal)) {
    findings.push(withFix(warning(at, 'regex-metachar-in-literal',
      `"." in ${JSON.stringify(value)} matches any character, so the filter also matches other names; escape it as \\.`),
    { kind: 'rewrite-string', rewrite: escapeLiteralDots }));
  }
  const lastKey = filterPath.split('.').pop() ?? '';
  if (!shape.anchoredStart && !shape.anchoredEnd && !PROSE_KEYS.has(lastKey)) {
    const effect = comparator === '!='
      ? 'so != also rejects every value that merely contains it'
      : `so it also matches any value containing it (e.g. ${JSON.stringify(`x_${shape.core}`)})`;
    findings.push(withFix(warning(at, 'unanchored-literal',
      `value ${JSON.stringify(value)} is searched unanchored, ${effect}; anchor it: ${shape.flags}^${shape.core}$`),
    { kind: 'rewrite-string', rewrite: anchorLiteral }));
  }
  return findings;
}

/** `^a|b$` or `a|b` as `^(?:a|b)$`, keeping a leading flag group; undefined when the text is no longer such an alternation. */
function groupAlternatives(value: string): string | undefined {
  const shape = shapeOf(value);
  const alternatives = literalAlternatives(shape.core);
  return alternatives && `${shape.flags}^(?:${alternatives.join('|')})$`;
}

/** `failure` as `^failure$`, keeping a leading flag group; a value anchored at either end stays. */
function anchorLiteral(value: string): string {
  const shape = shapeOf(value);
  return shape.anchoredStart || shape.anchoredEnd ? value : `${shape.flags}^${shape.core}$`;
}

/** Every unescaped `.` between word characters escaped (`cto.docs` as `cto\\.docs`). */
function escapeLiteralDots(value: string): string {
  return value.replace(/([A-Za-z0-9_-])\.(?=[A-Za-z0-9_-])/g, '$1\\.');
}

/** Bracket expressions whose content reads as a word (`[skip ci]`, `[bot]`) rather than a set or ranges. */
function wordLikeClasses(value: string): string[] {
  const found: string[] = [];
  const classPattern = /(?:^|[^\\])(?:\\\\)*(\[[^\]]+\])/g;
  for (let match = classPattern.exec(value); match; match = classPattern.exec(value)) {
    const whole = match[1];
    const content = whole.slice(1, -1);
    if (content.startsWith('^') || content.startsWith(':')) continue;
    const withoutRanges = content.replace(/[A-Za-z0-9]-[A-Za-z0-9]/g, '');
    if (/[A-Za-z]{2}| /.test(withoutRanges)) found.push(whole);
  }
  return found;
}
