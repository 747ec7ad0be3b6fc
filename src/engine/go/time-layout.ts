/**
 * Go's time layouts (`2006-01-02T15:04:05Z07:00`): one reading of them for formatting and parsing.
 */

/** A layout element (`2006`, `Jan`, `.000`, `-07:00`...): its code, its text in the layout, and for fractions the digit count and separator. */
export type StdChunk = { readonly kind: 'std'; readonly code: string; readonly text: string; readonly digits?: number; readonly sep?: string };
/** A piece of a layout: literal text or a layout element. */
export type LayoutChunk = { readonly kind: 'literal'; readonly text: string } | StdChunk;

const ZONE_SUFFIXES = ['070000', '07:00:00', '0700', '07:00', '07'];
const startsWithLower = (s: string): boolean => s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
/** Whether `s` has an ASCII digit at `i`. */
export const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** The layout element starting at `rest`, as Go's `nextStdChunk` finds it. */
function stdAt(rest: string): { code: string; length: number; digits?: number } | undefined {
  const is = (p: string): boolean => rest.startsWith(p);
  switch (rest[0]) {
    case 'J':
      if (is('January')) return { code: 'January', length: 7 };
      if (is('Jan') && !startsWithLower(rest.slice(3))) return { code: 'Jan', length: 3 };
      return undefined;
    case 'M':
      if (is('Monday')) return { code: 'Monday', length: 6 };
      if (is('Mon') && !startsWithLower(rest.slice(3))) return { code: 'Mon', length: 3 };
      if (is('MST')) return { code: 'MST', length: 3 };
      return undefined;
    case '0':
      if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') return { code: rest.slice(0, 2), length: 2 };
      if (is('002')) return { code: '002', length: 3 };
      return undefined;
    case '1': return rest[1] === '5' ? { code: '15', length: 2 } : { code: '1', length: 1 };
    case '2': return is('2006') ? { code: '2006', length: 4 } : { code: '2', length: 1 };
    case '_':
      if (rest[1] === '2') return is('_2006') ? undefined : { code: '_2', length: 2 };
      return is('__2') ? { code: '__2', length: 3 } : undefined;
    case '3': case '4': case '5': return { code: rest[0], length: 1 };
    case 'P': return rest[1] === 'M' ? { code: 'PM', length: 2 } : undefined;
    case 'p': return rest[1] === 'm' ? { code: 'pm', length: 2 } : undefined;
    case '-': case 'Z':
      for (const suffix of ZONE_SUFFIXES) if (rest.startsWith(suffix, 1)) return { code: rest[0] + suffix, length: suffix.length + 1 };
      return undefined;
    case '.': case ',': {
      const ch = rest[1];
      if (ch !== '0' && ch !== '9') return undefined;
      let j = 1;
      while (j < rest.length && rest[j] === ch) j++;
      if (isDigitAt(rest, j)) return undefined;
      return { code: ch === '0' ? 'frac0' : 'frac9', length: j, digits: j - 1 };
    }
    default: return undefined;
  }
}

/** A Go layout split into literal text and layout elements, as Go's `nextStdChunk` reads it. */
export function splitLayout(layout: string): LayoutChunk[] {
  const chunks: LayoutChunk[] = [];
  let literal = '';
  let i = 0;
  while (i < layout.length) {
    const std = stdAt(layout.slice(i));
    if (std === undefined) {
      literal += layout[i];
      i++;
      continue;
    }
    if (literal) chunks.push({ kind: 'literal', text: literal });
    literal = '';
    const text = layout.slice(i, i + std.length);
    chunks.push(std.digits === undefined ? { kind: 'std', code: std.code, text } : { kind: 'std', code: std.code, text, digits: std.digits, sep: text[0] });
    i += std.length;
  }
  if (literal) chunks.push({ kind: 'literal', text: literal });
  return chunks;
}
