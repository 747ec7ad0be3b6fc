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
import type { SensorEvent } from '../event';
import { get } from '../gjson';
import type { GjsonResult } from '../gjson';
import { MISSING, parse } from '../gjson/result';
import { unescape } from '../gjson/scan';
import { marshalGo } from '../go/json';

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

/** The payload of an event with non-nil data. */
export function eventPayload(event: SensorEvent): Payload {
  return event.dataValue !== undefined ? DecodedPayload.of(event) : PayloadView.of(event.data ?? '');
}

/**
 * The payload of an event whose data is the Go serialization of a decoded value (see
 * `SensorEvent.dataValue`). Serialization is compositional, so the raw text of the value
 * at a plain path is the serialization of the sub-value: plain paths walk the value and
 * parse only that text; other paths go to gjson on the (lazily built) data text. Valid by
 * construction.
 */
class DecodedPayload implements Payload {
  readonly valid = true;
  private readonly results = new Map<string, GjsonResult>();

  private constructor(private readonly event: SensorEvent) {}

  private static last: DecodedPayload | undefined;

  /** The payload of `event`; the most recent one is reused, since all filter kinds see the same event. */
  static of(event: SensorEvent): DecodedPayload {
    const last = DecodedPayload.last;
    if (last !== undefined && last.event === event) return last;
    const payload = new DecodedPayload(event);
    DecodedPayload.last = payload;
    return payload;
  }

  get(path: string): GjsonResult {
    const cached = this.results.get(path);
    if (cached !== undefined) return cached;
    const result = SIMPLE_PATH.test(path) ? this.lookup(path.split('.')) : get(this.event.data ?? '', path);
    this.results.set(path, result);
    return result;
  }

  /** The same walk as {@link PayloadView} does over the text: keys on objects, indexes on arrays. */
  private lookup(segments: readonly string[]): GjsonResult {
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
export class PayloadView implements Payload {
  /** Object member spans by key (every occurrence, in order) or array element spans, per container start. */
  private readonly objects = new Map<number, Map<string, Span[]>>();
  private readonly arrays = new Map<number, Span[]>();
  private readonly results = new Map<string, GjsonResult>();
  /** Whether the payload is valid JSON (gjson `Valid`). */
  readonly valid: boolean;
  /** End (exclusive) of each container, indexed by its opening bracket; filled by validation. */
  private readonly ends: Int32Array;

  private constructor(readonly text: string) {
    this.ends = new Int32Array(text.length);
    this.valid = validate(text, this.ends);
  }

  private static last: PayloadView | undefined;

  /** The view of `text`; the most recent one is reused, since all filter kinds see the same payload. */
  static of(text: string): PayloadView {
    const last = PayloadView.last;
    if (last !== undefined && last.text === text) return last;
    const view = new PayloadView(text);
    PayloadView.last = view;
    return view;
  }

  /** gjson `Get(text, path)`; only call on a valid payload. */
  get(path: string): GjsonResult {
    const cached = this.results.get(path);
    if (cached !== undefined) return cached;
    const result = SIMPLE_PATH.test(path) ? this.lookup(skipSpace(this.text, 0), path.split('.')) : get(this.text, path);
    this.results.set(path, result);
    return result;
  }

  private lookup(rootStart: number, segments: readonly string[]): GjsonResult {
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
      if (isSpace(ch) || ch === 0x2c || ch === 0x5d || ch === 0x7d) break;
      i++;
    }
    return i;
  }
}

/** gjson `Valid` of the payload, memoized for the most recent payload text. */
export function validJson(payload: string): boolean {
  return PayloadView.of(payload).valid;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
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

/**
 * Strict RFC 8259 validation (gjson `Valid`), one pass, no allocation per value. When
 * `ends` is given, the end of every container is recorded at its opening index.
 */
export function validate(text: string, ends?: Int32Array): boolean {
  // Opening positions of the open containers; the closer follows from the character there.
  const stack: number[] = [];
  let i = skipSpace(text, 0);
  const n = text.length;
  for (;;) {
    // Expect a value at i.
    if (i >= n) return false;
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        if (ends) ends[start] = i;
      } else {
        i = validKeyColon(text, i);
        if (i < 0) return false;
        stack.push(start);
        continue;
      }
    } else if (c === 0x5b) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        if (ends) ends[start] = i;
      } else {
        stack.push(start);
        continue;
      }
    } else if (c === 0x22) {
      i = validString(text, i);
    } else if (c === 0x74) {
      i = text.startsWith('true', i) ? i + 4 : -1;
    } else if (c === 0x66) {
      i = text.startsWith('false', i) ? i + 5 : -1;
    } else if (c === 0x6e) {
      i = text.startsWith('null', i) ? i + 4 : -1;
    } else {
      i = validNumber(text, i);
    }
    if (i < 0) return false;
    // After a value: close containers or continue with the next member/element.
    for (;;) {
      i = skipSpace(text, i);
      if (stack.length === 0) return i === n;
      const open = stack[stack.length - 1];
      const close = text.charCodeAt(open) === 0x7b ? 0x7d : 0x5d;
      const ch = text.charCodeAt(i);
      if (ch === close) {
        stack.pop();
        i++;
        if (ends) ends[open] = i;
        continue;
      }
      if (ch !== 0x2c) return false;
      i = skipSpace(text, i + 1);
      if (close === 0x7d) {
        i = validKeyColon(text, i);
        if (i < 0) return false;
      }
      break;
    }
  }
}

/** Validates `"key" :` at i; returns the index of the value (after spaces) or -1. */
function validKeyColon(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x22) return -1;
  let i = validString(text, from);
  if (i < 0) return -1;
  i = skipSpace(text, i);
  if (text.charCodeAt(i) !== 0x3a) return -1;
  return skipSpace(text, i + 1);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A run of string characters that need no check; a sticky regex skips it natively. */
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;

function validString(text: string, start: number): number {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    PLAIN_STRING_RUN.lastIndex = i;
    PLAIN_STRING_RUN.test(text);
    i = PLAIN_STRING_RUN.lastIndex;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        if (!(isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)))) return -1;
        i += 6;
        continue;
      }
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      return -1;
    }
    i++;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function validNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return -1;
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}
