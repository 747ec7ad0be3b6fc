/**
 * Go `time.Time.Format` with Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`),
 * for times in UTC (the zone Argo Events' containers run in).
 */
import { GoTime } from './values';

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout of Go's `Time.String()` (the monotonic-clock suffix `m=+…` is not reproduced). */
const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

type Chunk =
  | { kind: 'literal'; text: string }
  | { kind: 'std'; code: string; digits?: number; sep?: string };

/** Formats `t` (in UTC) with a Go layout; `'String'` gives `Time.String()`. */
export function formatGoTime(t: GoTime, layout: string): string {
  const date = new Date(t.epochMs);
  const nanos = (((t.epochMs % 1000) + 1000) % 1000) * 1e6 + t.extraNanos;
  let out = '';
  for (const chunk of splitLayout(layout === 'String' ? STRING_LAYOUT : layout)) {
    out += chunk.kind === 'literal' ? chunk.text : formatStd(chunk, date, nanos);
  }
  return out;
}

function formatStd(chunk: Extract<Chunk, { kind: 'std' }>, d: Date, nanos: number): string {
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);
  switch (chunk.code) {
    case 'January': return LONG_MONTHS[month];
    case 'Jan': return LONG_MONTHS[month].slice(0, 3);
    case '1': return String(month + 1);
    case '01': return pad(month + 1, 2);
    case 'Monday': return LONG_DAYS[d.getUTCDay()];
    case 'Mon': return LONG_DAYS[d.getUTCDay()].slice(0, 3);
    case 'MST': return 'UTC';
    case '2006': return year < 0 ? '-' + pad(-year, 4) : pad(year, 4);
    case '06': return pad(((year % 100) + 100) % 100, 2);
    case '2': return String(day);
    case '_2': return pad(day, 2, ' ');
    case '02': return pad(day, 2);
    case '__2': return pad(dayOfYear(d), 3, ' ');
    case '002': return pad(dayOfYear(d), 3);
    case '15': return pad(hour, 2);
    case '3': return String(hour % 12 === 0 ? 12 : hour % 12);
    case '03': return pad(hour % 12 === 0 ? 12 : hour % 12, 2);
    case '4': return String(d.getUTCMinutes());
    case '04': return pad(d.getUTCMinutes(), 2);
    case '5': return String(d.getUTCSeconds());
    case '05': return pad(d.getUTCSeconds(), 2);
    case 'PM': return hour >= 12 ? 'PM' : 'AM';
    case 'pm': return hour >= 12 ? 'pm' : 'am';
    case 'Z070000': case 'Z07:00:00': case 'Z0700': case 'Z07:00': case 'Z07': return 'Z';
    case '-070000': return '+000000';
    case '-07:00:00': return '+00:00:00';
    case '-0700': return '+0000';
    case '-07:00': return '+00:00';
    case '-07': return '+00';
    case 'frac0': return chunk.sep! + String(nanos).padStart(9, '0').slice(0, chunk.digits!);
    case 'frac9': {
      const digits = String(nanos).padStart(9, '0').slice(0, chunk.digits!).replace(/0+$/, '');
      return digits === '' ? '' : chunk.sep! + digits;
    }
    default: throw new Error(`internal: unknown layout element ${chunk.code}`);
  }
}

function dayOfYear(d: Date): number {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.floor((d.getTime() - start) / 86400000) + 1;
}

const startsWithLower = (s: string): boolean => s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
const ZONE_CODES = ['070000', '07:00:00', '0700', '07:00', '07'];

/** Splits a layout into literal text and reference-time elements, in Go's precedence. */
function splitLayout(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let literal = '';
  const std = (code: string, length: number, extra: Partial<Extract<Chunk, { kind: 'std' }>> = {}): number => {
    if (literal) chunks.push({ kind: 'literal', text: literal });
    literal = '';
    chunks.push({ kind: 'std', code, ...extra });
    return length;
  };
  let i = 0;
  while (i < layout.length) {
    const rest = layout.slice(i);
    const consumed = matchStd(rest, std);
    if (consumed > 0) {
      i += consumed;
    } else {
      literal += layout[i];
      i++;
    }
  }
  if (literal) chunks.push({ kind: 'literal', text: literal });
  return chunks;
}

function matchStd(
  rest: string,
  std: (code: string, length: number, extra?: Partial<Extract<Chunk, { kind: 'std' }>>) => number,
): number {
  switch (rest[0]) {
    case 'J':
      if (rest.startsWith('January')) return std('January', 7);
      if (rest.startsWith('Jan') && !startsWithLower(rest.slice(3))) return std('Jan', 3);
      return 0;
    case 'M':
      if (rest.startsWith('Monday')) return std('Monday', 6);
      if (rest.startsWith('Mon') && !startsWithLower(rest.slice(3))) return std('Mon', 3);
      if (rest.startsWith('MST')) return std('MST', 3);
      return 0;
    case '0':
      if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') return std(rest.slice(0, 2), 2);
      if (rest.startsWith('002')) return std('002', 3);
      return 0;
    case '1':
      return rest[1] === '5' ? std('15', 2) : std('1', 1);
    case '2':
      return rest.startsWith('2006') ? std('2006', 4) : std('2', 1);
    case '_':
      if (rest[1] === '2') {
        // "_2006" is a literal underscore followed by the year.
        if (rest.startsWith('_2006')) return 0;
        return std('_2', 2);
      }
      if (rest.startsWith('__2')) return std('__2', 3);
      return 0;
    case '3': case '4': case '5':
      return std(rest[0], 1);
    case 'P':
      return rest[1] === 'M' ? std('PM', 2) : 0;
    case 'p':
      return rest[1] === 'm' ? std('pm', 2) : 0;
    case '-': case 'Z':
      for (const code of ZONE_CODES) {
        if (rest.startsWith(code, 1)) return std(rest[0] + code, code.length + 1);
      }
      return 0;
    case '.': case ',': {
      const ch = rest[1];
      if (ch !== '0' && ch !== '9') return 0;
      let j = 1;
      while (j < rest.length && rest[j] === ch) j++;
      if (j < rest.length && rest[j] >= '0' && rest[j] <= '9') return 0;
      return std(ch === '0' ? 'frac0' : 'frac9', j, { digits: j - 1, sep: rest[0] });
    }
    default:
      return 0;
  }
}
