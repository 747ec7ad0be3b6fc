import { queryUnescape, UrlError } from '../../../src/engine/go/url';

describe('queryUnescape (Go url.QueryUnescape)', () => {
  it.each([
    ['a+b%20c', 'a b c'],
    ['%7B%22x%22%3A1%7D', '{"x":1}'],
    ['caf%C3%A9', 'café'],
    ['plain', 'plain'],
  ])('%j -> %j', (text, expected) => {
    expect(queryUnescape(text)).toBe(expected);
  });

  it.each([
    ['%zz', 'invalid URL escape "%zz"'],
    ['ab%4', 'invalid URL escape "%4"'],
  ])('%j fails with %j', (text, message) => {
    expect(() => queryUnescape(text)).toThrow(new UrlError(message));
  });
});
