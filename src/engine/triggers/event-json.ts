/**
 * The JSON documents trigger parameters read (reference §7): the whole event and its context as
 * Go's encoding/json writes `v1alpha1.Event`, and the event data as JSON (YAML data converted).
 */
import * as YAML from 'yaml';
import { base64Encode } from '../go/base64';
import { encodeString, marshalGo } from '../go/json';
import { parseEventTime, type EventContext, type SensorEvent } from '../event';
import { secondsToCivil } from '../go/civil';
import { valid } from '../gjson/valid';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `metav1.Time` as JSON: RFC 3339 in UTC with whole seconds; the zero time is `null`. */
function timeJson(text: string): string {
  const instant = parseEventTime(text);
  // The event module only builds contexts whose time parses; an empty time is Go's zero time.
  if (instant === undefined) throw new Error(`event context time is not RFC 3339: ${JSON.stringify(text)}`);
  if (text === '') return 'null';
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

/** Go `json.Marshal(&event)`: `{"context":{...},"data":"<base64 of the data bytes>"}` (nil data is `null`). */
export function eventJson(event: SensorEvent): string {
  const data = event.data === null ? 'null' : `"${base64Encode(event.data)}"`;
  return `{"context":${eventContextJson(event)},"data":${data}}`;
}

/** The data document of an event, or why there is none. */
export type EventDataJson = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string };

/** Every parameter of a trigger reads the same event: convert its data once. */
const dataJsonCache = new WeakMap<SensorEvent, EventDataJson>();

/**
 * The event data as a JSON document: JSON as is; anything else read as YAML (as Kubernetes'
 * `yaml.YAMLToJSON` does; nil data becomes `null`). `ok: false` when it is neither.
 * Memoized per event object (events are treated as immutable).
 */
export function eventDataAsJson(event: SensorEvent): EventDataJson {
  let result = dataJsonCache.get(event);
  if (result === undefined) {
    result = convertEventData(event);
    dataJsonCache.set(event, result);
  }
  return result;
}

function convertEventData(event: SensorEvent): EventDataJson {
  // Data serialized from a decoded value is JSON by construction.
  if (event.dataValue !== undefined && event.data !== null) return { ok: true, json: event.data };
  const data = event.data ?? '';
  if (data !== '' && valid(data)) return { ok: true, json: data };
  const doc = YAML.parseDocument(data, { version: '1.1', uniqueKeys: false });
  const error = doc.errors[0];
  if (error) return { ok: false, error: `event data is neither JSON nor YAML: ${error.message.split('\n')[0]}` };
  try {
    return { ok: true, json: marshalGo(doc.toJS() ?? null) };
  } catch (err) {
    return { ok: false, error: `event data is neither JSON nor YAML: ${(err as Error).message}` };
  }
}
