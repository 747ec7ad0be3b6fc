/**
 * Data filters (reference §3): gjson path, optional template, then bool / number / RE2
 * string comparison, with Go's AND/OR control flow and error texts.
 */
import { RE2JS } from 're2js';
import { hasNilData } from '../event';
import { newEvaluationCaches, type CompiledRegex, type EvaluationCaches } from '../evaluation-caches';
import { parse } from '../gjson/result';
import type { GjsonResult } from '../gjson';
import { parseBool, parseFloat as goParseFloat, quote } from '../go/strconv';
import { filterInput, type FilterInput } from './input';
import { dataSubject, filterError, filterErrors, isOr, type DataComparison, type DataFilterStep, type FilterOutcome, type StepsOutcome } from './outcome';
import { DataFilterSpec, readDataFilters } from './spec';
import { renderFilterTemplate } from './template';
import type { SensorEvent } from '../event';

/** Go `regexp.Compile` through `caches`; the error text is Go's (`error parsing regexp: ...`). */
export function compileGoRegex(pattern: string, caches: EvaluationCaches = newEvaluationCaches()): CompiledRegex {
  return caches.regexes.getOrCompute(pattern, (p) => {
    try {
      return RE2JS.compile(p);
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
}

/**
 * Evaluates a dependency's data filters like Argo Events' `filterData`.
 * `data` is the `filters.data` list as parsed YAML (undefined/null = nil).
 * @throws FilterSpecError when the list is not decodable
 */
export function filterData(event: SensorEvent | null, data: unknown, logicalOperator?: string): FilterOutcome {
  const { passed, error } = evaluateDataFilters(filterInput(event), readDataFilters(data), logicalOperator ?? '', newEvaluationCaches());
  return { passed, error };
}

/** What happened to one value of an item. */
type ValueVerdict = { readonly kind: 'match' } | { readonly kind: 'nomatch' } | { readonly kind: 'error'; readonly message: string };

const NO_MATCH: ValueVerdict = { kind: 'nomatch' };
const MATCH: ValueVerdict = { kind: 'match' };

/** Typed data filters, with the step each evaluated item took; the engine behind {@link filterData}. */
export function evaluateDataFilters(
  input: FilterInput,
  items: readonly DataFilterSpec[] | null,
  operator: string,
  caches: EvaluationCaches,
): StepsOutcome<DataFilterStep> {
  const steps: DataFilterStep[] = [];
  const done = (passed: boolean, error: string | null = null): StepsOutcome<DataFilterStep> => ({ passed, error, steps });
  if (items === null || items.length === 0) return done(true);
  const { event } = input;
  if (event === null) return done(false, filterError('data', 'nil Event'));
  if (hasNilData(event)) return done(true);
  const view = input.payload();
  if (!view.valid) return done(false, filterError('data', 'event data not valid JSON'));
  const or = isOr(operator);
  const errors: string[] = [];

  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const subject = dataSubject(index, item.path);
    // A problem with this item: AND stops with the error, OR records it and moves on.
    const itemError = (message: string, seen: Pick<DataFilterStep, 'templateOutput' | 'comparison'> = {}): StepsOutcome<DataFilterStep> | undefined => {
      const step: { -readonly [K in keyof DataFilterStep]: DataFilterStep[K] } = { kind: 'data', index, subject, passed: false, error: message };
      // Only what the item got to: a step has no `templateOutput` key before its template rendered.
      if (seen.templateOutput !== undefined) step.templateOutput = seen.templateOutput;
      if (seen.comparison !== undefined) step.comparison = seen.comparison;
      steps.push(step);
      if (or) {
        errors.push(message);
        return undefined;
      }
      return done(false, filterError('data', message));
    };

    let result: GjsonResult = view.get(item.path);
    if (!result.exists) {
      const stop = itemError(`path '${item.path}' does not exist`);
      if (stop) return stop;
      continue;
    }
    if (item.value === null || item.value.length === 0) {
      const stop = itemError('no values specified');
      if (stop) return stop;
      continue;
    }
    let templateOutput: string | undefined;
    if (item.template !== '') {
      const rendered = renderFilterTemplate(item.template, result.string(), caches.templates);
      if ('error' in rendered) {
        const stop = itemError(rendered.error);
        if (stop) return stop;
        continue;
      }
      templateOutput = rendered.output;
      if (templateOutput === '' || templateOutput === '<no value>') {
        const message = or
          ? `template evaluated to empty string or no value: '${item.template}'`
          : `template '${item.template}' evaluated to empty string or no value`;
        const stop = itemError(message, { templateOutput });
        if (stop) return stop;
        continue;
      }
      // Go: gjson.Parse(strconv.Quote(out)), so Go-only escapes in the quoted text behave as gjson reads them.
      result = parse(quote(templateOutput));
    }

    const compared = compareItem(item, result, caches);
    if (compared === undefined) {
      const stop = itemError(`unsupported JSON type '${item.type}'`, { templateOutput });
      if (stop) return stop;
      continue;
    }
    const { verdict, comparison } = compared;
    if (verdict.kind === 'error') {
      // A value that does not parse/compile: reached only because earlier values did not match.
      const stop = itemError(verdict.message, { templateOutput, comparison });
      if (stop) return stop;
      continue;
    }
    const passed = verdict.kind === 'match';
    steps.push(templateOutput === undefined
      ? { kind: 'data', index, subject, passed, comparison }
      : { kind: 'data', index, subject, passed, templateOutput, comparison });
    if (passed && or) return done(true);
    if (!passed && !or) return done(false);
  }
  if (or) return errors.length > 0 ? done(false, filterErrors('data', errors)) : done(false);
  return done(true);
}

/**
 * Tries the item's values in order until one matches or one fails to parse: the last
 * verdict, and what was compared. Undefined for a type the sensor does not support.
 */
function compareItem(item: DataFilterSpec, result: GjsonResult, caches: EvaluationCaches): { verdict: ValueVerdict; comparison: DataComparison } | undefined {
  const values = item.value ?? [];
  const tryValues = (type: DataComparison['type'], actual: DataComparison['actual'], check: (value: string) => ValueVerdict) => {
    let verdict: ValueVerdict = NO_MATCH;
    let tried = 0;
    while (tried < values.length) {
      verdict = check(values[tried++]);
      if (verdict.kind !== 'nomatch') break;
    }
    const comparison: DataComparison = { type, actual, comparator: item.comparator, tried: values.slice(0, tried), total: values.length };
    return { verdict, comparison };
  };
  switch (item.type) {
    case 'bool': {
      const actual = result.bool();
      return tryValues('bool', actual, (value) => {
        let expected: boolean;
        try {
          expected = parseBool(value);
        } catch (err) {
          return { kind: 'error', message: (err as Error).message };
        }
        return expected === actual ? MATCH : NO_MATCH;
      });
    }
    case 'number': {
      const actual = result.float();
      return tryValues('number', actual, (value) => {
        let expected: number;
        try {
          expected = goParseFloat(value);
        } catch (err) {
          return { kind: 'error', message: (err as Error).message };
        }
        return compareFloat(item.comparator, actual, expected) ? MATCH : NO_MATCH;
      });
    }
    case 'string': {
      const text = result.string();
      return tryValues('string', text, (value) => {
        const regex = compileGoRegex(value, caches);
        if (!(regex instanceof RE2JS)) return { kind: 'error', message: regex.error };
        const found = regex.test(text);
        switch (item.comparator) {
          case '=':
          case '':
            return found ? MATCH : NO_MATCH;
          case '!=':
            return found ? NO_MATCH : MATCH;
          default:
            return NO_MATCH;
        }
      });
    }
    default:
      return undefined;
  }
}

/** Argo's `compareFloat`: `=`/`""` equality, `!=`, `>`, `>=`, `<`, `<=`; anything else never matches. */
export function compareFloat(comparator: string, eventValue: number, filterValue: number): boolean {
  switch (comparator) {
    case '>=':
      return eventValue >= filterValue;
    case '>':
      return eventValue > filterValue;
    case '<':
      return eventValue < filterValue;
    case '<=':
      return eventValue <= filterValue;
    case '!=':
      return eventValue !== filterValue;
    case '=':
    case '':
      return eventValue === filterValue;
    default:
      return false;
  }
}
