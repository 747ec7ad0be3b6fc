/**
 * The k8s (and argoWorkflow) trigger's resource (reference §8): fetched from `source`, then
 * `parameters` applied to its JSON, namespace defaulted to the Sensor's, and on `create` the
 * labels Argo Events adds.
 */
import { parseManifests } from '../load-yaml';
import { applyParams, type DependencyEvents, type ParameterContext } from './params';
import { isJsonObject, type JsonObject } from '../plain-data';

/** A trigger that cannot be executed; `message` is the error the simulation reports. */
export class TriggerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerError';
  }
}

/** What a resource trigger needs to know about its Sensor and the moment it runs. */
export interface ResourceTriggerContext {
  readonly sensorName: string;
  readonly sensorNamespace?: string;
  readonly triggerName: string;
  readonly now: Date;
}


/** Source kinds that need a cluster, a filesystem or a network; the simulation refuses them. */
const REMOTE_SOURCES = ['file', 'url', 'configmap', 'git', 's3'];

/** The object of `source.resource` or `source.inline` (YAML or JSON text). */
function fetchResource(source: unknown): JsonObject {
  if (!isJsonObject(source)) throw new TriggerError('k8s trigger has no source');
  let object: unknown;
  if (source.resource !== undefined && source.resource !== null) {
    object = source.resource;
  } else if (typeof source.inline === 'string') {
    const documents = parseManifests(source.inline, 'inline source');
    if (documents.length !== 1) throw new TriggerError(`inline source must hold exactly one object, found ${documents.length}`);
    object = documents[0];
  } else {
    const remote = REMOTE_SOURCES.find(kind => source[kind] !== undefined && source[kind] !== null);
    throw new TriggerError(remote
      ? `trigger source '${remote}' cannot be simulated offline (only 'resource' and 'inline' are supported)`
      : 'k8s trigger has no source');
  }
  if (!isJsonObject(object)) throw new TriggerError(`trigger source must be an object, got ${JSON.stringify(object)}`);
  // Kubernetes' unstructured decoder requires a kind.
  if (typeof object.kind !== 'string' || object.kind === '') {
    throw new TriggerError(`Object 'Kind' is missing in '${JSON.stringify(object)}'`);
  }
  return object;
}

/**
 * Builds the object a k8s-like trigger would send to the API server.
 * @param spec the trigger type's spec (`template.k8s` or `template.argoWorkflow`), after trigger-level parameters
 * @param addCreateLabels add `events.argoproj.io/{sensor,trigger,action-timestamp}` (k8s `create`)
 * @param parameterContext shared with the trigger-level parameters of the same run
 * @throws TriggerError, TriggerParameterError
 */
export function resourceTriggerObject(
  spec: JsonObject, events: DependencyEvents, context: ResourceTriggerContext, addCreateLabels: boolean, parameterContext?: ParameterContext,
): JsonObject {
  const fetched = fetchResource(spec.source);
  const applied = spec.parameters === undefined || spec.parameters === null
    ? structuredClone(fetched)
    : (JSON.parse(applyParams(JSON.stringify(fetched), spec.parameters, events, parameterContext)) as unknown);
  if (!isJsonObject(applied)) throw new TriggerError('the resource is no longer an object after parameters');
  const metadata: JsonObject = isJsonObject(applied.metadata) ? applied.metadata : {};
  applied.metadata = metadata;
  if ((metadata.namespace === undefined || metadata.namespace === '') && context.sensorNamespace) {
    metadata.namespace = context.sensorNamespace;
  }
  if (addCreateLabels) {
    const labels: JsonObject = isJsonObject(metadata.labels) ? metadata.labels : {};
    labels['events.argoproj.io/sensor'] = context.sensorName;
    labels['events.argoproj.io/trigger'] = context.triggerName;
    labels['events.argoproj.io/action-timestamp'] = String(context.now.getTime());
    metadata.labels = labels;
  }
  return applied;
}
