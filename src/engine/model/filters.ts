/**
 * A dependency's `filters` (`v1alpha1.EventDependencyFilter`), decoded twice over from one
 * reading: as the sensor decodes it for evaluation ({@link DependencyFilters.evaluable}: Go's
 * all-or-nothing `json.Unmarshal`, see ../filters/spec.ts), and field by field as the
 * controller's validation and the lint rules see it (Go values, a field of the wrong JSON type
 * is `undefined` and left to the schema check).
 */
import { readFilters, type FiltersSpec } from '../filters/spec';
import { type JsonObject } from '../plain-data';
import { goList, goObject, goString } from '../validation/go-values';
import type { IssuePath } from '../validation/validation-issue';
import { objectEntries, type ModelNode } from './node';

/** A data filter item (`filters.data[i]`); strings as Go decodes them. */
export interface DataFilterModel extends ModelNode {
  /** `path`: the payload path. */
  readonly dataPath: string | undefined;
  readonly type: string | undefined;
  readonly comparator: string | undefined;
  readonly template: string | undefined;
  /** `value`: `[]` when nil, undefined when not a list; an item of the wrong type is undefined. */
  readonly values: readonly (string | undefined)[] | undefined;
}

/** A field binding of an expr filter (`filters.exprs[i].fields[j]`). */
export interface ExprFieldModel extends ModelNode {
  readonly name: string | undefined;
  /** `path`: the payload path. */
  readonly dataPath: string | undefined;
}

/** An expr filter item (`filters.exprs[i]`). */
export interface ExprFilterModel extends ModelNode {
  readonly expr: string | undefined;
  /** `[]` when nil, undefined when not a list; entries that are not objects are left out. */
  readonly fields: readonly ExprFieldModel[] | undefined;
  /** Whether `fields` was written as a list with no entries at all (or nil). */
  readonly fieldsEmpty: boolean;
}

/** The context filter: the four fields that take part in matching. */
export interface ContextFilterModel extends ModelNode {
  readonly type: string | undefined;
  readonly subject: string | undefined;
  readonly source: string | undefined;
  readonly datacontenttype: string | undefined;
}

/** The time filter. */
export interface TimeFilterModel extends ModelNode {
  readonly start: string | undefined;
  readonly stop: string | undefined;
  readonly timezone: string | undefined;
}

/** A dependency's `filters`. */
export interface DependencyFilters extends ModelNode<unknown> {
  /**
   * What the sensor evaluates: null without filters, or the error the sensor's decoding of
   * `filters` gives (then the dependency drops every event it is offered with that error).
   */
  readonly evaluable: { readonly spec: FiltersSpec | null } | { readonly error: Error };
  /** `filters` as an object; null when absent, undefined when of the wrong type. */
  readonly object: JsonObject | null | undefined;
  readonly exprLogicalOperator: string | undefined;
  readonly dataLogicalOperator: string | undefined;
  /** Object items of `exprs` (none when nil or of the wrong type). */
  readonly exprs: readonly ExprFilterModel[];
  /** Object items of `data`. */
  readonly data: readonly DataFilterModel[];
  /** null when absent, undefined when of the wrong type. */
  readonly context: ContextFilterModel | null | undefined;
  readonly time: TimeFilterModel | null | undefined;
}

function evaluable(raw: unknown): DependencyFilters['evaluable'] {
  try {
    return { spec: readFilters(raw) };
  } catch (err) {
    return { error: err as Error };
  }
}

function dataFilter(raw: JsonObject, path: IssuePath): DataFilterModel {
  const values = goList(raw.value);
  return {
    path, raw,
    dataPath: goString(raw.path),
    type: goString(raw.type),
    comparator: goString(raw.comparator),
    template: goString(raw.template),
    values: values?.map(goString),
  };
}

function exprFilter(raw: JsonObject, path: IssuePath): ExprFilterModel {
  const fields = goList(raw.fields);
  return {
    path, raw,
    expr: goString(raw.expr),
    fields: fields === undefined
      ? undefined
      : objectEntries(fields, [...path, 'fields']).map(field => ({ ...field, name: goString(field.raw.name), dataPath: goString(field.raw.path) })),
    fieldsEmpty: fields !== undefined && fields.length === 0,
  };
}

/** Decodes a dependency's `filters` (at `path`). */
export function decodeFilters(raw: unknown, path: IssuePath): DependencyFilters {
  const object = goObject(raw);
  const context = object ? goObject(object.context) : null;
  const time = object ? goObject(object.time) : null;
  const contextPath = [...path, 'context'];
  const timePath = [...path, 'time'];
  return {
    path, raw,
    evaluable: evaluable(raw),
    object,
    exprLogicalOperator: object ? goString(object.exprLogicalOperator) : '',
    dataLogicalOperator: object ? goString(object.dataLogicalOperator) : '',
    exprs: object ? objectEntries(goList(object.exprs), [...path, 'exprs']).map(e => exprFilter(e.raw, e.path)) : [],
    data: object ? objectEntries(goList(object.data), [...path, 'data']).map(d => dataFilter(d.raw, d.path)) : [],
    context: context
      ? { path: contextPath, raw: context, type: goString(context.type), subject: goString(context.subject), source: goString(context.source), datacontenttype: goString(context.datacontenttype) }
      : context,
    time: time
      ? { path: timePath, raw: time, start: goString(time.start), stop: goString(time.stop), timezone: goString(time.timezone) }
      : time,
  };
}
