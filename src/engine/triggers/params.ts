/**
 * Trigger parameters (reference §7, Argo Events `pkg/sensors/triggers/params.go`): resolving a
 * parameter's value from the events of the dependencies, and writing it into JSON with sjson.
 */
import type { SensorEvent } from '../event';
import { get, type GjsonType } from '../gjson';
import { setRaw, setValue } from '../sjson';
import { GoJsonError, unmarshalGo } from '../go/json';
import { GoTemplateError, MAP_MUTATING_FUNCTIONS, renderTemplate, type TemplateCache } from '../go/template';
import { asSimulatorLimit } from '../limits';
import { PayloadView } from '../payload';
import { eventContextJson, eventJson, eventDataAsJson, NIL_CONTEXT_PANIC, type EventDataJson } from './event-json';
import { parameterList, type TriggerParameter, type TriggerParameterSource } from './parameter-types';

/** The events that satisfied dependencies, by dependency name. */
export type DependencyEvents = ReadonlyMap<string, SensorEvent>;

/**
 * What the parameters of one trigger run share. params.go converts, parses and decodes the
 * event data afresh for every parameter; the results depend on the event alone, so they are
 * made once per run here, in maps that live as long as this object (make one per run).
 */
export interface ParameterContext {
  /** Parsed templates, kept by the caller across runs; none: each template is parsed when rendered. */
  readonly templates: TemplateCache | undefined;
  /** Each event's data as a JSON document. */
  readonly dataJson: Map<SensorEvent, EventDataJson>;
  /** The gjson view of each document, for keys. */
  readonly views: Map<string, PayloadView>;
  /** Each document decoded (Go `json.Unmarshal`), for templates that only read it. */
  readonly decoded: Map<string, unknown>;
}

/** A context for one trigger run. */
export function newParameterContext(templates?: TemplateCache): ParameterContext {
  return { templates, dataJson: new Map(), views: new Map(), decoded: new Map() };
}

/** A resolved parameter value and its gjson kind (template results and `value` are `String`). */
export interface ResolvedValue {
  readonly value: string;
  readonly kind: GjsonType;
}

/** A parameter that fails the trigger; `message` is Argo's own error text. */
export class TriggerParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerParameterError';
  }
}

/** Go prints a nil error as `<nil>`. */
const GO_NIL_ERROR = '<nil>';

/** The `value` default as a resolved string, or null when the source has none. */
function defaultValue(src: TriggerParameterSource): ResolvedValue | null {
  return src.value === undefined ? null : { value: src.value, kind: 'String' };
}

/**
 * The template step: text/template + sprig over `{"Input": <decoded document>}`. Output `""` or
 * `"<no value>"` counts as a failure, like an error, so resolution falls through to the key.
 */
function valueFromTemplate(document: string, template: string, context: ParameterContext): { ok: true; value: string } | { ok: false; error: string } {
  let output: string;
  try {
    output = renderTemplate(template, { Input: decodeDocument(document, template, context) }, { parsed: context.templates });
  } catch (err) {
    // Go errors fall through; anything else (a sprig function this engine lacks) must not.
    if (err instanceof GoTemplateError || err instanceof GoJsonError) return { ok: false, error: err.message };
    throw err;
  }
  if (output === '' || output === '<no value>') {
    return { ok: false, error: `template evaluated to empty string or no value: ${template}` };
  }
  return { ok: true, value: output };
}

/** A template that may call a sprig function modifying the map it is given. */
const MUTATING_FUNCTION = new RegExp(`\\b(?:${MAP_MUTATING_FUNCTIONS.join('|')})\\b`);

/**
 * Go decodes the document afresh for every parameter. Templates only read it, so parameters
 * reading the same document share one decoded value, except a template that may modify it
 * (`set`, `unset`, `merge`...), which gets its own.
 */
function decodeDocument(document: string, template: string, context: ParameterContext): unknown {
  if (MUTATING_FUNCTION.test(template)) return unmarshalGo(document);
  if (!context.decoded.has(document)) context.decoded.set(document, unmarshalGo(document));
  return context.decoded.get(document);
}

/** The key step (gjson): objects/arrays as raw JSON, null as `null`, everything else as `String()`. */
function valueFromKey(document: string, key: string, context: ParameterContext): ResolvedValue | null {
  let view = context.views.get(document);
  if (view === undefined) {
    view = new PayloadView(document);
    context.views.set(document, view);
  }
  const result = view.valid ? view.get(key) : get(document, key);
  if (!result.exists) return null;
  switch (result.type) {
    case 'JSON':
      return { value: result.raw, kind: 'JSON' };
    case 'Null':
      return { value: 'null', kind: 'Null' };
    default:
      return { value: result.string(), kind: result.type };
  }
}

/**
 * Resolves a parameter source against the dependencies' events (reference §7):
 * 1. no event for the dependency: `value`, else null (the parameter is skipped);
 * 2. no key or template: `value`, else the whole event as JSON;
 * 3. data keys win over context keys; data its `datacontenttype` does not allow (see
 *    eventDataAsJson) falls back to `value`, else fails with Argo's error;
 * 4. template (falls through on error, `""` or `<no value>`), 5. key (falls through when missing),
 * 6. `value`.
 * @returns null when the parameter is to be skipped
 * @throws TriggerParameterError with Argo's text when nothing resolves
 */
export function resolveParamValue(src: TriggerParameterSource, events: DependencyEvents, context: ParameterContext = newParameterContext()): ResolvedValue | null {
  const event = events.get(src.dependencyName);
  if (event === undefined) return defaultValue(src);

  const useData = Boolean(src.dataKey || src.dataTemplate);
  const useContext = Boolean(src.contextKey || src.contextTemplate);
  if (!useData && !useContext) {
    return defaultValue(src) ?? { value: eventJson(event), kind: 'String' };
  }

  let document: string;
  if (useData) {
    let data = context.dataJson.get(event);
    if (data === undefined) {
      data = eventDataAsJson(event);
      context.dataJson.set(event, data);
    }
    if (!data.ok) {
      // A panic is no error: `value` does not catch it.
      if (data.error === NIL_CONTEXT_PANIC) throw new TriggerParameterError(data.error);
      const fallback = defaultValue(src);
      if (fallback) return fallback;
      throw new TriggerParameterError(data.error);
    }
    document = data.json;
  } else {
    document = eventContextJson(event);
  }
  const key = useData ? src.dataKey : src.contextKey;
  const template = useData ? src.dataTemplate : src.contextTemplate;

  // Argo reports the template's error in the final message (a failed key lookup is only logged).
  let lastError = GO_NIL_ERROR;
  if (template) {
    const rendered = valueFromTemplate(document, template, context);
    if (rendered.ok) return { value: rendered.value, kind: 'String' };
    lastError = rendered.error;
  }
  if (key) {
    const found = valueFromKey(document, key, context);
    if (found) return found;
  }
  const fallback = defaultValue(src);
  if (fallback) return fallback;
  throw new TriggerParameterError(`unable to resolve '${src.dependencyName}' parameter value. err: ${lastError}`);
}

/**
 * Applies parameters to a JSON document in order (reference §7): each resolved value is written
 * at `dest` with sjson (`overwrite`/empty replaces; `append`/`prepend` concatenate with the
 * existing value's `String()` when `dest` exists). With `useRawData` and a non-string kind the
 * value is inserted as raw JSON, otherwise as a JSON string.
 * @param parameters the parameter list as found in the Sensor (plain data)
 * @param context shared by the parameter lists of one trigger run
 * @throws TriggerParameterError for unresolvable values, unsupported operations and sjson errors
 */
export function applyParams(json: string, parameters: unknown, events: DependencyEvents, context: ParameterContext = newParameterContext()): string {
  let document = json;
  for (const parameter of parameterList(parameters)) {
    const resolved = resolveParamValue(parameter.src, events, context);
    if (resolved === null) continue;
    const { value, kind } = combineWithCurrent(document, parameter, resolved);
    const raw = parameter.src.useRawData === true && kind !== 'String';
    try {
      document = raw ? setRaw(document, parameter.dest, value) : setValue(document, parameter.dest, value);
    } catch (err) {
      if (asSimulatorLimit(err) !== undefined) throw err;
      throw new TriggerParameterError((err as Error).message);
    }
  }
  return document;
}

/**
 * Builds the payload of an http (or other payload) trigger as params.go's `ConstructPayload`
 * does (6478ece): from nothing, each parameter written at its `dest` with sjson (operations play
 * no part); an empty `dest` makes that parameter's value the whole payload at once, JSON or not.
 * @returns the payload text, or null when Go's payload is nil (no parameter wrote anything)
 * @throws TriggerParameterError for unresolvable values and sjson errors, and with Go's panic
 *   text for a skipped parameter (its dependency has no event and it has no `value`) with a `dest`
 */
export function constructPayload(parameters: unknown, events: DependencyEvents, context: ParameterContext = newParameterContext()): string | null {
  let payload: string | null = null;
  for (const parameter of parameterList(parameters, 'payload')) {
    const resolved = resolveParamValue(parameter.src, events, context);
    if (parameter.dest === '') {
      if (resolved !== null) return resolved.value;
      continue;
    }
    // Go dereferences the missing value to write it.
    if (resolved === null) throw new TriggerParameterError(NIL_CONTEXT_PANIC);
    const raw = parameter.src.useRawData === true && resolved.kind !== 'String';
    try {
      const written: string = raw ? setRaw(payload ?? '', parameter.dest, resolved.value) : setValue(payload ?? '', parameter.dest, resolved.value);
      // A query path that matches nothing hands back the nil payload it was given.
      payload = payload === null && written === '' ? null : written;
    } catch (err) {
      throw new TriggerParameterError((err as Error).message);
    }
  }
  return payload;
}

/**
 * The value to write and its kind. Joined with an existing value (`append`/`prepend`), the result
 * is a String whatever the parameter's kind, so it is written as a JSON string even with
 * `useRawData` (params.go sets `typ = stringType`): `old` + `{"k":1}` becomes `"old{\"k\":1}"`.
 */
function combineWithCurrent(document: string, parameter: TriggerParameter, resolved: ResolvedValue): ResolvedValue {
  const operation = parameter.operation ?? '';
  switch (operation) {
    case '':
    case 'overwrite':
      return resolved;
    case 'append':
    case 'prepend': {
      const current = get(document, parameter.dest);
      if (!current.exists) return resolved;
      const value = operation === 'append' ? current.string() + resolved.value : resolved.value + current.string();
      return { value, kind: 'String' };
    }
    default:
      throw new TriggerParameterError(`unsupported trigger parameter operation: ${operation}`);
  }
}
