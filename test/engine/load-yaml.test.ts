import * as path from 'path';
import { findSensor, loadSensorFile, ManifestFileError, parseManifests } from '../../src/engine/load-yaml';
import { tempDir, writeTree } from '../helpers/chart';

describe('parseManifests', () => {
  test('reads every non-empty document and flattens lists', () => {
    const text = [
      'kind: ConfigMap\nmetadata: {name: a}',
      '',
      'kind: List\nitems:\n  - {kind: Sensor, metadata: {name: s}}\n  - {kind: Secret}',
    ].join('\n---\n');
    expect(parseManifests(text)).toEqual([
      { kind: 'ConfigMap', metadata: { name: 'a' } },
      { kind: 'Sensor', metadata: { name: 's' } },
      { kind: 'Secret' },
    ]);
  });

  test('JSON is accepted', () => {
    expect(parseManifests('{"kind": "Sensor", "spec": {"x": [1, "2"]}}')).toEqual([{ kind: 'Sensor', spec: { x: [1, '2'] } }]);
  });

  test('a syntax error names the source and position on one line', () => {
    let error: unknown;
    try {
      parseManifests('a: [1, 2\nb: c', 'sensor.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ManifestFileError);
    expect((error as Error).message).toMatch(/^sensor\.yaml:\d+:\d+: not valid YAML\/JSON: [^\n]+$/);
  });
});

describe('findSensor / loadSensorFile', () => {
  const dir = writeTree(tempDir(), {
    'stack.yaml': 'kind: EventSource\n---\nkind: Sensor\nmetadata: {name: first}\n---\nkind: Sensor\nmetadata: {name: second}\n',
    'none.yaml': 'kind: EventSource\n',
    'broken.yaml': 'kind: [\n',
  });

  test('the first Sensor wins', () => {
    expect(findSensor([1, null, { kind: 'Sensor', n: 1 }, { kind: 'Sensor', n: 2 }])).toEqual({ kind: 'Sensor', n: 1 });
    expect(loadSensorFile(path.join(dir, 'stack.yaml'))).toEqual({ kind: 'Sensor', metadata: { name: 'first' } });
  });

  test.each([
    ['missing.yaml', /^cannot read .*missing\.yaml: ENOENT$/],
    ['none.yaml', /^.*none\.yaml: no Sensor \(an object with kind: Sensor\) found$/],
    ['broken.yaml', /^.*broken\.yaml:\d+:\d+: not valid YAML\/JSON: /],
  ])('%s fails with a one-line error', (file, message) => {
    expect(() => loadSensorFile(path.join(dir, file))).toThrow(message);
  });
});
