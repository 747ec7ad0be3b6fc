/**
 * The project's validators as lint rules: `schema` (upstream Argo Events JSON schema, incl.
 * unknown fields) and `controller` (what the controller rejects a Sensor/EventSource for).
 *
 * Severity follows what happens to the object: the controller's own rules
 * (`pkg/reconciler/sensor/validate.go`, `pkg/reconciler/eventsource/validate.go` at upstream
 * 6478ece) and a JSON type the controller cannot decode are errors. A missing `required`
 * field of the schema is a warning: the schema's `required` lists come from Go fields without
 * `omitempty`, the controller decodes a missing field as its zero value and checks only what
 * its rules check (e.g. `validateHTTPTrigger` needs `url`, not `payload`, which upstream's e2e
 * Sensors leave out). An unknown field is a warning too: the controller ignores it, which is a
 * risk (a misspelt field does nothing), not a rejection.
 */
import { validateAgainstSchema, validateEventSourceRules, validateSensorRules, type ValidationIssue } from '../engine/validation';
import type { EventSourceModel, SensorModel } from '../engine/model';
import { atKey, error, warning, type ObjectFinding } from './findings';

/**
 * Controller issues another rule reports with a more specific id and fix
 * (`unsupported-comparator` covers the comparator check).
 */
const COVERED_CONTROLLER_RULES = new Set(['controller/data-filter-comparator']);

/** Schema issues that are risks, not rejections (see the module comment). */
const WARNING_SCHEMA_RULES = new Set(['schema/required', 'schema/unknown-field']);

/** Schema and controller findings of a Sensor or EventSource. */
export function validatorRules(object: SensorModel | EventSourceModel): ObjectFinding[] {
  const controllerIssues = object.kind === 'Sensor' ? validateSensorRules(object) : validateEventSourceRules(object);
  return [
    ...validateAgainstSchema(object.raw).map(issue => asFinding(issue, 'schema')),
    ...controllerIssues.filter(issue => !COVERED_CONTROLLER_RULES.has(issue.rule)).map(issue => asFinding(issue, 'controller')),
  ];
}

function asFinding(issue: ValidationIssue, rule: 'schema' | 'controller'): ObjectFinding {
  const consequence = rule === 'controller' ? ` (the controller rejects the object; ${issue.rule})` : '';
  const make = WARNING_SCHEMA_RULES.has(issue.rule) ? warning : error;
  const finding = make(issue.path, rule, `${issue.message}${consequence}`);
  return issue.rule === 'schema/unknown-field' ? atKey(finding) : finding;
}
