/**
 * Cross-object rule: `unknown-event-source` (a dependency naming an EventSource or event
 * that the EventSources of the same lint run do not define; such a dependency never receives
 * anything). Only applied when the run contains at least one EventSource.
 */
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import { warning, type ObjectFinding } from './findings';
import type { LintContext } from './lint-context';
import { dependenciesOf, modelOf, type SensorInput } from './sensor-model';

/** Dependency-to-EventSource references of a Sensor. */
export function referenceRules(input: SensorInput, context: LintContext): ObjectFinding[] {
  if (context.eventSources.length === 0) return [];
  const sensor = modelOf(input);
  const sensorNamespace = namespaceOf(sensor.raw);
  // An object without a namespace lands in whatever namespace it is applied to: it matches any.
  const sources = context.eventSources.filter(es => namespaceOf(es.raw) === undefined || sensorNamespace === undefined || namespaceOf(es.raw) === sensorNamespace);
  const findings: ObjectFinding[] = [];
  for (const { raw: dependency, path } of dependenciesOf(sensor)) {
    const { eventSourceName, eventName } = dependency;
    if (typeof eventSourceName !== 'string' || typeof eventName !== 'string' || eventSourceName === '' || eventName === '') continue;
    const named = sources.filter(es => es.name === eventSourceName);
    if (named.length === 0) {
      const known = sources.map(es => es.name).filter(n => n !== undefined).join(', ') || 'none';
      findings.push(warning([...path, 'eventSourceName'], 'unknown-event-source',
        `no EventSource ${JSON.stringify(eventSourceName)} in namespace ${JSON.stringify(sensorNamespace ?? '')} among the linted files (found: ${known}): the dependency would never receive an event`));
      continue;
    }
    const events = named.flatMap(source => source.eventNames.map(event => event.name));
    if (!events.includes(eventName)) {
      findings.push(warning([...path, 'eventName'], 'unknown-event-source',
        `EventSource ${JSON.stringify(eventSourceName)} defines no event ${JSON.stringify(eventName)} (it has: ${events.join(', ') || 'none'}): the dependency would never receive an event`));
    }
  }
  return findings;
}

function namespaceOf(object: JsonObject): string | undefined {
  const metadata = object.metadata;
  return isJsonObject(metadata) && typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
}
