import { compileGoRegexp, findAllString, quoteMeta, replaceAll, splitRegexp } from '../../../src/engine/go/regexp';

describe('Go regexp on re2js', () => {
  it('reports compile errors with Go\'s text', () => {
    expect(() => compileGoRegexp('[z-a]')).toThrow('error parsing regexp: invalid character class range: `z-a`');
    expect(() => compileGoRegexp('(?<!x)y')).toThrow('error parsing regexp');
  });

  it.each([
    ['a*', 'baaac', 'X', 'XbXcX'],
    ['', 'abc', '-', '-a-b-c-'],
    ['(\\w+)@(\\w+)', 'me@host you@there', '$2 at ${1}', 'host at me there at you'],
    ['(\\w)', 'ab', '$1x', ''],
    ['(?P<first>\\w)(\\w)', 'abcd', '${first}.$2|', 'a.b|c.d|'],
    ['x', 'axbx', '$$', 'a$b$'],
    ['é', 'aébé', '$', 'a$b$'],
  ])('ReplaceAllString(%j, %j, %j)', (expr, src, repl, expected) => {
    expect(replaceAll(compileGoRegexp(expr), src, repl, false)).toBe(expected);
  });

  it('finds all matches without an empty match right after a match', () => {
    expect(findAllString(compileGoRegexp('a*'), 'baaac', -1)).toEqual(['', 'aaa', '']);
    expect(findAllString(compileGoRegexp('z'), 'abc', -1)).toBeUndefined();
  });

  it('splits as Go does', () => {
    expect(splitRegexp(compileGoRegexp('a*'), 'a*', 'baaac', -1)).toEqual(['b', 'c']);
    expect(splitRegexp(compileGoRegexp(','), ',', '', -1)).toEqual(['']);
    expect(splitRegexp(compileGoRegexp(','), ',', 'a,b,c', 0)).toBeUndefined();
  });

  it('quotes metacharacters like regexp.QuoteMeta', () => {
    expect(quoteMeta('[skip-ci].*$^{x}|(y)+?\\')).toBe('\\[skip-ci\\]\\.\\*\\$\\^\\{x\\}\\|\\(y\\)\\+\\?\\\\');
  });
});
