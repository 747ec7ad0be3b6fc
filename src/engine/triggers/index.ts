/**
 * Running one Sensor trigger offline: trigger-level parameters, then the trigger type's own
 * resource or payload (reference §7, §8).
 */
import { resourceTriggerObject, TriggerError, type ResourceTriggerContext } from './k8s';
import { decodedTriggerTemplate } from './decoded-fields';
import type { TemplateCache } from '../go/template';
import { applyParams, constructPayload, newParameterContext, type DependencyEvents } from './params';
import { triggerType, type TriggerModel } from '../model/triggers';
import { isJsonObject, type JsonObject } from '../plain-data';

export { conditionNames, conditionsHold, ConditionsSyntaxError } from './conditions';
export { resourceTriggerObject, TriggerError, type ResourceTriggerContext } from './k8s';
export { applyParams, constructPayload, newParameterContext, resolveParamValue, TriggerParameterError, type DependencyEvents, type ParameterContext, type ResolvedValue } from './params';
export { parameterList, SensorShapeError, type TriggerParameter, type TriggerParameterSource } from './parameter-types';
export { eventContextJson, eventDataAsJson, eventJson } from './event-json';


/** Trigger types whose `parameters` apply to an object fetched from `source`. */
const RESOURCE_TRIGGER_TYPES = new Set(['k8s', 'argoWorkflow']);

/** A payload as shown: JSON as its value, other text (an empty `dest` may give any) as a string, nil as null. */
function payloadValue(payload: string | null): unknown {
  if (payload === null) return null;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

/** Input of {@link runTrigger}. */
export interface RunTriggerInput {
  /** The trigger (`spec.triggers[i]`) of the Sensor's model. */
  readonly trigger: TriggerModel;
  /** Events of the satisfied dependencies. */
  readonly events: DependencyEvents;
  readonly sensorName: string;
  readonly sensorNamespace?: string;
  /** Time of the action (the `events.argoproj.io/action-timestamp` label). */
  readonly now: Date;
  /** Parsed templates kept across runs (`EvaluationCaches.templates`); default: none. */
  readonly templates?: TemplateCache;
}

/**
 * What the trigger would do for these events: for k8s triggers the manifest (for argoWorkflow
 * the Workflow) after parameters; for other types their spec after their `parameters`, with a
 * `payload` list replaced by the payload it renders (as Argo's `ConstructPayload` builds it).
 * @throws TriggerParameterError (Argo's parameter errors), TriggerError, SensorShapeError
 */
export function runTrigger(input: RunTriggerInput): unknown {
  const { trigger } = input;
  if (!trigger.template) throw new TriggerError('trigger has no template');
  // The sensor holds the template decoded into its struct: fields it does not declare are gone.
  // From here on the trigger works on that JSON document, which its parameters rewrite (the
  // type's own parameters included), so what follows decodes the document, not the Sensor.
  let template = decodedTriggerTemplate(trigger.template.raw);
  const triggerParameters = trigger.raw.parameters;
  // Every parameter list of this run reads the same events.
  const parameterContext = newParameterContext(input.templates);
  if (triggerParameters !== undefined && triggerParameters !== null) {
    const applied: unknown = JSON.parse(applyParams(JSON.stringify(template), triggerParameters, input.events, parameterContext));
    if (!isJsonObject(applied)) throw new TriggerError('the trigger template is no longer an object after parameters');
    // ... and it decodes the result of the parameters back into it.
    template = decodedTriggerTemplate(applied);
  }
  const type = triggerType(template);
  if (type === undefined) throw new TriggerError('trigger template has no trigger type (k8s, http, ...)');
  const spec = template[type];
  if (!isJsonObject(spec)) throw new TriggerError(`trigger template '${type}' must be an object`);

  if (RESOURCE_TRIGGER_TYPES.has(type)) {
    const context: ResourceTriggerContext = {
      sensorName: input.sensorName,
      sensorNamespace: input.sensorNamespace,
      triggerName: typeof template.name === 'string' ? template.name : '',
      now: input.now,
    };
    const operation = spec.operation ?? '';
    return resourceTriggerObject(spec, input.events, context, type === 'k8s' && (operation === '' || operation === 'create'), parameterContext);
  }

  // Other types: their parameters apply to their own spec, their payload is built from nothing;
  // what comes out is what the sensor's struct for the type keeps.
  const { parameters, ...rest } = spec;
  const withParameters = parameters === undefined || parameters === null
    ? rest
    : (JSON.parse(applyParams(JSON.stringify(rest), parameters, input.events, parameterContext)) as JsonObject);
  const decoded = decodedTriggerTemplate({ [type]: withParameters })[type];
  const applied = isJsonObject(decoded) ? decoded : {};
  if (Array.isArray(spec.payload)) applied.payload = payloadValue(constructPayload(spec.payload, input.events, parameterContext));
  return applied;
}
