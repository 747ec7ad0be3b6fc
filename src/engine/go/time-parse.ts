/**
 * Go `time.Parse` / `time.ParseInLocation` with Local = UTC (Argo Events' containers run in
 * UTC), with Go's error texts.
 */
import { civilToSeconds, daysInMonth } from './civil';
import { ZonedGoTime } from './time';
import { isDigitAt, splitLayout } from './time-layout';
import { GoTime } from './values';

/** Go's `time.quote` (non-ASCII and control bytes as `\x..`). */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
    }
  }
  return out + '"';
}

/**
 * A `time.Parse` failure with Go's message. The message may be given as a function and is then
 * built when first read: govaluate tries every string literal against fourteen layouts and
 * discards the failures, and quoting a long literal for each of them would cost its length
 * fourteen times over for nothing.
 */
export class GoTimeParseError extends Error {
  constructor(message: string | (() => string)) {
    super(typeof message === 'string' ? message : '');
    this.name = 'GoTimeParseError';
    if (typeof message !== 'string') {
      let built: string | undefined;
      Object.defineProperty(this, 'message', { get: () => (built ??= message()), configurable: true, enumerable: false });
    }
  }
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));

class Bad extends Error {}

function lookup(table: readonly string[], value: string): [number, string] {
  for (let i = 0; i < table.length; i++) {
    const name = table[i];
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) return [i, value.slice(name.length)];
  }
  throw new Bad();
}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let i = 0;
  while (i < 3 && isDigitAt(s, i)) i++;
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [Number(s.slice(0, i)), s.slice(i)];
}

const cutspace = (s: string): string => s.replace(/^ +/, '');

function skip(value: string, prefix: string): { value: string; ok: boolean } {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return { value: v, ok: false };
      p = cutspace(p);
      v = cutspace(v);
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) return { value: v, ok: false };
    p = p.slice(1);
    v = v.slice(1);
  }
  return { value: v, ok: true };
}

/** Go's `parseNanoseconds`: `value` starts with the separator; `nbytes` includes it. */
function parseNanoseconds(value: string, nbytes: number): number {
  if (value[0] !== '.' && value[0] !== ',') throw new Bad();
  const n = Math.min(nbytes, 10);
  const digits = value.slice(1, n);
  if (!/^[+-]?[0-9]+$/.test(digits) || /^[+-]/.test(digits)) throw new Bad();
  return Number(digits) * 10 ** (10 - n);
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m || m[0].length > 19) return 0;
  const x = Number(m[0]);
  if (x > 24) return 0;
  return 1 + m[0].length;
}

/** Go's `parseTimeZone`: the length of a zone abbreviation at the start of `value`, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let nUpper = 0;
  while (nUpper < 6 && nUpper < value.length && value[nUpper] >= 'A' && value[nUpper] <= 'Z') nUpper++;
  switch (nUpper) {
    case 3: return 3;
    case 4: return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 5: return value[4] === 'T' ? 5 : 0;
    default: return 0;
  }
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/**
 * Go `time.ParseInLocation(layout, value, time.Local)` with Local = UTC. A zero offset
 * (or `Z`, `UTC`) gives a UTC time; other offsets and zone names a {@link ZonedGoTime}.
 * Throws {@link GoTimeParseError} with Go's message.
 */
export function parseGoTime(layout: string, value: string): GoTime {
  const fail = (layoutElem: string, valueElem: string, message: string | (() => string) = ''): never => {
    throw new GoTimeParseError(() => (message === ''
      ? `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
      : `parsing time ${timeQuote(value)}${typeof message === 'string' ? message : message()}`));
  };
  const chunks = splitLayout(layout);
  let rest = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let utc = false;
  let zoneOffset: number | undefined;
  let zoneName = '';
  let amSet = false;
  let pmSet = false;
  for (let ci = 0; ci <= chunks.length; ci++) {
    const chunk = chunks[ci];
    if (chunk === undefined) {
      if (rest.length !== 0) fail('', rest, () => `: extra text: ${timeQuote(rest)}`);
      break;
    }
    if (chunk.kind === 'literal') {
      const skipped = skip(rest, chunk.text);
      if (!skipped.ok) fail(chunk.text, skipped.value);
      rest = skipped.value;
      continue;
    }
    const hold = rest;
    let rangeErr = '';
    try {
      const code = chunk.code;
      switch (code) {
        case '06':
          if (rest.length < 2 || !/^[0-9]{2}/.test(rest)) throw new Bad();
          year = Number(rest.slice(0, 2));
          year += year >= 69 ? 1900 : 2000;
          rest = rest.slice(2);
          break;
        case '2006':
          if (rest.length < 4 || !isDigitAt(rest, 0) || !/^[0-9]{4}/.test(rest)) throw new Bad();
          year = Number(rest.slice(0, 4));
          rest = rest.slice(4);
          break;
        case 'Jan': [month, rest] = lookup(SHORT_MONTHS, rest); month++; break;
        case 'January': [month, rest] = lookup(LONG_MONTHS, rest); month++; break;
        case '1': case '01':
          [month, rest] = getnum(rest, code === '01');
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case 'Mon': [, rest] = lookup(SHORT_DAYS, rest); break;
        case 'Monday': [, rest] = lookup(LONG_DAYS, rest); break;
        case '2': case '_2': case '02':
          if (code === '_2' && rest[0] === ' ') rest = rest.slice(1);
          [day, rest] = getnum(rest, code === '02');
          break;
        case '__2': case '002':
          for (let k = 0; k < 2; k++) if (code === '__2' && rest[0] === ' ') rest = rest.slice(1);
          [yday, rest] = getnum3(rest, code === '002');
          break;
        case '15':
          [hour, rest] = getnum(rest, false);
          if (hour >= 24) rangeErr = 'hour';
          break;
        case '3': case '03':
          [hour, rest] = getnum(rest, code === '03');
          if (hour > 12) rangeErr = 'hour';
          break;
        case '4': case '04':
          [min, rest] = getnum(rest, code === '04');
          if (min >= 60) rangeErr = 'minute';
          break;
        case '5': case '05': {
          [sec, rest] = getnum(rest, code === '05');
          if (sec >= 60) {
            rangeErr = 'second';
            break;
          }
          // A fraction in the value without one in the layout is still read.
          const next = chunks[ci + 1];
          if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigitAt(rest, 1)
            && !(next?.kind === 'std' && (next.code === 'frac0' || next.code === 'frac9'))) {
            let n = 2;
            while (isDigitAt(rest, n)) n++;
            nsec = parseNanoseconds(rest, n);
            rest = rest.slice(n);
          }
          break;
        }
        case 'PM': case 'pm': {
          if (rest.length < 2) throw new Bad();
          const p = rest.slice(0, 2);
          rest = rest.slice(2);
          if (p === (code === 'PM' ? 'PM' : 'pm')) pmSet = true;
          else if (p === (code === 'PM' ? 'AM' : 'am')) amSet = true;
          else throw new Bad();
          break;
        }
        case 'MST': {
          if (rest.startsWith('UTC')) {
            utc = true;
            rest = rest.slice(3);
            break;
          }
          const n = parseTimeZone(rest);
          if (n === 0) throw new Bad();
          zoneName = rest.slice(0, n);
          rest = rest.slice(n);
          break;
        }
        case 'frac0': {
          const n = 1 + chunk.digits!;
          if (rest.length < n) throw new Bad();
          nsec = parseNanoseconds(rest, n);
          rest = rest.slice(n);
          break;
        }
        case 'frac9': {
          if (rest.length < 2 || (rest[0] !== '.' && rest[0] !== ',') || !isDigitAt(rest, 1)) break;
          let i = 0;
          while (isDigitAt(rest, i + 1)) i++;
          nsec = parseNanoseconds(rest, 1 + i);
          rest = rest.slice(1 + i);
          break;
        }
        default: {
          // Zone offsets: Z0700-style (Z accepted) and -0700-style.
          if (code[0] === 'Z' && rest[0] === 'Z') {
            rest = rest.slice(1);
            utc = true;
            break;
          }
          const suffix = code.slice(1);
          let parts: [string, string, string, string];
          if (suffix === '07:00') {
            if (rest.length < 6 || rest[3] !== ':') throw new Bad();
            parts = [rest[0], rest.slice(1, 3), rest.slice(4, 6), '00'];
            rest = rest.slice(6);
          } else if (suffix === '07') {
            if (rest.length < 3) throw new Bad();
            parts = [rest[0], rest.slice(1, 3), '00', '00'];
            rest = rest.slice(3);
          } else if (suffix === '07:00:00') {
            if (rest.length < 9 || rest[3] !== ':' || rest[6] !== ':') throw new Bad();
            parts = [rest[0], rest.slice(1, 3), rest.slice(4, 6), rest.slice(7, 9)];
            rest = rest.slice(9);
          } else if (suffix === '070000') {
            if (rest.length < 7) throw new Bad();
            parts = [rest[0], rest.slice(1, 3), rest.slice(3, 5), rest.slice(5, 7)];
            rest = rest.slice(7);
          } else {
            if (rest.length < 5) throw new Bad();
            parts = [rest[0], rest.slice(1, 3), rest.slice(3, 5), '00'];
            rest = rest.slice(5);
          }
          const [hh] = getnum(parts[1], true);
          const [mm] = getnum(parts[2], true);
          const [ss] = getnum(parts[3], true);
          const offset = (hh * 60 + mm) * 60 + ss;
          if (parts[0] === '+') zoneOffset = offset;
          else if (parts[0] === '-') zoneOffset = -offset;
          else throw new Bad();
        }
      }
    } catch (err) {
      if (!(err instanceof Bad)) throw err;
      fail(chunk.text, hold);
    }
    if (rangeErr !== '') fail(chunk.text, rest, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) fail('', rest, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m] < yday) m++;
      d = yday - DAYS_BEFORE[m - 1];
    }
    if (month >= 0 && month !== m) fail('', rest, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) fail('', rest, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysInMonth(year, month)) fail('', rest, ': day out of range');

  const localSeconds = civilToSeconds(year, month, day, (hour * 60 + min) * 60 + sec);
  const ms = (s: number): number => s * 1000 + Math.floor(nsec / 1e6);
  const extra = nsec % 1e6;
  if (utc) return new GoTime(ms(localSeconds), extra);
  if (zoneOffset !== undefined) {
    if (zoneOffset === 0 && zoneName === '') return new GoTime(ms(localSeconds), extra);
    return new ZonedGoTime(ms(localSeconds - zoneOffset), extra, zoneOffset, zoneName);
  }
  if (zoneName !== '') {
    // Go makes up a zone with that name; only GMT+h names carry a known offset.
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    return new ZonedGoTime(ms(localSeconds - offset), extra, offset, zoneName);
  }
  return new GoTime(ms(localSeconds), extra);
}
