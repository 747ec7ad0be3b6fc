/**
 * Expr filters (reference §4): bind gjson values to govaluate parameters, evaluate, and
 * pass only on boolean `true`, with Go's AND/OR control flow and error texts.
 */
import { hasNilData, type SensorEvent } from '../event';
import { newEvaluationCaches, type CompiledExpression, type EvaluationCaches } from '../evaluation-caches';
import { evaluate, GovaluateError, parseExpression } from '../govaluate';
import { filterInput, type FilterInput } from './input';
import { exprSubject, filterError, filterErrors, isOr, type ExprFilterStep, type FilterOutcome, type StepsOutcome } from './outcome';
import { ExprFilterSpec, readExprFilters } from './spec';

/** govaluate `NewEvaluableExpression` through `caches`; a parse error is kept as its text. */
function compileExpression(expression: string, caches: EvaluationCaches): CompiledExpression {
  return caches.expressions.getOrCompute(expression, (text) => {
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
  const { passed, error } = evaluateExprFilters(filterInput(event), readExprFilters(exprs), logicalOperator ?? '', newEvaluationCaches());
  return { passed, error };
}

/** Typed expr filters, with the step each evaluated item took; the engine behind {@link filterExprs}. */
export function evaluateExprFilters(
  input: FilterInput,
  items: readonly ExprFilterSpec[] | null,
  operator: string,
  caches: EvaluationCaches,
): StepsOutcome<ExprFilterStep> {
  const steps: ExprFilterStep[] = [];
  const done = (passed: boolean, error: string | null = null): StepsOutcome<ExprFilterStep> => ({ passed, error, steps });
  if (items === null) return done(true);
  const { event } = input;
  if (event === null) return done(false, filterError('expr', 'nil event'));
  if (hasNilData(event)) return done(true);
  const view = input.payload();
  if (!view.valid) return done(false, filterError('expr', 'event data not valid JSON'));
  const or = isOr(operator);
  const errors: string[] = [];

  items: for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const subject = exprSubject(index, item.expr);
    const itemError = (message: string, bindings?: Record<string, unknown>): StepsOutcome<ExprFilterStep> | undefined => {
      steps.push({ kind: 'expr', index, subject, passed: false, error: message, ...(bindings === undefined ? {} : { bindings }) });
      if (or) {
        errors.push(message);
        return undefined;
      }
      return done(false, filterError('expr', message));
    };

    // Every field is bound before evaluation, so a missing path fails even if unused.
    const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    let bound = 0;
    for (const field of item.fields) {
      const result = view.get(field.path);
      if (!result.exists) {
        const stop = itemError(`path '${field.path}' does not exist`);
        if (stop) return stop;
        continue items;
      }
      if (!(field.name in params)) bound++;
      params[field.name] = result.value();
    }
    if (bound === 0) {
      steps.push({ kind: 'expr', index, subject, passed: true, skipped: true });
      continue;
    }
    const compiled = compileExpression(item.expr, caches);
    if ('error' in compiled) {
      const stop = itemError(compiled.error, params);
      if (stop) return stop;
      continue;
    }
    let result: unknown;
    try {
      result = evaluate(compiled.parsed, params);
    } catch (err) {
      if (!(err instanceof GovaluateError)) throw err;
      const stop = itemError(err.message, params);
      if (stop) return stop;
      continue;
    }
    // Go compares the interface{} result with `true`: only boolean true passes.
    const passed = result === true;
    steps.push({ kind: 'expr', index, subject, passed, bindings: params, result });
    if (passed && or) return done(true);
    if (!passed && !or) return done(false);
  }
  if (or) return errors.length > 0 ? done(false, filterErrors('expr', errors)) : done(false);
  return done(true);
}
