/**
 * Time filter (reference §5): a daily window `[start, stop)` on the event time's date, in
 * UTC or in `timezone`; a window with stop <= start wraps around midnight.
 */
import { Instant, parseEventTime } from '../event';
import { quote } from '../go/strconv';
import { timeZoneProblem } from '../validation/time-of-day';
import { failWith, FilterOutcome, filterError, StepSink } from './outcome';
import { readTimeFilter, TimeFilterSpec } from './spec';
import { dateIn, wallToEpoch } from './zone';

/**
 * Argo Events' `filterTime`. `timeFilter` is the `filters.time` object as parsed YAML
 * (undefined/null = nil: passes); `eventTime` is the event context's RFC 3339 time.
 * @throws FilterSpecError when the object is not decodable; Error when `eventTime` is not RFC 3339
 */
export function filterTime(timeFilter: unknown, eventTime: string): FilterOutcome {
  const instant = parseEventTime(eventTime);
  if (instant === undefined) throw new Error(`event time is not an RFC 3339 time: ${JSON.stringify(eventTime)}`);
  return evaluateTimeFilter(readTimeFilter(timeFilter), instant, undefined);
}

const LAYOUT = '2006-01-02 15:04:05';

/** A clock time parsed on a date, or Go's `time.Parse` error text. */
type ParsedClock = { readonly secondOfDay: number; readonly nanos: number } | { readonly error: string };

/**
 * Go `time.Parse("2006-01-02 15:04:05", "<date> <text>")` as the sensor calls it: the hour
 * takes one or two digits, minutes and seconds two, a fraction (`.5`/`,5`) is accepted,
 * spaces before the clock are skipped, `24:00:00` is out of range. Error texts are Go's.
 */
export function parseClockOnDate(date: { year: number; month: number; day: number }, text: string): ParsedClock {
  const yearText = String(date.year);
  const value = `${yearText}-${pad2(date.month)}-${pad2(date.day)} ${text}`;
  const cannotParse = (rest: string, element: string): ParsedClock => ({
    error: `parsing time ${quote(value)} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(element)}`,
  });
  const outOfRange = (what: string): ParsedClock => ({ error: `parsing time ${quote(value)}: ${what} out of range` });
  // Go's zero time has year 1, which the 4-digit year element rejects.
  if (!/^\d{4}$/.test(yearText)) return cannotParse(value, '2006');

  // The layout's space matches the joining space plus any spaces the text starts with.
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
  let nanos = 0;
  const fraction = /^[.,](\d+)/.exec(rest);
  if (fraction) {
    nanos = Number(fraction[1].slice(0, 9).padEnd(9, '0'));
    rest = rest.slice(fraction[0].length);
  }
  if (rest !== '') return { error: `parsing time ${quote(value)}: extra text: ${quote(rest)}` };
  return { secondOfDay: (hours * 60 + minutes) * 60 + seconds, nanos };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** Typed time filter with an explanation sink; the engine behind {@link filterTime}. */
export function evaluateTimeFilter(spec: TimeFilterSpec | null, eventTime: Instant, steps: StepSink): FilterOutcome {
  if (spec === null) return { passed: true, error: null };
  const fail = (message: string): FilterOutcome => {
    steps?.push({ kind: 'time', description: `time: error: ${message}`, passed: false, error: message });
    return failWith(filterError('time', message));
  };
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
  if (steps) {
    const window = wraps ? `${spec.start} <= t or t < ${spec.stop}` : `${spec.start} <= t < ${spec.stop}`;
    steps.push({ kind: 'time', description: `time: ${window} (${zone}) -> ${passed ? 'inside' : 'outside'}`, passed });
  }
  return { passed, error: null };
}
