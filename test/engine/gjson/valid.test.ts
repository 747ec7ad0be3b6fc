import { valid } from '../../../src/engine/gjson/valid';

describe('valid (reference §6)', () => {
  test.each([
    ['a', false],
    ['', false],
    [' {} ', true],
    ['1', true],
    ['"x"', true],
    ['{} x', false],
    ['{"a":[1,2,{"b":null}],"c":"\\u00e9\\n"}', true],
    ['[1,]', false],
    ['{"a":1,}', false],
    ['{"a" 1}', false],
    ['01', false],
    ['-', false],
    ['1.', false],
    ['1e', false],
    ['-0.5e+10', true],
    ['"\\x"', false],
    ['"\\u12"', false],
    ['"a\nb"', false],
    ['[[[[[]]]]]', true],
    ['[[[[[]]]]', false],
    ['tru', false],
    ['nul', false],
    ['[true,false,null]', true],
  ])('%j -> %s', (json, expected) => {
    expect(valid(json)).toBe(expected);
  });

  test('deep nesting does not overflow the stack', () => {
    const depth = 100000;
    expect(valid('['.repeat(depth) + ']'.repeat(depth))).toBe(true);
  });
});
