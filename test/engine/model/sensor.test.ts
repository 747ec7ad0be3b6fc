import { decodeSensor, isSensorModel, readSensorManifest, sensorModelOf, triggersWithDeadLetters } from '../../../src/engine/model';
import { ManifestFileError } from '../../../src/engine/load-yaml';
import { simulateSensor } from '../../../src/engine/sensor';

const SENSOR_YAML = `apiVersion: argoproj.io/v1alpha1
kind: ConfigMap
metadata: {name: not-me}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: ci
  namespace: argo
spec:
  dependencies:
    - name: dep
      eventSourceName: github
      eventName: org
      filters:
        data:
          - path: body.action
            type: string
            value: ["^completed$", 7]
        exprs:
          - expr: a == "b"
            fields: []
  triggers:
    - template:
        name: t
        conditions: dep
        k8s:
          operation: create
          source:
            resource: {kind: ConfigMap, metadata: {generateName: x-}}
          parameters:
            - src: {dependencyName: dep, dataKey: body.action}
              dest: metadata.name
      parameters:
        - src: {dependencyName: dep}
          dest: k8s.source.resource.metadata.labels.a
      atLeastOnce: true
      dlqTrigger:
        template: {name: dead, log: {}}
`;

describe('readSensorManifest', () => {
  const model = readSensorManifest(SENSOR_YAML, 'stack.yaml')!;

  test('decodes the first Sensor of a multi-document text into Go values', () => {
    expect(model.name).toBe('ci');
    expect(model.namespace).toBe('argo');
    const [dependency] = model.dependencies!;
    expect(dependency).toMatchObject({ name: 'dep', eventSourceName: 'github', eventName: 'org', filtersLogicalOperator: '', hasTransform: false, decodable: true });
    const [data] = dependency.filters.data;
    // A value of the wrong JSON type is undefined (the schema reports it), not converted.
    expect(data).toMatchObject({ dataPath: 'body.action', type: 'string', comparator: '', values: ['^completed$', undefined] });
    expect(dependency.filters.exprs[0]).toMatchObject({ expr: 'a == "b"', fields: [], fieldsEmpty: true });
    expect(dependency.filters.context).toBeNull();
  });

  test('keeps the path of every part, and through it the YAML position', () => {
    const data = model.dependencies![0].filters.data[0];
    expect(data.path).toEqual(['spec', 'dependencies', 0, 'filters', 'data', 0]);
    expect(model.locate!([...data.path, 'path'])).toEqual({ line: 17, column: 19 });
    const [trigger] = model.triggers!;
    const k8sParameter = trigger.template!.types[0].parameters[0];
    expect(k8sParameter.path).toEqual(['spec', 'triggers', 0, 'template', 'k8s', 'parameters', 0]);
    expect(model.locate!(k8sParameter.path)).toEqual({ line: 32, column: 15 });
  });

  test('reads the triggers: template, type, parameters with their resource destinations, dead-letter trigger', () => {
    const [trigger] = model.triggers!;
    expect(trigger.template).toMatchObject({ name: 't', conditions: 'dep', type: 'k8s' });
    expect(trigger.template!.k8sResource!.resource).toEqual({ kind: 'ConfigMap', metadata: { generateName: 'x-' } });
    expect(trigger.template!.k8sResource!.at(['metadata'])).toEqual(['spec', 'triggers', 0, 'template', 'k8s', 'source', 'resource', 'metadata']);
    expect(trigger.template!.types[0].parameters.map(p => p.resourceDest)).toEqual(['metadata.name']);
    expect(trigger.parameters.map(p => [p.dependencyName, p.resourceDest])).toEqual([['dep', 'metadata.labels.a']]);
    expect(trigger.atLeastOnce).toBe(true);
    expect(triggersWithDeadLetters(model).map(t => t.path)).toEqual([['spec', 'triggers', 0], ['spec', 'triggers', 0, 'dlqTrigger']]);
  });

  test('the evaluable filters are decoded once, as the sensor decodes them', () => {
    const { evaluable } = model.dependencies![0].filters;
    // value[1] is a number: the sensor cannot decode the filters, and says where.
    expect('error' in evaluable && evaluable.error.message).toBe('filters.data[0].value[1] must be a string, got number 7 (quote it in YAML)');
  });

  test('no Sensor gives undefined; a duplicate key is refused at its position', () => {
    expect(readSensorManifest('kind: ConfigMap\n')).toBeUndefined();
    expect(() => readSensorManifest('kind: Sensor\nspec: {}\nspec: {}\n', 's.yaml')).toThrow(ManifestFileError);
    expect(() => readSensorManifest('kind: Sensor\nspec: {}\nspec: {}\n', 's.yaml')).toThrow(/^s\.yaml:3:1: .*duplicate key "spec"/);
  });
});

describe('decodeSensor', () => {
  test('Go zero values: an absent spec gives empty lists, a spec of the wrong type gives none', () => {
    expect(decodeSensor({ kind: 'Sensor' })).toMatchObject({ spec: null, dependencies: [], triggers: [], name: '' });
    expect(decodeSensor({ kind: 'Sensor', spec: [] })).toMatchObject({ spec: undefined, dependencies: undefined, triggers: undefined });
    expect(decodeSensor({ kind: 'Sensor', spec: { dependencies: 'x' } }).dependencies).toBeUndefined();
  });

  test('entries that are not objects stay in place, marked undecodable', () => {
    const model = decodeSensor({ kind: 'Sensor', spec: { dependencies: [1, { name: 'b' }], triggers: [null] } });
    expect(model.dependencies!.map(d => [d.decodable, d.name, d.path])).toEqual([[false, '', ['spec', 'dependencies', 0]], [true, 'b', ['spec', 'dependencies', 1]]]);
    expect(model.triggers![0]).toMatchObject({ decodable: false, template: null });
    expect(triggersWithDeadLetters(model)).toEqual([]);
  });

  test('refuses what is not a Sensor, naming the caller', () => {
    expect(() => decodeSensor([], undefined, 'simulateSensor')).toThrow('simulateSensor expects an object of kind Sensor, got an array');
    expect(() => decodeSensor({ kind: 'EventSource' })).toThrow(TypeError);
  });

  test('a model is told from plain data, whatever keys the data has', () => {
    const model = decodeSensor({ kind: 'Sensor' });
    expect(isSensorModel(model)).toBe(true);
    expect(isSensorModel({ kind: 'Sensor', path: [], raw: {}, locate: undefined })).toBe(false);
    expect(sensorModelOf(model)).toBe(model);
    expect(JSON.parse(JSON.stringify(model.raw))).toEqual({ kind: 'Sensor' });
  });
});

describe('readers of the model', () => {
  test('simulateSensor gives the same report for the model as for the plain data', () => {
    const model = readSensorManifest(SENSOR_YAML)!;
    const event = { context: { type: 'webhook', source: 'github', subject: 'org', id: '1', time: '2025-06-01T11:59:58Z', datacontenttype: 'application/json', specversion: '1.0' }, data: '{"body":{"action":"completed"}}' };
    const now = new Date('2025-06-01T12:00:00Z');
    expect(simulateSensor(model, event, { now })).toEqual(simulateSensor(model.raw, event, { now }));
    expect(simulateSensor(model, event, { now }).dependencies).toEqual([
      { name: 'dep', passed: false, error: 'filters.data[0].value[1] must be a string, got number 7 (quote it in YAML)' },
    ]);
  });
});
