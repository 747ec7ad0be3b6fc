/**
 * The event the GitHub event source publishes for a webhook delivery (reference §1, §10):
 * canonical headers, the body re-serialized by Go with the event type and delivery id
 * injected, and the EventSource metadata.
 */
import { createHash } from 'crypto';
import { GitHubHeaders } from '../github/webhook';
import { EventContext, SensorEvent } from './event';
import { GoJsonError, marshalGo, unmarshalGo } from './go/json';
import { queryUnescape, UrlError } from './go/url';
import { isJsonObject } from './plain-data';

/** A webhook delivery as received: header values as sent, body as raw bytes (text). */
export interface GitHubDelivery {
  headers: Record<string, string | string[]>;
  body: string;
  /**
   * `body` already decoded (what `JSON.parse(body)` returns), so that a delivery read from a
   * file is not parsed twice; {@link parseGitHubDelivery} sets it for object bodies. Only used
   * when the payload is the body itself (JSON content type); it is never mutated.
   */
  bodyValue?: unknown;
}

/** Options naming the event and fixing what would otherwise vary per run. */
export interface GitHubEventOptions {
  /** The EventSource name (context `source`). */
  eventSourceName: string;
  /** The event name under `spec.github` (context `subject`). */
  eventName: string;
  /** Publish time, RFC 3339; default {@link DEFAULT_GITHUB_EVENT_TIME}. */
  time?: string;
  /** Event id (32 hex chars); default a hash of the delivery, so output is reproducible. */
  id?: string;
  /** The EventSource `metadata` map; omitted from the data when empty. */
  metadata?: Record<string, string>;
}

/** A delivery the GitHub event source would reject, or a malformed delivery file. */
export class GitHubDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubDeliveryError';
  }
}

/** The publish time used when none is given: fixed, so simulations are reproducible. */
export const DEFAULT_GITHUB_EVENT_TIME = '2025-01-01T00:00:00Z';

/**
 * What replaces a non-empty `Authorization` header, so the token never reaches the bus: the text
 * argo-events 6478ece sets in pkg/eventsources/common/webhook/webhook.go (`request.Header.Set`,
 * only when `request.Header.Get("Authorization") != ""`, i.e. when the first value is not empty).
 */
export const MASKED_AUTHORIZATION = '*** Masked Auth Secret ***';

/** RFC 7230 token characters: a key with anything else is left as is by Go. */
const TOKEN_BYTE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Go `textproto.CanonicalMIMEHeaderKey`: the first letter and every letter after `-`
 * upper case, the rest lower case (`x-github-event` -> `X-Github-Event`). A key with a
 * space or any non-token character is returned unchanged.
 */
export function canonicalHeaderKey(key: string): string {
  const known = canonicalKeys.get(key);
  if (known !== undefined) return known;
  let out = key;
  if (TOKEN_BYTE.test(key)) {
    let upper = true;
    out = '';
    for (const ch of key) {
      out += upper ? ch.toUpperCase() : ch.toLowerCase();
      upper = ch === '-';
    }
  }
  // Deliveries repeat the same few header names: remember them (bounded).
  if (canonicalKeys.size >= CANONICAL_KEY_CACHE_SIZE) canonicalKeys.clear();
  canonicalKeys.set(key, out);
  return out;
}

const CANONICAL_KEY_CACHE_SIZE = 1024;
const canonicalKeys = new Map<string, string>();

/** Headers as Go's `http.Header`: canonical keys, values in arrival order, same-key values merged. */
export function canonicalHeaders(headers: Record<string, string | string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const key of Object.keys(headers)) {
    const canonical = canonicalHeaderKey(key);
    const value = headers[key];
    const merged = out[canonical];
    if (merged === undefined) out[canonical] = typeof value === 'string' ? [value] : value.slice();
    else if (typeof value === 'string') merged.push(value);
    else merged.push(...value);
  }
  return out;
}

/** `http.Header.Get`: the first value of the canonical key, or `""`. */
function headerValue(headers: Record<string, string[]>, key: string): string {
  return headers[canonicalHeaderKey(key)]?.[0] ?? '';
}

/** The media type of a Content-Type value (parameters dropped, lower case). */
function mediaType(contentType: string): string {
  if (contentType === 'application/json') return contentType;
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Go `url.QueryUnescape` for form values (`+` is a space); a bad `%` escape fails the delivery. */
function formValue(text: string): string {
  try {
    return queryUnescape(text);
  } catch (err) {
    if (err instanceof UrlError) throw new GitHubDeliveryError(`form body: ${err.message}`);
    throw err;
  }
}

/** The `payload` field of an `application/x-www-form-urlencoded` body (Go `url.ParseQuery` + `Get`). */
function formPayload(body: string): string {
  let payload: string | undefined;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) throw new GitHubDeliveryError('form body: invalid semicolon separator in query');
    const eq = pair.indexOf('=');
    const key = formValue(eq < 0 ? pair : pair.slice(0, eq));
    const value = formValue(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === 'payload' && payload === undefined) payload = value;
  }
  return payload ?? '';
}

/**
 * The JSON payload bytes of a delivery: the body for `application/json`, the `payload`
 * form field for `application/x-www-form-urlencoded`. A delivery without Content-Type is
 * read as JSON (GitHub always sends one; hand-written delivery files often omit it).
 */
function payloadOf(delivery: GitHubDelivery, headers: Record<string, string[]>): string {
  const contentType = headerValue(headers, 'Content-Type');
  if (contentType === '') return delivery.body;
  const media = mediaType(contentType);
  if (media === 'application/json') return delivery.body;
  if (media === 'application/x-www-form-urlencoded') return formPayload(delivery.body);
  throw new GitHubDeliveryError(`Webhook request has unsupported Content-Type ${JSON.stringify(contentType)}`);
}


/**
 * A copy (top level only: only top-level keys are added) of the delivery's pre-decoded body,
 * when the payload is the body itself (JSON content type) and the value is exactly what
 * `JSON.parse` of the body text returns; else undefined.
 */
function decodedBody(delivery: GitHubDelivery, headers: Record<string, string[]>): Record<string, unknown> | undefined {
  const value = delivery.bodyValue;
  if (!isJsonObject(value)) return undefined;
  const contentType = headerValue(headers, 'Content-Type');
  if (contentType !== '' && mediaType(contentType) !== 'application/json') return undefined;
  return survivesJsonText(value) ? { ...value } : undefined;
}

/**
 * Whether `JSON.parse(JSON.stringify(value))` gives `value` back: false when it holds -0
 * (written as `0`) or an infinity (written as `null`), which a re-parse would change.
 */
function survivesJsonText(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!survivesJsonText(item)) return false;
    return true;
  }
  for (const key in value) if (!survivesJsonText((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Builds the event the GitHub event source publishes for `delivery`: data
 * `{"headers": {...}, "body": {...}, "metadata": {...}}` in Go's struct field order,
 * headers canonical with `Authorization` masked, body re-serialized by Go (sorted keys,
 * float64 numbers, `<>&` escaped) with `X-GitHub-Event` / `X-GitHub-Delivery` injected.
 * @throws GitHubDeliveryError when the payload is not a JSON object or the content type is unsupported
 */
export function githubEvent(delivery: GitHubDelivery, options: GitHubEventOptions): SensorEvent {
  const headers = canonicalHeaders(delivery.headers);
  let body: unknown = decodedBody(delivery, headers);
  const fromDecoded = body !== undefined;
  if (body === undefined) {
    const payloadText = payloadOf(delivery, headers);
    try {
      body = JSON.parse(payloadText);
    } catch (err) {
      throw new GitHubDeliveryError(`delivery body is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!isJsonObject(body)) throw new GitHubDeliveryError('delivery body must be a JSON object');
  body[GitHubHeaders.event] = headerValue(headers, GitHubHeaders.event);
  body[GitHubHeaders.delivery] = headerValue(headers, GitHubHeaders.delivery);
  // Go's Header.Get reads the first value, and Header.Set replaces every value with one.
  if ((headers.Authorization?.[0] ?? '') !== '') headers.Authorization = [MASKED_AUTHORIZATION];

  const metadata = options.metadata ?? {};
  const dataValue: Record<string, unknown> = { headers, body };
  if (Object.keys(metadata).length > 0) dataValue.metadata = metadata;
  // Go marshals the struct fields in declaration order; marshalGo would sort them.
  const serialize = (): string => {
    let text = `{"headers":${marshalGo({ ...headers })},"body":${marshalGo(body)}`;
    if (dataValue.metadata !== undefined) text += `,"metadata":${marshalGo(metadata)}`;
    return `${text}}`;
  };

  if (options.id !== undefined && !/^[0-9a-f]{32}$/.test(options.id)) {
    throw new GitHubDeliveryError(`event id must be 32 lower-case hex characters, got ${JSON.stringify(options.id)}`);
  }
  const time = options.time ?? DEFAULT_GITHUB_EVENT_TIME;
  const context = new GitHubEventContext(options.eventSourceName, options.eventName, time, delivery, options.id);
  if (fromDecoded) return new LazyDataEvent(context, dataValue, serialize);
  return { context, data: serializeDecodable(serialize, payloadOf(delivery, headers)), dataValue };
}

/**
 * The event data text, or the error Argo's event source answers (400) for a body its
 * `json.Unmarshal` into a map refuses although `JSON.parse` read it: a number beyond float64
 * (`1e400` parses to Infinity here, which Go could not write either). argo-events 6478ece
 * pkg/eventsources/sources/github/start.go `parseValidateRequest` returns that error and the
 * route sends it with `SendErrorResponse`.
 */
function serializeDecodable(serialize: () => string, payloadText: string): string {
  try {
    return serialize();
  } catch (err) {
    if (!(err instanceof GoJsonError)) throw err;
    try {
      unmarshalGo(payloadText);
    } catch (goErr) {
      if (goErr instanceof GoJsonError) throw new GitHubDeliveryError(goErr.message);
      throw goErr;
    }
    throw new GitHubDeliveryError(err.message);
  }
}

/*
 * The lazily computed parts below are classes with prototype getters, not objects with own
 * accessors: V8 keeps accessor pairs in the old generation, which would keep every event's
 * decoded payload alive past young-generation collections (replay ran twice as slow).
 * Their fields read like plain data; `toJSON` gives the plain shape.
 */

/**
 * The context of a GitHub event. The default id hashes the delivery; like the data text it is
 * computed only when read (a replay mostly drops deliveries on a filter, never reading either).
 */
class GitHubEventContext implements EventContext {
  readonly type = 'github';
  readonly source: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype = 'application/json';
  readonly specversion = '1.0';
  #id: string | undefined;
  readonly #delivery: GitHubDelivery;

  constructor(source: string, subject: string, time: string, delivery: GitHubDelivery, id: string | undefined) {
    this.source = source;
    this.subject = subject;
    this.time = time;
    this.#delivery = delivery;
    this.#id = id;
  }

  get id(): string {
    return (this.#id ??= createHash('sha256')
      .update(marshalGo({ ...canonicalHeaders(this.#delivery.headers) }))
      .update('\n')
      .update(this.#delivery.body)
      .digest('hex')
      .slice(0, 32));
  }

  toJSON(): EventContext {
    const { type, source, subject, id, time, datacontenttype, specversion } = this;
    return { type, source, subject, id, time, datacontenttype, specversion };
  }
}

/** An event whose data text is serialized from its decoded value on first read. */
class LazyDataEvent implements SensorEvent {
  readonly context: EventContext;
  readonly dataValue: unknown;
  #data: string | undefined;
  readonly #serialize: () => string;

  constructor(context: EventContext, dataValue: unknown, serialize: () => string) {
    this.context = context;
    this.dataValue = dataValue;
    this.#serialize = serialize;
  }

  get data(): string {
    return (this.#data ??= this.#serialize());
  }

  toJSON(): SensorEvent {
    return { context: this.context, data: this.data, dataValue: this.dataValue };
  }
}

/** A delivery read from a file with an object body: the body text is built on first read. */
class DecodedDelivery implements GitHubDelivery {
  readonly headers: Record<string, string | string[]>;
  readonly bodyValue: Record<string, unknown>;
  #body: string | undefined;

  constructor(headers: Record<string, string | string[]>, bodyValue: Record<string, unknown>) {
    this.headers = headers;
    this.bodyValue = bodyValue;
  }

  get body(): string {
    return (this.#body ??= JSON.stringify(this.bodyValue));
  }

  toJSON(): GitHubDelivery {
    return { headers: this.headers, body: this.body, bodyValue: this.bodyValue };
  }
}

function isStringList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

/**
 * Reads the delivery-file form `{"headers": {...}, "body": {...} | "<raw>"}`: header
 * keys in any case, values strings or lists of strings; an object body is re-stringified
 * compactly (as GitHub sends it), a string body is taken as the raw bytes.
 * @throws GitHubDeliveryError for malformed input
 */
export function parseGitHubDelivery(json: unknown): GitHubDelivery {
  if (!isJsonObject(json)) throw new GitHubDeliveryError('delivery must be an object with "headers" and "body"');
  for (const key of Object.keys(json)) {
    if (key !== 'headers' && key !== 'body') {
      throw new GitHubDeliveryError(`delivery has unknown key "${key}" (expected "headers" and "body")`);
    }
  }
  const rawHeaders = json.headers ?? {};
  if (!isJsonObject(rawHeaders)) throw new GitHubDeliveryError('delivery "headers" must be an object');
  const headers: Record<string, string | string[]> = {};
  for (const key of Object.keys(rawHeaders)) {
    const value = rawHeaders[key];
    if (typeof value === 'string') headers[key] = value;
    else if (isStringList(value)) headers[key] = value.slice();
    else throw new GitHubDeliveryError(`delivery header "${key}" must be a string or a list of strings`);
  }
  if (!('body' in json)) throw new GitHubDeliveryError('delivery has no "body"');
  const body = json.body;
  if (typeof body === 'string') return { headers, body };
  if (!isJsonObject(body)) throw new GitHubDeliveryError('delivery "body" must be a JSON object (or a string of raw bytes)');
  return new DecodedDelivery(headers, body);
}
