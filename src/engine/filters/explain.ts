/**
 * The readable account of filter steps, made from the steps evaluation returned (the
 * inputs compared and the verdict of each item or kind) after the evaluation is over.
 */
import type { ContextFilterStep, DataComparison, DataFilterStep, ExprFilterStep, FilterStep, ScriptFilterStep, TimeFilterStep } from './outcome';

/** `<subject>: <what was compared> -> <verdict>`, e.g. `data[1] body.action: "completed" =~ ^completed$ -> match`. */
export function describeFilterStep(step: FilterStep): string {
  return `${step.subject}: ${describeDetail(step)}`;
}

function describeDetail(step: FilterStep): string {
  switch (step.kind) {
    case 'data':
      return describeData(step);
    case 'expr':
      return describeExpr(step);
    case 'context':
      return describeContext(step);
    case 'time':
      return describeTime(step);
    case 'script':
      return describeScript(step);
  }
}

function describeData(step: DataFilterStep): string {
  const template = step.templateOutput === undefined ? '' : `template -> ${shorten(step.templateOutput)}; `;
  const comparison = step.comparison === undefined ? '' : `${describeComparison(step.comparison)} -> `;
  if (step.error !== undefined) return `${template}${comparison}error: ${step.error}`;
  if (!step.passed) return `${template}${comparison}no match`;
  const { tried, total } = step.comparison ?? { tried: [], total: 0 };
  const which = total > 1 ? ` (value ${JSON.stringify(tried[tried.length - 1])})` : '';
  return `${template}${comparison}match${which}`;
}

function describeComparison(comparison: DataComparison): string {
  const { type, actual, comparator, tried, total } = comparison;
  const shown = type === 'string' ? shorten(String(actual)) : String(actual);
  const operator = type === 'string' ? stringOperatorText(comparator) : type === 'number' ? numberOperatorText(comparator) : '==';
  return `${shown} ${operator} ${describeValues(tried, total)}`;
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

/** A JSON-quoted, length-limited rendering of an event value. */
function shorten(text: string): string {
  return JSON.stringify(text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT)}...` : text);
}

function describeValues(tried: readonly string[], total: number): string {
  if (total === 1) return tried[0];
  const rest = total > tried.length ? `, ... ${total - tried.length} not tried` : '';
  return `[${tried.join(', ')}${rest}]`;
}

function describeExpr(step: ExprFilterStep): string {
  if (step.skipped === true) return 'skipped (no fields bound)';
  const bindings = step.bindings === undefined ? '' : `with ${describeParams(step.bindings)} `;
  if (step.error !== undefined) return `${bindings}error: ${step.error}`;
  return `${bindings}-> ${step.passed ? 'true' : describeResult(step.result)}`;
}

const PARAM_LIMIT = 60;

function describeParams(params: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(params).map((name) => `${name}=${describeResult(params[name])}`);
  return `{${parts.join(', ')}}`;
}

function describeResult(value: unknown): string {
  let text: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a value JSON cannot show is described as JavaScript prints it
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > PARAM_LIMIT ? `${text.slice(0, PARAM_LIMIT)}...` : text;
}

function describeContext(step: ContextFilterStep): string {
  if (step.comparisons === undefined) return 'event has no context -> no match';
  const parts = step.comparisons.map(({ field, actual, expected }) =>
    `${field} ${JSON.stringify(actual)} ${actual === expected ? '==' : '!='} ${JSON.stringify(expected)}`);
  const detail = parts.length === 0 ? 'no fields to compare' : parts.join(', ');
  return `${detail} -> ${step.passed ? 'match' : 'no match'}`;
}

function describeTime(step: TimeFilterStep): string {
  if (step.window === undefined) return `error: ${step.error ?? ''}`;
  const { start, stop, zone, wraps } = step.window;
  const window = wraps ? `${start} <= t or t < ${stop}` : `${start} <= t < ${stop}`;
  return `${window} (${zone}) -> ${step.passed ? 'inside' : 'outside'}`;
}

function describeScript(step: ScriptFilterStep): string {
  if (step.error !== undefined) return `error: ${step.error}`;
  if (step.nilData === true) return 'nil data -> pass';
  return `returned ${step.passed ? 'true' : 'not true'} -> ${step.passed ? 'pass' : 'no match'}`;
}
