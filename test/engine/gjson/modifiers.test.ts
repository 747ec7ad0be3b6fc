import { getResult } from '../../../src/engine/gjson/get';

const DOC = '{"arr":[3, [1,2], [[4]], "x"],"obj":{"a":1,"b":[2,3]},"objs":[{"a":1},{"b":2},{"a":3}],"grp":{"id":[1,2],"name":["x","y"],"n":5},"s":"{\\"k\\":[1]}"}';

describe('modifiers', () => {
  test.each([
    ['arr|@reverse', '["x",[[4]],[1,2],3]'],
    ['obj|@reverse', '{"b":[2,3],"a":1}'],
    ['obj.a|@reverse', '1'],
    ['arr|@flatten', '[3,1,2,[4],"x"]'],
    ['arr|@flatten:{"deep":true}', '[3,1,2,4,"x"]'],
    ['objs|@join', '{"a":3,"b":2}'],
    ['objs|@join:{"preserve":true}', '{"a":1,"b":2,"a":3}'],
    ['obj|@keys', '["a","b"]'],
    ['arr|@keys', '[null,null,null,null]'],
    ['missing|@keys', '[]'],
    ['obj|@values', '[1,[2,3]]'],
    ['arr|@values', '[3, [1,2], [[4]], "x"]'],
    ['grp|@group', '[{"id":1,"name":"x"},{"id":2,"name":"y"}]'],
    ['arr|@group', ''],
    ['s|@fromstr', '{"k":[1]}'],
    ['s|@fromstr|k.0', '1'],
    ['obj|@tostr', '{"a":1,"b":[2,3]}'],
    ['obj|@valid', '{"a":1,"b":[2,3]}'],
    ['@dig:a', '[1,1,3]'],
    ['@dig:#(a==3)', '[{"a":3}]'],
    ['@this|obj.a', '1'],
  ])('%s', (path, expected) => {
    expect(getResult(DOC, path).string()).toBe(expected);
  });

  test('@tostr yields a string whose raw text is the quoted JSON', () => {
    expect(getResult(DOC, 'obj|@tostr').raw).toBe('"{\\"a\\":1,\\"b\\":[2,3]}"');
    expect(getResult('{"h":"<a&b>"}', '@tostr').raw).toBe('"{\\"h\\":\\"\\u003ca\\u0026b\\u003e\\"}"');
  });

  test('@valid drops invalid JSON', () => {
    expect(getResult('{"a":1,}', '@valid').exists).toBe(false);
  });

  test('@pretty with and without arguments', () => {
    expect(getResult('{"a":[1,2],"b":{"c":true}}', '@pretty').raw).toBe('{\n  "a": [1, 2],\n  "b": {\n    "c": true\n  }\n}\n');
    expect(getResult('{"a":[1]}', '@pretty:{"indent":"\\t","width":3}').raw).toBe('{\n\t"a": [\n\t\t1\n\t]\n}\n');
    // The prefixed output no longer starts with JSON, so gjson's Parse of it finds nothing.
    expect(getResult('{"a":1}', '@pretty:{"prefix":"> "}').exists).toBe(false);
  });

  test('@ugly', () => {
    expect(getResult('{ "a" : [ 1, " x y " ] }', '@ugly').raw).toBe('{"a":[1," x y "]}');
  });
});
