/**
 * What both schema validators (Argo Events, CodeRun) share: an Ajv instance that knows the
 * OpenAPI formats Kubernetes schemas use, schema "closing" to find fields the server would
 * drop, and the translation of Ajv errors into ValidationIssues.
 */
import type Ajv from 'ajv';
import type { ErrorObject, Options } from 'ajv';
import { KUBERNETES_FORMATS } from './kubernetes-formats';
import { isJsonObject } from '../plain-data';
import { formatIssuePath, type IssuePath, type ValidationIssue } from './validation-issue';

/**
 * A new Ajv 8 instance (strict off: Kubernetes schemas carry `x-kubernetes-*` keywords) with
 * the OpenAPI formats; `options` adds to those (the build passes standalone code options).
 */
export function createKubernetesAjv(options: Options = {}): Ajv {
  // Loaded when a schema is compiled: the build pre-compiles the large ones.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ strict: false, allErrors: true, logger: false, ...options });
  for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * Adds `additionalProperties: false` (in place) to every object schema that lists its
 * properties and says nothing about others, unless it preserves unknown fields. Ajv then
 * reports the fields that Kubernetes prunes or that the controller's JSON decoding ignores.
 */
export function closeObjectSchemas(schema: unknown): void {
  if (Array.isArray(schema)) {
    schema.forEach(closeObjectSchemas);
    return;
  }
  if (!isJsonObject(schema)) return;
  const hasProperties = isJsonObject(schema.properties);
  if (hasProperties && schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    schema.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions') {
      if (isJsonObject(value)) Object.values(value).forEach(closeObjectSchemas);
    } else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'example') {
      closeObjectSchemas(value);
    }
  }
}

/** Rule ids to use for the two kinds of schema issue. */
export interface SchemaRules {
  /** A value of the wrong type, a missing required field, a bad format... */
  readonly invalid: string;
  /** A value of a JSON type the field cannot take (Go's decoding fails on it); default {@link invalid}. */
  readonly wrongType?: string;
  /** A required field that is missing; `invalid` when not given. */
  readonly missingField?: string;
  /** A field the schema does not know (pruned by the API server or ignored by the controller). */
  readonly unknownField: string;
  /** Says what happens to an unknown field, appended to its message. */
  readonly unknownFieldConsequence: string;
}

/** Turns Ajv errors into issues, with paths into `data` (array indices as numbers). */
export function issuesFromAjvErrors(errors: readonly ErrorObject[] | null | undefined, data: unknown, rules: SchemaRules): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const issue = issueFromAjvError(error, data, rules);
    const key = JSON.stringify([issue.path, issue.rule, issue.message]);
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function issueFromAjvError(error: ErrorObject, data: unknown, rules: SchemaRules): ValidationIssue {
  const path = instancePathSegments(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      const fullPath = [...path, field];
      return { path: fullPath, rule: rules.missingField ?? rules.invalid, message: `${formatIssuePath(fullPath)}: required field is missing` };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const fullPath = [...path, field];
      return { path: fullPath, rule: rules.unknownField, message: `${formatIssuePath(fullPath)}: unknown field; ${rules.unknownFieldConsequence}` };
    }
    case 'type':
      return { path, rule: rules.wrongType ?? rules.invalid, message: `${formatIssuePath(path)}: must be ${describeTypes(params.type)}, got ${jsonTypeOf(valueAt(data, path))}` };
    case 'const':
      return { path, rule: rules.invalid, message: `${formatIssuePath(path)}: must be ${JSON.stringify(params.allowedValue)}, got ${JSON.stringify(valueAt(data, path))}` };
    case 'enum':
      return {
        path, rule: rules.invalid,
        message: `${formatIssuePath(path)}: must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(data, path))}`,
      };
    case 'format':
      return { path, rule: rules.invalid, message: `${formatIssuePath(path)}: must be a valid ${String(params.format)} value, got ${JSON.stringify(valueAt(data, path))}` };
    default:
      return { path, rule: rules.invalid, message: `${formatIssuePath(path)}: ${error.message ?? error.keyword}` };
  }
}

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  const article = (t: string) => (t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`);
  return types.map(t => article(String(t))).join(' or ');
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value === 'string' ? 'the string' : 'the boolean'} ${JSON.stringify(value)}`;
}

/** Decodes a JSON pointer, turning segments that index arrays into numbers. */
function instancePathSegments(pointer: string, data: unknown): IssuePath {
  if (pointer === '') return [];
  const segments: IssuePath = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) {
      const index = Number(key);
      segments.push(index);
      current = current[index];
    } else {
      segments.push(key);
      current = isJsonObject(current) ? current[key] : undefined;
    }
  }
  return segments;
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isJsonObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}
