/**
 * Time-filter values as the Argo Events controller reads them: Go `time.Parse` with the layout
 * `15:04:05`, and time zones through Go `time.LoadLocation`.
 */
import { parseGoClock } from '../go/clock';

const LAYOUT = '15:04:05';
const NANOS_PER_SECOND = 1_000_000_000;

/** A parsed `HH:MM:SS[.fff]` value, or the Go-style error text. */
export type TimeOfDayResult =
  | { readonly ok: true; readonly nanosecondsOfDay: number }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a time of day the way Go's `time.Parse("15:04:05", text)` does (see
 * {@link parseGoClock}): `9:00:00` and fractions are fine, `24:00:00` is out of range.
 */
export function parseTimeOfDay(text: string): TimeOfDayResult {
  const clock = parseGoClock(text, text, LAYOUT);
  return 'error' in clock
    ? { ok: false, error: clock.error }
    : { ok: true, nanosecondsOfDay: clock.secondOfDay * NANOS_PER_SECOND + clock.nanos };
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
