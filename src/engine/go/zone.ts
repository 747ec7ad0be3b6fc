/**
 * Go's `time.Location` for IANA zones, through Node's ICU data (`Intl`): which names
 * `time.LoadLocation` accepts, offsets and abbreviations at an instant (`Time.In(loc)`), and
 * wall-clock times in a zone (`time.Date(..., loc)`).
 */
import { civilToSeconds, secondsToCivil } from './civil';
import { UTC_ZONE, type ZoneAt } from './time';
import type { GoTime } from './values';

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

/**
 * `time.LoadLocation(name)` as sprig's `dateInZone` uses it: the zone's name, or undefined
 * for UTC (`""`, `UTC`, `Local`) and for a zone that does not load (sprig then uses UTC).
 */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  return timeZoneProblem(name) === undefined ? name : undefined;
}

const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();

/** The offset and abbreviation of IANA zone `zone` (undefined: UTC) at instant `t`. */
export function zoneAt(zone: string | undefined, t: GoTime): ZoneAt {
  if (zone === undefined) return UTC_ZONE;
  // Intl only takes instants JS dates can hold; Go's tz rules beyond that are the last known ones.
  const ms = Math.max(-8.64e15, Math.min(8.64e15, t.epochMs));
  const offsetSeconds = offsetAt(zone, Math.floor(ms / 1000));
  let format = abbreviationFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    abbreviationFormats.set(zone, format);
  }
  // ICU's English short names equal the tz database's abbreviations where they are letters
  // (EST, PDT, GMT, ...); elsewhere (GMT+2 for CEST) the abbreviation stays unknown.
  const short = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return { offsetSeconds, name: /^[A-Z]{3,5}$/.test(short) ? short : undefined };
}
