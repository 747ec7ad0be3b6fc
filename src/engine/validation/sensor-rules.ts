/**
 * The Argo Events controller's Sensor validation (reference §9, `pkg/reconciler/sensor/validate.go`).
 *
 * The controller stops at the first error; this reports every one, each at the path of the
 * offending field. Fields of the wrong JSON type are left to `validateAgainstSchema`.
 */
import { sensorModelOf, type DependencyModel, type SensorModel } from '../model/sensor';
import type { ContextFilterModel, DataFilterModel, DependencyFilters, ExprFilterModel, TimeFilterModel } from '../model/filters';
import type { ParameterModel, TemplateModel, TriggerModel } from '../model/triggers';
import { goString, isSet } from './go-values';
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

/**
 * Checks a Sensor (as plain data, or its model) against the controller's rules: dependencies,
 * logical operators, data/expr/context/time filters, triggers (names, k8s/argoWorkflow/http
 * specifics), parameters, `policy.k8s` and `dlqTrigger`. Returns no issues for a Sensor the
 * controller accepts.
 * Throws a TypeError when `sensor` is not an object or its `kind` is not `Sensor`.
 */
export function validateSensorRules(sensor: unknown, options: SensorRuleOptions = {}): ValidationIssue[] {
  const model = sensorModelOf(sensor, 'validateSensorRules');
  if (model.spec === undefined) return [];
  const issues: ValidationIssue[] = [];
  checkDependencies(model, options, issues);
  checkTriggers(model, issues);
  return issues;
}

function add(issues: ValidationIssue[], path: IssuePath, rule: string, message: string): void {
  issues.push({ path, rule, message });
}

function checkDependencies(sensor: SensorModel, options: SensorRuleOptions, issues: ValidationIssue[]): void {
  const dependencies = sensor.dependencies;
  if (dependencies === undefined) return;
  if (dependencies.length === 0) {
    add(issues, ['spec', 'dependencies'], 'controller/dependencies-required', 'no event dependencies found');
    return;
  }
  const seenEvents = new Set<string>();
  for (const dependency of dependencies.filter(d => d.decodable)) {
    const at = dependency.path;
    const required: [keyof DependencyModel, string][] = [
      ['name', 'event dependency must define a name'],
      ['eventSourceName', 'event dependency must define the EventSourceName'],
      ['eventName', 'event dependency must define the EventName'],
    ];
    for (const [field, message] of required) {
      if (dependency[field] === '') add(issues, [...at, field], 'controller/dependency-field-required', message);
    }
    const { eventSourceName, eventName } = dependency;
    if (options.natsStreamingBus && eventSourceName !== undefined && eventName !== undefined) {
      // JSON of the pair cannot collide the way a joined string could.
      const key = JSON.stringify([eventSourceName, eventName]);
      if (seenEvents.has(key)) {
        add(issues, at, 'controller/dependency-duplicate-event',
          `event '${eventName}' from EventSource '${eventSourceName}' is referenced for more than one dependency in this Sensor object`);
      }
      seenEvents.add(key);
    }
    checkFilters(dependency.filters, issues);
    checkLogicalOperator(dependency.filtersLogicalOperator, [...at, 'filtersLogicalOperator'], issues);
  }
}

function checkLogicalOperator(operator: string | undefined, path: IssuePath, issues: ValidationIssue[]): void {
  if (operator !== undefined && !LOGICAL_OPERATORS.includes(operator)) {
    add(issues, path, 'controller/logical-operator', `logical operator ${operator} not supported`);
  }
}

function checkFilters(filters: DependencyFilters, issues: ValidationIssue[]): void {
  if (!filters.object) return;
  const { path } = filters;
  checkLogicalOperator(filters.exprLogicalOperator, [...path, 'exprLogicalOperator'], issues);
  checkLogicalOperator(filters.dataLogicalOperator, [...path, 'dataLogicalOperator'], issues);
  for (const expr of filters.exprs) checkExprFilter(expr, issues);
  for (const data of filters.data) checkDataFilter(data, issues);
  if (filters.context) checkContextFilter(filters.context, issues);
  if (filters.time) checkTimeFilter(filters.time, issues);
}

function checkExprFilter(expr: ExprFilterModel, issues: ValidationIssue[]): void {
  const { path } = expr;
  const notEmpty = 'one of expr filters is not valid (expr and fields must be not empty)';
  if (expr.expr === '') add(issues, [...path, 'expr'], 'controller/expr-filter-required', notEmpty);
  if (expr.fields === undefined) return;
  if (expr.fieldsEmpty) add(issues, [...path, 'fields'], 'controller/expr-filter-required', notEmpty);
  for (const field of expr.fields) {
    for (const [key, value] of [['name', field.name], ['path', field.dataPath]] as const) {
      if (value === '') {
        add(issues, [...field.path, key], 'controller/expr-filter-field-required',
          'one of expr filters is not valid (path and name in a field must be not empty)');
      }
    }
  }
}

function checkDataFilter(data: DataFilterModel, issues: ValidationIssue[]): void {
  const { path, comparator } = data;
  if (comparator !== undefined && !DATA_FILTER_COMPARATORS.includes(comparator)) {
    add(issues, [...path, 'comparator'], 'controller/data-filter-comparator', `comparator ${comparator} not supported`);
  }
  const notEmpty = 'one of data filters is not valid (type, path and value must be not empty)';
  for (const [key, value] of [['path', data.dataPath], ['type', data.type]] as const) {
    if (value === '') add(issues, [...path, key], 'controller/data-filter-required', notEmpty);
  }
  const values = data.values;
  if (values === undefined) return;
  if (values.length === 0) add(issues, [...path, 'value'], 'controller/data-filter-required', notEmpty);
  values.forEach((value, i) => {
    if (value === '') {
      add(issues, [...path, 'value', i], 'controller/data-filter-empty-value', 'one of data filters is not valid (value must be not empty)');
    }
  });
}

function checkContextFilter(context: ContextFilterModel, issues: ValidationIssue[]): void {
  // Only these four take part in matching; `id`, `time`, `specversion` are ignored.
  const matched = [context.type, context.subject, context.source, context.datacontenttype].some(value => value !== undefined && value !== '');
  if (!matched) add(issues, context.path, 'controller/context-filter-empty', 'no fields specified in ctx filter');
}

function checkTimeFilter(time: TimeFilterModel, issues: ValidationIssue[]): void {
  const { path, start, stop, timezone } = time;
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

function checkTriggers(sensor: SensorModel, issues: ValidationIssue[]): void {
  const triggers = sensor.triggers;
  if (triggers === undefined) return;
  if (triggers.length === 0) {
    add(issues, ['spec', 'triggers'], 'controller/triggers-required', 'no triggers found');
    return;
  }
  const seenNames = new Set<string>();
  for (const trigger of triggers.filter(t => t.decodable)) {
    const name = checkTrigger(trigger, issues);
    if (name === undefined || name === '') continue;
    if (seenNames.has(name)) {
      add(issues, [...trigger.path, 'template', 'name'], 'controller/trigger-name-duplicate', `duplicate trigger name: ${name}`);
    }
    seenNames.add(name);
  }
}

/** Checks one trigger (and its dlqTrigger); returns its template name for the uniqueness check. */
function checkTrigger(trigger: TriggerModel, issues: ValidationIssue[]): string | undefined {
  const { path, template } = trigger;
  let name: string | undefined;
  if (template === null) {
    add(issues, [...path, 'template'], 'controller/trigger-template-required', "trigger template can't be nil");
  } else if (template) {
    name = template.name;
    if (name === '') add(issues, [...path, 'template', 'name'], 'controller/trigger-name-required', 'trigger must define a name');
    checkTriggerTemplate(template, issues);
  }
  checkParameters(trigger.parameters, issues);
  if (trigger.k8sPolicy && !isSet(trigger.k8sPolicy.labels)) {
    add(issues, [...path, 'policy', 'k8s', 'labels'], 'controller/policy-k8s-labels', 'resource labels are not specified');
  }
  const dlqTrigger = trigger.dlqTrigger;
  if (dlqTrigger) {
    // A dead-letter trigger only fires after at-least-once retries of the trigger itself are exhausted.
    if (!trigger.atLeastOnce) {
      add(issues, [...path, 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the trigger');
    }
    if (!dlqTrigger.atLeastOnce) {
      add(issues, [...path, 'dlqTrigger', 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the dlqTrigger itself');
    }
    checkTrigger(dlqTrigger, issues);
  }
  return name;
}

function checkTriggerTemplate(template: TemplateModel, issues: ValidationIssue[]): void {
  const typed = (type: string) => template.types.find(body => body.type === type);
  const k8s = typed('k8s');
  if (k8s) {
    if (!isSet(k8s.raw.source)) {
      add(issues, [...k8s.path, 'source'], 'controller/k8s-source-required', 'k8s trigger does not contain an absolute action');
    }
    if (k8s.operation !== undefined && !K8S_OPERATIONS.includes(k8s.operation)) {
      add(issues, [...k8s.path, 'operation'], 'controller/k8s-operation', `unknown operation type ${k8s.operation}`);
    }
  }
  const argoWorkflow = typed('argoWorkflow');
  if (argoWorkflow && argoWorkflow.operation !== undefined && !ARGO_WORKFLOW_OPERATIONS.includes(argoWorkflow.operation)) {
    add(issues, [...argoWorkflow.path, 'operation'], 'controller/argo-workflow-operation', `unknown operation type ${argoWorkflow.operation}`);
  }
  const http = typed('http');
  if (http) {
    if (goString(http.raw.url) === '') add(issues, [...http.path, 'url'], 'controller/http-url-required', 'server URL is not specified');
    const method = goString(http.raw.method);
    if (method !== undefined && method !== '' && !HTTP_METHODS.includes(method)) {
      add(issues, [...http.path, 'method'], 'controller/http-method', 'only GET, DELETE, PATCH, POST and PUT methods are supported');
    }
  }
  for (const body of template.types) checkParameters(body.parameters, issues);
}

function checkParameters(parameters: readonly ParameterModel[], issues: ValidationIssue[]): void {
  for (const parameter of parameters) checkParameter(parameter, issues);
}

function checkParameter(parameter: ParameterModel, issues: ValidationIssue[]): void {
  const { path, src, operation } = parameter;
  if (src === null) {
    add(issues, [...path, 'src'], 'controller/parameter-src-required', "parameter source can't be empty");
  } else if (src && parameter.dependencyName === '') {
    add(issues, [...path, 'src', 'dependencyName'], 'controller/parameter-dependency-name-required', "parameter dependency name can't be empty");
  }
  if (parameter.dest === '') {
    add(issues, [...path, 'dest'], 'controller/parameter-dest-required', "parameter destination can't be empty");
  }
  if (operation !== undefined && !PARAMETER_OPERATIONS.includes(operation)) {
    add(issues, [...path, 'operation'], 'controller/parameter-operation', `parameter operation ${operation} is invalid`);
  }
}
