/**
 * The event a sensor dependency receives (reference §1): a CloudEvents-like context plus
 * the payload bytes, and the event-file format `simulate` reads.
 */
import { civilToSeconds, daysInMonth } from './go/civil';
import { marshalGo } from './go/json';
import { isJsonObject } from './plain-data';

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

/**
 * An event as a sensor sees it. `data` is the payload bytes as text; null is Go's nil data.
 * Producers may compute fields on first read (getters on a class): read fields, do not
 * spread or copy an event or its context with `{...}`.
 */
export interface SensorEvent {
  readonly context: EventContext | null;
  readonly data: string | null;
  /**
   * The decoded data, when the producer built `data` from it (the GitHub event source):
   * `data` is then exactly its Go serialization, so filters answer plain paths from the
   * value instead of scanning the text. Absent for events read from files.
   */
  readonly dataValue?: unknown;
}

/** True when the event has nil data (without serializing data that is built lazily). */
export function hasNilData(event: SensorEvent): boolean {
  return event.dataValue === undefined && event.data === null;
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
  if (!isJsonObject(parsed)) {
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
  if (!isJsonObject(value)) throw new EventFileError('event "context" must be an object or null');
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
