/**
 * govaluate's `tryParseTime`: every string literal is tried against a list of Go time
 * layouts with `time.ParseInLocation(layout, s, time.Local)`; the first that parses turns
 * the literal into a TIME token, later planned as the float64 `Unix()` seconds.
 *
 * This reproduces Go's `time.Parse` for exactly those layouts. `time.Local` is taken to be
 * UTC (Argo's sensor image sets no TZ); with another local zone Go would shift zone-less
 * dates by that zone's offset.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from '../go/civil';
import { TimeLiteral } from './values';

type Field =
  | 'WeekDay'
  | 'Month'
  | 'ZeroMonth'
  | 'UnderDay'
  | 'ZeroDay'
  | 'Hour'
  | 'Hour12'
  | 'ZeroMinute'
  | 'ZeroSecond'
  | 'LongYear'
  | 'PM'
  | 'TZ'
  | 'NumTZ'
  | 'NumColonTZ'
  | 'ISO8601TZ'
  | 'ISO8601ColonTZ'
  | 'FracSecond9';

/** A layout: literal text (a string) and fields (`{ field }`), in order. */
type Layout = ReadonlyArray<string | { field: Field }>;

const f = (field: Field) => ({ field });
const DATE: Layout = [f('LongYear'), '-', f('ZeroMonth'), '-', f('ZeroDay')];
const HM: Layout = [f('Hour'), ':', f('ZeroMinute')];
const HMS: Layout = [...HM, ':', f('ZeroSecond')];

/** The layouts govaluate tries, in its order (ANSIC, UnixDate, RubyDate, Kitchen, RFC3339, ...). */
const LAYOUTS: readonly Layout[] = [
  [f('WeekDay'), ' ', f('Month'), ' ', f('UnderDay'), ' ', ...HMS, ' ', f('LongYear')], // Mon Jan _2 15:04:05 2006
  [f('WeekDay'), ' ', f('Month'), ' ', f('UnderDay'), ' ', ...HMS, ' ', f('TZ'), ' ', f('LongYear')], // UnixDate
  [f('WeekDay'), ' ', f('Month'), ' ', f('ZeroDay'), ' ', ...HMS, ' ', f('NumTZ'), ' ', f('LongYear')], // RubyDate
  [f('Hour12'), ':', f('ZeroMinute'), f('PM')], // 3:04PM
  [...DATE, 'T', ...HMS, f('ISO8601ColonTZ')], // RFC3339
  [...DATE, 'T', ...HMS, f('FracSecond9'), f('ISO8601ColonTZ')], // RFC3339Nano
  DATE, // 2006-01-02
  [...DATE, ' ', ...HM], // 2006-01-02 15:04
  [...DATE, ' ', ...HMS], // 2006-01-02 15:04:05
  [...DATE, ' ', ...HMS, f('NumColonTZ')], // 2006-01-02 15:04:05-07:00
  [...DATE, 'T', f('Hour'), f('ISO8601TZ')], // 2006-01-02T15Z0700
  [...DATE, 'T', ...HM, f('ISO8601TZ')], // 2006-01-02T15:04Z0700
  [...DATE, 'T', ...HMS, f('ISO8601TZ')], // 2006-01-02T15:04:05Z0700
  [...DATE, 'T', ...HMS, f('FracSecond9'), f('ISO8601TZ')], // 2006-01-02T15:04:05.999999999Z0700
];

const SHORT_DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Returns the date a govaluate string literal denotes, or undefined when no layout parses it. */
export function tryParseTimeLiteral(candidate: string): TimeLiteral | undefined {
  for (const layout of LAYOUTS) {
    const parsed = parseWithLayout(layout, candidate);
    if (parsed) return parsed;
  }
  return undefined;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's `getnum`: one or two digits (`fixed` demands two). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** Go's `lookup`: an ASCII case-insensitive prefix match against a name table. */
function lookup(names: readonly string[], value: string): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) {
      return [i, value.slice(name.length)];
    }
  }
  return undefined;
}

/** Go's `skip`: literal layout text; a space matches any run of spaces (even none at the end). */
function skip(value: string, prefix: string): string | undefined {
  let rest = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (rest.length > 0 && rest[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      rest = rest.replace(/^ +/, '');
      continue;
    }
    if (rest.length === 0 || rest[0] !== p[0]) return undefined;
    p = p.slice(1);
    rest = rest.slice(1);
  }
  return rest;
}

/** Go's `parseTimeZone` (zone abbreviations such as `MST`, `ChST`, `GMT+3`): the length, or 0. */
function timeZoneLength(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + signedOffsetLength(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return signedOffsetLength(value);
  let upper = 0;
  while (upper < 6 && upper < value.length && value[upper] >= 'A' && value[upper] <= 'Z') upper++;
  if (upper === 3) return 3;
  if (upper === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (upper === 5 && value[4] === 'T') return 5;
  return 0;
}

/** Go's `parseSignedOffset`: `+N`/`-N` with N <= 12, else 0. */
function signedOffsetLength(value: string): number {
  const match = /^[+-](\d+)/.exec(value);
  if (!match || Number(match[1]) > 12) return 0;
  return match[0].length;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface ParseState {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  pm: boolean;
  am: boolean;
  utc: boolean;
  /** Seconds east of UTC from a numeric zone, or undefined. */
  offset?: number;
  zoneName?: string;
}

/** Parses a numeric zone offset (`-0700`, `-07:00`); returns [offset seconds, rest]. */
function numericZone(value: string, colon: boolean): [number, string] | undefined {
  let sign: string;
  let hh: string;
  let mm: string;
  let rest: string;
  if (colon) {
    if (value.length < 6 || value[3] !== ':') return undefined;
    [sign, hh, mm, rest] = [value[0], value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else {
    if (value.length < 5) return undefined;
    [sign, hh, mm, rest] = [value[0], value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const hours = getnum(hh, true);
  const minutes = getnum(mm, true);
  if (!hours || !minutes || hours[0] > 24 || minutes[0] > 60) return undefined;
  const offset = (hours[0] * 60 + minutes[0]) * 60;
  if (sign === '+') return [offset, rest];
  if (sign === '-') return [-offset, rest];
  return undefined;
}

/** Fractional seconds `.ddd`/`,ddd` at the start of `value` (Go reads at most 9 digits' worth). */
function fraction(value: string): [number, string] {
  let n = 1;
  while (isDigitAt(value, n)) n++;
  const digits = value.slice(1, Math.min(n, 10)).padEnd(9, '0');
  return [Number(digits), value.slice(n)];
}

function parseWithLayout(layout: Layout, input: string): TimeLiteral | undefined {
  const st: ParseState = { year: 0, month: -1, day: -1, hour: 0, minute: 0, second: 0, nanos: 0, pm: false, am: false, utc: false };
  let value = input;
  for (let i = 0; i < layout.length; i++) {
    const chunk = layout[i];
    if (typeof chunk === 'string') {
      const rest = skip(value, chunk);
      if (rest === undefined) return undefined;
      value = rest;
      continue;
    }
    const next = stepField(chunk.field, value, st, layout[i + 1]);
    if (next === undefined) return undefined;
    value = next;
  }
  if (value.length !== 0) return undefined; // extra text
  if (st.pm && st.hour < 12) st.hour += 12;
  else if (st.am && st.hour === 12) st.hour = 0;
  if (st.month < 0) st.month = 1;
  if (st.day < 0) st.day = 1;
  if (st.day < 1 || st.day > daysInMonth(st.year, st.month)) return undefined;
  return toTimeLiteral(st);
}

/** One layout field; returns the unparsed rest of the value, or undefined on a parse/range error. */
function stepField(field: Field, value: string, st: ParseState, nextChunk: Layout[number] | undefined): string | undefined {
  switch (field) {
    case 'LongYear': {
      if (value.length < 4 || !/^\d{4}/.test(value)) return undefined;
      st.year = Number(value.slice(0, 4));
      return value.slice(4);
    }
    case 'Month': {
      const r = lookup(SHORT_MONTH_NAMES, value);
      if (!r) return undefined;
      st.month = r[0] + 1;
      return r[1];
    }
    case 'ZeroMonth': {
      const r = getnum(value, true);
      if (!r || r[0] < 1 || r[0] > 12) return undefined;
      st.month = r[0];
      return r[1];
    }
    case 'WeekDay':
      return lookup(SHORT_DAY_NAMES, value)?.[1];
    case 'UnderDay':
    case 'ZeroDay': {
      const text = field === 'UnderDay' && value.startsWith(' ') ? value.slice(1) : value;
      const r = getnum(text, field === 'ZeroDay');
      if (!r) return undefined;
      st.day = r[0];
      return r[1];
    }
    case 'Hour':
    case 'Hour12': {
      const r = getnum(value, false);
      if (!r || r[0] >= (field === 'Hour' ? 24 : 13)) return undefined;
      st.hour = r[0];
      return r[1];
    }
    case 'ZeroMinute': {
      const r = getnum(value, true);
      if (!r || r[0] >= 60) return undefined;
      st.minute = r[0];
      return r[1];
    }
    case 'ZeroSecond': {
      const r = getnum(value, true);
      if (!r || r[0] >= 60) return undefined;
      st.second = r[0];
      let rest = r[1];
      // Go accepts fractional seconds after the seconds even when the layout has none.
      const layoutHasFraction = typeof nextChunk === 'object' && nextChunk.field === 'FracSecond9';
      if (!layoutHasFraction && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigitAt(rest, 1)) {
        [st.nanos, rest] = fraction(rest);
      }
      return rest;
    }
    case 'FracSecond9': {
      if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) return value;
      let rest: string;
      [st.nanos, rest] = fraction(value);
      return rest;
    }
    case 'PM': {
      const marker = value.slice(0, 2);
      if (marker === 'PM') st.pm = true;
      else if (marker === 'AM') st.am = true;
      else return undefined;
      return value.slice(2);
    }
    case 'ISO8601TZ':
    case 'ISO8601ColonTZ':
      if (value.startsWith('Z')) {
        st.utc = true;
        return value.slice(1);
      }
      return zoneOffsetField(value, st, field === 'ISO8601ColonTZ');
    case 'NumTZ':
    case 'NumColonTZ':
      return zoneOffsetField(value, st, field === 'NumColonTZ');
    case 'TZ': {
      if (value.startsWith('UTC')) {
        st.utc = true;
        return value.slice(3);
      }
      const length = timeZoneLength(value);
      if (length === 0) return undefined;
      st.zoneName = value.slice(0, length);
      return value.slice(length);
    }
  }
}

function zoneOffsetField(value: string, st: ParseState, colon: boolean): string | undefined {
  const r = numericZone(value, colon);
  if (!r) return undefined;
  st.offset = r[0];
  return r[1];
}

/** Builds the Unix seconds and Go's `Time.String()` text for a parsed date. */
function toTimeLiteral(st: ParseState): TimeLiteral {
  const wallSeconds = daysFromCivil(st.year, st.month, st.day) * 86400 + st.hour * 3600 + st.minute * 60 + st.second;
  // Zone abbreviations other than the local zone's get a made-up zone whose offset is 0
  // (or GMT+N hours) without moving the instant: Go keeps the wall clock as UTC.
  let offset = 0;
  let zoneLabel = 'UTC';
  let unix = wallSeconds;
  if (st.utc) {
    zoneLabel = 'UTC';
  } else if (st.offset !== undefined) {
    unix = wallSeconds - st.offset;
    offset = st.offset;
    zoneLabel = offset === 0 ? 'UTC' : formatOffset(offset, false);
  } else if (st.zoneName !== undefined && st.zoneName !== 'UTC') {
    zoneLabel = st.zoneName;
    offset = st.zoneName.length > 3 && st.zoneName.startsWith('GMT') ? Number(st.zoneName.slice(3)) * 3600 : 0;
  }
  const nanos = st.nanos ? `.${pad(st.nanos, 9).replace(/0+$/, '')}` : '';
  const displayWall = unix + offset; // the wall clock in the time's own zone
  const days = Math.floor(displayWall / 86400);
  const secondsOfDay = displayWall - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const text =
    `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(month, 2)}-${pad(day, 2)} ` +
    `${pad(Math.floor(secondsOfDay / 3600), 2)}:${pad(Math.floor(secondsOfDay / 60) % 60, 2)}:${pad(secondsOfDay % 60, 2)}` +
    `${nanos} ${formatOffset(offset, false)} ${zoneLabel}`;
  return new TimeLiteral(unix, text);
}

function formatOffset(offsetSeconds: number, colon: boolean): string {
  const minutes = Math.abs(offsetSeconds) / 60;
  const sign = offsetSeconds < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(minutes / 60), 2)}${colon ? ':' : ''}${pad(minutes % 60, 2)}`;
}
