/**
 * Context filter (reference §5): exact equality on the non-empty ones of `type`,
 * `subject`, `source` and `datacontenttype`. Never an error.
 */
import type { EventContext } from '../event';
import { ContextFilterSpec, readContextFilter } from './spec';
import type { StepSink } from './outcome';

const COMPARED: readonly (keyof ContextFilterSpec)[] = ['type', 'subject', 'source', 'datacontenttype'];

/**
 * Argo Events' `filterContext`: true when no context filter is configured, false for a nil
 * actual context, else every non-empty expected field must equal the actual one.
 * `expected` is the `filters.context` object as parsed YAML (undefined/null = nil).
 * @throws FilterSpecError when the object is not decodable
 */
export function filterContext(expected: unknown, actual: EventContext | null): boolean {
  return evaluateContextFilter(readContextFilter(expected), actual, undefined);
}

/** Typed context filter with an explanation sink; the engine behind {@link filterContext}. */
export function evaluateContextFilter(expected: ContextFilterSpec | null, actual: EventContext | null, steps: StepSink): boolean {
  if (expected === null) return true;
  if (actual === null) {
    steps?.push({ kind: 'context', subject: 'context', description: 'context: event has no context -> no match', passed: false });
    return false;
  }
  let passed = true;
  const parts: string[] = [];
  for (const field of COMPARED) {
    if (expected[field] === '') continue;
    const equal = expected[field] === actual[field];
    passed = passed && equal;
    parts.push(`${field} ${JSON.stringify(actual[field])} ${equal ? '==' : '!='} ${JSON.stringify(expected[field])}`);
  }
  const detail = parts.length === 0 ? 'no fields to compare' : parts.join(', ');
  steps?.push({ kind: 'context', subject: 'context', description: `context: ${detail} -> ${passed ? 'match' : 'no match'}`, passed });
  return passed;
}
