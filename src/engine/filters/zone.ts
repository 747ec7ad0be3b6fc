/**
 * Wall-clock arithmetic in IANA time zones (through `Intl`), reproducing Go's
 * `Time.In(loc)` and `time.Date(..., loc)` for the time filter.
 */
import { civilToSeconds, secondsToCivil } from '../go/civil';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Offset from UTC in seconds of `zone` at the instant `epochSeconds` (`UTC` and `Local` are 0). */
export function offsetAt(zone: string, epochSeconds: number): number {
  if (zone === 'UTC' || zone === 'Local' || zone === '') return 0;
  const parts = formatterFor(zone).formatToParts(new Date(epochSeconds * 1000));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 'NaN');
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD';
  let year = field('year');
  if (era === 'BC' || era === 'B') year = 1 - year;
  const wall = civilToSeconds(year, field('month'), field('day'), field('hour') * 3600 + field('minute') * 60 + field('second'));
  if (!Number.isFinite(wall)) throw new Error(`cannot compute the UTC offset of time zone ${zone}`);
  return wall - epochSeconds;
}

/** The civil date of an instant in `zone` (Go `t.In(loc).Date()`). */
export function dateIn(zone: string, epochSeconds: number): { year: number; month: number; day: number } {
  const { year, month, day } = secondsToCivil(epochSeconds + offsetAt(zone, epochSeconds));
  return { year, month, day };
}

/**
 * Epoch seconds of a wall-clock time in `zone`, resolving gaps and overlaps as Go's
 * `time.Date` does: take the offset in effect at the wall time read as UTC, and if that
 * lands outside its zone period use the offset at the corrected instant.
 */
export function wallToEpoch(zone: string, year: number, month: number, day: number, secondOfDay: number): number {
  const unix = civilToSeconds(year, month, day, secondOfDay);
  const first = offsetAt(zone, unix);
  if (first === 0) return unix;
  return unix - offsetAt(zone, unix - first);
}
