/**
 * Rules on the resource a k8s trigger creates (reference §8 and the CodeRun contract):
 * `generate-name`, `coderun-contract`.
 */
import { validateCodeRun } from '../engine/validation';
import { isJsonObject, type JsonObject } from '../engine/validation/go-values';
import { atKey, error, type ObjectFinding } from './findings';
import { k8sResourceOf, parametersOf, templateOf, triggersOf } from './sensor-model';

/** k8s trigger resource rules of a Sensor. */
export function k8sResourceRules(sensor: JsonObject): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  const generateNameMessage = 'metadata.generateName makes every create a new object, so a redelivered or re-sent event starts a duplicate; '
    + 'set metadata.name from the event instead (e.g. a parameter with dataTemplate "x-{{ int64 .Input.body.workflow_run.id }}")';
  for (const trigger of triggersOf(sensor)) {
    const found = k8sResourceOf(trigger);
    if (!found) continue;
    const { resource, at } = found;
    const k8s = templateOf(trigger)?.k8s as JsonObject;
    const creates = k8s.operation === undefined || k8s.operation === '' || k8s.operation === 'create';
    const metadata = isJsonObject(resource.metadata) ? resource.metadata : undefined;
    if (creates && metadata && typeof metadata.generateName === 'string' && metadata.generateName !== '') {
      findings.push(error(at(['metadata', 'generateName']), 'generate-name', generateNameMessage));
    }
    if (resource.kind === 'CodeRun') {
      for (const issue of validateCodeRun(resource)) {
        const finding = error(at(issue.path), 'coderun-contract', `${issue.message} (CodeRun CRD, rule ${issue.rule})`);
        findings.push(issue.rule.endsWith('unknown-field') ? atKey(finding) : finding);
      }
    }
  }
  for (const { path, resourceDest } of parametersOf(sensor)) {
    if (resourceDest === 'metadata.generateName') {
      findings.push(error([...path, 'dest'], 'generate-name', generateNameMessage));
    }
  }
  return findings;
}
