/**
 * Rules on the resource a k8s trigger creates (reference §8 and the CodeRun contract):
 * `generate-name`, `coderun-contract`.
 */
import { validateCodeRun } from '../engine/validation';
import type { TriggerModel } from '../engine/model';
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import { atKey, error, warning, type ObjectFinding } from './findings';
import type { IssuePath } from '../engine/validation';
import { modelOf, parametersOf, triggersOf, type SensorInput } from './sensor-model';

const GENERATE_NAME_MESSAGE = 'metadata.generateName makes every create a new object, so a redelivered or re-sent event starts a duplicate; '
  + 'set metadata.name from the event instead (e.g. a parameter with dataTemplate "x-{{ int64 .Input.body.workflow_run.id }}")';

/**
 * `generate-name` is an error where a duplicate is harmful: a CodeRun (a second agent works on
 * the same failure) or a trigger with `atLeastOnce` (a retried create after a lost response
 * makes a second object). Elsewhere it is a warning: an Argo Workflow, for one, is meant to
 * get a new name per run.
 */
function generateNameFinding(path: IssuePath, trigger: TriggerModel, resourceKind: unknown): ObjectFinding {
  const harmful = resourceKind === 'CodeRun' || trigger.atLeastOnce;
  return (harmful ? error : warning)(path, 'generate-name', GENERATE_NAME_MESSAGE);
}

/** k8s trigger resource rules of a Sensor. */
export function k8sResourceRules(input: SensorInput): ObjectFinding[] {
  const sensor = modelOf(input);
  const findings: ObjectFinding[] = [];
  for (const trigger of triggersOf(sensor)) {
    const template = trigger.template;
    if (!template?.k8sResource) continue;
    const { resource, at } = template.k8sResource;
    const k8s = template.raw.k8s as JsonObject;
    const creates = k8s.operation === undefined || k8s.operation === '' || k8s.operation === 'create';
    const metadata = isJsonObject(resource.metadata) ? resource.metadata : undefined;
    if (creates && metadata && typeof metadata.generateName === 'string' && metadata.generateName !== '') {
      findings.push(generateNameFinding(at(['metadata', 'generateName']), trigger, resource.kind));
    }
    if (resource.kind === 'CodeRun') {
      for (const issue of validateCodeRun(resource)) {
        const finding = error(at(issue.path), 'coderun-contract', `${issue.message} (CodeRun CRD, rule ${issue.rule})`);
        findings.push(issue.rule.endsWith('unknown-field') ? atKey(finding) : finding);
      }
    }
  }
  for (const { parameter: { path, resourceDest }, trigger } of parametersOf(sensor)) {
    if (resourceDest === 'metadata.generateName') {
      findings.push(generateNameFinding([...path, 'dest'], trigger, trigger.template?.k8sResource?.resource.kind));
    }
  }
  return findings;
}
