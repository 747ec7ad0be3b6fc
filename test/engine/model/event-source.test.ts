import { decodeEventSource, isEventSourceModel, readManifestModels } from '../../../src/engine/model';

describe('decodeEventSource', () => {
  const eventSource = {
    kind: 'EventSource',
    metadata: { name: 'hooks' },
    spec: {
      eventBusName: 'default',
      template: { container: { image: 'x' } },
      github: { org: { organizations: ['acme'] }, broken: 'not an object' },
      webhook: { org: { endpoint: '/o', port: '12000' } },
    },
  };

  test('every event under every event-source type, with its path; settings are not events', () => {
    const model = decodeEventSource(eventSource);
    expect(model.name).toBe('hooks');
    expect(model.eventNames).toEqual([{ type: 'github', name: 'org' }, { type: 'github', name: 'broken' }, { type: 'webhook', name: 'org' }]);
    expect(model.events.map(e => [e.type, e.name, e.path])).toEqual([
      ['github', 'org', ['spec', 'github', 'org']],
      ['webhook', 'org', ['spec', 'webhook', 'org']],
    ]);
  });

  test('no spec, no events; a model is told from plain data', () => {
    expect(decodeEventSource({ kind: 'EventSource' })).toMatchObject({ spec: null, events: [], eventNames: [], name: undefined });
    expect(isEventSourceModel(decodeEventSource(eventSource))).toBe(true);
    expect(isEventSourceModel(eventSource)).toBe(false);
    expect(() => decodeEventSource({ kind: 'Sensor' }, undefined, 'lint')).toThrow('lint expects kind EventSource, got "Sensor"');
  });
});

describe('readManifestModels', () => {
  test('Sensors and EventSources of every document and List item, in order, each with its positions', () => {
    const text = [
      'kind: ConfigMap',
      'kind: List\nitems:\n  - kind: EventSource\n    metadata: {name: es}\n  - kind: Secret',
      'kind: Sensor\nmetadata:\n  name: s\nspec: {dependencies: [], triggers: []}',
    ].join('\n---\n');
    const { models, duplicateKeys } = readManifestModels(text, 'stack.yaml');
    expect(duplicateKeys).toEqual([]);
    expect(models.map(m => [m.model.kind, m.model.name])).toEqual([['EventSource', 'es'], ['Sensor', 's']]);
    expect(models[0].model.locate!(['metadata', 'name'])).toEqual({ line: 6, column: 22 });
    expect(models[1].model.locate!(['metadata', 'name'])).toEqual({ line: 11, column: 9 });
  });
});
