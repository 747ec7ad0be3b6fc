import { GoJsonError, marshalGo, marshalIndentGo, unmarshalGo } from '../../../src/engine/go/json';
import { GoInt, GoStringSlice } from '../../../src/engine/go/values';

describe('marshalGo (Go json.Marshal)', () => {
  it.each([
    [null, 'null'],
    [true, 'true'],
    [{ b: 1, a: [1, 'x', null], c: {} }, '{"a":[1,"x",null],"b":1,"c":{}}'],
    [{ 'é': 1, Z: 2, a: 3, _: 4 }, '{"Z":2,"_":4,"a":3,"é":1}'],
    [new GoInt(19289199112n), '19289199112'],
    [new GoStringSlice(['a']), '["a"]'],
  ])('marshals %p', (value, expected) => {
    expect(marshalGo(value)).toBe(expected);
  });

  it.each([
    ['<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
    // Go 1.22+ (Argo's toolchain) writes \b and \f short (Go 1.22 release notes); the golden
    // fixtures come from Go 1.19, which does not, so they leave these two out.
    ['line\nbreak\ttab\r\b\f', '"line\\nbreak\\ttab\\r\\b\\f"'],
    ['\u0001\u001f\u007f', '"\\u0001\\u001f\u007f"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['back\\slash', '"back\\\\slash"'],
    ['emoji 😀 é', '"emoji 😀 é"'],
    ['lone \ud800 surrogate', '"lone \\ufffd surrogate"'],
  ])('escapes %j as Go does', (value, expected) => {
    expect(marshalGo(value)).toBe(expected);
  });

  it.each([
    [NaN, 'json: unsupported value: NaN'],
    [Infinity, 'json: unsupported value: +Inf'],
    [{ a: [-Infinity] }, 'json: unsupported value: -Inf'],
  ])('rejects %p', (value, message) => {
    expect(() => marshalGo(value)).toThrow(message);
  });

  it('indents like json.MarshalIndent', () => {
    expect(marshalIndentGo({ b: [1, 2], a: {}, c: [] }, '', '  ')).toBe('{\n  "a": {},\n  "b": [\n    1,\n    2\n  ],\n  "c": []\n}');
  });
});

describe('unmarshalGo (Go json.Unmarshal into interface{})', () => {
  it('decodes JSON with numbers as float64', () => {
    expect(unmarshalGo(' {"a":[1,2.5e3,true,null,"x\\u00e9\\ud83d\\ude00"],"b":{}} ')).toEqual({
      a: [1, 2500, true, null, 'xé😀'], b: {},
    });
  });

  it('keeps a "__proto__" key as data', () => {
    const value = unmarshalGo('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  // Go's scanner stops at level 10,001 (maxNestingDepth, src/encoding/json/scanner.go); the
  // error texts are the ones Go 1.19's json.Unmarshal returns for these inputs.
  it.each([
    ['10,000 nested arrays', '['.repeat(10_000) + ']'.repeat(10_000), undefined],
    ['10,000 nested objects', '{"a":' + '{"k":'.repeat(9_999) + '1' + '}'.repeat(10_000), undefined],
    ['10,001 nested arrays', '['.repeat(10_001) + ']'.repeat(10_001), "invalid character '[' exceeded max depth"],
    ['10,001 nested objects', '{"a":' + '{"k":'.repeat(10_000) + '1' + '}'.repeat(10_001), "invalid character '{' exceeded max depth"],
    ['100,000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), "invalid character '[' exceeded max depth"],
    ['an array opening level 10,001 inside objects', '{"a":' + '{"k":'.repeat(9_999) + '["}{"]' + '}'.repeat(10_000), "invalid character '[' exceeded max depth"],
  ])('%s: decoded as Go does', (_name, text, error) => {
    if (error === undefined) expect(() => unmarshalGo(text)).not.toThrow();
    else expect(() => unmarshalGo(text)).toThrow(new GoJsonError(error));
  });

  it('checks deep values like shallow ones: an infinite number nested 2,000 levels deep', () => {
    const text = '['.repeat(2_000) + '1e400' + ']'.repeat(2_000);
    expect(() => unmarshalGo(text)).toThrow(new GoJsonError('json: cannot unmarshal number 1e400 into Go value of type float64'));
  });

  it('replaces unpaired surrogate escapes with U+FFFD', () => {
    expect(unmarshalGo('"a\\ud800b"')).toBe('a\ufffdb');
  });

  it.each([
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['[1 2]', "invalid character '2' after array element"],
    ['01', "invalid character '1' after top-level value"],
    // At the end of the input Go's scanner reads a space (scanner.eof), inside a token too.
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['-', "invalid character ' ' in numeric literal"],
    ['[1e', "invalid character ' ' in exponent of numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['"a\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['{} {}', "invalid character '{' after top-level value"],
    ['[1e400]', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
  ])('rejects %j with Go\'s error', (text, message) => {
    expect(() => unmarshalGo(text)).toThrow(message);
  });
});
