/**
 * sjson v1.2.5 behaviour is checked against recorded Go outputs in test/golden/triggers; what
 * remains here is what the fixtures cannot hold: Go 1.22+ string escapes, and the engine's own
 * refusals.
 */
import { setValue, SjsonPathError } from '../../../src/engine/sjson';

test('strings needing escapes go through encoding/json as Argo builds it (Go 1.22+: \\b and \\f short)', () => {
  expect(setValue('{"k":"v"}', 'k', 'é\u2028\t\u0001\b\f<')).toBe('{"k":"é\\u2028\\t\\u0001\\b\\f\\u003c"}');
});

describe('errors and refusals', () => {
  test.each([
    ['{}', '', 'path cannot be empty'],
    ['{"a":[1]}', 'a.b', "cannot set array element for non-numeric key 'b'"],
    ['{}', 'a.2000000', 'array index 2000000 is too large to pad with nulls (limit 1000000)'],
    ['{"a":[{"b":1}]}', 'a.#.b', "path 'a.#.b' matches values this engine cannot locate in the document (gjson modifiers, '#' queries and maps); name the value with a plain path"],
    ['{"a":[{"b":1}]}', 'a.#(b==1)', "path 'a.#(b==1)' matches values this engine cannot locate in the document (gjson modifiers, '#' queries and maps); name the value with a plain path"],
    ['{"a":1}', '@this', "path '@this' matches values this engine cannot locate in the document (gjson modifiers, '#' queries and maps); name the value with a plain path"],
  ])('%s at %s', (json, path, message) => {
    expect(() => setValue(json, path, 'x')).toThrow(new SjsonPathError(message));
  });

  test('a query that matches nothing leaves the document as it was, as sjson does', () => {
    expect(setValue('{"a":[{"b":1}]}', 'a.#(b==2)', 'x')).toBe('{"a":[{"b":1}]}');
  });
});
