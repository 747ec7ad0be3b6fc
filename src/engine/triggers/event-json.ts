/**
 * The JSON documents trigger parameters read (reference §7): the whole event and its context as
 * Go's encoding/json writes `v1alpha1.Event`, and the event data as JSON (YAML data converted).
 */
import { base64Encode } from '../go/base64';
import { encodeString } from '../go/json';
import { yamlToJson, YamlDataError } from './yaml-data';
import { parseEventTime, ZERO_TIME, type EventContext, type SensorEvent } from '../event';
import { secondsToCivil } from '../go/civil';
import { valid } from '../gjson/valid';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `metav1.Time` as JSON: RFC 3339 in UTC with whole seconds; the zero time is `null`, whether
 * given as an empty time or as its instant (`0001-01-01T00:00:00Z`, in any offset).
 */
function timeJson(text: string): string {
  const instant = parseEventTime(text);
  // The event module only builds contexts whose time parses; an empty time is Go's zero time.
  if (instant === undefined) throw new Error(`event context time is not RFC 3339: ${JSON.stringify(text)}`);
  if (instant.seconds === ZERO_TIME.seconds && instant.nanos === ZERO_TIME.nanos) return 'null';
  const { year, month, day, secondOfDay } = secondsToCivil(instant.seconds);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `"${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z"`;
}

/** Go `json.Marshal(&event.Context)`: struct fields in declaration order, `null` for a nil context. */
export function eventContextJson(event: SensorEvent): string {
  const context: EventContext | null = event.context;
  if (context === null) return 'null';
  return '{' + [
    `"id":${encodeString(context.id)}`,
    `"source":${encodeString(context.source)}`,
    `"specversion":${encodeString(context.specversion)}`,
    `"type":${encodeString(context.type)}`,
    `"datacontenttype":${encodeString(context.datacontenttype)}`,
    `"subject":${encodeString(context.subject)}`,
    `"time":${timeJson(context.time)}`,
  ].join(',') + '}';
}

/**
 * Go `json.Marshal(&event)`: `{"context":{...},"data":"<base64 of the data bytes>"}` (nil data is
 * `null`; a nil context is left out, the field being `omitempty`).
 */
export function eventJson(event: SensorEvent): string {
  const data = event.data === null ? 'null' : `"${base64Encode(event.data)}"`;
  return event.context === null ? `{"data":${data}}` : `{"context":${eventContextJson(event)},"data":${data}}`;
}

/** The data document of an event, or why there is none (Argo's error text). */
export type EventDataJson = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string };

/** `v1alpha1.MediaTypeJSON` and `MediaTypeYAML`: the only content types params.go reads. */
const MEDIA_TYPE_JSON = 'application/json';
const MEDIA_TYPE_YAML = 'application/yaml';

/**
 * Go's text for a nil pointer dereference, which crashes the sensor: params.go reads
 * `event.Context.DataContentType` without checking the context (a data key or template on an
 * event without context), and `ConstructPayload` writes a skipped parameter's missing value.
 */
export const NIL_CONTEXT_PANIC = 'panic: runtime error: invalid memory address or nil pointer dereference';

/**
 * The event data as a JSON document, as params.go's `renderEventDataAsJSON` (6478ece) gives it,
 * by the context's `datacontenttype` exactly: `application/json` data must be valid JSON
 * (`event data is not valid JSON`); `application/yaml` data is converted from YAML; any other
 * type (even `application/json; charset=utf-8` or empty) is `unsupported event content type: <t>`.
 * The parameters of one trigger run share the conversion through their `ParameterContext`.
 */
export function eventDataAsJson(event: SensorEvent): EventDataJson {
  const contentType = event.context?.datacontenttype;
  switch (contentType) {
    case undefined:
      return { ok: false, error: NIL_CONTEXT_PANIC };
    case MEDIA_TYPE_JSON:
      // Data serialized from a decoded value is JSON by construction.
      if (event.dataValue !== undefined && event.data !== null) return { ok: true, json: event.data };
      return event.data !== null && valid(event.data) ? { ok: true, json: event.data } : { ok: false, error: 'event data is not valid JSON' };
    case MEDIA_TYPE_YAML:
      return yamlDataAsJson(event.data ?? '');
    default:
      return { ok: false, error: `unsupported event content type: ${contentType}` };
  }
}

/** ghodss/yaml `YAMLToJSON` (nil data becomes `null`), with params.go's error prefix. */
function yamlDataAsJson(data: string): EventDataJson {
  try {
    return { ok: true, json: yamlToJson(data) };
  } catch (err) {
    if (err instanceof YamlDataError) return { ok: false, error: `failed converting yaml event data to JSON: ${err.message}` };
    throw err;
  }
}
