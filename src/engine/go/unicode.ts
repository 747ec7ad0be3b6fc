/**
 * Go's `unicode` and `strings` case mapping and white space, per code point.
 */

/** Go's `unicode.IsSpace`. */
export function isSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\p{Zs}\u2028\u2029]$/u.test(ch);
}

/** Go's single-rune mapping: a mapping to several characters (`ß` upper case) leaves the rune. */
function mapRune(ch: string, f: (c: string) => string): string {
  const mapped = f(ch);
  return Array.from(mapped).length === 1 ? mapped : ch;
}

/** Go's `unicode.ToUpper`. */
export const toUpperRune = (ch: string): string => mapRune(ch, (c) => c.toUpperCase());
/** Go's `unicode.ToLower`. */
export const toLowerRune = (ch: string): string => mapRune(ch, (c) => c.toLowerCase());

/** Go's `strings.ToUpper`. */
export function toUpper(s: string): string {
  let out = '';
  for (const ch of s) out += toUpperRune(ch);
  return out;
}

/** Go's `strings.ToLower`. */
export function toLower(s: string): string {
  let out = '';
  for (const ch of s) out += toLowerRune(ch);
  return out;
}
