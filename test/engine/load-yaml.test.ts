import { ManifestFileError, parseManifests, readManifestText } from '../../src/engine/load-yaml';

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

  test('a duplicate key is refused at its position', () => {
    expect(() => parseManifests('kind: Sensor\nmetadata:\n  name: a\n  name: b\n', 'sensor.yaml'))
      .toThrow(/^sensor\.yaml:4:3: not valid YAML\/JSON: duplicate key "name" \(keys of a mapping must be unique\)$/);
  });
});

describe('readManifestText', () => {
  const TEXT = `a:
  b:
    - x
    - y: 1
  empty:
---
# second
kind: Sensor
---
kind: List
items:
  - kind: Sensor
    metadata: {name: in-list}
  - kind: EventSource
`;
  const { objects, duplicateKeys } = readManifestText(TEXT);

  test('values of every document, the items of a List in its place', () => {
    expect(objects.map(o => o.value)).toEqual([
      { a: { b: ['x', { y: 1 }], empty: null } },
      { kind: 'Sensor' },
      { kind: 'Sensor', metadata: { name: 'in-list' } },
      { kind: 'EventSource' },
    ]);
    expect(duplicateKeys).toEqual([]);
  });

  test.each([
    [['a', 'b', 0], 3, 7],
    [['a', 'b', 1, 'y'], 4, 10],
    [['a', 'empty'], 5, 3],
    [['a', 'b', 7, 'z'], 3, 5],
    [['nope'], 1, 1],
  ])('locates %j at %i:%i (nearest existing node)', (path, line, column) => {
    expect(objects[0].locate(path)).toEqual({ line, column });
  });

  test('lines count across documents; List items locate inside the List', () => {
    expect(objects[1].locate(['kind'])).toEqual({ line: 8, column: 7 });
    expect(objects[2].locate(['metadata', 'name'])).toEqual({ line: 13, column: 22 });
    expect(objects[2].locate(['metadata'], true)).toEqual({ line: 13, column: 5 });
    expect(objects[3].locate(['kind'])).toEqual({ line: 14, column: 11 });
  });

  test('duplicate keys are reported at the repeated key, the last value is read and located', () => {
    const text = 'kind: Sensor\nmetadata:\n  name: a\n  namespace: n\n  name: b\n---\nkind: List\nitems:\n  - {kind: x, kind: y}\n';
    const read = readManifestText(text);
    expect(read.duplicateKeys).toEqual([{ key: 'name', line: 5, column: 3 }, { key: 'kind', line: 9, column: 15 }]);
    expect(read.objects[0].value).toEqual({ kind: 'Sensor', metadata: { name: 'b', namespace: 'n' } });
    expect(read.objects[0].locate(['metadata', 'name'])).toEqual({ line: 5, column: 9 });
  });

  test('an alias bomb is refused with one line naming the source', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(() => readManifestText(bomb, 'bomb.yaml')).toThrow(ManifestFileError);
    expect(() => readManifestText(bomb, 'bomb.yaml')).toThrow('bomb.yaml: too many YAML alias expansions (more than 100 references to anchors: an alias bomb?)');
  });
});
