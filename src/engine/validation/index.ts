/**
 * Validation of the objects this project produces: Argo Events Sensors and EventSources
 * (schema + controller rules) and CodeRuns (CRD schema + Kubernetes metadata rules).
 */
export { validateAgainstSchema } from './argo-schema';
export { validateCodeRun } from './coderun';
export { validateEventSourceRules } from './event-source-rules';
export * from './kubernetes-names';
export { validateSensorRules, type SensorRuleOptions } from './sensor-rules';
export { parseTimeOfDay, timeZoneProblem, type TimeOfDayResult } from './time-of-day';
export { jsonSizeBytes, OBJECT_SIZE_LIMIT_BYTES, objectSizeIssue } from './object-size';
export { formatIssuePath, type IssuePath, type ValidationIssue } from './validation-issue';
