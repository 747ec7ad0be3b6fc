import { GjsonPathError } from '../../../src/engine/gjson/errors';
import { wildcardMatch } from '../../../src/engine/gjson/match';

describe('wildcardMatch', () => {
  test.each([
    ['hello', 'h*o', true],
    ['hello', 'h?llo', true],
    ['hello', 'h?lo', false],
    ['hello', '*', true],
    ['', '*', true],
    ['', '?', false],
    ['abc', 'a*b*c', true],
    ['abxbc', 'a*bc', true],
    ['😀x', '?x', true],
    ['a*b', 'a\\*b', true],
    ['axb', 'a\\*b', false],
    ['abc', 'ab', false],
  ])('%s ~ %s', (text, pattern, expected) => {
    expect(wildcardMatch(text, pattern)).toBe(expected);
  });

  test('a trailing lone backslash is refused', () => {
    expect(() => wildcardMatch('a', 'a\\')).toThrow(new GjsonPathError("wildcard pattern 'a\\' ends with a lone backslash"));
  });
});
