/**
 * The time of day Go's `time.Parse` reads, as Argo Events reads time-filter values (the
 * controller with layout `15:04:05`, the sensor with `2006-01-02 15:04:05` after the event's date).
 */
import { GoTimeParseError, parseGoTime } from './time-parse';
import type { GoTime } from './values';

/** A parsed clock, or Go's `time.Parse` error text. */
export type ClockResult = { readonly secondOfDay: number; readonly nanos: number } | { readonly error: string };

const MS_PER_DAY = 86_400_000;

/**
 * Go `time.Parse(layout, value)` reduced to the time of day: `9:00:00` and fractions
 * (`.5`/`,5`, digits beyond nanoseconds truncated) are fine, `24:00:00` is out of range.
 */
export function parseGoClock(layout: string, value: string): ClockResult {
  let t: GoTime;
  try {
    t = parseGoTime(layout, value);
  } catch (err) {
    if (err instanceof GoTimeParseError) return { error: err.message };
    throw err;
  }
  // The layouts have no zone: the time is UTC, its wall clock is the epoch time of day.
  const msOfDay = ((t.epochMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return { secondOfDay: Math.floor(msOfDay / 1000), nanos: (msOfDay % 1000) * 1_000_000 + t.extraNanos };
}
