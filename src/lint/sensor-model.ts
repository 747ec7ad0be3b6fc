/**
 * Where the lint rules find things in a Sensor's model (../engine/model): the parts that are
 * objects, each with its path. Parts of the wrong type are skipped: the schema rule reports them.
 */
import { sensorModelOf, triggersWithDeadLetters, type DataFilterModel, type DependencyModel, type ExprFilterModel, type ParameterModel, type SensorModel, type TriggerModel } from '../engine/model';
import type { JsonObject } from '../engine/plain-data';

/** A Sensor as the rules take it: its model, or plain data (decoded here). */
export type SensorInput = SensorModel | JsonObject;

/** The model of a rule's input. */
export function modelOf(sensor: SensorInput): SensorModel {
  return sensorModelOf(sensor);
}

/** The Sensor's dependencies that are objects. */
export function dependenciesOf(sensor: SensorInput): DependencyModel[] {
  return (modelOf(sensor).dependencies ?? []).filter(dependency => dependency.decodable);
}

/** A dependency's `name` as the rules compare it: `''` unless it is a string. */
export function dependencyName(dependency: DependencyModel): string {
  return typeof dependency.raw.name === 'string' ? dependency.raw.name : '';
}

/** The dependency a parameter source names (`src.dependencyName`), when the Sensor has it. */
export function dependencyNamed(dependencies: readonly DependencyModel[], name: unknown): DependencyModel | undefined {
  return dependencies.find(dependency => dependencyName(dependency) === name);
}

/** A filter item and the dependency it belongs to. */
export interface FilterOf<Filter> {
  readonly filter: Filter;
  readonly dependency: DependencyModel;
}

/** Every data filter of every dependency. */
export function dataFiltersOf(sensor: SensorInput): FilterOf<DataFilterModel>[] {
  return dependenciesOf(sensor).flatMap(dependency => dependency.filters.data.map(filter => ({ filter, dependency })));
}

/** Every expr filter of every dependency. */
export function exprFiltersOf(sensor: SensorInput): FilterOf<ExprFilterModel>[] {
  return dependenciesOf(sensor).flatMap(dependency => dependency.filters.exprs.map(filter => ({ filter, dependency })));
}

/** Every trigger that is an object, followed by its dead-letter trigger when it has one. */
export function triggersOf(sensor: SensorInput): TriggerModel[] {
  return triggersWithDeadLetters(modelOf(sensor));
}

/** A parameter and the trigger it belongs to. */
export interface ParameterOf {
  readonly parameter: ParameterModel;
  readonly trigger: TriggerModel;
}

/** Every parameter of every trigger: trigger-level and inside each trigger type (`k8s.parameters`, `http.payload`, ...). */
export function parametersOf(sensor: SensorInput): ParameterOf[] {
  return triggersOf(sensor).flatMap(trigger => [
    ...trigger.parameters,
    ...(trigger.template?.types ?? []).flatMap(body => body.parameters),
  ].map(parameter => ({ parameter, trigger })));
}
