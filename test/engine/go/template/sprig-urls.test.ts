import { GoTemplateError } from '../../../../src/engine/go/template';
import { callError, renderFixed as render } from './helpers';

describe('sprig urlParse / urlJoin (net/url)', () => {
  it.each([
    ['{{ urlParse "https://user:pa%20ss@example.com:8080/a%20b/c?x=1&y=2#frag%21" }}',
      'map[fragment:frag! host:example.com:8080 hostname:example.com opaque: path:/a b/c query:x=1&y=2 scheme:https userinfo:user:pa%20ss]'],
    ['{{ urlParse "mailto:joe@example.com" }}', 'map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]'],
    ['{{ (urlParse "HTTP://[::1]:80/x").hostname }} {{ (urlParse "HTTP://[::1]:80/x").scheme }}', '::1 http'],
    ['{{ (urlParse "/rel/path?q").path }} {{ (urlParse "/rel/path?q").query }}', '/rel/path q'],
    ['{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "q=1" "fragment" "f g" "userinfo" "u:p") }}',
      'https://u:p@example.com/a%20b?q=1#f%20g'],
    ['{{ urlJoin (dict "host" "h" "path" "p") }} {{ urlJoin (dict "path" "a:b") }} {{ urlJoin (dict "scheme" "mailto" "opaque" "x@y") }}', '//h/p ./a:b mailto:x@y'],
    ['{{ urlParse "https://example.com/a%2Fb" | urlJoin }}', 'https://example.com/a/b'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ urlParse "http://[::1" }}', callError('urlParse "http://[::1"', 'urlParse', 'unable to parse url: parse "http://[::1": missing \']\' in host')],
    ['{{ urlParse "http://h:port" }}', callError('urlParse "http://h:port"', 'urlParse', 'unable to parse url: parse "http://h:port": invalid port ":port" after host')],
    ['{{ urlParse "a%zz" }}', callError('urlParse "a%zz"', 'urlParse', 'unable to parse url: parse "a%zz": invalid URL escape "%zz"')],
    ['{{ urlParse ":x" }}', callError('urlParse ":x"', 'urlParse', 'unable to parse url: parse ":x": missing protocol scheme')],
    ['{{ urlParse "1a:b" }}', callError('urlParse "1a:b"', 'urlParse', 'unable to parse url: parse "1a:b": first path segment in URL cannot contain colon')],
    ['{{ urlJoin (dict "host" 1) }}', callError('urlJoin (dict "host" 1)', 'urlJoin', 'interface conversion: interface {} is int, not string')],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});
