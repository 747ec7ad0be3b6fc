/**
 * Time-filter values as the Argo Events controller reads them: Go `time.Parse` with the layout
 * `15:04:05` (after a date and a space), and time zones through Go `time.LoadLocation`.
 */

const LAYOUT = '15:04:05';
const NANOS_PER_SECOND = 1_000_000_000;

/** A parsed `HH:MM:SS[.fff]` value, or the Go-style error text. */
export type TimeOfDayResult =
  | { readonly ok: true; readonly nanosecondsOfDay: number }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a time of day the way Go's `time.Parse("2006-01-02 15:04:05", date + " " + text)` does:
 * the hour takes one or two digits (`9:00:00` is fine), minutes and seconds exactly two, a
 * fraction after the seconds (`.5` or `,5`) is accepted (nanoseconds beyond 9 digits are
 * truncated), leading spaces are skipped, and `24:00:00` is out of range.
 */
export function parseTimeOfDay(text: string): TimeOfDayResult {
  const cannotParse = (rest: string, element: string): TimeOfDayResult => ({
    ok: false,
    error: `parsing time ${JSON.stringify(text)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(element)}`,
  });
  const outOfRange = (what: string): TimeOfDayResult => ({
    ok: false,
    error: `parsing time ${JSON.stringify(text)}: ${what} out of range`,
  });

  // The layout's space before the clock matches any run of spaces in the value.
  let rest = text.replace(/^ +/, '');

  const hour = /^\d\d?/.exec(rest);
  if (!hour) return cannotParse(rest, '15');
  const hours = Number(hour[0]);
  if (hours >= 24) return outOfRange('hour');
  rest = rest.slice(hour[0].length);

  if (!rest.startsWith(':')) return cannotParse(rest, ':');
  rest = rest.slice(1);
  const minute = /^\d\d/.exec(rest);
  if (!minute) return cannotParse(rest, '04');
  const minutes = Number(minute[0]);
  if (minutes >= 60) return outOfRange('minute');
  rest = rest.slice(2);

  if (!rest.startsWith(':')) return cannotParse(rest, ':');
  rest = rest.slice(1);
  const second = /^\d\d/.exec(rest);
  if (!second) return cannotParse(rest, '05');
  const seconds = Number(second[0]);
  if (seconds >= 60) return outOfRange('second');
  rest = rest.slice(2);

  let nanoseconds = 0;
  const fraction = /^[.,](\d+)/.exec(rest);
  if (fraction) {
    nanoseconds = Number(fraction[1].slice(0, 9).padEnd(9, '0'));
    rest = rest.slice(fraction[0].length);
  }
  if (rest !== '') {
    return { ok: false, error: `parsing time ${JSON.stringify(text)}: extra text: ${JSON.stringify(rest)}` };
  }
  return { ok: true, nanosecondsOfDay: ((hours * 60 + minutes) * 60 + seconds) * NANOS_PER_SECOND + nanoseconds };
}

/**
 * Why Go's `time.LoadLocation(name)` would fail, or undefined when it succeeds.
 * `""`, `UTC` and `Local` are built in; other names are IANA zones, checked through `Intl`.
 * Go looks names up case-sensitively in the zone database, so a name that `Intl` only
 * accepts after fixing its case (`utc`, `europe/berlin`) is rejected.
 */
export function timeZoneProblem(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
    return 'time: invalid location name';
  }
  const unknown = `unknown time zone ${name}`;
  // Intl accepts UTC offsets (`+05:00`) that are not zone names.
  if (!/^[A-Za-z]/.test(name)) return unknown;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return unknown;
  }
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return unknown;
  return undefined;
}
