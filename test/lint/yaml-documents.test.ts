import { parseYamlDocuments, YamlInputError } from '../../src/lint/yaml-documents';

const TEXT = `a:
  b:
    - x
    - y: 1
  empty:
---
# second
kind: Sensor
`;

describe('parseYamlDocuments', () => {
  const [first, second] = parseYamlDocuments(TEXT);

  test('values of every document', () => {
    expect(first.value).toEqual({ a: { b: ['x', { y: 1 }], empty: null } });
    expect(second.value).toEqual({ kind: 'Sensor' });
  });

  test.each([
    [['a', 'b', 0], 3, 7],
    [['a', 'b', 1, 'y'], 4, 10],
    [['a', 'empty'], 5, 3],
    [['a', 'b', 7, 'z'], 3, 5],
    [['nope'], 1, 1],
  ])('locates %j at %i:%i (nearest existing node)', (path, line, column) => {
    expect(first.locate(path)).toEqual({ line, column });
  });

  test('lines count across documents', () => {
    expect(second.locate(['kind'])).toEqual({ line: 8, column: 7 });
  });

  test('non-YAML throws one line', () => {
    expect(() => parseYamlDocuments('a: [1, 2\n')).toThrow(YamlInputError);
    expect(() => parseYamlDocuments('a: [1, 2\n')).toThrow(/^\d+:\d+: [^\n]+$/);
  });
});
