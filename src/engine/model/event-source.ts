/**
 * An EventSource decoded once, for the lint rules and the controller's validation: its name,
 * and each event it defines (`spec.<type>.<event name>`) with its path.
 */
import { isJsonObject, type JsonObject } from '../plain-data';
import { goObject, requireResource } from '../validation/go-values';
import type { ModelNode, SourceLocator } from './node';

/**
 * `spec` keys that configure the EventSource itself rather than naming an event-source type: the
 * fields of `EventSourceSpec` that are not maps of events in the vendored upstream schema
 * (imports/schemas/argo-events.schema.json).
 */
export const EVENT_SOURCE_SPEC_NON_TYPE_KEYS: ReadonlySet<string> = new Set(['eventBusName', 'replicas', 'service', 'template']);

/** One event of an EventSource: `spec.<type>.<name>`, an object. */
export interface EventModel extends ModelNode {
  /** The event-source type (`github`, `webhook`, ...). */
  readonly type: string;
  /** The event name, which becomes the events' `subject`. */
  readonly name: string;
}

/** Marks the objects {@link decodeEventSource} makes: no key of parsed YAML or JSON can be a symbol. */
const EVENT_SOURCE_MODEL: unique symbol = Symbol('EventSourceModel');

/** An EventSource. */
export interface EventSourceModel extends ModelNode {
  readonly [EVENT_SOURCE_MODEL]: true;
  readonly kind: 'EventSource';
  /** `metadata.name`: undefined when absent or not a string. */
  readonly name: string | undefined;
  /** null when absent, undefined when not an object. */
  readonly spec: JsonObject | null | undefined;
  /** Every event name under every type (also those that are not objects), in order: for name uniqueness. */
  readonly eventNames: readonly { readonly type: string; readonly name: string }[];
  /** The events that are objects. */
  readonly events: readonly EventModel[];
  readonly locate: SourceLocator | undefined;
}

/** True for a model {@link decodeEventSource} made (and not an EventSource as plain data). */
export function isEventSourceModel(value: unknown): value is EventSourceModel {
  return isJsonObject(value) && EVENT_SOURCE_MODEL in value;
}

/**
 * Decodes an EventSource held as plain data.
 * @throws TypeError when `value` is not an object, or its `kind` is set and not `EventSource`
 */
export function decodeEventSource(value: unknown, locate?: SourceLocator, caller = 'decodeEventSource'): EventSourceModel {
  const raw = requireResource(value, 'EventSource', caller);
  const metadata = raw.metadata;
  const spec = goObject(raw.spec);
  const eventNames: { type: string; name: string }[] = [];
  const events: EventModel[] = [];
  for (const [type, byName] of Object.entries(spec ?? {})) {
    if (EVENT_SOURCE_SPEC_NON_TYPE_KEYS.has(type) || !isJsonObject(byName)) continue;
    for (const [name, event] of Object.entries(byName)) {
      eventNames.push({ type, name });
      if (isJsonObject(event)) events.push({ type, name, path: ['spec', type, name], raw: event });
    }
  }
  const name = isJsonObject(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
  return { [EVENT_SOURCE_MODEL]: true, kind: 'EventSource', path: [], raw, name, spec, eventNames, events, locate };
}
