/**
 * sprig's date functions. Argo Events' containers run in UTC, so `Local` is UTC; other
 * IANA zones (`dateInZone`) are resolved with Node's ICU data, and a zone that Go could
 * not load falls back to UTC as sprig does. `now` and `ago` read the injected clock.
 */
import { GoNumError, parseInt as goParseInt } from '../strconv';
import { GoInt, GoTime } from '../values';
import { GoCallError, GoFunc, UnsupportedFunctionError, fn } from './funcs';
import { GoDurationError, SECOND, durationString, parseDuration, roundDuration, subSaturating } from '../duration';
import { formatGoTime, nanosToTime, timeToNanos, UnknownZoneAbbreviationError } from '../time';
import { GoTimeParseError, parseGoTime } from '../time-parse';
import { loadLocation, zoneAt } from '../zone';

/** Clock used by `now`, `ago` and the date fallbacks (injectable for deterministic tests). */
export type Clock = () => GoTime;

/** sprig's `dateInZone`: `date` is a time.Time or Unix seconds (int, int64, int32); anything else means now. */
function dateInZone(name: string, layout: string, date: unknown, zone: string, clock: Clock): string {
  let t: GoTime;
  if (date instanceof GoTime) t = date;
  else if (date instanceof GoInt && (date.kind === 'int' || date.kind === 'int64' || date.kind === 'int32')) t = nanosToTime(date.value * SECOND);
  else t = clock();
  try {
    return formatGoTime(t, layout, zoneAt(loadLocation(zone), t));
  } catch (err) {
    if (err instanceof UnknownZoneAbbreviationError) throw new UnsupportedFunctionError(name, err.message);
    throw err;
  }
}

function parseTime(layout: string, value: string): GoTime {
  try {
    return parseGoTime(layout, value);
  } catch (err) {
    if (err instanceof GoTimeParseError) throw new GoCallError(err.message);
    throw err;
  }
}

/** Go's zero `time.Time` (0001-01-01 00:00:00 UTC), what `toDate` gives for unparsable input. */
const ZERO_TIME = new GoTime(-62135596800000);

/** `strconv.ParseInt(s, 10, 64)` ignoring the error: 0 for bad syntax, the limit when out of range. */
function parseIntOrLimit(s: string): bigint {
  try {
    return goParseInt(s, 10, 64);
  } catch (err) {
    if (err instanceof GoNumError && err.reason === 'value out of range') return s.startsWith('-') ? -(1n << 63n) : (1n << 63n) - 1n;
    return 0n;
  }
}

function addDuration(t: GoTime, d: bigint): GoTime {
  return nanosToTime(timeToNanos(t) + d, t);
}

/** The date functions, by sprig name. */
export function dateFuncs(clock: Clock): Array<[string, GoFunc]> {
  const inZone = (name: string): GoFunc => fn(['string', 'any', 'string'], ([layout, d, z]) => dateInZone(name, layout as string, d, z as string, clock));
  const modify = (name: string, must: boolean): [string, GoFunc] => [name, fn(['string', 'time'], ([text, t]) => {
    try {
      return addDuration(t as GoTime, parseDuration(text as string));
    } catch (err) {
      if (!(err instanceof GoDurationError)) throw err;
      if (must) throw new GoCallError(err.message);
      return t;
    }
  })];
  const since = (t: GoTime): bigint => subSaturating(timeToNanos(clock()), timeToNanos(t));
  return [
    ['now', fn([], () => clock())],
    ['date', fn(['string', 'any'], ([layout, d]) => dateInZone('date', layout as string, d, 'Local', clock))],
    ['dateInZone', inZone('dateInZone')],
    ['date_in_zone', inZone('date_in_zone')],
    ['htmlDate', fn(['any'], ([d]) => dateInZone('htmlDate', '2006-01-02', d, 'Local', clock))],
    ['htmlDateInZone', fn(['any', 'string'], ([d, z]) => dateInZone('htmlDateInZone', '2006-01-02', d, z as string, clock))],
    ['unixEpoch', fn(['time'], ([d]) => String(Math.floor((d as GoTime).epochMs / 1000)))],
    ['toDate', fn(['string', 'string'], ([layout, value]) => {
      try {
        return parseGoTime(layout as string, value as string);
      } catch (err) {
        if (err instanceof GoTimeParseError) return ZERO_TIME;
        throw err;
      }
    })],
    ['mustToDate', fn(['string', 'string'], ([layout, value]) => parseTime(layout as string, value as string))],
    modify('dateModify', false),
    modify('date_modify', false),
    modify('mustDateModify', true),
    ['duration', fn(['any'], ([sec]) => {
      let n = 0n;
      // sprig only reads strings and int64 (an int literal or a JSON number counts as 0).
      if (typeof sec === 'string') n = parseIntOrLimit(sec);
      else if (sec instanceof GoInt && sec.kind === 'int64') n = sec.value;
      return durationString(BigInt.asIntN(64, n * SECOND));
    })],
    ['durationRound', fn(['any'], ([v]) => {
      let d = 0n;
      if (typeof v === 'string') {
        try {
          d = parseDuration(v);
        } catch (err) {
          if (!(err instanceof GoDurationError)) throw err;
        }
      } else if (v instanceof GoInt && v.kind === 'int64') {
        d = v.value;
      } else if (v instanceof GoTime) {
        d = since(v);
      }
      const u = d < 0n ? -d : d;
      const units: Array<[bigint, string]> = [
        [3600n * SECOND * 24n * 365n, 'y'], [3600n * SECOND * 24n * 30n, 'mo'], [3600n * SECOND * 24n, 'd'],
        [3600n * SECOND, 'h'], [60n * SECOND, 'm'], [SECOND, 's'],
      ];
      for (const [size, suffix] of units) if (u > size) return `${u / size}${suffix}`;
      return '0s';
    })],
    ['ago', fn(['any'], ([v]) => {
      let t: GoTime;
      if (v instanceof GoTime) t = v;
      else if (v instanceof GoInt && (v.kind === 'int' || v.kind === 'int64')) t = nanosToTime(v.value * SECOND);
      else t = clock();
      return durationString(roundDuration(since(t), SECOND));
    })],
  ];
}
