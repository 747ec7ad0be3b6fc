/**
 * A Sensor's triggers (`spec.triggers[i]`, and the `dlqTrigger` of one) as the controller's
 * validation, the simulation and the lint rules read them: Go values (a field of the wrong JSON
 * type is `undefined`), each part with its path.
 */
import { parseManifests } from '../load-yaml';
import { isJsonObject, type JsonObject } from '../plain-data';
import { goList, goObject, goString } from '../validation/go-values';
import type { IssuePath } from '../validation/validation-issue';
import { objectEntries, type ModelNode } from './node';

/** Keys of a trigger template that are not its type. */
const TEMPLATE_NON_TYPE_KEYS = new Set(['name', 'conditions', 'conditionsReset']);

/** Lists of `TriggerParameter` inside a trigger type (`k8s.parameters`, `http.payload`, ...). */
export const TRIGGER_TYPE_PARAMETER_LISTS = ['parameters', 'payload', 'dynamicHeaders'] as const;

/** Where a trigger-level parameter writes into the k8s trigger's resource. */
const RESOURCE_PREFIX_IN_TEMPLATE = 'k8s.source.resource.';

/** A trigger parameter (`TriggerParameter`). */
export interface ParameterModel extends ModelNode {
  /** `src`: null when absent, undefined when not an object. */
  readonly src: JsonObject | null | undefined;
  /** `src.dependencyName` (undefined also when there is no `src` object). */
  readonly dependencyName: string | undefined;
  readonly dest: string | undefined;
  readonly operation: string | undefined;
  /**
   * The destination inside the k8s trigger's resource (`metadata.labels.x`): `k8s.parameters`
   * apply to the resource, `trigger.parameters` to the template (`k8s.source.resource.` prefix).
   * Undefined for parameters that do not write into a k8s resource.
   */
  readonly resourceDest: string | undefined;
}

/** One trigger type of a template (`template.k8s`, `template.http`, ...) that is an object. */
export interface TriggerTypeModel extends ModelNode {
  readonly type: string;
  readonly operation: string | undefined;
  /** Object items of its `parameters`, `payload` and `dynamicHeaders` lists, in that order. */
  readonly parameters: readonly ParameterModel[];
}

/**
 * The resource a k8s trigger carries: `template.k8s.source.resource`, or the one object of the
 * `source.inline` text. `at(subPath)` is where a field of it is: the field itself for
 * `resource`, the `inline` text (which has no inner positions) for `inline`.
 */
export interface K8sResourceModel {
  readonly resource: JsonObject;
  readonly at: (subPath: IssuePath) => IssuePath;
}

/** A trigger's `template`. */
export interface TemplateModel extends ModelNode {
  readonly name: string | undefined;
  readonly conditions: string | undefined;
  /** The type key (`k8s`, `http`, ...): the first key that is not name/conditions and is set; undefined when none. */
  readonly type: string | undefined;
  /** Its trigger types that are objects. */
  readonly types: readonly TriggerTypeModel[];
  /** The resource of `k8s.source`, when there is one to read offline. */
  readonly k8sResource: K8sResourceModel | undefined;
}

/** A trigger, or the `dlqTrigger` of one. */
export interface TriggerModel extends ModelNode {
  /** False when the list entry is not an object (then `raw` is `{}`: every field reads as absent). */
  readonly decodable: boolean;
  /** null when absent, undefined when not an object. */
  readonly template: TemplateModel | null | undefined;
  /** Object items of the trigger-level `parameters` (applied to the template). */
  readonly parameters: readonly ParameterModel[];
  readonly atLeastOnce: boolean;
  /** `policy.k8s`: null when absent, undefined when not an object. */
  readonly k8sPolicy: JsonObject | null | undefined;
  /** null when absent, undefined when not an object. */
  readonly dlqTrigger: TriggerModel | null | undefined;
}

/** The type key of a trigger template (`k8s`, `http`, ...), or undefined when there is none. */
export function triggerType(template: JsonObject): string | undefined {
  return Object.keys(template).find(key => !TEMPLATE_NON_TYPE_KEYS.has(key) && template[key] !== null && template[key] !== undefined);
}

function parameter(raw: JsonObject, path: IssuePath, resourceDest: (dest: string) => string | undefined): ParameterModel {
  const src = goObject(raw.src);
  const dest = goString(raw.dest);
  return {
    path, raw, src,
    dependencyName: src ? goString(src.dependencyName) : undefined,
    dest,
    operation: goString(raw.operation),
    resourceDest: resourceDest(dest ?? ''),
  };
}

function parameters(value: unknown, path: IssuePath, resourceDest: (dest: string) => string | undefined): ParameterModel[] {
  return objectEntries(goList(value), path).map(p => parameter(p.raw, p.path, resourceDest));
}

function k8sResource(template: JsonObject, path: IssuePath): K8sResourceModel | undefined {
  const k8s = template.k8s;
  if (!isJsonObject(k8s) || !isJsonObject(k8s.source)) return undefined;
  const sourcePath = [...path, 'k8s', 'source'];
  if (isJsonObject(k8s.source.resource)) {
    return { resource: k8s.source.resource, at: subPath => [...sourcePath, 'resource', ...subPath] };
  }
  if (typeof k8s.source.inline !== 'string') return undefined;
  let documents: unknown[];
  try {
    documents = parseManifests(k8s.source.inline, 'inline source');
  } catch {
    return undefined;
  }
  if (documents.length !== 1 || !isJsonObject(documents[0])) return undefined;
  return { resource: documents[0], at: () => [...sourcePath, 'inline'] };
}

function template(raw: JsonObject, path: IssuePath): TemplateModel {
  const types = Object.entries(raw).flatMap(([type, body]): TriggerTypeModel[] => {
    if (TEMPLATE_NON_TYPE_KEYS.has(type) || !isJsonObject(body)) return [];
    const typePath = [...path, type];
    const resourceDest = (dest: string) => (type === 'k8s' ? dest : undefined);
    return [{
      type, path: typePath, raw: body,
      operation: goString(body.operation),
      parameters: TRIGGER_TYPE_PARAMETER_LISTS.flatMap(list => parameters(body[list], [...typePath, list], list === 'parameters' ? resourceDest : () => undefined)),
    }];
  });
  return {
    path, raw,
    name: goString(raw.name),
    conditions: goString(raw.conditions),
    type: triggerType(raw),
    types,
    k8sResource: k8sResource(raw, path),
  };
}

function inTemplateResource(dest: string): string | undefined {
  return dest.startsWith(RESOURCE_PREFIX_IN_TEMPLATE) ? dest.slice(RESOURCE_PREFIX_IN_TEMPLATE.length) : undefined;
}

/** Decodes a trigger (an entry of `spec.triggers`, or a `dlqTrigger`) at `path`. */
export function decodeTrigger(value: unknown, path: IssuePath): TriggerModel {
  const raw = isJsonObject(value) ? value : {};
  const templateObject = goObject(raw.template);
  const policy = goObject(raw.policy);
  const dlq = goObject(raw.dlqTrigger);
  return {
    path, raw,
    decodable: isJsonObject(value),
    template: templateObject ? template(templateObject, [...path, 'template']) : templateObject,
    parameters: parameters(raw.parameters, [...path, 'parameters'], inTemplateResource),
    atLeastOnce: raw.atLeastOnce === true,
    k8sPolicy: policy ? goObject(policy.k8s) : undefined,
    dlqTrigger: dlq ? decodeTrigger(dlq, [...path, 'dlqTrigger']) : dlq,
  };
}
