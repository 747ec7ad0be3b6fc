/**
 * Sensor-side filter evaluation (reference §2-§5): what Argo Events' `Filter(event,
 * filters, filtersLogicalOperator)` decides for a dependency, and the steps it took (what each
 * filter item or kind compared; explain.ts makes them readable). Pure: the caller passes the
 * event's input and the caches in.
 */
import { parseEventTime, type EventContext, type Instant, type SensorEvent } from '../event';
import { newEvaluationCaches, type EvaluationCaches } from '../evaluation-caches';
import { evaluateContextFilter } from './context';
import { evaluateDataFilters } from './data';
import { evaluateExprFilters } from './expr';
import { filterInput, type FilterInput } from './input';
import { dataSubject, ERROR_LIST_SEPARATOR, exprSubject, type FilterStep, isOr, type StepsOutcome, type TimeFilterStep } from './outcome';
import { evaluateScriptFilter } from './script';
import { readFilters, type FiltersSpec } from './spec';
import { evaluateTimeFilter } from './time';

export { filterContext } from './context';
export { compareFloat, compileGoRegex, filterData } from './data';
export { describeFilterStep } from './explain';
export { filterExprs } from './expr';
export { filterInput, type FilterInput } from './input';
export { filterScript } from './script';
export { filterTime, parseClockOnDate } from './time';
export { FilterSpecError, readFilters } from './spec';
export type { ContextFilterSpec, DataFilterSpec, ExprFieldSpec, ExprFilterSpec, FiltersSpec, TimeFilterSpec } from './spec';
export { filterError, filterErrors, isOr } from './outcome';
export type { FilterKind, FilterOutcome, FilterStep } from './outcome';

/** What the sensor decides for one event and one dependency. */
export interface FilterVerdict {
  /** True only when the real sensor would pass the event on to its triggers. */
  readonly passed: boolean;
  /** The filter error the sensor logs (at WARN) when it drops the event; null without error. */
  readonly error: string | null;
  /** What was evaluated, one step per filter item or kind, in evaluation order. */
  readonly steps: readonly FilterStep[];
}

/** Subjects of every filter item and kind of `spec`, in evaluation order (steps use the same). */
export function filterSubjects(spec: FiltersSpec): string[] {
  return [
    ...(spec.exprs ?? []).map((item, i) => exprSubject(i, item.expr)),
    ...(spec.data ?? []).map((item, i) => dataSubject(i, item.path)),
    ...(spec.context !== null ? ['context'] : []),
    ...(spec.time !== null ? ['time'] : []),
    ...(spec.script !== '' ? ['script'] : []),
  ];
}

/**
 * Go dereferences `event.Context` for the context and time filters, so an event without
 * a context makes the sensor panic there; reported as an error instead of a crash.
 */
export const NIL_CONTEXT_ERROR =
  'runtime error: invalid memory address or nil pointer dereference (the sensor panics: the event has no context)';

function eventTime(context: EventContext): Instant {
  const instant = parseEventTime(context.time);
  if (instant === undefined) throw new Error(`event context time is not an RFC 3339 time: ${JSON.stringify(context.time)}`);
  return instant;
}

/**
 * Evaluates a dependency's `filters` (parsed YAML; undefined/null = no filters: pass)
 * with the dependency's `filtersLogicalOperator`, exactly as the sensor does (see
 * {@link evaluateFilters}). `caches` default to new ones; pass the same to many calls.
 * @throws FilterSpecError when `filters` is not decodable by the sensor
 */
export function filterEvent(event: SensorEvent | null, filters: unknown, filtersLogicalOperator?: string, caches: EvaluationCaches = newEvaluationCaches()): FilterVerdict {
  return evaluateFilters(filterInput(event), readFilters(filters), filtersLogicalOperator ?? '', caches);
}

/**
 * Argo Events' `Filter(event, filters, filtersLogicalOperator)` (filter.go) over typed filters
 * (null: none, the event passes): kinds in the order exprs, data, context, time, script; AND
 * stops at the first expr/data/time error; OR collects errors; any error drops the event
 * (`passed: false`), even in OR mode. Returns the verdict and the steps taken.
 */
export function evaluateFilters(input: FilterInput, spec: FiltersSpec | null, filtersLogicalOperator: string, caches: EvaluationCaches): FilterVerdict {
  if (spec === null) return { passed: true, error: null, steps: [] };
  const { event } = input;
  const or = isOr(filtersLogicalOperator);
  const errors: string[] = [];
  const steps: FilterStep[] = [];
  const drop = (error: string): FilterVerdict => ({ passed: false, error, steps });

  const exprs = evaluateExprFilters(input, spec.exprs, spec.exprLogicalOperator, caches);
  if (exprs.steps.length > 0) steps.push(...exprs.steps);
  if (exprs.error !== null) {
    if (!or) return drop(exprs.error);
    errors.push(exprs.error);
  }
  const data = evaluateDataFilters(input, spec.data, spec.dataLogicalOperator, caches);
  if (data.steps.length > 0) steps.push(...data.steps);
  if (data.error !== null) {
    if (!or) return drop(data.error);
    errors.push(data.error);
  }
  // Go panics here whatever was collected so far.
  if (event === null || event.context === null) return drop(NIL_CONTEXT_ERROR);
  const context = evaluateContextFilter(spec.context, event.context);
  if (context.step !== undefined) steps.push(context.step);
  // The event time is parsed only for a time filter.
  const time = spec.time === null ? NO_TIME_FILTER : evaluateTimeFilter(spec.time, eventTime(event.context));
  if (time.steps.length > 0) steps.push(...time.steps);
  if (time.error !== null) {
    if (!or) return drop(time.error);
    errors.push(time.error);
  }
  const script = evaluateScriptFilter(spec.script, event);
  if (script.steps.length > 0) steps.push(...script.steps);
  if (script.error !== null) return drop(script.error);

  if (or) {
    if (errors.length > 0) return drop(errors.join(ERROR_LIST_SEPARATOR));
    const passed =
      (spec.exprs !== null && exprs.passed) ||
      (spec.data !== null && data.passed) ||
      (spec.context !== null && context.passed) ||
      (spec.time !== null && time.passed) ||
      (spec.script !== '' && script.passed);
    return { passed, error: null, steps };
  }
  return { passed: exprs.passed && data.passed && context.passed && time.passed && script.passed, error: null, steps };
}

/** The outcome of an absent time filter: it passes. */
const NO_TIME_FILTER: StepsOutcome<TimeFilterStep> = { passed: true, error: null, steps: [] };
