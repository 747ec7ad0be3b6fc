/**
 * Time filter (reference §5): a daily window `[start, stop)` on the event time's date, in
 * UTC or in `timezone`; a window with stop <= start wraps around midnight.
 */
import { Instant, parseEventTime } from '../event';
import { type ClockResult, parseGoClock } from '../go/clock';
import { filterError, type FilterOutcome, type StepsOutcome, type TimeFilterStep } from './outcome';
import { readTimeFilter, TimeFilterSpec } from './spec';
import { dateIn, timeZoneProblem, wallToEpoch } from '../go/zone';

/**
 * Argo Events' `filterTime`. `timeFilter` is the `filters.time` object as parsed YAML
 * (undefined/null = nil: passes); `eventTime` is the event context's RFC 3339 time.
 * @throws FilterSpecError when the object is not decodable; Error when `eventTime` is not RFC 3339
 */
export function filterTime(timeFilter: unknown, eventTime: string): FilterOutcome {
  const instant = parseEventTime(eventTime);
  if (instant === undefined) throw new Error(`event time is not an RFC 3339 time: ${JSON.stringify(eventTime)}`);
  const { passed, error } = evaluateTimeFilter(readTimeFilter(timeFilter), instant);
  return { passed, error };
}

const LAYOUT = '2006-01-02 15:04:05';

/**
 * Go `time.Parse("2006-01-02 15:04:05", "<date> <text>")` as the sensor calls it: the hour
 * takes one or two digits, minutes and seconds two, a fraction (`.5`/`,5`) is accepted,
 * spaces before the clock are skipped, `24:00:00` is out of range. Error texts are Go's.
 */
export function parseClockOnDate(date: { year: number; month: number; day: number }, text: string): ClockResult {
  return parseGoClock(LAYOUT, `${formatYear(date.year)}-${pad2(date.month)}-${pad2(date.day)} ${text}`);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Go's `2006` layout element: at least four digits, zero-padded (year 1 is `0001`), sign first. */
function formatYear(year: number): string {
  const digits = String(Math.abs(year)).padStart(4, '0');
  return year < 0 ? `-${digits}` : digits;
}

function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** Typed time filter with its step; the engine behind {@link filterTime}. */
export function evaluateTimeFilter(spec: TimeFilterSpec | null, eventTime: Instant): StepsOutcome<TimeFilterStep> {
  if (spec === null) return { passed: true, error: null, steps: [] };
  const fail = (message: string): StepsOutcome<TimeFilterStep> =>
    ({ passed: false, error: filterError('time', message), steps: [{ kind: 'time', subject: 'time', passed: false, error: message }] });
  const zone = spec.timezone === '' ? 'UTC' : spec.timezone;
  if (spec.timezone !== '') {
    const problem = timeZoneProblem(spec.timezone);
    if (problem !== undefined) return fail(`invalid timezone '${spec.timezone}': ${problem}`);
  }
  const date = dateIn(zone, eventTime.seconds);
  const start = parseClockOnDate(date, spec.start);
  if ('error' in start) return fail(start.error);
  const stop = parseClockOnDate(date, spec.stop);
  if ('error' in stop) return fail(stop.error);

  const at = (clock: { secondOfDay: number; nanos: number }): Instant => ({
    seconds: wallToEpoch(zone, date.year, date.month, date.day, clock.secondOfDay),
    nanos: clock.nanos,
  });
  const startAt = at(start);
  const stopAt = at(stop);
  const afterStart = compareInstants(eventTime, startAt) >= 0;
  const beforeStop = compareInstants(eventTime, stopAt) < 0;
  const wraps = compareInstants(startAt, stopAt) >= 0;
  const passed = wraps ? afterStart || beforeStop : afterStart && beforeStop;
  const window = { start: spec.start, stop: spec.stop, zone, wraps };
  return { passed, error: null, steps: [{ kind: 'time', subject: 'time', passed, window }] };
}
