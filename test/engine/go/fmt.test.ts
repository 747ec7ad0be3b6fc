import { sprint, sprintf, sprintln, sprintValue } from '../../../src/engine/go/fmt';
import { GoInt, GoStringSlice } from '../../../src/engine/go/values';

const int = (n: number): GoInt => new GoInt(BigInt(n), 'int');

describe('sprintValue (Go %v)', () => {
  it.each([
    [123456789, '1.23456789e+08'],
    [1234567, '1.234567e+06'],
    [21500, '21500'],
    [1e6, '1e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [19289199112, '1.9289199112e+10'],
    [1.5, '1.5'],
    [-0, '-0'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
    ['text', 'text'],
    [true, 'true'],
    [null, '<nil>'],
    [new GoInt(19289199112n), '19289199112'],
    [{ c: 1, a: 'b', b: [1, 'x'] }, 'map[a:b b:[1 x] c:1]'],
    [[1, 'a', true], '[1 a true]'],
    [[null, {}], '[<nil> map[]]'],
    [{ k: null }, 'map[k:<nil>]'],
    [new GoStringSlice(['a', 'b']), '[a b]'],
  ])('prints %p as %j', (value, expected) => {
    expect(sprintValue(value)).toBe(expected);
  });
});

describe('sprint and sprintln', () => {
  it('puts spaces only between non-string operands', () => {
    expect(sprint(['a', 1, 2, 'b', 'c', true])).toBe('a1 2bctrue');
    expect(sprint([1, 2])).toBe('1 2');
  });
  it('always separates and ends with a newline', () => {
    expect(sprintln(['a', 1, 'b'])).toBe('a 1 b\n');
  });
});

describe('sprintf (Go fmt.Sprintf)', () => {
  it.each([
    ['%v', [19289199112], '1.9289199112e+10'],
    ['%.0f', [19289199112], '19289199112'],
    ['%.2f', [2.345], '2.35'],
    ['%.1f', [0.25], '0.2'],
    ['%f', [1], '1.000000'],
    ['%e', [123456], '1.234560e+05'],
    ['%g', [0.00001234], '1.234e-05'],
    ['%8.3f|%-8.2f|%08.3f', [3.14159, 2.5, -3.14159], '   3.142|2.50    |-003.142'],
    ['%+.1f % .1f', [1, 1], '+1.0  1.0'],
    ['%d', [int(42)], '42'],
    ['%5d|%-5d|%05d|%x|%X|%o|%b|%#x', [int(42), int(42), int(-42), int(255), int(255), int(8), int(5), int(255)], '   42|42   |-0042|ff|FF|10|101|0xff'],
    ['%c %q %U', [int(65), int(65), int(0x1f600)], 'A \'A\' U+1F600'],
    ['%s|%10s|%-10s|%.2s', ['go', 'go', 'go', 'golang'], 'go|        go|go        |go'],
    ['%q', ['a"b\n'], '"a\\"b\\n"'],
    ['%x % X', ['hi', 'hi'], '6869 68 69'],
    ['%t', [true], 'true'],
    ['%v %v', [{ b: 2, a: 1 }, [1, 'x']], 'map[a:1 b:2] [1 x]'],
    ['%T %T %T %T %T', [1.5, 'x', int(1), { a: 1 }, null], 'float64 string int map[string]interface {} <nil>'],
    ['100%%', [], '100%'],
    ['%[2]s %[1]s', ['a', 'b'], 'b a'],
    ['%*d', [int(4), int(7)], '   7'],
  ])('formats %j', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });

  it.each([
    ['%d', ['x'], '%!d(string=x)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%s', [1.5], '%!s(float64=1.5)'],
    ['%d', [null], '%!d(<nil>)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%v', [null], '<nil>'],
    ['%t', ['x'], '%!t(string=x)'],
    ['%d %d', [int(1)], '1 %!d(MISSING)'],
    ['%d', [int(1), 'x', 2.5], '1%!(EXTRA string=x, float64=2.5)'],
    ['%z', [int(1)], '%!z(int=1)'],
    ['%', [], '%!(NOVERB)'],
    ['%d', [[1, 'a']], '[%!d(float64=1) %!d(string=a)]'],
    ['%*d', [1.5, int(1)], '%!(BADWIDTH)1'],
    ['%[3]d', [int(1)], '%!d(BADINDEX)'],
  ])('prints the mistake in %j as Go does', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });

  it('refuses verbs it cannot reproduce instead of guessing', () => {
    expect(() => sprintf('%#v', [{ a: 1 }])).toThrow('%#v (Go syntax) is not supported');
    expect(() => sprintf('%x', [1.5])).toThrow('%x of float64 is not supported');
  });
});
