/**
 * Context filter (reference §5): exact equality on the non-empty ones of `type`,
 * `subject`, `source` and `datacontenttype`. Never an error.
 */
import type { EventContext } from '../event';
import { ContextFilterSpec, readContextFilter } from './spec';
import type { ContextComparison, ContextFilterStep } from './outcome';

const COMPARED: readonly (keyof ContextFilterSpec)[] = ['type', 'subject', 'source', 'datacontenttype'];

/**
 * Argo Events' `filterContext`: true when no context filter is configured, false for a nil
 * actual context, else every non-empty expected field must equal the actual one.
 * `expected` is the `filters.context` object as parsed YAML (undefined/null = nil).
 * @throws FilterSpecError when the object is not decodable
 */
export function filterContext(expected: unknown, actual: EventContext | null): boolean {
  return evaluateContextFilter(readContextFilter(expected), actual).passed;
}

/** Typed context filter with its step (none when no context filter is configured); the engine behind {@link filterContext}. */
export function evaluateContextFilter(expected: ContextFilterSpec | null, actual: EventContext | null): { passed: boolean; step?: ContextFilterStep } {
  if (expected === null) return { passed: true };
  if (actual === null) return { passed: false, step: { kind: 'context', subject: 'context', passed: false } };
  let passed = true;
  const comparisons: ContextComparison[] = [];
  for (const field of COMPARED) {
    if (expected[field] === '') continue;
    passed = passed && expected[field] === actual[field];
    comparisons.push({ field, actual: actual[field], expected: expected[field] });
  }
  return { passed, step: { kind: 'context', subject: 'context', passed, comparisons } };
}
