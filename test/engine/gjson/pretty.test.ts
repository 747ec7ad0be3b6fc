import { GjsonPathError } from '../../../src/engine/gjson/errors';
import { pretty, ugly } from '../../../src/engine/gjson/pretty';

describe('pretty', () => {
  test.each([
    ['{}', '{}\n'],
    ['[]', '[]\n'],
    ['[1,2,3]', '[1, 2, 3]\n'],
    ['[[1,2],[3]]', '[[1, 2], [3]]\n'],
    ['[{"a":1},2]', '[\n  {\n    "a": 1\n  },\n  2\n]\n'],
    ['{"a":{},"b":[]}', '{\n  "a": {},\n  "b": []\n}\n'],
    ['{"k":"v\\"}"}', '{\n  "k": "v\\"}"\n}\n'],
    ['"s"', '"s"\n'],
  ])('%s', (json, expected) => {
    expect(pretty(json)).toBe(expected);
  });

  test('arrays wider than the width break over lines', () => {
    const json = JSON.stringify({ list: Array.from({ length: 30 }, (_, i) => i * 1000) });
    const lines = pretty(json).split('\n');
    expect(lines[1]).toBe('  "list": [');
    expect(lines[2]).toBe('    0,');
    expect(lines.length).toBe(35);
  });

  test('a narrow width', () => {
    expect(pretty('[1,2,3]', { width: 5, prefix: '', indent: '  ', sortKeys: false })).toBe('[\n  1,\n  2,\n  3\n]\n');
  });

  test('prefix and indent', () => {
    expect(pretty('{"a":[{"b":1}]}', { width: 80, prefix: '> ', indent: '\t', sortKeys: false })).toBe(
      '> {\n> \t"a": [\n> \t\t{\n> \t\t\t"b": 1\n> \t\t}\n> \t]\n> }\n',
    );
  });

  test('sortKeys is refused', () => {
    expect(() => pretty('{}', { width: 80, prefix: '', indent: '  ', sortKeys: true })).toThrow(
      new GjsonPathError('@pretty with sortKeys is not supported'),
    );
  });
});

describe('ugly', () => {
  test.each([
    [' { "a" : 1 } ', '{"a":1}'],
    ['["a b", "c\\" d"]', '["a b","c\\" d"]'],
    ['["x\\\\", 1]', '["x\\\\",1]'],
  ])('%s', (json, expected) => {
    expect(ugly(json)).toBe(expected);
  });
});
