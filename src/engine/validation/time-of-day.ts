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
  const clock = parseGoClock(LAYOUT, text);
  return 'error' in clock
    ? { ok: false, error: clock.error }
    : { ok: true, nanosecondsOfDay: clock.secondOfDay * NANOS_PER_SECOND + clock.nanos };
}

export { timeZoneProblem } from '../go/zone';
