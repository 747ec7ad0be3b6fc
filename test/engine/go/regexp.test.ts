import { RE2JS } from 're2js';
import { compileGoRegexp, findAllString, replaceAll, splitRegexp } from '../../../src/engine/go/regexp';
import { renderTemplate } from '../../../src/engine/go/template';

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
});

/** Every ASCII character, 0x00 to 0x7f. */
const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');

/**
 * Go's `regexp.QuoteMeta` escapes the bytes of `\.+*?()|[]{}^$` and nothing else (go1.19.8
 * src/regexp/regexp.go lines 711-754: `specialBytes`, `special`, `QuoteMeta`; byte-wise, since
 * every metacharacter is ASCII). The expected texts were printed by that function (Go 1.19.8,
 * a scratch program outside this repository calling `regexp.QuoteMeta` on each input).
 */
const GO_QUOTE_META: readonly (readonly [string, string])[] = [
  ['', ''],
  [ASCII, "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#\\$%&'\\(\\)\\*\\+,-\\./0123456789:;<=>\\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\[\\\\\\]\\^_`abcdefghijklmnopqrstuvwxyz\\{\\|\\}~\u007f"],
  ['ci-fix/', 'ci-fix/'],
  ['5dlabs/cto', '5dlabs/cto'],
  ['[skip ci]', '\\[skip ci\\]'],
  ['***NO_CI***', '\\*\\*\\*NO_CI\\*\\*\\*'],
  ['a.b*c', 'a\\.b\\*c'],
  ['C:\\path\\(x)', 'C:\\\\path\\\\\\(x\\)'],
  ['é.ü+ß', 'é\\.ü\\+ß'],
  ['日本?語', '日本\\?語'],
  ['😀|😀', '😀\\|😀'],
  ['{x}^$', '\\{x\\}\\^\\$'],
];

describe('QuoteMeta: RE2JS.quote, the one escaping of regex literals', () => {
  it.each(GO_QUOTE_META)('RE2JS.quote(%j) is Go regexp.QuoteMeta: %j', (input, expected) => {
    expect(RE2JS.quote(input)).toBe(expected);
    expect(RE2JS.compile(`^${expected}$`).matches(input)).toBe(true);
  });

  it('is what sprig regexQuoteMeta gives in templates', () => {
    for (const [input, expected] of GO_QUOTE_META) {
      expect(renderTemplate('{{ regexQuoteMeta .Input }}', { Input: input })).toBe(expected);
    }
  });
});
