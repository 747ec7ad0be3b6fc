import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { validateAgainstSchema } from '../../../src/engine/validation/argo-schema';
import type { ValidationIssue } from '../../../src/engine/validation/validation-issue';
import { baselineEventSource, baselineSensor, changed } from './fixtures';

function issue(path: (string | number)[], rule: string, message: string): ValidationIssue {
  return { path, rule, message };
}

describe('validateAgainstSchema', () => {
  it('accepts the baseline Sensor and EventSource', () => {
    expect(validateAgainstSchema(baselineSensor())).toEqual([]);
    expect(validateAgainstSchema(baselineEventSource())).toEqual([]);
  });

  const sensorCases: [string, (s: any) => void, ValidationIssue[]][] = [
    ['a wrong apiVersion', s => { s.apiVersion = 'argoproj.io/v1'; },
      [issue(['apiVersion'], 'schema', 'apiVersion: must be "argoproj.io/v1alpha1", got "argoproj.io/v1"')]],
    ['a number where a string belongs', s => { s.spec.dependencies[0].name = 42; },
      [issue(['spec', 'dependencies', 0, 'name'], 'schema/type', 'spec.dependencies[0].name: must be a string, got the integer 42')]],
    ['a data filter value that is not a list', s => { s.spec.dependencies[0].filters.data[1].value = '^completed$'; },
      [issue(['spec', 'dependencies', 0, 'filters', 'data', 1, 'value'], 'schema/type',
        'spec.dependencies[0].filters.data[1].value: must be an array, got the string "^completed$"')]],
    ['a missing required field', s => { delete s.spec.dependencies[0].eventName; },
      [issue(['spec', 'dependencies', 0, 'eventName'], 'schema/required', 'spec.dependencies[0].eventName: required field is missing')]],
    ['a parameter without dest', s => { delete s.spec.triggers[0].template.k8s.parameters[0].dest; },
      [issue(['spec', 'triggers', 0, 'template', 'k8s', 'parameters', 0, 'dest'], 'schema/required',
        'spec.triggers[0].template.k8s.parameters[0].dest: required field is missing')]],
    ['retryStrategy nested inside template', s => { s.spec.triggers[0].template.retryStrategy = s.spec.triggers[0].retryStrategy; },
      [issue(['spec', 'triggers', 0, 'template', 'retryStrategy'], 'schema/unknown-field',
        'spec.triggers[0].template.retryStrategy: unknown field; the controller ignores it')]],
    ['retry steps out of int32 range', s => { s.spec.triggers[0].retryStrategy.steps = 2 ** 31; },
      [issue(['spec', 'triggers', 0, 'retryStrategy', 'steps'], 'schema',
        'spec.triggers[0].retryStrategy.steps: must be a valid int32 value, got 2147483648')]],
    ['atLeastOnce as a string', s => { s.spec.triggers[0].atLeastOnce = 'true'; },
      [issue(['spec', 'triggers', 0, 'atLeastOnce'], 'schema/type', 'spec.triggers[0].atLeastOnce: must be a boolean, got the string "true"')]],
    ['a label key with a slash in the path', s => { s.metadata.labels = { 'a/b': 3 }; },
      [issue(['metadata', 'labels', 'a/b'], 'schema/type', 'metadata.labels["a/b"]: must be a string, got the integer 3')]],
  ];

  it.each(sensorCases)('reports a Sensor with %s', (_name, mutate, expected) => {
    expect(validateAgainstSchema(changed(baselineSensor(), mutate))).toEqual(expected);
  });

  const eventSourceCases: [string, (e: any) => void, ValidationIssue[]][] = [
    ['secret instead of webhookSecret', e => { e.spec.github.org.secret = e.spec.github.org.webhookSecret; delete e.spec.github.org.webhookSecret; },
      [issue(['spec', 'github', 'org', 'secret'], 'schema/unknown-field', 'spec.github.org.secret: unknown field; the controller ignores it')]],
    ['a port as a number', e => { e.spec.github.org.webhook.port = 12000; },
      [issue(['spec', 'github', 'org', 'webhook', 'port'], 'schema/type', 'spec.github.org.webhook.port: must be a string, got the integer 12000')]],
    ['events as a string', e => { e.spec.github.org.events = 'workflow_run'; },
      [issue(['spec', 'github', 'org', 'events'], 'schema/type', 'spec.github.org.events: must be an array, got the string "workflow_run"')]],
    ['a misspelt event-source type', e => { e.spec.githubb = {}; },
      [issue(['spec', 'githubb'], 'schema/unknown-field', 'spec.githubb: unknown field; the controller ignores it')]],
    ['a webhook without endpoint', e => { delete e.spec.github.org.webhook.endpoint; },
      [issue(['spec', 'github', 'org', 'webhook', 'endpoint'], 'schema/required', 'spec.github.org.webhook.endpoint: required field is missing')]],
  ];

  it.each(eventSourceCases)('reports an EventSource with %s', (_name, mutate, expected) => {
    expect(validateAgainstSchema(changed(baselineEventSource(), mutate))).toEqual(expected);
  });

  it('reports exactly the same with the validators the build pre-compiles', () => {
    const lib = path.resolve(__dirname, '..', '..', '..', 'lib', 'src', 'engine', 'validation');
    if (!fs.existsSync(path.join(lib, 'argo-schema.js'))) execFileSync('npm', ['run', 'build'], { cwd: path.resolve(lib, '..', '..', '..', '..') });
    expect(fs.existsSync(path.join(lib, 'argo-validators.generated.js'))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(path.join(lib, 'argo-schema.js')) as typeof import('../../../src/engine/validation/argo-schema');
    const inputs = [
      baselineSensor(),
      baselineEventSource(),
      ...sensorCases.map(([, mutate]) => changed(baselineSensor(), mutate)),
      ...eventSourceCases.map(([, mutate]) => changed(baselineEventSource(), mutate)),
    ];
    for (const input of inputs) expect(built.validateAgainstSchema(input)).toEqual(validateAgainstSchema(input));
  });

  describe('relaxes required fields the controller does not require', () => {
    it.each<[string, (o: any) => void]>([
      ['a context filter with one field', s => { s.spec.dependencies[0].filters.context = { type: 'github' }; }],
      ['policy.k8s without backoff and errorOnBackoffTimeout', s => { s.spec.triggers[0].policy.k8s = { labels: {} }; }],
      ['numeric resource quantities in the sensor pod template', s => {
        s.spec.template.container = { resources: { limits: { cpu: 1, memory: '256Mi' } } };
      }],
    ])('Sensor: %s', (_name, mutate) => {
      expect(validateAgainstSchema(changed(baselineSensor(), mutate))).toEqual([]);
    });

    it.each<[string, (o: any) => void]>([
      ['a webhook context without url and method', e => { delete e.spec.github.org.webhook.url; delete e.spec.github.org.webhook.method; }],
      ['a GitHub source without events', e => { delete e.spec.github.org.events; }],
      ['a generic webhook source without url and method', e => { e.spec.webhook = { ping: { endpoint: '/ping', port: '13000' } }; }],
    ])('EventSource: %s', (_name, mutate) => {
      expect(validateAgainstSchema(changed(baselineEventSource(), mutate))).toEqual([]);
    });
  });

  it('keeps free-form objects open (the k8s trigger resource)', () => {
    const sensor = changed(baselineSensor(), s => { s.spec.triggers[0].template.k8s.source.resource.spec.anything = { at: 'all' }; });
    expect(validateAgainstSchema(sensor)).toEqual([]);
  });

  it('refuses kinds it has no schema for', () => {
    expect(() => validateAgainstSchema({ kind: 'CodeRun' })).toThrow('validateAgainstSchema validates kinds Sensor and EventSource, got kind "CodeRun"');
    expect(() => validateAgainstSchema([])).toThrow('got kind undefined');
  });
});
