/**
 * Expr filters (reference §4): bind gjson values to govaluate parameters, evaluate, and
 * pass only on boolean `true`, with Go's AND/OR control flow and error texts.
 */
import { hasNilData, type SensorEvent } from '../event';
import { evaluate, GovaluateError, parseExpression } from '../govaluate';
import { BoundedCache } from './bounded-cache';
import { exprSubject, FAIL, failWith, FilterOutcome, filterError, filterErrors, isOr, PASS, StepSink } from './outcome';
import { eventPayload } from './payload';
import { ExprFilterSpec, readExprFilters } from './spec';

type ParsedExpression = ReturnType<typeof parseExpression>;

type CachedExpression = { readonly parsed: ParsedExpression } | { readonly error: string };

const expressionCache = new BoundedCache<CachedExpression>(1024);

/** govaluate `NewEvaluableExpression`, memoized; a parse error is kept as its text. */
function parseCached(expression: string): CachedExpression {
  return expressionCache.getOrCompute(expression, (text) => {
    try {
      return { parsed: parseExpression(text) };
    } catch (err) {
      if (err instanceof GovaluateError) return { error: err.message };
      throw err;
    }
  });
}

/**
 * Evaluates a dependency's expr filters like Argo Events' `filterExpr`.
 * `exprs` is the `filters.exprs` list as parsed YAML (undefined/null = nil).
 * @throws FilterSpecError when the list is not decodable
 */
export function filterExprs(event: SensorEvent | null, exprs: unknown, logicalOperator?: string): FilterOutcome {
  return evaluateExprFilters(event, readExprFilters(exprs), logicalOperator ?? '', undefined);
}

/** Typed expr filters with an explanation sink; the engine behind {@link filterExprs}. */
export function evaluateExprFilters(
  event: SensorEvent | null,
  items: readonly ExprFilterSpec[] | null,
  operator: string,
  steps: StepSink,
): FilterOutcome {
  if (items === null) return PASS;
  if (event === null) return failWith(filterError('expr', 'nil event'));
  if (hasNilData(event)) return PASS;
  const view = eventPayload(event);
  if (!view.valid) return failWith(filterError('expr', 'event data not valid JSON'));
  const or = isOr(operator);
  const errors: string[] = [];

  items: for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const explain = (text: string, passed: boolean, error?: string): void => {
      const subject = exprSubject(index, item.expr);
      steps?.push({ kind: 'expr', index, subject, description: `${subject}: ${text}`, passed, ...(error === undefined ? {} : { error }) });
    };
    const itemError = (message: string, context: string): FilterOutcome | undefined => {
      explain(`${context}error: ${message}`, false, message);
      if (or) {
        errors.push(message);
        return undefined;
      }
      return failWith(filterError('expr', message));
    };

    // Every field is bound before evaluation, so a missing path fails even if unused.
    const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    let bound = 0;
    for (const field of item.fields) {
      const result = view.get(field.path);
      if (!result.exists) {
        const stop = itemError(`path '${field.path}' does not exist`, '');
        if (stop) return stop;
        continue items;
      }
      if (!(field.name in params)) bound++;
      params[field.name] = result.value();
    }
    if (bound === 0) {
      explain('skipped (no fields bound)', true);
      continue;
    }
    const bindings = steps === undefined ? '' : `with ${describeParams(params)} `;
    const parsed = parseCached(item.expr);
    if ('error' in parsed) {
      const stop = itemError(parsed.error, bindings);
      if (stop) return stop;
      continue;
    }
    let value: unknown;
    try {
      value = evaluate(parsed.parsed, params);
    } catch (err) {
      if (!(err instanceof GovaluateError)) throw err;
      const stop = itemError(err.message, bindings);
      if (stop) return stop;
      continue;
    }
    // Go compares the interface{} result with `true`: only boolean true passes.
    if (value === true) {
      explain(`${bindings}-> true`, true);
      if (or) return PASS;
    } else {
      explain(`${bindings}-> ${describeResult(value)}`, false);
      if (!or) return FAIL;
    }
  }
  if (or) return errors.length > 0 ? failWith(filterErrors('expr', errors)) : FAIL;
  return PASS;
}

const PARAM_LIMIT = 60;

function describeParams(params: Record<string, unknown>): string {
  const parts = Object.keys(params).map((name) => `${name}=${describeResult(params[name])}`);
  return `{${parts.join(', ')}}`;
}

function describeResult(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > PARAM_LIMIT ? `${text.slice(0, PARAM_LIMIT)}...` : text;
}
