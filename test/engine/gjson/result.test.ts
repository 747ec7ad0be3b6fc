import { forEach, parse, Result } from '../../../src/engine/gjson/result';

describe('Result conversions', () => {
  test.each([
    // [raw JSON, string(), float(), bool(), value()]
    ['"abc"', 'abc', 0, false, 'abc'],
    ['"12.5"', '12.5', 12.5, false, '12.5'],
    ['"0x1p-2"', '0x1p-2', 0.25, false, '0x1p-2'],
    ['"1e400"', '1e400', Infinity, false, '1e400'],
    ['"TRUE"', 'TRUE', 0, true, 'TRUE'],
    ['"t"', 't', 0, true, 't'],
    ['"1"', '1', 1, true, '1'],
    ['"yes"', 'yes', 0, false, 'yes'],
    ['true', 'true', 1, true, true],
    ['false', 'false', 0, false, false],
    ['null', '', 0, false, null],
    ['0', '0', 0, false, 0],
    ['-2.50', '-2.5', -2.5, true, -2.5],
    ['{"a":[1,"x",null,{"b":false}],"a":2}', '{"a":[1,"x",null,{"b":false}],"a":2}', 0, false, { a: [1, 'x', null, { b: false }] }],
    ['[ 1 , 2 ]', '[ 1 , 2 ]', 0, false, [1, 2]],
  ])('%s', (raw, str, float, bool, value) => {
    const res = parse(raw);
    expect(res.string()).toBe(str);
    expect(res.float()).toBe(float);
    expect(res.bool()).toBe(bool);
    expect(res.value()).toEqual(value);
    expect(res.exists).toBe(true);
  });

  test('a missing value', () => {
    const res = new Result('Null', '');
    expect(res.exists).toBe(false);
    expect(res.string()).toBe('');
    expect(res.value()).toBeUndefined();
    expect(res.array()).toEqual([]);
  });

  test('__proto__ keys become own properties', () => {
    const value = parse('{"__proto__":{"x":1}}').value() as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  test('array() of an array, a scalar and null', () => {
    expect(
      parse('[1, "a", {"b":2}, [3]]')
        .array()
        .map((r) => [r.type, r.raw]),
    ).toEqual([
      ['Number', '1'],
      ['String', '"a"'],
      ['JSON', '{"b":2}'],
      ['JSON', '[3]'],
    ]);
    expect(parse('"x"').array().map((r) => r.raw)).toEqual(['"x"']);
    expect(parse('{"a":1}').array().map((r) => r.raw)).toEqual(['{"a":1}']);
    expect(parse('null').array()).toEqual([]);
  });

  test('parse keeps the rest of the text for objects and arrays', () => {
    expect(parse('  {"a":1} \n').raw).toBe('{"a":1} \n');
    expect(parse('x').exists).toBe(false);
    expect(parse('').exists).toBe(false);
  });

  test('forEach visits keys and values, and a scalar once', () => {
    const seen: string[] = [];
    forEach(parse('{"a":1, "b" : [2]}'), (key, value) => {
      seen.push(`${key?.string()}=${value.raw}`);
      return true;
    });
    forEach(parse('"s"'), (key, value) => {
      seen.push(`${key === undefined}:${value.string()}`);
      return true;
    });
    expect(seen).toEqual(['a=1', 'b=[2]', 'true:s']);
  });
});
