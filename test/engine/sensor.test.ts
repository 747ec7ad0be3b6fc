import type { SensorEvent } from '../../src/engine/event';
import { NIL_CONTEXT_ERROR } from '../../src/engine/filters';
import { controllerRejections, simulateSensor } from '../../src/engine/sensor';

const NOW = new Date('2025-06-01T12:00:00.000Z');

function event(source: string, subject: string, data: unknown): SensorEvent {
  return {
    context: { type: 'webhook', source, subject, id: 'ffffffffffffffffffffffffffffffff', time: '2025-06-01T11:59:58Z', datacontenttype: 'application/json', specversion: '1.0' },
    data: JSON.stringify(data),
  };
}

const dependency = (name: string, eventName: string, filters?: unknown) => ({ name, eventSourceName: 'es', eventName, ...(filters ? { filters } : {}) });

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { value: 'x' } };

function k8sTrigger(name: string, extra: Record<string, unknown> = {}, k8s: Record<string, unknown> = {}) {
  return { template: { name, k8s: { operation: 'create', source: { resource: structuredClone(configMap) }, ...k8s }, ...extra } };
}

function sensor(dependencies: unknown[], triggers: unknown[], namespace: string | undefined = 'events') {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Sensor', metadata: { name: 's', ...(namespace ? { namespace } : {}) }, spec: { dependencies, triggers } };
}

const CREATE_LABELS = {
  'events.argoproj.io/sensor': 's',
  'events.argoproj.io/trigger': 't',
  'events.argoproj.io/action-timestamp': String(NOW.getTime()),
};

describe('simulateSensor: dependencies', () => {
  const twoDependencies = [
    dependency('dep-a', 'a', { data: [{ path: 'kind', type: 'string', value: ['^a$'] }] }),
    dependency('dep-b', 'b'),
  ];

  test('the event reaches only the dependency it is addressed to', () => {
    const result = simulateSensor(sensor(twoDependencies, []), event('es', 'b', { kind: 'b' }), { now: NOW });
    expect(result.dependencies).toEqual([
      { name: 'dep-a', passed: false, error: null },
      { name: 'dep-b', passed: true, error: null },
    ]);
    expect(result.details.dependencies[0].notOffered).toBe('event source or event name differs');
  });

  test('an event without context is offered to every dependency', () => {
    const result = simulateSensor(sensor(twoDependencies, []), { context: null, data: '{"kind":"a"}' }, { now: NOW });
    // With filters, the real sensor dereferences the nil context (reported as an error).
    expect(result.dependencies).toEqual([
      { name: 'dep-a', passed: false, error: NIL_CONTEXT_ERROR },
      { name: 'dep-b', passed: true, error: null },
    ]);
  });

  test('a nil event meets the filters as Argo defines them for it, and fires nothing', () => {
    const withExprs = dependency('dep-c', 'c', { exprs: [{ expr: 'a == 1', fields: [{ name: 'a', path: 'a' }] }] });
    const result = simulateSensor(sensor([...twoDependencies, withExprs], [k8sTrigger('t')]), null, { now: NOW });
    expect(result.dependencies).toEqual([
      { name: 'dep-a', passed: false, error: 'data filter error (nil Event)' },
      { name: 'dep-b', passed: true, error: null },
      { name: 'dep-c', passed: false, error: 'expr filter error (nil event)' },
    ]);
    expect(result.details.dependencies.map(d => d.notOffered)).toEqual([undefined, undefined, undefined]);
    expect(result.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null }]);
  });

  test('a filter error drops the event and is reported, with the steps', () => {
    const deps = [dependency('dep-a', 'a', { data: [{ path: 'missing', type: 'string', value: ['x'] }] })];
    const result = simulateSensor(sensor(deps, []), event('es', 'a', {}), { now: NOW });
    expect(result.dependencies).toEqual([{ name: 'dep-a', passed: false, error: "data filter error (path 'missing' does not exist)" }]);
    expect(result.details.dependencies[0].steps).toHaveLength(1);
  });

  test('a transform cannot be simulated and says so', () => {
    const deps = [{ ...dependency('dep-a', 'a'), transform: { jq: '.' } }];
    const result = simulateSensor(sensor(deps, []), event('es', 'a', {}), { now: NOW });
    expect(result.dependencies).toEqual([{ name: 'dep-a', passed: false, error: 'dependency transform (jq/script) cannot be simulated' }]);
  });

  test('controller rule violations are listed with their path', () => {
    const deps = [dependency('dep-a', 'a', { data: [{ path: 'kind', type: 'string', value: ['a'], comparator: 'in' }] })];
    const result = simulateSensor(sensor(deps, []), event('es', 'a', { kind: 'a' }), { now: NOW });
    expect(result.validation.some(m => m.startsWith('spec.dependencies[0].filters.data[0].comparator: '))).toBe(true);
  });
});

describe('simulateSensor: triggers', () => {
  const deps = [dependency('dep-a', 'a'), dependency('dep-b', 'b')];
  const onA = event('es', 'a', { name: 'from-a', n: 7 });

  test('empty conditions need every dependency', () => {
    const result = simulateSensor(sensor(deps, [k8sTrigger('t')]), onA, { now: NOW });
    expect(result.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null }]);
    expect(result.details.triggers[0]).toEqual({ name: 't', type: 'k8s', conditions: '', conditionsHeld: false });
  });

  test('conditions over dependency names', () => {
    const result = simulateSensor(sensor(deps, [k8sTrigger('t', { conditions: 'dep-a || dep-b' }), k8sTrigger('u', { conditions: 'dep-b' })]), onA, { now: NOW });
    expect(result.triggers.map(t => t.fired)).toEqual([true, false]);
  });

  test('a conditions syntax error fails the trigger', () => {
    const result = simulateSensor(sensor(deps, [k8sTrigger('t', { conditions: '!dep-a' })]), onA, { now: NOW });
    expect(result.triggers[0]).toMatchObject({ fired: false, error: expect.stringMatching(/^unsupported character '!'/) });
  });

  test('k8s create: parameters, the Sensor namespace and the labels Argo adds', () => {
    const trigger = k8sTrigger('t', { conditions: 'dep-a' }, {
      parameters: [
        { src: { dependencyName: 'dep-a', dataKey: 'name' }, dest: 'metadata.name' },
        { src: { dependencyName: 'dep-a', dataKey: 'n' }, dest: 'data.value', operation: 'prepend' },
      ],
    });
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0]).toEqual({
      name: 't',
      fired: true,
      error: null,
      resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-a', namespace: 'events', labels: CREATE_LABELS }, data: { value: '7x' } },
    });
  });

  test('trigger-level parameters apply to the template first', () => {
    const trigger = {
      ...k8sTrigger('t', { conditions: 'dep-a' }, { parameters: [{ src: { dependencyName: 'dep-a', value: 'late' }, dest: 'data.value', operation: 'append' }] }),
      parameters: [
        { src: { dependencyName: 'dep-a', dataKey: 'name' }, dest: 'k8s.source.resource.metadata.name' },
        { src: { dependencyName: 'dep-a', value: 'ns1' }, dest: 'k8s.source.resource.metadata.namespace' },
      ],
    };
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0].resource).toMatchObject({ metadata: { name: 'from-a', namespace: 'ns1' }, data: { value: 'xlate' } });
  });

  test('other operations get no labels; no Sensor namespace leaves it unset', () => {
    const trigger = k8sTrigger('t', { conditions: 'dep-a' }, { operation: 'update' });
    const result = simulateSensor(sensor(deps, [trigger], ''), onA, { now: NOW });
    expect(result.triggers[0].resource).toEqual(configMap);
  });

  test('an inline YAML source', () => {
    const trigger = { template: { name: 't', conditions: 'dep-a', k8s: { source: { inline: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s1\n' } } } };
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0].resource).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'events', labels: CREATE_LABELS } });
  });

  test.each([
    ['a remote source', { url: { path: 'https://example.com/x.yaml' } }, "trigger source 'url' cannot be simulated offline (only 'resource' and 'inline' are supported)"],
    ['a resource without kind', { resource: { metadata: { name: 'x' } } }, 'Object \'Kind\' is missing in \'{"metadata":{"name":"x"}}\''],
    ['no source', {}, 'k8s trigger has no source'],
  ])('%s fails the trigger', (_name, source, message) => {
    const trigger = { template: { name: 't', conditions: 'dep-a', k8s: { source } } };
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0]).toEqual({ name: 't', fired: false, resource: null, error: message });
  });

  test('a parameter that cannot be resolved fails the trigger with Argo\'s text', () => {
    const trigger = k8sTrigger('t', { conditions: 'dep-a' }, { parameters: [{ src: { dependencyName: 'dep-a', dataKey: 'nope' }, dest: 'metadata.name' }] });
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0]).toEqual({ name: 't', fired: false, resource: null, error: "unable to resolve 'dep-a' parameter value. err: <nil>" });
  });

  test('a parameter of a dependency without event uses its value or is skipped', () => {
    const trigger = k8sTrigger('t', { conditions: 'dep-a || dep-b' }, {
      parameters: [
        { src: { dependencyName: 'dep-b', dataKey: 'name', value: 'default-name' }, dest: 'metadata.name' },
        { src: { dependencyName: 'dep-b', dataKey: 'name' }, dest: 'data.value' },
      ],
    });
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0].resource).toMatchObject({ metadata: { name: 'default-name' }, data: { value: 'x' } });
  });

  test('an http trigger renders its payload and its parameters', () => {
    const trigger = {
      template: {
        name: 'h',
        conditions: 'dep-a',
        http: {
          url: 'https://example.com/hook',
          method: 'POST',
          payload: [
            { src: { dependencyName: 'dep-a', dataKey: 'name' }, dest: 'who' },
            { src: { dependencyName: 'dep-a', dataKey: 'n', useRawData: true }, dest: 'count' },
          ],
          parameters: [{ src: { dependencyName: 'dep-a', dataKey: 'name' }, dest: 'url', operation: 'append' }],
        },
      },
    };
    const result = simulateSensor(sensor(deps, [trigger]), onA, { now: NOW });
    expect(result.triggers[0]).toEqual({
      name: 'h',
      fired: true,
      error: null,
      resource: { url: 'https://example.com/hookfrom-a', method: 'POST', payload: { who: 'from-a', count: 7 } },
    });
  });
});

describe('controllerRejections', () => {
  test('fields the controller cannot decode come first, then its rules', () => {
    const wrongShape = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Sensor', metadata: { name: 's' }, spec: { dependencies: 5, triggers: 'a' } };
    expect(controllerRejections(wrongShape).map(issue => [issue.rule, issue.message])).toEqual([
      ['schema/type', 'spec.dependencies: must be an array, got the integer 5'],
      ['schema/type', 'spec.triggers: must be an array, got the string "a"'],
    ]);
    const result = simulateSensor(wrongShape, null, { now: NOW });
    expect(result.validation).toEqual(['spec.dependencies: must be an array, got the integer 5', 'spec.triggers: must be an array, got the string "a"']);
  });
});
