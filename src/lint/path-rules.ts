/**
 * Rules on gjson paths into the GitHub event data (reference §1, §6): `header-path`,
 * `data-path-root`, `unknown-payload-path`. Paths come from data filters, expr fields and
 * trigger parameters' `dataKey`, of dependencies on a GitHub event source: named by an
 * EventSource of the run, else recognised by {@link looksLikeGitHub}.
 */
import { RE2JS } from 're2js';
import { canonicalHeaderKey } from '../engine/github-event';
import { CanonicalGitHubHeaders, EventPaths } from '../github/webhook';
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import type { IssuePath } from '../engine/validation';
import { error, warning, type ObjectFinding } from './findings';
import { eventSourceTypeOf, looksLikeGitHub, type LintContext } from './lint-context';
import { lookUpBodyPath, staticPathKeys, webhookEventSchemas, type SchemaLookup } from './payload-paths';
import type { DependencyModel } from '../engine/model';
import { dataFiltersOf, dependenciesOf, dependencyNamed, exprFiltersOf, modelOf, parametersOf, type SensorInput } from './sensor-model';

/** How a path is used: the header rule depends on it. */
export type PathUse = 'data-filter' | 'anchored-data-filter' | 'expr-field' | 'parameter';

const EVENT_TYPE_PATHS = [EventPaths.eventType, `headers.${CanonicalGitHubHeaders.event}.0`];
const DATA_ROOTS = ['headers', 'body', 'metadata'];

/**
 * The webhook event types a dependency can receive, from a `string` data filter on the event
 * type (an `=` filter on `body.X-GitHub-Event` or `headers.X-Github-Event.0`). Empty when the
 * dependency does not filter on it: any event type.
 */
export function eventTypesOf(dependency: DependencyModel): string[] {
  const names = [...webhookEventSchemas().keys()];
  const filters = dependency.filters.data.map(filter => filter.raw);
  let types: string[] | undefined;
  for (const filter of filters) {
    if (!EVENT_TYPE_PATHS.includes(String(filter.path)) || filter.type !== 'string') continue;
    if (filter.comparator !== undefined && filter.comparator !== '' && filter.comparator !== '=') continue;
    const values = Array.isArray(filter.value) ? filter.value.filter((v): v is string => typeof v === 'string') : [];
    const matched = names.filter(name => values.some(value => searches(value, name)));
    types = types ? types.filter(t => matched.includes(t)) : matched;
  }
  return types ?? [];
}

function searches(regex: string, text: string): boolean {
  try {
    return RE2JS.compile(regex).matcher(text).find();
  } catch {
    return false;
  }
}

/**
 * Checks one path into the event data of `dependency`. `at` is where to report.
 * Returns the schema lookup of a `body.` path (for rules that need the field's type).
 */
export function checkEventPath(
  path: string, use: PathUse, dependency: DependencyModel | undefined, context: LintContext, at: IssuePath,
): { findings: ObjectFinding[]; lookup?: SchemaLookup } {
  const source = dependency ? eventSourceTypeOf(dependency, context) : { type: 'unknown' as const };
  if (source.type === 'other') return { findings: [] };
  if (source.type === 'unknown' && !(dependency && looksLikeGitHub(dependency))) return { findings: [] };
  const keys = staticPathKeys(path);
  const root = keys?.[0] ?? path.split('.')[0];
  if (!DATA_ROOTS.includes(root)) {
    if (/^[@[{#]/.test(path) || keys === undefined) return { findings: [] };
    return {
      findings: [error(at, 'data-path-root',
        `path ${JSON.stringify(path)} does not exist: GitHub event data has only headers, body and metadata, so the filter or parameter never finds it; did you mean body.${path}?`)],
    };
  }
  if (!keys) return { findings: [] };
  if (root === 'headers') return { findings: checkHeaderPath(path, keys, use, at) };
  if (root === 'metadata') return { findings: checkMetadataPath(path, keys, source.source, at) };
  if (keys.length === 1) return { findings: [] };
  const types = dependency ? eventTypesOf(dependency) : [];
  const lookup = lookUpBodyPath(keys.slice(1), types);
  if (lookup.status !== 'missing') return { findings: [], lookup };
  const scope = types.length > 0 ? `the ${types.join('/')} webhook payload` : 'any GitHub webhook payload';
  return {
    findings: [warning(at, 'unknown-payload-path',
      `path ${JSON.stringify(path)} is not in ${scope} (@octokit/webhooks-schemas): a filter on it fails with "path does not exist" and a parameter falls back to its value; check the spelling`)],
    lookup,
  };
}

function checkHeaderPath(path: string, keys: string[], use: PathUse, at: IssuePath): ObjectFinding[] {
  if (keys.length < 2) return [];
  const key = keys[1];
  const canonical = canonicalHeaderKey(key);
  if (canonical !== key) {
    const fixed = ['headers', canonical, ...(keys.length > 2 ? keys.slice(2) : ['0'])].join('.');
    return [error(at, 'header-path',
      `header key ${JSON.stringify(key)} never exists: Go stores headers under canonical keys (${canonical}); use ${fixed}${key.toLowerCase() === 'x-github-event' ? ' or body.X-GitHub-Event' : ''}`)];
  }
  if (keys.length === 2 && (use === 'anchored-data-filter' || use === 'expr-field')) {
    const effect = use === 'expr-field' ? 'binds a list, which never equals a string' : 'stringifies as a JSON array like ["workflow_run"], so an anchored regex never matches';
    return [error(at, 'header-path', `path ${JSON.stringify(path)} ${effect}; use ${path}.0`)];
  }
  return [];
}

function checkMetadataPath(path: string, keys: string[], source: JsonObject | undefined, at: IssuePath): ObjectFinding[] {
  if (!source || keys.length < 2 || !isJsonObject(source.spec) || !isJsonObject(source.spec.github)) return [];
  const defined = Object.values(source.spec.github).some(event => isJsonObject(event) && isJsonObject(event.metadata) && keys[1] in event.metadata);
  if (defined) return [];
  return [warning(at, 'unknown-payload-path', `path ${JSON.stringify(path)}: the EventSource defines no metadata key ${JSON.stringify(keys[1])}`)];
}

/** Every event-data path of a Sensor, checked. */
export function pathRules(input: SensorInput, context: LintContext): ObjectFinding[] {
  const sensor = modelOf(input);
  const findings: ObjectFinding[] = [];
  for (const { filter: { raw: filter, path }, dependency } of dataFiltersOf(sensor)) {
    if (typeof filter.path !== 'string' || filter.path === '') continue;
    const values = Array.isArray(filter.value) ? filter.value : [];
    const anchored = filter.type === 'string' && values.some(v => typeof v === 'string' && /^(\(\?\w+\))?\^|\$$/.test(v));
    findings.push(...checkEventPath(filter.path, anchored ? 'anchored-data-filter' : 'data-filter', dependency, context, [...path, 'path']).findings);
  }
  for (const { filter: { raw: filter, path }, dependency } of exprFiltersOf(sensor)) {
    (Array.isArray(filter.fields) ? filter.fields : []).forEach((field, i) => {
      if (!isJsonObject(field) || typeof field.path !== 'string' || field.path === '') return;
      findings.push(...checkEventPath(field.path, 'expr-field', dependency, context, [...path, 'fields', i, 'path']).findings);
    });
  }
  const dependencies = dependenciesOf(sensor);
  for (const { parameter: { raw: parameter, path } } of parametersOf(sensor)) {
    const src = parameter.src;
    if (!isJsonObject(src)) continue;
    const dependency = dependencyNamed(dependencies, src.dependencyName);
    if (typeof src.dataKey === 'string' && src.dataKey !== '') {
      findings.push(...checkEventPath(src.dataKey, 'parameter', dependency, context, [...path, 'src', 'dataKey']).findings);
    }
    if (typeof src.dataTemplate === 'string') {
      for (const fieldPath of templateInputPaths(src.dataTemplate)) {
        findings.push(...checkEventPath(fieldPath, 'parameter', dependency, context, [...path, 'src', 'dataTemplate']).findings);
      }
    }
  }
  return findings;
}

/**
 * The event-data paths a parameter template reads as field chains (`.Input.body.workflow_run.id`
 * gives `body.workflow_run.id`), each once. `index` calls and variables are not followed.
 */
export function templateInputPaths(template: string): string[] {
  const paths = new Set<string>();
  for (const action of template.match(/\{\{[\s\S]*?\}\}/g) ?? []) {
    for (const match of action.matchAll(/(?<![\w.])\.Input((?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?![\w-])/g)) paths.add(match[1].slice(1));
  }
  return [...paths];
}
