import { validateSensorRules } from '../../../src/engine/validation/sensor-rules';
import type { ValidationIssue } from '../../../src/engine/validation/validation-issue';
import { baselineSensor, changed } from './fixtures';

const dependency = ['spec', 'dependencies', 0];
const filters = [...dependency, 'filters'];
const trigger = ['spec', 'triggers', 0];
const template = [...trigger, 'template'];
const k8sParameters = [...template, 'k8s', 'parameters'];

function issue(path: (string | number)[], rule: string, message: string): ValidationIssue {
  return { path, rule, message };
}

describe('validateSensorRules', () => {
  it('accepts the baseline CI-failure Sensor', () => {
    expect(validateSensorRules(baselineSensor())).toEqual([]);
  });

  const cases: [string, (s: any) => void, ValidationIssue[]][] = [
    ['no dependencies', s => { s.spec.dependencies = []; },
      [issue(['spec', 'dependencies'], 'controller/dependencies-required', 'no event dependencies found')]],
    ['dependencies absent', s => { delete s.spec.dependencies; },
      [issue(['spec', 'dependencies'], 'controller/dependencies-required', 'no event dependencies found')]],
    ['dependency without name', s => { delete s.spec.dependencies[0].name; },
      [issue([...dependency, 'name'], 'controller/dependency-field-required', 'event dependency must define a name')]],
    ['dependency without eventSourceName', s => { s.spec.dependencies[0].eventSourceName = ''; },
      [issue([...dependency, 'eventSourceName'], 'controller/dependency-field-required', 'event dependency must define the EventSourceName')]],
    ['dependency without eventName', s => { s.spec.dependencies[0].eventName = null; },
      [issue([...dependency, 'eventName'], 'controller/dependency-field-required', 'event dependency must define the EventName')]],
    ['filtersLogicalOperator typo', s => { s.spec.dependencies[0].filtersLogicalOperator = 'AND'; },
      [issue([...dependency, 'filtersLogicalOperator'], 'controller/logical-operator', 'logical operator AND not supported')]],
    ['dataLogicalOperator typo', s => { s.spec.dependencies[0].filters.dataLogicalOperator = '&&'; },
      [issue([...filters, 'dataLogicalOperator'], 'controller/logical-operator', 'logical operator && not supported')]],
    ['exprLogicalOperator typo', s => { s.spec.dependencies[0].filters.exprLogicalOperator = 'xor'; },
      [issue([...filters, 'exprLogicalOperator'], 'controller/logical-operator', 'logical operator xor not supported')]],
    ['data filter comparator in', s => { s.spec.dependencies[0].filters.data[1].comparator = 'in'; },
      [issue([...filters, 'data', 1, 'comparator'], 'controller/data-filter-comparator', 'comparator in not supported')]],
    ['data filter comparator !~', s => { s.spec.dependencies[0].filters.data[4].comparator = '!~'; },
      [issue([...filters, 'data', 4, 'comparator'], 'controller/data-filter-comparator', 'comparator !~ not supported')]],
    ['data filter without path', s => { s.spec.dependencies[0].filters.data[0].path = ''; },
      [issue([...filters, 'data', 0, 'path'], 'controller/data-filter-required', 'one of data filters is not valid (type, path and value must be not empty)')]],
    ['data filter without type', s => { delete s.spec.dependencies[0].filters.data[0].type; },
      [issue([...filters, 'data', 0, 'type'], 'controller/data-filter-required', 'one of data filters is not valid (type, path and value must be not empty)')]],
    ['data filter without values', s => { s.spec.dependencies[0].filters.data[0].value = []; },
      [issue([...filters, 'data', 0, 'value'], 'controller/data-filter-required', 'one of data filters is not valid (type, path and value must be not empty)')]],
    ['data filter with an empty value', s => { s.spec.dependencies[0].filters.data[2].value = ['^failure$', '']; },
      [issue([...filters, 'data', 2, 'value', 1], 'controller/data-filter-empty-value', 'one of data filters is not valid (value must be not empty)')]],
    ['expr filter without expr', s => { s.spec.dependencies[0].filters.exprs = [{ expr: '', fields: [{ name: 'a', path: 'body.a' }] }]; },
      [issue([...filters, 'exprs', 0, 'expr'], 'controller/expr-filter-required', 'one of expr filters is not valid (expr and fields must be not empty)')]],
    ['expr filter without fields', s => { s.spec.dependencies[0].filters.exprs = [{ expr: 'a == 1' }]; },
      [issue([...filters, 'exprs', 0, 'fields'], 'controller/expr-filter-required', 'one of expr filters is not valid (expr and fields must be not empty)')]],
    ['expr filter field without path', s => { s.spec.dependencies[0].filters.exprs = [{ expr: 'a == 1', fields: [{ name: 'a' }] }]; },
      [issue([...filters, 'exprs', 0, 'fields', 0, 'path'], 'controller/expr-filter-field-required', 'one of expr filters is not valid (path and name in a field must be not empty)')]],
    ['expr filter field without name', s => { s.spec.dependencies[0].filters.exprs = [{ expr: 'a == 1', fields: [{ name: '', path: 'body.a' }] }]; },
      [issue([...filters, 'exprs', 0, 'fields', 0, 'name'], 'controller/expr-filter-field-required', 'one of expr filters is not valid (path and name in a field must be not empty)')]],
    ['context filter with only id and time', s => { s.spec.dependencies[0].filters.context = { id: 'x', time: '2026-01-01T00:00:00Z' }; },
      [issue([...filters, 'context'], 'controller/context-filter-empty', 'no fields specified in ctx filter')]],
    ['time filter start with a bad minute', s => { s.spec.dependencies[0].filters.time = { start: '9:5:00', stop: '17:00:00' }; },
      [issue([...filters, 'time', 'start'], 'controller/time-filter-parse', 'parsing time "9:5:00" as "15:04:05": cannot parse "5:00" as "04"')]],
    ['time filter stop 24:00:00', s => { s.spec.dependencies[0].filters.time = { start: '09:00:00', stop: '24:00:00' }; },
      [issue([...filters, 'time', 'stop'], 'controller/time-filter-parse', 'parsing time "24:00:00": hour out of range')]],
    ['time filter with equal start and stop', s => { s.spec.dependencies[0].filters.time = { start: '9:00:00', stop: '09:00:00.0' }; },
      [issue([...filters, 'time'], 'controller/time-filter-empty-window', "invalid event time filter: stop '09:00:00.0' is equal to start '9:00:00'")]],
    ['time filter with an unknown timezone', s => { s.spec.dependencies[0].filters.time = { start: '09:00:00', stop: '17:00:00', timezone: 'Mars/Olympus' }; },
      [issue([...filters, 'time', 'timezone'], 'controller/time-filter-timezone', "invalid timezone 'Mars/Olympus': unknown time zone Mars/Olympus")]],
    ['no triggers', s => { s.spec.triggers = []; },
      [issue(['spec', 'triggers'], 'controller/triggers-required', 'no triggers found')]],
    ['trigger without template', s => { delete s.spec.triggers[0].template; },
      [issue(template, 'controller/trigger-template-required', "trigger template can't be nil")]],
    ['trigger template without name', s => { delete s.spec.triggers[0].template.name; },
      [issue([...template, 'name'], 'controller/trigger-name-required', 'trigger must define a name')]],
    ['duplicate trigger names', s => { s.spec.triggers.push(structuredClone(s.spec.triggers[0])); },
      [issue(['spec', 'triggers', 1, 'template', 'name'], 'controller/trigger-name-duplicate', 'duplicate trigger name: create-coderun')]],
    ['k8s trigger without source', s => { delete s.spec.triggers[0].template.k8s.source; },
      [issue([...template, 'k8s', 'source'], 'controller/k8s-source-required', 'k8s trigger does not contain an absolute action')]],
    ['k8s trigger operation apply', s => { s.spec.triggers[0].template.k8s.operation = 'apply'; },
      [issue([...template, 'k8s', 'operation'], 'controller/k8s-operation', 'unknown operation type apply')]],
    ['k8s trigger operation Create (case matters)', s => { s.spec.triggers[0].template.k8s.operation = 'Create'; },
      [issue([...template, 'k8s', 'operation'], 'controller/k8s-operation', 'unknown operation type Create')]],
    ['argoWorkflow trigger operation run', s => { s.spec.triggers[0].template = { name: 'wf', argoWorkflow: { operation: 'run', source: { resource: {} } } }; },
      [issue([...template, 'argoWorkflow', 'operation'], 'controller/argo-workflow-operation', 'unknown operation type run')]],
    ['http trigger without url', s => { s.spec.triggers[0].template = { name: 'notify', http: { method: 'POST' } }; },
      [issue([...template, 'http', 'url'], 'controller/http-url-required', 'server URL is not specified')]],
    ['http trigger method HEAD', s => { s.spec.triggers[0].template = { name: 'notify', http: { url: 'https://x', method: 'HEAD' } }; },
      [issue([...template, 'http', 'method'], 'controller/http-method', 'only GET, DELETE, PATCH, POST and PUT methods are supported')]],
    ['parameter without src', s => { delete s.spec.triggers[0].template.k8s.parameters[0].src; },
      [issue([...k8sParameters, 0, 'src'], 'controller/parameter-src-required', "parameter source can't be empty")]],
    ['parameter without dependencyName', s => { s.spec.triggers[0].template.k8s.parameters[1].src.dependencyName = ''; },
      [issue([...k8sParameters, 1, 'src', 'dependencyName'], 'controller/parameter-dependency-name-required', "parameter dependency name can't be empty")]],
    ['parameter without dest', s => { s.spec.triggers[0].template.k8s.parameters[0].dest = ''; },
      [issue([...k8sParameters, 0, 'dest'], 'controller/parameter-dest-required', "parameter destination can't be empty")]],
    ['parameter operation replace', s => { s.spec.triggers[0].template.k8s.parameters[1].operation = 'replace'; },
      [issue([...k8sParameters, 1, 'operation'], 'controller/parameter-operation', 'parameter operation replace is invalid')]],
    ['trigger-level parameter without dest', s => { s.spec.triggers[0].parameters = [{ src: { dependencyName: 'workflow-failed' } }]; },
      [issue([...trigger, 'parameters', 0, 'dest'], 'controller/parameter-dest-required', "parameter destination can't be empty")]],
    ['http payload parameter without src', s => { s.spec.triggers[0].template = { name: 'notify', http: { url: 'https://x', payload: [{ dest: 'a' }] } }; },
      [issue([...template, 'http', 'payload', 0, 'src'], 'controller/parameter-src-required', "parameter source can't be empty")]],
    ['policy.k8s without labels', s => { s.spec.triggers[0].policy = { k8s: { errorOnBackoffTimeout: false } }; },
      [issue([...trigger, 'policy', 'k8s', 'labels'], 'controller/policy-k8s-labels', 'resource labels are not specified')]],
    ['dlqTrigger without atLeastOnce on the trigger', s => {
      s.spec.triggers[0].atLeastOnce = false;
      s.spec.triggers[0].dlqTrigger = { atLeastOnce: true, template: { name: 'dlq', log: {} } };
    }, [issue([...trigger, 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the trigger')]],
    ['dlqTrigger without atLeastOnce on itself', s => { s.spec.triggers[0].dlqTrigger = { template: { name: 'dlq', log: {} } }; },
      [issue([...trigger, 'dlqTrigger', 'atLeastOnce'], 'controller/dlq-trigger-at-least-once', 'dlqTrigger requires atLeastOnce: true on the dlqTrigger itself')]],
    ['dlqTrigger template without name', s => { s.spec.triggers[0].dlqTrigger = { atLeastOnce: true, template: { log: {} } }; },
      [issue([...trigger, 'dlqTrigger', 'template', 'name'], 'controller/trigger-name-required', 'trigger must define a name')]],
  ];

  it.each(cases)('reports %s', (_name, mutate, expected) => {
    expect(validateSensorRules(changed(baselineSensor(), mutate))).toEqual(expected);
  });

  const accepted: [string, (s: any) => void][] = [
    ['comparators of every supported kind', s => {
      s.spec.dependencies[0].filters.data.forEach((d: any, i: number) => { d.comparator = ['>=', '>', '=', '!=', '<', '<='][i]; });
    }],
    ['logical operators and/or/empty', s => {
      Object.assign(s.spec.dependencies[0], { filtersLogicalOperator: 'or' });
      Object.assign(s.spec.dependencies[0].filters, { dataLogicalOperator: 'and', exprLogicalOperator: '' });
    }],
    ['a data filter type the controller does not check', s => { s.spec.dependencies[0].filters.data[0].type = 'regex'; }],
    ['a one-digit hour, fractional seconds, and a wrapping window', s => {
      s.spec.dependencies[0].filters.time = { start: '22:00:00.5', stop: '6:00:00', timezone: 'Europe/Berlin' };
    }],
    ['a context filter with one matching field', s => { s.spec.dependencies[0].filters.context = { type: 'github' }; }],
    ['k8s operations update/patch/delete and an empty one', s => {
      for (const operation of ['update', 'patch', 'delete', '']) {
        const copy = structuredClone(s.spec.triggers[0]);
        copy.template.name = `t-${operation}`;
        copy.template.k8s.operation = operation;
        s.spec.triggers.push(copy);
      }
    }],
    ['policy.k8s with empty labels', s => { s.spec.triggers[0].policy.k8s.labels = {}; }],
    ['parameter operations append and prepend', s => {
      s.spec.triggers[0].template.k8s.parameters[0].operation = 'append';
      s.spec.triggers[0].template.k8s.parameters[1].operation = 'prepend';
    }],
    ['an http trigger with an empty method', s => { s.spec.triggers[0].template = { name: 'notify', http: { url: 'https://x', method: '' } }; }],
    ['every argoWorkflow operation', s => {
      s.spec.triggers = ['submit', 'submit-from', 'suspend', 'resubmit', 'retry', 'resume', 'terminate', 'stop'].map(operation => (
        { template: { name: operation, argoWorkflow: { operation, source: { resource: {} } } } }));
    }],
    ['wrong JSON types, which the schema reports', s => {
      s.spec.dependencies[0].name = 42;
      s.spec.dependencies[0].filters.data[0].value = 'not-a-list';
    }],
  ];

  it.each(accepted)('accepts %s', (_name, mutate) => {
    expect(validateSensorRules(changed(baselineSensor(), mutate))).toEqual([]);
  });

  describe('on a NATS-streaming bus', () => {
    it('reports the same event feeding two dependencies', () => {
      const sensor = changed(baselineSensor(), s => {
        s.spec.dependencies.push({ ...structuredClone(s.spec.dependencies[0]), name: 'again' });
      });
      expect(validateSensorRules(sensor)).toEqual([]);
      expect(validateSensorRules(sensor, { natsStreamingBus: true })).toEqual([
        issue(['spec', 'dependencies', 1], 'controller/dependency-duplicate-event',
          "event 'org' from EventSource 'github' is referenced for more than one dependency in this Sensor object"),
      ]);
    });
  });

  it('reports every problem, not just the first', () => {
    const sensor = changed(baselineSensor(), s => {
      s.spec.dependencies[0].filters.data[0].comparator = 'regex';
      s.spec.triggers[0].template.k8s.operation = 'apply';
    });
    expect(validateSensorRules(sensor).map(i => i.rule)).toEqual(['controller/data-filter-comparator', 'controller/k8s-operation']);
  });

  it('rejects what is not a Sensor', () => {
    expect(() => validateSensorRules('spec: {}')).toThrow('validateSensorRules expects an object of kind Sensor, got string');
    expect(() => validateSensorRules({ kind: 'EventSource' })).toThrow('validateSensorRules expects kind Sensor, got "EventSource"');
  });
});
