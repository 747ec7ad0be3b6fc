/**
 * The clock part of Go's `time.Parse` for the layout element `15:04:05`, as Argo Events
 * reads time-filter values (the controller with layout `15:04:05`, the sensor with
 * `2006-01-02 15:04:05` after the event's date).
 */
import { quote } from './strconv';

/** A parsed clock, or Go's `time.Parse` error text. */
export type ClockResult = { readonly secondOfDay: number; readonly nanos: number } | { readonly error: string };

/**
 * Parses `text` as `15:04:05`: the hour takes one or two digits, minutes and seconds two,
 * a fraction (`.5`/`,5`) is accepted (digits beyond nanoseconds truncated), leading spaces
 * are skipped (the layout's space matches a run of them), `24:00:00` is out of range.
 * `value` and `layout` are the whole string and layout given to Go, which its errors quote.
 */
export function parseGoClock(text: string, value: string, layout: string): ClockResult {
  const cannotParse = (rest: string, element: string): ClockResult => ({
    error: `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(element)}`,
  });
  const outOfRange = (what: string): ClockResult => ({ error: `parsing time ${quote(value)}: ${what} out of range` });

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
