import { setRaw, setValue, SjsonPathError } from '../../../src/engine/sjson';

describe('setValue', () => {
  test.each([
    // [json, path, value, expected]
    ['{"a":1}', 'a', 'x', '{"a":"x"}'],
    ['{"a": 1, "b": 2}', 'a', 'x', '{"a": "x", "b": 2}'],
    ['{"a":{"b":{"c":1}},"z":0}', 'a.b.c', '100', '{"a":{"b":{"c":"100"}},"z":0}'],
    ['{"a":1}', 'b', 'x', '{"a":1,"b":"x"}'],
    ['{ }', 'b', 'x', '{ "b":"x"}'],
    ['{"a":1}\n', 'b', 'x', '{"a":1,"b":"x"}'],
    ['', 'a.b', 'x', '{"a":{"b":"x"}}'],
    ['', '0', 'x', '["x"]'],
    ['{}', 'a.2', 'x', '{"a":[null,null,"x"]}'],
    ['{}', 'a.0.b', 'x', '{"a":[{"b":"x"}]}'],
    ['{}', 'a.:0', 'x', '{"a":{"0":"x"}}'],
    ['{"a":{}}', 'a.0', 'x', '{"a":{"0":"x"}}'],
    ['{"a":[1,2]}', 'a.1', 'x', '{"a":[1,"x"]}'],
    ['{"a":[1, 2]}', 'a.3', 'x', '{"a":[1,2,null,"x"]}'],
    ['{"a":[]}', 'a.1', 'x', '{"a":[null,"x"]}'],
    ['{"a":[1,2]}', 'a.-1', 'x', '{"a":[1,2,"x"]}'],
    ['{"a":[]}', 'a.-1', 'x', '{"a":["x"]}'],
    ['{}', 'a.-1', 'x', '{"a":["x"]}'],
    ['{}', 'a.-1.b', 'x', '{"a":[{"b":"x"}]}'],
    ['{"a":1}', 'a.b', 'x', '{"a":{"b":"x"}}'],
    ['{"a":"str"}', 'a.0', 'x', '{"a":["x"]}'],
    ['{}', 'a\\.b', 'x', '{"a.b":"x"}'],
    ['{"a.b":1}', 'a\\.b', 'x', '{"a.b":"x"}'],
    ['{}', 'a\\#b', 'x', '{"a#b":"x"}'],
    ['{"a":1,"a":2}', 'a', 'x', '{"a":"x","a":2}'],
    ['{"k":"v"}', 'k', 'a<b&c>', '{"k":"a<b&c>"}'],
    ['{"k":"v"}', 'k', 'a<b\n', '{"k":"a\\u003cb\\n"}'],
    ['{"k":"v"}', 'k', 'say "hi"', '{"k":"say \\"hi\\""}'],
    ['{"k":"v"}', 'k', 'é\u2028\t\u0001\b\f', '{"k":"é\\u2028\\t\\u0001\\b\\f"}'],
    ['{"a":[1,2]}', 'a.:0', 'x', '{"a":["x",2]}'],
    ['[1,2]', '0', 'x', '["x",2]'],
    ['{}', 'a..b', 'x', '{"a":[{"b":"x"}]}'],
    ['{}', 'spec.template.metadata.name', 'run-1', '{"spec":{"template":{"metadata":{"name":"run-1"}}}}'],
  ])('%s set %s = %s', (json, path, value, expected) => {
    const out = setValue(json, path, value);
    expect(out).toBe(expected);
    expect(() => JSON.parse(out)).not.toThrow();
  });
});

describe('setRaw', () => {
  test.each([
    ['{"a":1}', 'a', '{"b":true}', '{"a":{"b":true}}'],
    ['{"spec":{"x":1}}', 'spec.n', '100', '{"spec":{"x":1,"n":100}}'],
    ['{"a":[1]}', 'a.-1', 'null', '{"a":[1,null]}'],
    ['{}', 'a.1', '[1, 2]', '{"a":[null,[1, 2]]}'],
  ])('%s set %s = %s', (json, path, raw, expected) => {
    expect(setRaw(json, path, raw)).toBe(expected);
  });
});

describe('errors', () => {
  test.each([
    ['{}', '', 'path cannot be empty'],
    ['{"a":[1]}', 'a.b', "cannot set array element for non-numeric key 'b'"],
    ['{"a":[1]}', 'a.:5', "cannot set array element for non-numeric key '5'"],
    ['{}', 'a.#', "path 'a.#' uses '#', a query/modifier character that is not supported in a write path; escape it with '\\' to mean the literal key"],
    ['{}', 'a.*', "path 'a.*' uses '*', a query/modifier character that is not supported in a write path; escape it with '\\' to mean the literal key"],
    ['{}', 'a|b', "path 'a|b' uses '|', a query/modifier character that is not supported in a write path; escape it with '\\' to mean the literal key"],
    ['{}', '[a,b]', "path component '[a,b]' would be read as gjson multipath/static syntax; escape the first character with '\\'"],
    ['{}', 'a.2000000', 'array index 2000000 is too large to pad with nulls (limit 1000000)'],
  ])('%s at %s', (json, path, message) => {
    expect(() => setValue(json, path, 'x')).toThrow(new SjsonPathError(message));
  });
});
