/**
 * Rules on trigger wiring (reference §7, §8): `retry-in-template`, `retry-without-at-least-once`,
 * `conditions-unknown-dependency`, `parameter-unknown-dependency`.
 */
import { isJsonObject } from '../engine/plain-data';
import { atKey, error, warning, withFix, type ObjectFinding } from './findings';
import { dependenciesOf, dependencyName, modelOf, parametersOf, triggersOf, type SensorInput } from './sensor-model';

/** Dependency names in a `conditions` expression (`a && (b || c)`). */
export function conditionNames(conditions: string): string[] {
  return conditions.split(/&&|\|\||[()!\s]+/).map(name => name.trim()).filter(name => name !== '');
}

/** Trigger wiring rules of a Sensor. */
export function triggerRules(input: SensorInput): ObjectFinding[] {
  const sensor = modelOf(input);
  const findings: ObjectFinding[] = [];
  const dependencyNames = new Set(dependenciesOf(sensor).map(dependencyName));
  for (const { raw: trigger, path, template: templateModel } of triggersOf(sensor)) {
    const template = templateModel?.raw;
    if (template && 'retryStrategy' in template) {
      findings.push(withFix(atKey(error([...path, 'template', 'retryStrategy'], 'retry-in-template',
        'retryStrategy inside template is ignored (one attempt only); move it up one level, beside template, and set atLeastOnce: true')), { kind: 'move-to-trigger' }));
    }
    if (isJsonObject(trigger.retryStrategy) && trigger.atLeastOnce !== true) {
      findings.push(warning([...path, 'retryStrategy'], 'retry-without-at-least-once',
        'retryStrategy has no effect without atLeastOnce: true: the trigger runs asynchronously and its errors are only logged'));
    }
    const conditions = template?.conditions;
    if (typeof conditions === 'string') {
      for (const name of conditionNames(conditions)) {
        if (!dependencyNames.has(name)) {
          findings.push(error([...path, 'template', 'conditions'], 'conditions-unknown-dependency',
            `conditions name ${JSON.stringify(name)}, which is not a dependency of this Sensor (${[...dependencyNames].join(', ')}): the trigger never fires`));
        }
      }
    }
  }
  for (const { parameter: { raw: parameter, path } } of parametersOf(sensor)) {
    const src = parameter.src;
    if (!isJsonObject(src) || typeof src.dependencyName !== 'string' || src.dependencyName === '') continue;
    if (dependencyNames.has(src.dependencyName)) continue;
    const effect = 'value' in src ? 'the parameter always uses its value' : 'the parameter is skipped silently';
    findings.push(error([...path, 'src', 'dependencyName'], 'parameter-unknown-dependency',
      `dependencyName ${JSON.stringify(src.dependencyName)} is not a dependency of this Sensor: ${effect}; use one of ${[...dependencyNames].join(', ')}`));
  }
  return findings;
}
