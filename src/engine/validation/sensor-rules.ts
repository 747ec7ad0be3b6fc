/**
 * The Argo Events controller's Sensor validation (reference §9, `pkg/reconciler/sensor/validate.go`).
 *
 * The controller stops at the first error; this reports every one, each at the path of the
 * offending field. Fields of the wrong JSON type are left to `validateAgainstSchema`.
 */
import { goList, goObject, goString, isSet, requireResource } from './go-values';
import { isJsonObject, type JsonObject } from '../plain-data';
import { parseTimeOfDay, timeZoneProblem } from './time-of-day';
import type { IssuePath, ValidationIssue } from './validation-issue';

/** What the rules need to know about the Sensor's surroundings. */
export interface SensorRuleOptions {
  /**
   * The Sensor runs on a NATS-streaming (STAN) EventBus, where one (eventSourceName, eventName)
   * pair may feed only one dependency. Default false (JetStream/Kafka allow repeats).
   */
  readonly natsStreamingBus?: boolean;
}

const LOGICAL_OPERATORS = ['and', 'or', ''];
const DATA_FILTER_COMPARATORS = ['>=', '>', '=', '!=', '<', '<=', ''];
const K8S_OPERATIONS = ['', 'create', 'update', 'patch', 'delete'];
const ARGO_WORKFLOW_OPERATIONS = ['submit', 'submit-from', 'suspend', 'resubmit', 'retry', 'resume', 'terminate', 'stop'];
const HTTP_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];
const PARAMETER_OPERATIONS = ['append', 'overwrite', 'prepend', ''];
/** Template keys that are not a trigger type. */
const TEMPLATE_NON_TYPE_KEYS = new Set(['name', 'conditions', 'conditionsReset']);
/** Lists of TriggerParameter inside a trigger type (`k8s.parameters`, `http.payload`, ...). */
const TRIGGER_TYPE_PARAMETER_LISTS = ['parameters', 'payload', 'dynamicHeaders'];

/**
 * Checks a Sensor against the controller's rules: dependencies, logical operators, data/expr/
 * context/time filters, triggers (names, k8s/argoWorkflow/http specifics), parameters,
 * `policy.k8s` and `dlqTrigger`. Returns no issues for a Sensor the controller accepts.
 * Throws a TypeError when `sensor` is not an object or its `kind` is not `Sensor`.
 */
export function validateSensorRules(sensor: unknown, options: SensorRuleOptions = {}): ValidationIssue[] {
  const resource = requireResource(sensor, 'Sensor', 'validateSensorRules');
  const spec = goObject(resource.spec);
  if (spec === undefined) return [];
  const issues: ValidationIssue[] = [];
  checkDependencies(spec?.dependencies, ['spec', 'dependencies'], options, issues);
  checkTriggers(spec?.triggers, ['spec', 'triggers'], issues);
  return issues;
}

function add(issues: ValidationIssue[], path: IssuePath, rule: string, message: string): void {
  issues.push({ path, rule, message });
}

function checkDependencies(value: unknown, path: IssuePath, options: SensorRuleOptions, issues: ValidationIssue[]): void {
  const dependencies = goList(value);
  if (dependencies === undefined) return;
  if (dependencies.length === 0) {
    add(issues, path, 'controller/dependencies-required', 'no event dependencies found');
    return;
  }
  const seenEvents = new Set<string>();
  dependencies.forEach((entry, i) => {
    if (!isJsonObject(entry)) return;
    const at = [...path, i];
    const required: [string, string][] = [
      ['name', 'event dependency must define a name'],
      ['eventSourceName', 'event dependency must define the EventSourceName'],
      ['eventName', 'event dependency must define the EventName'],
    ];
    for (const [field, message] of required) {
      if (goString(entry[field]) === '') add(issues, [...at, field], 'controller/dependency-field-required', message);
    }
    const eventSourceName = goString(entry.eventSourceName);
    const eventName = goString(entry.eventName);
    if (options.natsStreamingBus && eventSourceName !== undefined && eventName !== undefined) {
      // JSON of the pair cannot collide the way a joined string could.
      const key = JSON.stringify([eventSourceName, eventName]);
      if (seenEvents.has(key)) {
        add(issues, at, 'controller/dependency-duplicate-event',
          `event '${eventName}' from EventSource '${eventSourceName}' is referenced for more than one dependency in this Sensor object`);
      }
      seenEvents.add(key);
    }
    checkFilters(entry.filters, [...at, 'filters'], issues);
    checkLogicalOperator(entry.filtersLogicalOperator, [...at, 'filtersLogicalOperator'], issues);
  });
}

function checkLogicalOperator(value: unknown, path: IssuePath, issues: ValidationIssue[]): void {
  const operator = goString(value);
  if (operator !== undefined && !LOGICAL_OPERATORS.includes(operator)) {
    add(issues, path, 'controller/logical-operator', `logical operator ${operator} not supported`);
  }
}

function checkFilters(value: unknown, path: IssuePath, issues: ValidationIssue[]): void {
  const filters = goObject(value);
  if (!filters) return;
  checkLogicalOperator(filters.exprLogicalOperator, [...path, 'exprLogicalOperator'], issues);
  checkLogicalOperator(filters.dataLogicalOperator, [...path, 'dataLogicalOperator'], issues);
  (goList(filters.exprs) ?? []).forEach((expr, i) => {
    if (isJsonObject(expr)) checkExprFilter(expr, [...path, 'exprs', i], issues);
  });
  (goList(filters.data) ?? []).forEach((data, i) => {
    if (isJsonObject(data)) checkDataFilter(data, [...path, 'data', i], issues);
  });
  const context = goObject(filters.context);
  if (context) checkContextFilter(context, [...path, 'context'], issues);
  const time = goObject(filters.time);
  if (time) checkTimeFilter(time, [...path, 'time'], issues);
}

function checkExprFilter(expr: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const notEmpty = 'one of expr filters is not valid (expr and fields must be not empty)';
  if (goString(expr.expr) === '') add(issues, [...path, 'expr'], 'controller/expr-filter-required', notEmpty);
  const fields = goList(expr.fields);
  if (fields === undefined) return;
  if (fields.length === 0) add(issues, [...path, 'fields'], 'controller/expr-filter-required', notEmpty);
  fields.forEach((field, i) => {
    if (!isJsonObject(field)) return;
    for (const key of ['name', 'path']) {
      if (goString(field[key]) === '') {
        add(issues, [...path, 'fields', i, key], 'controller/expr-filter-field-required',
          'one of expr filters is not valid (path and name in a field must be not empty)');
      }
    }
  });
}

function checkDataFilter(data: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const comparator = goString(data.comparator);
  if (comparator !== undefined && !DATA_FILTER_COMPARATORS.includes(comparator)) {
    add(issues, [...path, 'comparator'], 'controller/data-filter-comparator', `comparator ${comparator} not supported`);
  }
  const notEmpty = 'one of data filters is not valid (type, path and value must be not empty)';
  for (const key of ['path', 'type']) {
    if (goString(data[key]) === '') add(issues, [...path, key], 'controller/data-filter-required', notEmpty);
  }
  const values = goList(data.value);
  if (values === undefined) return;
  if (values.length === 0) add(issues, [...path, 'value'], 'controller/data-filter-required', notEmpty);
  values.forEach((value, i) => {
    if (goString(value) === '') {
      add(issues, [...path, 'value', i], 'controller/data-filter-empty-value', 'one of data filters is not valid (value must be not empty)');
    }
  });
}

function checkContextFilter(context: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  // Only these four take part in matching; `id`, `time`, `specversion` are ignored.
  const matched = ['type', 'subject', 'source', 'datacontenttype'].some(key => {
    const value = goString(context[key]);
    return value !== undefined && value !== '';
  });
  if (!matched) add(issues, path, 'controller/context-filter-empty', 'no fields specified in ctx filter');
}

function checkTimeFilter(time: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const start = goString(time.start);
  const stop = goString(time.stop);
  const timezone = goString(time.timezone);
  if (timezone !== undefined) {
    const problem = timeZoneProblem(timezone);
    if (problem) add(issues, [...path, 'timezone'], 'controller/time-filter-timezone', `invalid timezone '${timezone}': ${problem}`);
  }
  if (start === undefined || stop === undefined) return;
  const parsedStart = parseTimeOfDay(start);
  const parsedStop = parseTimeOfDay(stop);
  if (!parsedStart.ok) add(issues, [...path, 'start'], 'controller/time-filter-parse', parsedStart.error);
  if (!parsedStop.ok) add(issues, [...path, 'stop'], 'controller/time-filter-parse', parsedStop.error);
  if (parsedStart.ok && parsedStop.ok && parsedStart.nanosecondsOfDay === parsedStop.nanosecondsOfDay) {
    add(issues, path, 'controller/time-filter-empty-window', `invalid event time filter: stop '${stop}' is equal to start '${start}'`);
  }
}

function checkTriggers(value: unknown, path: IssuePath, issues: ValidationIssue[]): void {
  const triggers = goList(value);
  if (triggers === undefined) return;
  if (triggers.length === 0) {
    add(issues, path, 'controller/triggers-required', 'no triggers found');
    return;
  }
  const seenNames = new Set<string>();
  triggers.forEach((trigger, i) => {
    if (!isJsonObject(trigger)) return;
    const name = checkTrigger(trigger, [...path, i], issues);
    if (name === undefined || name === '') return;
    if (seenNames.has(name)) {
      add(issues, [...path, i, 'template', 'name'], 'controller/trigger-name-duplicate', `duplicate trigger name: ${name}`);
    }
    seenNames.add(name);
  });
}

/** Checks one trigger (and its dlqTrigger); returns its template name for the uniqueness check. */
function checkTrigger(trigger: JsonObject, path: IssuePath, issues: ValidationIssue[]): string | undefined {
  const template = goObject(trigger.template);
  let name: string | undefined;
  if (template === null) {
    add(issues, [...path, 'template'], 'controller/trigger-template-required', "trigger template can't be nil");
  } else if (template) {
    name = goString(template.name);
    if (name === '') add(issues, [...path, 'template', 'name'], 'controller/trigger-name-required', 'trigger must define a name');
    checkTriggerTemplate(template, [...path, 'template'], issues);
  }
  checkParameterList(trigger.parameters, [...path, 'parameters'], issues);
  const policy = goObject(trigger.policy);
  const k8sPolicy = policy ? goObject(policy.k8s) : undefined;
  if (k8sPolicy && !isSet(k8sPolicy.labels)) {
    add(issues, [...path, 'policy', 'k8s', 'labels'], 'controller/policy-k8s-labels', 'resource labels are not specified');
  }
  const dlqTrigger = goObject(trigger.dlqTrigger);
  if (dlqTrigger) {
    // A dead-letter trigger only fires after at-least-once retries of the trigger itself are exhausted.
    if (trigger.atLeastOnce !== true) {
      add(issues, [...path, 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the trigger');
    }
    if (dlqTrigger.atLeastOnce !== true) {
      add(issues, [...path, 'dlqTrigger', 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the dlqTrigger itself');
    }
    checkTrigger(dlqTrigger, [...path, 'dlqTrigger'], issues);
  }
  return name;
}

function checkTriggerTemplate(template: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const k8s = goObject(template.k8s);
  if (k8s) {
    if (!isSet(k8s.source)) {
      add(issues, [...path, 'k8s', 'source'], 'controller/k8s-source-required', 'k8s trigger does not contain an absolute action');
    }
    const operation = goString(k8s.operation);
    if (operation !== undefined && !K8S_OPERATIONS.includes(operation)) {
      add(issues, [...path, 'k8s', 'operation'], 'controller/k8s-operation', `unknown operation type ${operation}`);
    }
  }
  const argoWorkflow = goObject(template.argoWorkflow);
  if (argoWorkflow) {
    const operation = goString(argoWorkflow.operation);
    if (operation !== undefined && !ARGO_WORKFLOW_OPERATIONS.includes(operation)) {
      add(issues, [...path, 'argoWorkflow', 'operation'], 'controller/argo-workflow-operation', `unknown operation type ${operation}`);
    }
  }
  const http = goObject(template.http);
  if (http) {
    if (goString(http.url) === '') add(issues, [...path, 'http', 'url'], 'controller/http-url-required', 'server URL is not specified');
    const method = goString(http.method);
    if (method !== undefined && method !== '' && !HTTP_METHODS.includes(method)) {
      add(issues, [...path, 'http', 'method'], 'controller/http-method', 'only GET, DELETE, PATCH, POST and PUT methods are supported');
    }
  }
  for (const [type, body] of Object.entries(template)) {
    if (TEMPLATE_NON_TYPE_KEYS.has(type) || !isJsonObject(body)) continue;
    for (const list of TRIGGER_TYPE_PARAMETER_LISTS) {
      checkParameterList(body[list], [...path, type, list], issues);
    }
  }
}

function checkParameterList(value: unknown, path: IssuePath, issues: ValidationIssue[]): void {
  (goList(value) ?? []).forEach((parameter, i) => {
    if (isJsonObject(parameter)) checkParameter(parameter, [...path, i], issues);
  });
}

function checkParameter(parameter: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const src = goObject(parameter.src);
  if (src === null) {
    add(issues, [...path, 'src'], 'controller/parameter-src-required', "parameter source can't be empty");
  } else if (src && goString(src.dependencyName) === '') {
    add(issues, [...path, 'src', 'dependencyName'], 'controller/parameter-dependency-name-required', "parameter dependency name can't be empty");
  }
  if (goString(parameter.dest) === '') {
    add(issues, [...path, 'dest'], 'controller/parameter-dest-required', "parameter destination can't be empty");
  }
  const operation = goString(parameter.operation);
  if (operation !== undefined && !PARAMETER_OPERATIONS.includes(operation)) {
    add(issues, [...path, 'operation'], 'controller/parameter-operation', `parameter operation ${operation} is invalid`);
  }
}
