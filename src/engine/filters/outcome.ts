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

/**
 * What the sensor did with one filter item (data, exprs) or kind (context, time, script):
 * the inputs it compared and the verdict, as data. The readable text is made from it
 * afterwards (explain.ts); evaluation builds no text.
 */
export type FilterStep = DataFilterStep | ExprFilterStep | ContextFilterStep | TimeFilterStep | ScriptFilterStep;

interface StepCommon {
  /** Index of the item in its list (data and exprs only). */
  readonly index?: number;
  /** What the step checks, e.g. `data[2] body.action` or `time`. */
  readonly subject: string;
  readonly passed: boolean;
  /** The error of this item or kind, when it failed with one. */
  readonly error?: string;
}

/** A data filter item. */
export interface DataFilterStep extends StepCommon {
  readonly kind: 'data';
  readonly index: number;
  /** What the item's template rendered (set once it rendered, even to `""`). */
  readonly templateOutput?: string;
  /** The comparison, when the item got as far as comparing. */
  readonly comparison?: DataComparison;
}

/** The values of a data filter item compared with the event's value. */
export interface DataComparison {
  readonly type: 'bool' | 'number' | 'string';
  /** The event's value as compared: gjson's `Bool()`, `Float()` or `String()`. */
  readonly actual: boolean | number | string;
  readonly comparator: string;
  /** The values tried, in order, up to the one that matched or failed to parse. */
  readonly tried: readonly string[];
  /** How many values the item has. */
  readonly total: number;
}

/** An expr filter item. */
export interface ExprFilterStep extends StepCommon {
  readonly kind: 'expr';
  readonly index: number;
  /** True when no field was bound, so the sensor skips the item. */
  readonly skipped?: boolean;
  /** The parameters bound from the event, once every field was found. */
  readonly bindings?: Readonly<Record<string, unknown>>;
  /** The expression's result, when it evaluated. */
  readonly result?: unknown;
}

/** The context filter. */
export interface ContextFilterStep extends StepCommon {
  readonly kind: 'context';
  /** The fields compared (the non-empty expected ones); absent when the event has no context. */
  readonly comparisons?: readonly ContextComparison[];
}

/** One compared field of the context filter. */
export interface ContextComparison {
  readonly field: string;
  readonly actual: string;
  readonly expected: string;
}

/** The time filter. */
export interface TimeFilterStep extends StepCommon {
  readonly kind: 'time';
  /** The window the event time was placed in (absent after an error). */
  readonly window?: { readonly start: string; readonly stop: string; readonly zone: string; readonly wraps: boolean };
}

/** The script filter. */
export interface ScriptFilterStep extends StepCommon {
  readonly kind: 'script';
  /** True when the event has nil data, which passes without running the script. */
  readonly nilData?: boolean;
}

/** A filter kind's `(bool, error)` with the steps it took. */
export interface StepsOutcome<S extends FilterStep> extends FilterOutcome {
  readonly steps: readonly S[];
}

/** The subject of the data filter item at `index`. */
export function dataSubject(index: number, path: string): string {
  return `data[${index}] ${path}`;
}

/** The subject of the expr filter item at `index`. */
export function exprSubject(index: number, expr: string): string {
  return `exprs[${index}] ${expr}`;
}

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
