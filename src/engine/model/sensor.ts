/**
 * A Sensor decoded once: every reader (the simulation, the controller's validation, the
 * triggers, the lint rules) reads this model instead of walking the object again. Fields are
 * Go values as the controller decodes them (`''` for an absent string, `undefined` for a field
 * of the wrong JSON type, which the schema check reports); every part keeps its path, and the
 * model read from a manifest keeps the way to its YAML position.
 */
import { isJsonObject, type JsonObject } from '../plain-data';
import { goList, goObject, goString, requireResource } from '../validation/go-values';
import type { IssuePath } from '../validation/validation-issue';
import { decodeFilters, type DependencyFilters } from './filters';
import type { ModelNode, SourceLocator } from './node';
import { decodeTrigger, type TriggerModel } from './triggers';

/** An entry of `spec.dependencies`. */
export interface DependencyModel extends ModelNode {
  /** False when the list entry is not an object (then `raw` is `{}`: every field reads as absent). */
  readonly decodable: boolean;
  readonly name: string | undefined;
  readonly eventSourceName: string | undefined;
  readonly eventName: string | undefined;
  readonly filtersLogicalOperator: string | undefined;
  /** Whether a `transform` (jq or Lua, run before the filters) is set. */
  readonly hasTransform: boolean;
  readonly filters: DependencyFilters;
}

/** Marks the objects {@link decodeSensor} makes: no key of parsed YAML or JSON can be a symbol. */
const SENSOR_MODEL: unique symbol = Symbol('SensorModel');

/** A Sensor. */
export interface SensorModel extends ModelNode {
  readonly [SENSOR_MODEL]: true;
  readonly kind: 'Sensor';
  /** `metadata.name`. */
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  /** null when absent, undefined when not an object. */
  readonly spec: JsonObject | null | undefined;
  /** Every entry of `spec.dependencies`; undefined when `spec` or the list is of the wrong type. */
  readonly dependencies: readonly DependencyModel[] | undefined;
  /** Every entry of `spec.triggers`; undefined when `spec` or the list is of the wrong type. */
  readonly triggers: readonly TriggerModel[] | undefined;
  /** The YAML position of a path, when the Sensor was read from a manifest text. */
  readonly locate: SourceLocator | undefined;
}

function dependency(value: unknown, path: IssuePath): DependencyModel {
  const raw = isJsonObject(value) ? value : {};
  return {
    path, raw,
    decodable: isJsonObject(value),
    name: goString(raw.name),
    eventSourceName: goString(raw.eventSourceName),
    eventName: goString(raw.eventName),
    filtersLogicalOperator: goString(raw.filtersLogicalOperator),
    hasTransform: raw.transform !== undefined && raw.transform !== null,
    filters: decodeFilters(raw.filters, [...path, 'filters']),
  };
}

/** True for a model {@link decodeSensor} made (and not a Sensor as plain data). */
export function isSensorModel(value: unknown): value is SensorModel {
  return isJsonObject(value) && SENSOR_MODEL in value;
}

/**
 * Decodes a Sensor held as plain data (`locate`: the positions of the manifest it was read from).
 * @param caller names the reader in the TypeError
 * @throws TypeError when `value` is not an object, or its `kind` is set and not `Sensor`
 */
export function decodeSensor(value: unknown, locate?: SourceLocator, caller = 'decodeSensor'): SensorModel {
  const raw = requireResource(value, 'Sensor', caller);
  const metadata = isJsonObject(raw.metadata) ? raw.metadata : {};
  const spec = goObject(raw.spec);
  const list = (key: string) => (spec === undefined ? undefined : goList(spec?.[key]));
  const dependencies = list('dependencies');
  const triggers = list('triggers');
  return {
    [SENSOR_MODEL]: true,
    kind: 'Sensor',
    path: [],
    raw,
    name: goString(metadata.name),
    namespace: goString(metadata.namespace),
    spec,
    dependencies: dependencies?.map((entry, i) => dependency(entry, ['spec', 'dependencies', i])),
    triggers: triggers?.map((entry, i) => decodeTrigger(entry, ['spec', 'triggers', i])),
    locate,
  };
}

/** The Sensor's model: `sensor` itself when it is one, else its decoding. */
export function sensorModelOf(sensor: unknown, caller?: string): SensorModel {
  return isSensorModel(sensor) ? sensor : decodeSensor(sensor, undefined, caller);
}

/** The (eventSourceName, eventName) of the Sensor's first dependency, what a GitHub event is addressed to. */
export function firstDependencyAddress(sensor: SensorModel | Record<string, unknown>): { eventSourceName: string; eventName: string } {
  const first = sensorModelOf(sensor, 'firstDependencyAddress').dependencies?.[0];
  return { eventSourceName: first?.eventSourceName ?? '', eventName: first?.eventName ?? '' };
}

/** Every trigger that is an object, each followed by its dead-letter trigger when it has one. */
export function triggersWithDeadLetters(sensor: SensorModel): TriggerModel[] {
  return (sensor.triggers ?? []).filter(t => t.decodable).flatMap(t => (t.dlqTrigger ? [t, t.dlqTrigger] : [t]));
}
