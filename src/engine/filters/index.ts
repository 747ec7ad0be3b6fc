/**
 * Sensor-side filter evaluation (reference §2-§5): what Argo Events' `Filter(event,
 * filters, filtersLogicalOperator)` decides for a dependency, plus a per-item explanation.
 */
import { parseEventTime, type EventContext, type Instant, type SensorEvent } from '../event';
import { evaluateContextFilter } from './context';
import { evaluateDataFilters } from './data';
import { evaluateExprFilters } from './expr';
import { dataSubject, ERROR_LIST_SEPARATOR, exprSubject, FilterStep, isOr, PASS } from './outcome';
import { evaluateScriptFilter } from './script';
import { readFilters, type FiltersSpec } from './spec';
import { evaluateTimeFilter } from './time';

export { filterContext } from './context';
export { compareFloat, compileGoRegex, filterData } from './data';
export { filterExprs } from './expr';
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
  /** One explained step per evaluated filter item or kind, in evaluation order. */
  readonly steps: FilterStep[];
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
 * with the dependency's `filtersLogicalOperator`, as {@link evaluateFilters} does.
 * @throws FilterSpecError when `filters` is not decodable by the sensor
 */
export function filterEvent(event: SensorEvent | null, filters: unknown, filtersLogicalOperator?: string): FilterVerdict {
  return evaluateFilters(event, readFilters(filters), filtersLogicalOperator);
}

/**
 * Evaluates a dependency's decoded filters (null = no filters: pass) with the dependency's
 * `filtersLogicalOperator`, exactly as the sensor does: kinds in the order exprs, data,
 * context, time, script; AND stops at the first expr/data/time error; OR collects errors; any
 * error drops the event (`passed: false`), even in OR mode.
 */
export function evaluateFilters(event: SensorEvent | null, spec: FiltersSpec | null, filtersLogicalOperator?: string): FilterVerdict {
  const steps: FilterStep[] = [];
  if (spec === null) return { passed: true, error: null, steps };
  const or = isOr(filtersLogicalOperator);
  const errors: string[] = [];
  const drop = (error: string): FilterVerdict => ({ passed: false, error, steps });

  const exprs = evaluateExprFilters(event, spec.exprs, spec.exprLogicalOperator, steps);
  if (exprs.error !== null) {
    if (!or) return drop(exprs.error);
    errors.push(exprs.error);
  }
  const data = evaluateDataFilters(event, spec.data, spec.dataLogicalOperator, steps);
  if (data.error !== null) {
    if (!or) return drop(data.error);
    errors.push(data.error);
  }
  // Go panics here whatever was collected so far.
  if (event === null || event.context === null) return drop(NIL_CONTEXT_ERROR);
  const context = evaluateContextFilter(spec.context, event.context, steps);
  const time = spec.time === null ? PASS : evaluateTimeFilter(spec.time, eventTime(event.context), steps);
  if (time.error !== null) {
    if (!or) return drop(time.error);
    errors.push(time.error);
  }
  const script = evaluateScriptFilter(spec.script, event, steps);
  if (script.error !== null) return drop(script.error);

  if (or) {
    if (errors.length > 0) return drop(errors.join(ERROR_LIST_SEPARATOR));
    const passed =
      (spec.exprs !== null && exprs.passed) ||
      (spec.data !== null && data.passed) ||
      (spec.context !== null && context) ||
      (spec.time !== null && time.passed) ||
      (spec.script !== '' && script.passed);
    return { passed, error: null, steps };
  }
  return { passed: exprs.passed && data.passed && context && time.passed && script.passed, error: null, steps };
}
