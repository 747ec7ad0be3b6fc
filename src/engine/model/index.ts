/**
 * The typed models of the objects the engine reads (a Sensor, an EventSource), decoded once
 * with the path of every part (and, when read from a manifest, its YAML position).
 */
export { decodeEventSource, EVENT_SOURCE_SPEC_NON_TYPE_KEYS, isEventSourceModel, type EventModel, type EventSourceModel } from './event-source';
export { decodeFilters, type ContextFilterModel, type DataFilterModel, type DependencyFilters, type ExprFieldModel, type ExprFilterModel, type TimeFilterModel } from './filters';
export { loadSensorFile, readManifestModels, readSensorManifest, type ManifestModel, type ManifestModels } from './manifest';
export type { ModelNode, SourceLocator } from './node';
export { decodeSensor, firstDependencyAddress, isSensorModel, sensorModelOf, triggersWithDeadLetters, type DependencyModel, type SensorModel } from './sensor';
export { decodeTrigger, triggerType, TRIGGER_TYPE_PARAMETER_LISTS, type K8sResourceModel, type ParameterModel, type TemplateModel, type TriggerModel, type TriggerTypeModel } from './triggers';
