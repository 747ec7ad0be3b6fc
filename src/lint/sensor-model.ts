/**
 * Read-only views of the parts of a Sensor the lint rules inspect, each with its JSON path.
 * Fields of the wrong type are skipped: the schema rule reports them.
 */
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import { parseManifests } from '../engine/load-yaml';
import type { IssuePath } from '../engine/validation';

/** One entry of `spec.dependencies`. */
export interface DependencyAt {
  readonly dependency: JsonObject;
  readonly path: IssuePath;
  /** Its `name`, `''` when missing. */
  readonly name: string;
}

/** One entry of a dependency's `filters.data` or `filters.exprs`. */
export interface FilterAt {
  readonly filter: JsonObject;
  readonly path: IssuePath;
  readonly dependency: DependencyAt;
}

/** A trigger (`spec.triggers[i]`, or the `dlqTrigger` of one). */
export interface TriggerAt {
  readonly trigger: JsonObject;
  readonly path: IssuePath;
}

/** A trigger parameter, with its destination resolved relative to the k8s resource when it writes into one. */
export interface ParameterAt {
  readonly parameter: JsonObject;
  readonly path: IssuePath;
  readonly trigger: TriggerAt;
  /**
   * The destination inside the k8s trigger's resource (`metadata.labels.x`): `k8s.parameters`
   * apply to the resource, `trigger.parameters` to the template (`k8s.source.resource.` prefix).
   * Undefined for parameters that do not write into a k8s resource.
   */
  readonly resourceDest?: string;
}

const RESOURCE_PREFIX_IN_TEMPLATE = 'k8s.source.resource.';

/** Objects of a list field, with their indices. */
function objectsOf(value: unknown): [JsonObject, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, i): [JsonObject, number][] => (isJsonObject(entry) ? [[entry, i]] : []));
}

function specOf(sensor: JsonObject): JsonObject | undefined {
  return isJsonObject(sensor.spec) ? sensor.spec : undefined;
}

/** The Sensor's dependencies. */
export function dependenciesOf(sensor: JsonObject): DependencyAt[] {
  return objectsOf(specOf(sensor)?.dependencies).map(([dependency, i]) => ({
    dependency,
    path: ['spec', 'dependencies', i],
    name: typeof dependency.name === 'string' ? dependency.name : '',
  }));
}

function filtersOf(sensor: JsonObject, kind: 'data' | 'exprs'): FilterAt[] {
  return dependenciesOf(sensor).flatMap(dependency => {
    const filters = dependency.dependency.filters;
    if (!isJsonObject(filters)) return [];
    return objectsOf(filters[kind]).map(([filter, i]) => ({ filter, path: [...dependency.path, 'filters', kind, i], dependency }));
  });
}

/** Every data filter of every dependency. */
export function dataFiltersOf(sensor: JsonObject): FilterAt[] {
  return filtersOf(sensor, 'data');
}

/** Every expr filter of every dependency. */
export function exprFiltersOf(sensor: JsonObject): FilterAt[] {
  return filtersOf(sensor, 'exprs');
}

/** Every trigger, followed by its dead-letter trigger when it has one. */
export function triggersOf(sensor: JsonObject): TriggerAt[] {
  return objectsOf(specOf(sensor)?.triggers).flatMap(([trigger, i]) => {
    const at: TriggerAt[] = [{ trigger, path: ['spec', 'triggers', i] }];
    if (isJsonObject(trigger.dlqTrigger)) at.push({ trigger: trigger.dlqTrigger, path: ['spec', 'triggers', i, 'dlqTrigger'] });
    return at;
  });
}

/** The trigger's `template`, when it is an object. */
export function templateOf(trigger: TriggerAt): JsonObject | undefined {
  return isJsonObject(trigger.trigger.template) ? trigger.trigger.template : undefined;
}

/**
 * The resource a k8s trigger carries: `template.k8s.source.resource`, or the one object of the
 * `source.inline` text. `at(subPath)` is where to report a field of it: the field itself for
 * `resource`, the `inline` text (which has no inner positions) for `inline`.
 */
export function k8sResourceOf(trigger: TriggerAt): { resource: JsonObject; at: (subPath: IssuePath) => IssuePath } | undefined {
  const k8s = templateOf(trigger)?.k8s;
  if (!isJsonObject(k8s) || !isJsonObject(k8s.source)) return undefined;
  const sourcePath = [...trigger.path, 'template', 'k8s', 'source'];
  if (isJsonObject(k8s.source.resource)) {
    return { resource: k8s.source.resource, at: subPath => [...sourcePath, 'resource', ...subPath] };
  }
  if (typeof k8s.source.inline !== 'string') return undefined;
  let documents: unknown[];
  try {
    documents = parseManifests(k8s.source.inline, 'inline source');
  } catch {
    return undefined;
  }
  if (documents.length !== 1 || !isJsonObject(documents[0])) return undefined;
  return { resource: documents[0], at: () => [...sourcePath, 'inline'] };
}

/** Every parameter of every trigger: trigger-level and inside each trigger type (`k8s.parameters`, `http.payload`, ...). */
export function parametersOf(sensor: JsonObject): ParameterAt[] {
  return triggersOf(sensor).flatMap(trigger => {
    const found: ParameterAt[] = objectsOf(trigger.trigger.parameters).map(([parameter, i]) => {
      const dest = typeof parameter.dest === 'string' ? parameter.dest : '';
      const resourceDest = dest.startsWith(RESOURCE_PREFIX_IN_TEMPLATE) ? dest.slice(RESOURCE_PREFIX_IN_TEMPLATE.length) : undefined;
      return { parameter, path: [...trigger.path, 'parameters', i], trigger, resourceDest };
    });
    const template = templateOf(trigger);
    for (const [type, body] of Object.entries(template ?? {})) {
      if (!isJsonObject(body)) continue;
      for (const list of ['parameters', 'payload', 'dynamicHeaders']) {
        for (const [parameter, i] of objectsOf(body[list])) {
          const dest = typeof parameter.dest === 'string' ? parameter.dest : '';
          const resourceDest = type === 'k8s' && list === 'parameters' ? dest : undefined;
          found.push({ parameter, path: [...trigger.path, 'template', type, list, i], trigger, resourceDest });
        }
      }
    }
    return found;
  });
}
