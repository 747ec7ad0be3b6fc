/**
 * Shared shapes of filter evaluation: Go's `(bool, error)` pair, the per-item explanation
 * steps, the OR/AND operator rule and the error texts of `filter.go` (reference §2).
 */

/** Go's `(bool, error)` result of a filter function; `error` is the error text or null. */
export interface FilterOutcome {
  readonly passed: boolean;
  readonly error: string | null;
}

/** The filter kinds, in the order the sensor evaluates them. */
export type FilterKind = 'expr' | 'data' | 'context' | 'time' | 'script';

/** One explained filter item (or kind) for a readable report. */
export interface FilterStep {
  kind: FilterKind;
  /** Index of the item in its list (data and exprs only). */
  index?: number;
  /** What the step checks, e.g. `data[2] body.action` or `time`; the description starts with it. */
  subject: string;
  description: string;
  passed: boolean;
  error?: string;
}

/** The subject of the data filter item at `index`. */
export function dataSubject(index: number, path: string): string {
  return `data[${index}] ${path}`;
}

/** The subject of the expr filter item at `index`. */
export function exprSubject(index: number, expr: string): string {
  return `exprs[${index}] ${expr}`;
}

/** Collects steps; evaluation functions take `undefined` when nobody wants the explanation. */
export type StepSink = FilterStep[] | undefined;

/** An operator means OR only when it is exactly `or`; anything else (`""`, `and`, typos) is AND. */
export function isOr(operator: unknown): boolean {
  return operator === 'or';
}

/** `"<kind> filter error (<msg>)"`. */
export function filterError(kind: FilterKind, message: string): string {
  return `${kind} filter error (${message})`;
}

/** The OR aggregate `"<kind> filter errors [<m1> / <m2>]"`. */
export function filterErrors(kind: FilterKind, messages: readonly string[]): string {
  return `${kind} filter errors [${messages.join(' / ')}]`;
}

/** Separator of the dependency-level OR error list. */
export const ERROR_LIST_SEPARATOR = ' / ';

/** A passing outcome without error. */
export const PASS: FilterOutcome = Object.freeze({ passed: true, error: null });
/** A failing outcome without error. */
export const FAIL: FilterOutcome = Object.freeze({ passed: false, error: null });

/** A failing outcome carrying an error. */
export function failWith(error: string): FilterOutcome {
  return { passed: false, error };
}
