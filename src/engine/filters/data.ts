/**
 * Data filters (reference §3): gjson path, optional template, then bool / number / RE2
 * string comparison, with Go's AND/OR control flow and error texts.
 */
import { RE2JS } from 're2js';
import { hasNilData, type SensorEvent } from '../event';
import { parse } from '../gjson/result';
import type { GjsonResult } from '../gjson';
import { parseBool, parseFloat as goParseFloat, quote } from '../go/strconv';
import { BoundedCache } from './bounded-cache';
import { eventPayload } from './payload';
import { dataSubject, FAIL, failWith, FilterOutcome, filterError, filterErrors, isOr, PASS, StepSink } from './outcome';
import { DataFilterSpec, readDataFilters } from './spec';
import { renderFilterTemplate } from './template';

/** A compiled RE2 regex, or the Go compile error text. */
type CompiledRegex = RE2JS | { readonly error: string };

const regexCache = new BoundedCache<CompiledRegex>(1024);

/** Go `regexp.Compile`, memoized; the error text is Go's (`error parsing regexp: ...`). */
export function compileGoRegex(pattern: string): CompiledRegex {
  return regexCache.getOrCompute(pattern, (p) => {
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
  return evaluateDataFilters(event, readDataFilters(data), logicalOperator ?? '', undefined);
}

/** What happened to one value of an item. */
type ValueVerdict = { readonly kind: 'match' } | { readonly kind: 'nomatch' } | { readonly kind: 'error'; readonly message: string };

const NO_MATCH: ValueVerdict = { kind: 'nomatch' };
const MATCH: ValueVerdict = { kind: 'match' };

/** Typed data filters with an explanation sink; the engine behind {@link filterData}. */
export function evaluateDataFilters(
  event: SensorEvent | null,
  items: readonly DataFilterSpec[] | null,
  operator: string,
  steps: StepSink,
): FilterOutcome {
  if (items === null || items.length === 0) return PASS;
  if (event === null) return failWith(filterError('data', 'nil Event'));
  if (hasNilData(event)) return PASS;
  const view = eventPayload(event);
  if (!view.valid) return failWith(filterError('data', 'event data not valid JSON'));
  const or = isOr(operator);
  const errors: string[] = [];

  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const explain = steps === undefined ? undefined : (text: string, passed: boolean, error?: string): void => {
      const subject = dataSubject(index, item.path);
      steps.push({ kind: 'data', index, subject, description: `${subject}: ${text}`, passed, ...(error === undefined ? {} : { error }) });
    };
    // A problem with this item: AND stops with the error, OR records it and moves on.
    const itemError = (message: string, shown: string): FilterOutcome | undefined => {
      explain?.(`${shown}error: ${message}`, false, message);
      if (or) {
        errors.push(message);
        return undefined;
      }
      return failWith(filterError('data', message));
    };

    let result: GjsonResult = view.get(item.path);
    if (!result.exists) {
      const stop = itemError(`path '${item.path}' does not exist`, '');
      if (stop) return stop;
      continue;
    }
    if (item.value === null || item.value.length === 0) {
      const stop = itemError('no values specified', '');
      if (stop) return stop;
      continue;
    }
    let templateNote = '';
    if (item.template !== '') {
      const rendered = renderFilterTemplate(item.template, result.string());
      if ('error' in rendered) {
        const message = rendered.error;
        const stop = itemError(message, '');
        if (stop) return stop;
        continue;
      }
      if (rendered.output === '' || rendered.output === '<no value>') {
        const message = or
          ? `template evaluated to empty string or no value: '${item.template}'`
          : `template '${item.template}' evaluated to empty string or no value`;
        const stop = itemError(message, `template -> ${JSON.stringify(rendered.output)}; `);
        if (stop) return stop;
        continue;
      }
      // Go: gjson.Parse(strconv.Quote(out)), so Go-only escapes in the quoted text behave as gjson reads them.
      result = parse(quote(rendered.output));
      templateNote = `template -> ${shorten(rendered.output)}; `;
    }

    const comparison = compareItem(item, result);
    if (comparison.kind === 'unsupported') {
      const stop = itemError(`unsupported JSON type '${item.type}'`, templateNote);
      if (stop) return stop;
      continue;
    }
    const { verdicts, shown, operatorText } = comparison;
    const last = verdicts[verdicts.length - 1];
    const valuesText = describeValues(item.value.slice(0, verdicts.length), item.value.length);
    const prefix = `${templateNote}${shown} ${operatorText} ${valuesText} -> `;
    if (last.kind === 'error') {
      // A value that does not parse/compile: reached only because earlier values did not match.
      const stop = itemError(last.message, prefix);
      if (stop) return stop;
      continue;
    }
    if (last.kind === 'match') {
      const which = item.value.length > 1 ? ` (value ${JSON.stringify(item.value[verdicts.length - 1])})` : '';
      explain?.(`${prefix}match${which}`, true);
      if (or) return PASS;
      continue;
    }
    explain?.(`${prefix}no match`, false);
    if (!or) return FAIL;
  }
  if (or) return errors.length > 0 ? failWith(filterErrors('data', errors)) : FAIL;
  return PASS;
}

type Comparison =
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'compared'; readonly verdicts: ValueVerdict[]; readonly shown: string; readonly operatorText: string };

/**
 * Tries the item's values in order until one matches or one fails to parse; the last
 * verdict tells which (all `nomatch` means no value matched).
 */
function compareItem(item: DataFilterSpec, result: GjsonResult): Comparison {
  const values = item.value ?? [];
  const verdicts: ValueVerdict[] = [];
  const tryValues = (check: (value: string) => ValueVerdict): void => {
    for (const value of values) {
      const verdict = check(value);
      verdicts.push(verdict);
      if (verdict.kind !== 'nomatch') return;
    }
  };
  switch (item.type) {
    case 'bool': {
      const actual = result.bool();
      tryValues((value) => {
        let expected: boolean;
        try {
          expected = parseBool(value);
        } catch (err) {
          return { kind: 'error', message: (err as Error).message };
        }
        return expected === actual ? MATCH : NO_MATCH;
      });
      return { kind: 'compared', verdicts, shown: String(actual), operatorText: '==' };
    }
    case 'number': {
      const actual = result.float();
      tryValues((value) => {
        let expected: number;
        try {
          expected = goParseFloat(value);
        } catch (err) {
          return { kind: 'error', message: (err as Error).message };
        }
        return compareFloat(item.comparator, actual, expected) ? MATCH : NO_MATCH;
      });
      return { kind: 'compared', verdicts, shown: String(actual), operatorText: numberOperatorText(item.comparator) };
    }
    case 'string': {
      const text = result.string();
      tryValues((value) => {
        const regex = compileGoRegex(value);
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
      return { kind: 'compared', verdicts, shown: shorten(text), operatorText: stringOperatorText(item.comparator) };
    }
    default:
      return { kind: 'unsupported' };
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

function numberOperatorText(comparator: string): string {
  if (comparator === '' || comparator === '=') return '==';
  if (['>=', '>', '<', '<=', '!='].includes(comparator)) return comparator;
  return `${comparator} (unsupported comparator, never matches)`;
}

function stringOperatorText(comparator: string): string {
  if (comparator === '' || comparator === '=') return '=~';
  if (comparator === '!=') return '!~';
  return `${comparator} (unsupported comparator, never matches)`;
}

const SHOWN_LIMIT = 80;

/** A JSON-quoted, length-limited rendering of an event value for explanations. */
function shorten(text: string): string {
  return JSON.stringify(text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT)}...` : text);
}

function describeValues(tried: readonly string[], total: number): string {
  if (total === 1) return tried[0];
  const rest = total > tried.length ? `, ... ${total - tried.length} not tried` : '';
  return `[${tried.join(', ')}${rest}]`;
}
