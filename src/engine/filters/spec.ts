/**
 * Reading a dependency's `filters` object (parsed YAML/JSON) into typed filter specs with
 * Go's nil-versus-empty distinctions: an absent or `null` list is nil, `[]` is an empty
 * non-nil list, and the two behave differently (reference §2-§5).
 */
import { isJsonObject, type JsonObject } from '../plain-data';

/** A data filter item (`v1alpha1.DataFilter`). `value` null means no values given. */
export interface DataFilterSpec {
  readonly path: string;
  readonly type: string;
  readonly value: readonly string[] | null;
  readonly comparator: string;
  readonly template: string;
}

/** A field binding of an expr filter. */
export interface ExprFieldSpec {
  readonly name: string;
  readonly path: string;
}

/** An expr filter item (`v1alpha1.ExprFilter`). */
export interface ExprFilterSpec {
  readonly expr: string;
  readonly fields: readonly ExprFieldSpec[];
}

/** The context filter: empty strings are not compared. */
export interface ContextFilterSpec {
  readonly type: string;
  readonly subject: string;
  readonly source: string;
  readonly datacontenttype: string;
}

/** The time filter (`HH:MM:SS` texts are parsed at evaluation, as the sensor does). */
export interface TimeFilterSpec {
  readonly start: string;
  readonly stop: string;
  readonly timezone: string;
}

/** A dependency's `filters` (`v1alpha1.EventDependencyFilter`); null marks a nil (unconfigured) kind. */
export interface FiltersSpec {
  readonly exprs: readonly ExprFilterSpec[] | null;
  readonly data: readonly DataFilterSpec[] | null;
  readonly context: ContextFilterSpec | null;
  readonly time: TimeFilterSpec | null;
  /** `""` when unset. */
  readonly script: string;
  readonly dataLogicalOperator: string;
  readonly exprLogicalOperator: string;
}

/** A `filters` object the sensor could not even decode (wrong types, unknown keys). */
export class FilterSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSpecError';
  }
}


function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function objectAt(value: unknown, where: string, allowed: readonly string[]): JsonObject {
  if (!isJsonObject(value)) throw new FilterSpecError(`${where} must be an object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new FilterSpecError(`${where} has unknown field "${key}" (known: ${allowed.join(', ')})`);
    }
  }
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new FilterSpecError(`${where} must be a string, got ${describe(value)} (quote it in YAML)`);
  }
  return value;
}

function listAt(value: unknown, where: string): unknown[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new FilterSpecError(`${where} must be a list, got ${describe(value)}`);
  return value as unknown[];
}

/** Reads one data filter item. */
export function readDataFilter(value: unknown, where: string): DataFilterSpec {
  const item = objectAt(value, where, ['path', 'type', 'value', 'comparator', 'template']);
  const values = listAt(item.value, `${where}.value`);
  return {
    path: stringAt(item.path, `${where}.path`),
    type: stringAt(item.type, `${where}.type`),
    value: values === null ? null : values.map((v, i) => stringAt(v, `${where}.value[${i}]`)),
    comparator: stringAt(item.comparator, `${where}.comparator`),
    template: stringAt(item.template, `${where}.template`),
  };
}

/** Reads one expr filter item. */
export function readExprFilter(value: unknown, where: string): ExprFilterSpec {
  const item = objectAt(value, where, ['expr', 'fields']);
  const fields = listAt(item.fields, `${where}.fields`) ?? [];
  return {
    expr: stringAt(item.expr, `${where}.expr`),
    fields: fields.map((f, i) => {
      const field = objectAt(f, `${where}.fields[${i}]`, ['name', 'path']);
      return { name: stringAt(field.name, `${where}.fields[${i}].name`), path: stringAt(field.path, `${where}.fields[${i}].path`) };
    }),
  };
}

/** Reads a list of data filters; null/undefined is nil. */
export function readDataFilters(value: unknown, where = 'filters.data'): DataFilterSpec[] | null {
  const list = listAt(value, where);
  return list === null ? null : list.map((item, i) => readDataFilter(item, `${where}[${i}]`));
}

/** Reads a list of expr filters; null/undefined is nil. */
export function readExprFilters(value: unknown, where = 'filters.exprs'): ExprFilterSpec[] | null {
  const list = listAt(value, where);
  return list === null ? null : list.map((item, i) => readExprFilter(item, `${where}[${i}]`));
}

/** Reads the context filter; null/undefined is nil. `id`, `specversion` and `time` are accepted and not compared. */
export function readContextFilter(value: unknown, where = 'filters.context'): ContextFilterSpec | null {
  if (value === undefined || value === null) return null;
  const ctx = objectAt(value, where, ['type', 'subject', 'source', 'datacontenttype', 'id', 'specversion', 'time']);
  for (const ignored of ['id', 'specversion', 'time']) {
    if (ctx[ignored] !== undefined) stringAt(ctx[ignored], `${where}.${ignored}`);
  }
  return {
    type: stringAt(ctx.type, `${where}.type`),
    subject: stringAt(ctx.subject, `${where}.subject`),
    source: stringAt(ctx.source, `${where}.source`),
    datacontenttype: stringAt(ctx.datacontenttype, `${where}.datacontenttype`),
  };
}

/** Reads the time filter; null/undefined is nil. */
export function readTimeFilter(value: unknown, where = 'filters.time'): TimeFilterSpec | null {
  if (value === undefined || value === null) return null;
  const time = objectAt(value, where, ['start', 'stop', 'timezone']);
  return {
    start: stringAt(time.start, `${where}.start`),
    stop: stringAt(time.stop, `${where}.stop`),
    timezone: stringAt(time.timezone, `${where}.timezone`),
  };
}

const FILTER_KEYS = ['exprs', 'data', 'context', 'time', 'script', 'dataLogicalOperator', 'exprLogicalOperator'];

/**
 * Reads a dependency's `filters`. Undefined/null gives null (no filters: the event passes).
 * The Sensor model (../model) reads each dependency's filters once, for every event.
 * @throws FilterSpecError when the object could not be decoded by the sensor
 */
export function readFilters(value: unknown): FiltersSpec | null {
  if (value === undefined || value === null) return null;
  const f = objectAt(value, 'filters', FILTER_KEYS);
  const spec: FiltersSpec = {
    exprs: readExprFilters(f.exprs),
    data: readDataFilters(f.data),
    context: readContextFilter(f.context),
    time: readTimeFilter(f.time),
    script: stringAt(f.script, 'filters.script'),
    dataLogicalOperator: stringAt(f.dataLogicalOperator, 'filters.dataLogicalOperator'),
    exprLogicalOperator: stringAt(f.exprLogicalOperator, 'filters.exprLogicalOperator'),
  };
  return spec;
}
