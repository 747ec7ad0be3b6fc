/**
 * JSON string encoding as Go does it in gjson's `AppendJSONString` and in
 * `encoding/json` (Go 1.22+): short escapes for `\b \f \n \r \t`, `\u00XX` for other
 * control characters, and `<`, `>`, `&`, U+2028, U+2029 as `\u` escapes (lower-case hex).
 */

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Characters that need escaping; lone surrogates (invalid UTF-8 in Go) become U+FFFD.
// eslint-disable-next-line no-control-regex -- JSON escapes the control characters U+0000 to U+001F
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` as a quoted JSON string with Go's escaping. */
export function quoteJsonString(s: string): string {
  return '"' + s.replace(NEEDS_ESCAPE, escapeChar) + '"';
}

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd';
  return '\\u' + code.toString(16).padStart(4, '0');
}
