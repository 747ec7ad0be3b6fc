import { formatFloat, parseBool, parseFloat, parseInt, quote } from '../../../src/engine/go/strconv';

describe('parseBool (Go strconv.ParseBool)', () => {
  it.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
  ])('parses %j', (text, expected) => {
    expect(parseBool(text)).toBe(expected);
  });

  it.each(['yes', 'tRUE', ' true', '', 'on', '2'])('rejects %j with Go\'s error', (text) => {
    expect(() => parseBool(text)).toThrow(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
  });
});

describe('parseFloat (Go strconv.ParseFloat, 64 bits)', () => {
  it.each([
    ['1', 1], ['-2.5', -2.5], ['+3', 3], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['1E-2', 0.01],
    ['0x1p-2', 0.25], ['0X1.8P1', 3], ['-0x1p0', -1], ['0x_1p0', 1],
    ['1_000', 1000], ['1_000.5_0', 1000.5],
    ['Inf', Infinity], ['+inf', Infinity], ['-Infinity', -Infinity], ['INFINITY', Infinity],
    ['1e-400', 0], ['4.9406564584124654e-324', 5e-324], ['0x1.000001p-1075', 5e-324],
    ['0.1', 0.1], ['19289199112', 19289199112],
  ])('parses %j', (text, expected) => {
    expect(parseFloat(text)).toBe(expected);
  });

  it.each(['NaN', 'nan', 'nAn'])('parses %j as NaN', (text) => {
    expect(parseFloat(text)).toBeNaN();
  });

  it.each([
    '', ' 1', '1 ', '0x10', '0x', '1e', '1e+', 'abc', '+nan', 'infin', '1__0', '_1', '1_', '1._5', '--1', '1.2.3', '0b101', '1,5',
  ])('rejects %j as invalid syntax', (text) => {
    expect(() => parseFloat(text)).toThrow(`strconv.ParseFloat: parsing ${quote(text)}: invalid syntax`);
  });

  it.each(['1e400', '-1e309', '0x1p1024', '0x1.fffffffffffff8p1023'])('rejects %j as out of range', (text) => {
    expect(() => parseFloat(text)).toThrow(`strconv.ParseFloat: parsing ${quote(text)}: value out of range`);
  });
});

describe('parseInt (Go strconv.ParseInt)', () => {
  it.each([
    ['42', 10, 42n], ['-42', 10, -42n], ['0x1F', 0, 31n], ['017', 0, 15n], ['0o17', 0, 15n], ['0b101', 0, 5n],
    ['1_000', 0, 1000n], ['9223372036854775807', 10, 9223372036854775807n], ['-9223372036854775808', 10, -9223372036854775808n],
  ])('parses %j in base %d', (text, base, expected) => {
    expect(parseInt(text, base)).toBe(expected);
  });

  it('reports syntax and range errors as Go does', () => {
    expect(() => parseInt('1_000', 10)).toThrow('strconv.ParseInt: parsing "1_000": invalid syntax');
    expect(() => parseInt('08', 0)).toThrow('strconv.ParseInt: parsing "08": invalid syntax');
    expect(() => parseInt('9223372036854775808', 10)).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
  });
});

describe('formatFloat (Go strconv.FormatFloat)', () => {
  it.each([
    // 'g' shortest (what %v uses) switches to %e when the decimal exponent is < -4 or >= 6
    [123456789, 'g', -1, '1.23456789e+08'],
    [1234567, 'g', -1, '1.234567e+06'],
    [123456, 'g', -1, '123456'],
    [21500, 'g', -1, '21500'],
    [1e6, 'g', -1, '1e+06'],
    [1e20, 'g', -1, '1e+20'],
    [1e21, 'g', -1, '1e+21'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [19289199112, 'g', -1, '1.9289199112e+10'],
    [0, 'g', -1, '0'],
    [-0, 'g', -1, '-0'],
    [1.5, 'g', -1, '1.5'],
    [0.1 + 0.2, 'g', -1, '0.30000000000000004'],
    [5e-324, 'g', -1, '5e-324'],
    [1.7976931348623157e308, 'g', -1, '1.7976931348623157e+308'],
    [100, 'g', 3, '100'],
    [1234, 'g', 3, '1.23e+03'],
    [1, 'g', 3, '1'],
    [0.000012345, 'g', 2, '1.2e-05'],
    [123.456, 'e', 2, '1.23e+02'],
    [0, 'e', -1, '0e+00'],
    [1e-7, 'e', -1, '1e-07'],
    [1e100, 'e', -1, '1e+100'],
    [19289199112, 'f', 0, '19289199112'],
    [1e21, 'f', -1, '1000000000000000000000'],
    [3.14159, 'f', 2, '3.14'],
    [1, 'f', 3, '1.000'],
    // exact ties round half to even (JS toFixed would round up)
    [0.5, 'f', 0, '0'],
    [1.5, 'f', 0, '2'],
    [2.5, 'f', 0, '2'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [1.005, 'f', 2, '1.00'],
    [Infinity, 'g', -1, '+Inf'],
    [-Infinity, 'f', 2, '-Inf'],
    [NaN, 'e', 3, 'NaN'],
  ] as const)('formats %p with %s/%d as %j', (n, fmt, prec, expected) => {
    expect(formatFloat(n, fmt, prec)).toBe(expected);
  });
});

describe('quote (Go strconv.Quote)', () => {
  it.each([
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\n\t\r\x07\x00', '"\\n\\t\\r\\a\\x00"'],
    ['héllo 😀', '"héllo 😀"'],
    ['\u200b\u00a0', '"\\u200b\\u00a0"'],
  ])('quotes %j', (text, expected) => {
    expect(quote(text)).toBe(expected);
  });
});
