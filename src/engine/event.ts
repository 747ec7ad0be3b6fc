/**
 * The event a sensor dependency receives (reference §1): a CloudEvents-like context plus
 * the payload bytes, and the event-file format `simulate` reads.
 */
import { marshalGo } from './go/json';

/** The event context (`v1alpha1.EventContext`); all fields are plain strings. */
export interface EventContext {
  /** Event-source type, e.g. `github`. */
  type: string;
  /** EventSource name. */
  source: string;
  /** Event name (the key under `spec.github`). */
  subject: string;
  /** 32 hex characters. */
  id: string;
  /** Publish time, RFC 3339 (see {@link parseEventTime}). */
  time: string;
  /** `application/json` for the GitHub source. */
  datacontenttype: string;
  /** `1.0`. */
  specversion: string;
}

/** An event as a sensor sees it. `data` is the payload bytes as text; null is Go's nil data. */
export interface SensorEvent {
  readonly context: EventContext | null;
  readonly data: string | null;
}

/** An event file that cannot be read as an event; the message is one line. */
export class EventFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventFileError';
  }
}

const CONTEXT_FIELDS: readonly (keyof EventContext)[] = [
  'type',
  'source',
  'subject',
  'id',
  'time',
  'datacontenttype',
  'specversion',
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an event file. Accepted forms:
 * - `null`: a nil event;
 * - `{"context": {...} | null, "data": <any JSON>}`: data re-serialized as Go's
 *   encoding/json would (sorted keys, float64 numbers, `<>&` escaped);
 * - `{"context": ..., "dataRaw": "<bytes>"}`: data taken verbatim (may be invalid JSON);
 * - `{"context": ...}` with neither: nil data.
 * Context fields are strings; a missing field is `""`; a non-empty `time` must be RFC 3339.
 * @throws EventFileError for anything else (invalid JSON, unknown keys, wrong types)
 */
export function parseEventFile(text: string): SensorEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new EventFileError(`event file is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null) return null;
  if (!isPlainObject(parsed)) {
    throw new EventFileError('event file must be null or an object with "context" and "data" or "dataRaw"');
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'context' && key !== 'data' && key !== 'dataRaw') {
      throw new EventFileError(`event file has unknown key "${key}" (expected "context", "data" or "dataRaw")`);
    }
  }
  if ('data' in parsed && 'dataRaw' in parsed) {
    throw new EventFileError('event file may have "data" or "dataRaw", not both');
  }
  const context = parseContext(parsed.context);
  let data: string | null = null;
  if ('data' in parsed) {
    data = marshalGo(parsed.data);
  } else if ('dataRaw' in parsed) {
    if (typeof parsed.dataRaw !== 'string') {
      throw new EventFileError('event file "dataRaw" must be a string holding the payload bytes');
    }
    data = parsed.dataRaw;
  }
  return { context, data };
}

function parseContext(value: unknown): EventContext | null {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) throw new EventFileError('event "context" must be an object or null');
  const context: EventContext = { type: '', source: '', subject: '', id: '', time: '', datacontenttype: '', specversion: '' };
  for (const [key, field] of Object.entries(value)) {
    if (!(CONTEXT_FIELDS as readonly string[]).includes(key)) {
      throw new EventFileError(`event context has unknown key "${key}" (expected one of ${CONTEXT_FIELDS.join(', ')})`);
    }
    if (typeof field !== 'string') {
      throw new EventFileError(`event context "${key}" must be a string`);
    }
    context[key as keyof EventContext] = field;
  }
  if (context.time !== '' && parseEventTime(context.time) === undefined) {
    throw new EventFileError(`event context "time" is not an RFC 3339 time: ${JSON.stringify(context.time)}`);
  }
  return context;
}

/** An instant: whole seconds since the Unix epoch plus nanoseconds (0..999999999). */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), what an event with an empty time carries. */
export const ZERO_TIME: Instant = { seconds: -62135596800, nanos: 0 };

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses the event time (Go `time.Parse(time.RFC3339Nano, ...)`): `YYYY-MM-DDTHH:MM:SS`,
 * optional fraction (nanoseconds beyond 9 digits truncated), `Z` or `±HH:MM`.
 * The empty string is Go's zero time. Undefined when the text is not such a time.
 */
export function parseEventTime(text: string): Instant | undefined {
  if (text === '') return ZERO_TIME;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const nanos = m[7] === undefined ? 0 : Number(m[7].slice(0, 9).padEnd(9, '0'));
  return { seconds: civilToSeconds(year, month, day, hour * 3600 + minute * 60 + second) - offset, nanos };
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Seconds since the epoch of a civil date and second-of-day read as UTC (any year, no `Date` quirks). */
export function civilToSeconds(year: number, month: number, day: number, secondOfDay: number): number {
  // Days from civil (H. Hinnant's algorithm).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86400 + secondOfDay;
}

/** The civil date and second-of-day of an epoch second read as UTC (inverse of {@link civilToSeconds}). */
export function secondsToCivil(seconds: number): { year: number; month: number; day: number; secondOfDay: number } {
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, secondOfDay };
}
