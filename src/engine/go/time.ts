/**
 * Go `time.Time` values and `Time.Format` with Go's reference-time layouts
 * (`2006-01-02T15:04:05Z07:00`): UTC (the zone Argo Events' containers run in) unless the
 * time carries another zone ({@link ZonedGoTime}) or one is given.
 */
import { splitLayout, type StdChunk } from './time-layout';
import { GoTime } from './values';

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout of Go's `Time.String()` (the monotonic-clock suffix `m=+…` is not reproduced). */
const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

/**
 * A `time.Time` whose location is a fixed zone other than UTC (what `time.Parse` gives
 * for an offset or zone name that is not UTC). The instant is in the GoTime fields.
 */
export class ZonedGoTime extends GoTime {
  constructor(
    epochMs: number,
    extraNanos: number,
    /** Seconds east of UTC. */
    readonly offsetSeconds: number,
    /** The zone's name as Go prints it for `MST` (empty: Go prints the offset instead). */
    readonly zoneName: string,
  ) {
    super(epochMs, extraNanos);
  }
}

/** The zone a time is shown in: its offset at that instant and, when known, its abbreviation. */
export interface ZoneAt {
  readonly offsetSeconds: number;
  /** Undefined when this engine cannot know the tz database's abbreviation. */
  readonly name: string | undefined;
}

/** The zone of UTC times. */
export const UTC_ZONE: ZoneAt = { offsetSeconds: 0, name: 'UTC' };

/** The zone a GoTime carries (UTC unless it is a {@link ZonedGoTime}). */
export function zoneOf(t: GoTime): ZoneAt {
  return t instanceof ZonedGoTime ? { offsetSeconds: t.offsetSeconds, name: t.zoneName } : UTC_ZONE;
}

/** The layout element `MST` for a zone whose abbreviation cannot be known offline. */
export class UnknownZoneAbbreviationError extends Error {
  constructor() {
    super('the tz database abbreviation of this zone (layout element MST) is not known offline; use an offset element such as -0700');
    this.name = 'UnknownZoneAbbreviationError';
  }
}

/**
 * Go `t.In(zone).Format(layout)`, by default in the time's own zone; `'String'` gives
 * `Time.String()`. Throws {@link UnknownZoneAbbreviationError} for `MST` in a zone whose
 * abbreviation is unknown.
 */
export function formatGoTime(t: GoTime, layout: string, zone: ZoneAt = zoneOf(t)): string {
  const date = new Date(t.epochMs + zone.offsetSeconds * 1000);
  const nanos = (((t.epochMs % 1000) + 1000) % 1000) * 1e6 + t.extraNanos;
  let out = '';
  for (const chunk of splitLayout(layout === 'String' ? STRING_LAYOUT : layout)) {
    if (chunk.kind === 'literal') out += chunk.text;
    else if (chunk.code === 'MST' || chunk.code[0] === '-' || chunk.code[0] === 'Z') out += formatZone(chunk.code, zone);
    else out += formatStd(chunk, date, nanos);
  }
  return out;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatZone(code: string, zone: ZoneAt): string {
  const offset = zone.offsetSeconds;
  const minutes = Math.trunc(offset / 60);
  const hoursMinutes = (minutes < 0 ? '-' : '+') + pad2(Math.trunc(Math.abs(minutes) / 60)) + pad2(Math.abs(minutes) % 60);
  if (code === 'MST') {
    if (zone.name === undefined) throw new UnknownZoneAbbreviationError();
    return zone.name !== '' ? zone.name : hoursMinutes;
  }
  if (offset === 0 && code[0] === 'Z') return 'Z';
  const suffix = code.slice(1);
  let out = (minutes < 0 ? '-' : '+') + pad2(Math.trunc(Math.abs(minutes) / 60));
  if (suffix.includes(':')) out += ':';
  if (suffix !== '07') out += pad2(Math.abs(minutes) % 60);
  if (suffix === '070000' || suffix === '07:00:00') out += (suffix === '07:00:00' ? ':' : '') + pad2(Math.abs(offset) % 60);
  return out;
}

/** Nanoseconds since the epoch of a GoTime. */
export function timeToNanos(t: GoTime): bigint {
  return BigInt(t.epochMs) * 1000000n + BigInt(t.extraNanos);
}

/** A GoTime at `ns` nanoseconds since the epoch, keeping the zone of `like`. */
export function nanosToTime(ns: bigint, like?: GoTime): GoTime {
  const ms = ns / 1000000n - (ns % 1000000n < 0n ? 1n : 0n);
  const extra = Number(ns - ms * 1000000n);
  if (like instanceof ZonedGoTime) return new ZonedGoTime(Number(ms), extra, like.offsetSeconds, like.zoneName);
  return new GoTime(Number(ms), extra);
}

function formatStd(chunk: StdChunk, d: Date, nanos: number): string {
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
    case 'frac0': return chunk.sep! + String(nanos).padStart(9, '0').slice(0, chunk.digits);
    case 'frac9': {
      const digits = String(nanos).padStart(9, '0').slice(0, chunk.digits).replace(/0+$/, '');
      return digits === '' ? '' : chunk.sep! + digits;
    }
    default: throw new Error(`internal: unknown layout element ${chunk.code}`);
  }
}

function dayOfYear(d: Date): number {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.floor((d.getTime() - start) / 86400000) + 1;
}
