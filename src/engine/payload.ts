/**
 * A per-event view of the payload that validates the JSON once and answers simple gjson
 * paths from a lazily built key index, so 8 data filters on a 10 KB payload do not each
 * rescan the text. Paths beyond plain dotted keys/indexes go to the gjson port unchanged.
 *
 * Equivalence with gjson (checked by tests against the port): strict RFC 8259 validity;
 * an object key matches when its unescaped text equals the segment; of duplicate keys, the
 * first through which the rest of the path exists wins; a numeric segment indexes an array;
 * anything else on an array or scalar is missing.
 */
import type { SensorEvent } from './event';
import { get } from './gjson';
import type { GjsonResult } from './gjson';
import { MISSING, parse } from './gjson/result';
import { unescape } from './gjson/scan';
import { marshalGo } from './go/json';
import { isJsonSpace, skipSpace, validate } from './gjson/valid';

/** Path segments the index answers itself: plain keys and array indexes, nothing gjson treats specially. */
const SIMPLE_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const DIGITS = /^[0-9]+$/;

/** A value's span in the payload text. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** What the data and expr filters read from an event's data. */
export interface Payload {
  /** Whether the data is valid JSON (gjson `Valid`). */
  readonly valid: boolean;
  /** gjson `Get(data, path)`; only call when valid. */
  get(path: string): GjsonResult;
}

/**
 * The payload of an event with non-nil data. Each call builds a new view: callers build one
 * per event and pass it to every filter that reads it (see `FilterInput`).
 */
export function eventPayload(event: SensorEvent): Payload {
  return event.dataValue !== undefined ? new DecodedPayload(event) : new PayloadView(event.data ?? '');
}

/** Memoized `get`: plain paths through the subclass's index, others through the gjson port. */
abstract class IndexedPayload implements Payload {
  abstract readonly valid: boolean;
  private readonly results = new Map<string, GjsonResult>();

  get(path: string): GjsonResult {
    const cached = this.results.get(path);
    if (cached !== undefined) return cached;
    const result = SIMPLE_PATH.test(path) ? this.lookup(path.split('.')) : get(this.dataText(), path);
    this.results.set(path, result);
    return result;
  }

  /** The result at a plain path (keys and array indexes only). */
  protected abstract lookup(segments: readonly string[]): GjsonResult;

  /** The payload text, for paths gjson answers. */
  protected abstract dataText(): string;
}

/**
 * The payload of an event whose data is the Go serialization of a decoded value (see
 * `SensorEvent.dataValue`). Serialization is compositional, so the raw text of the value
 * at a plain path is the serialization of the sub-value: plain paths walk the value and
 * parse only that text; other paths go to gjson on the (lazily built) data text. Valid by
 * construction.
 */
class DecodedPayload extends IndexedPayload {
  readonly valid = true;

  constructor(private readonly event: SensorEvent) {
    super();
  }

  protected dataText(): string {
    return this.event.data ?? '';
  }

  /** The same walk as {@link PayloadView} does over the text: keys on objects, indexes on arrays. */
  protected lookup(segments: readonly string[]): GjsonResult {
    let value: unknown = this.event.dataValue;
    for (const segment of segments) {
      if (Array.isArray(value)) {
        if (!DIGITS.test(segment) || Number(segment) >= value.length) return MISSING;
        value = value[Number(segment)];
      } else if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, segment)) {
        value = (value as Record<string, unknown>)[segment];
      } else {
        return MISSING;
      }
    }
    return parse(marshalGo(value));
  }
}

/** A validated payload with memoized container indexes. */
export class PayloadView extends IndexedPayload {
  /** Object member spans by key (every occurrence, in order) or array element spans, per container start. */
  private readonly objects = new Map<number, Map<string, Span[]>>();
  private readonly arrays = new Map<number, Span[]>();
  /** Whether the payload is valid JSON (gjson `Valid`). */
  readonly valid: boolean;
  /** End (exclusive) of each container, indexed by its opening bracket; filled by validation. */
  private readonly ends: Int32Array;

  /** Validates `text` (gjson `Valid`); the indexes are built as paths ask for them. */
  constructor(readonly text: string) {
    super();
    this.ends = new Int32Array(text.length);
    this.valid = validate(text, this.ends);
  }

  protected dataText(): string {
    return this.text;
  }

  protected lookup(segments: readonly string[]): GjsonResult {
    const rootStart = skipSpace(this.text, 0);
    const span = this.find({ start: rootStart, end: this.skipValue(rootStart) }, segments, 0);
    return span === undefined ? MISSING : parse(this.text.slice(span.start, span.end));
  }

  /**
   * The span `segments[at..]` leads to from `span`. Like gjson, a key that occurs more than once
   * gives its first value at the end of the path; before the end, the first occurrence through
   * which the rest of the path exists.
   */
  private find(span: Span, segments: readonly string[], at: number): Span | undefined {
    if (at === segments.length) return span;
    const segment = segments[at];
    const open = this.text.charCodeAt(span.start);
    if (open === 0x5b) {
      const element = DIGITS.test(segment) ? this.elements(span.start)[Number(segment)] : undefined;
      return element === undefined ? undefined : this.find(element, segments, at + 1);
    }
    if (open !== 0x7b) return undefined;
    for (const value of this.members(span.start).get(segment) ?? []) {
      const found = this.find(value, segments, at + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private members(start: number): Map<string, Span[]> {
    let members = this.objects.get(start);
    if (members !== undefined) return members;
    members = new Map();
    const text = this.text;
    let i = skipSpace(text, start + 1);
    while (text.charCodeAt(i) === 0x22) {
      const keyEnd = skipString(text, i);
      const rawKey = text.slice(i + 1, keyEnd - 1);
      const key = rawKey.indexOf('\\') >= 0 ? unescape(rawKey) : rawKey;
      const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
      const valueEnd = this.skipValue(valueStart);
      const occurrences = members.get(key);
      if (occurrences === undefined) members.set(key, [{ start: valueStart, end: valueEnd }]);
      else occurrences.push({ start: valueStart, end: valueEnd });
      i = skipSpace(text, valueEnd);
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
    }
    this.objects.set(start, members);
    return members;
  }

  private elements(start: number): Span[] {
    let elements = this.arrays.get(start);
    if (elements !== undefined) return elements;
    elements = [];
    const text = this.text;
    let i = skipSpace(text, start + 1);
    while (text.charCodeAt(i) !== 0x5d) {
      const end = this.skipValue(i);
      elements.push({ start: i, end });
      i = skipSpace(text, end);
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
    }
    this.arrays.set(start, elements);
    return elements;
  }

  /** End (exclusive) of the value at `start`: containers through the table, scalars by scanning. */
  private skipValue(start: number): number {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (c === 0x22) return skipString(text, start);
    if (c === 0x7b || c === 0x5b) return this.ends[start];
    let i = start + 1;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (isJsonSpace(ch) || ch === 0x2c || ch === 0x5d || ch === 0x7d) break;
      i++;
    }
    return i;
  }
}

/** End (exclusive) of the string starting at the quote `start`, in validated text. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    // Count the backslashes before the quote: an odd number escapes it.
    let backslashes = 0;
    for (let j = quote - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}
