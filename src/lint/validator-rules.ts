/**
 * The project's validators as lint rules: `schema` (upstream Argo Events JSON schema, incl.
 * unknown fields) and `controller` (what the controller rejects a Sensor/EventSource for).
 */
import { validateAgainstSchema, validateEventSourceRules, validateSensorRules, type ValidationIssue } from '../engine/validation';
import type { JsonObject } from '../engine/validation/go-values';
import { atKey, error, type ObjectFinding } from './findings';

/**
 * Controller issues another rule reports with a more specific id and fix
 * (`unsupported-comparator` covers the comparator check).
 */
const COVERED_CONTROLLER_RULES = new Set(['controller/data-filter-comparator']);

/** Schema and controller findings of a Sensor or EventSource. */
export function validatorRules(object: JsonObject): ObjectFinding[] {
  const controllerIssues = object.kind === 'Sensor' ? validateSensorRules(object) : validateEventSourceRules(object);
  return [
    ...validateAgainstSchema(object).map(issue => asFinding(issue, 'schema')),
    ...controllerIssues.filter(issue => !COVERED_CONTROLLER_RULES.has(issue.rule)).map(issue => asFinding(issue, 'controller')),
  ];
}

function asFinding(issue: ValidationIssue, rule: 'schema' | 'controller'): ObjectFinding {
  const consequence = rule === 'controller' ? ` (the controller rejects the object; ${issue.rule})` : '';
  const finding = error(issue.path, rule, `${issue.message}${consequence}`);
  return issue.rule === 'schema/unknown-field' ? atKey(finding) : finding;
}
