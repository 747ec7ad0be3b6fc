/**
 * Cross-object rule: `unknown-event-source` (a dependency naming an EventSource or event
 * that the EventSources of the same lint run do not define; such a dependency never receives
 * anything). Only applied when the run contains at least one EventSource.
 */
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import { warning, type ObjectFinding } from './findings';
import { nameOf, type LintContext } from './lint-context';
import { dependenciesOf } from './sensor-model';

/** `spec` keys of an EventSource that are not event-source types. */
const SPEC_NON_TYPE_KEYS = new Set(['eventBusName', 'replicas', 'service', 'template']);

/** Dependency-to-EventSource references of a Sensor. */
export function referenceRules(sensor: JsonObject, context: LintContext): ObjectFinding[] {
  if (context.eventSources.length === 0) return [];
  const sensorNamespace = namespaceOf(sensor);
  // An object without a namespace lands in whatever namespace it is applied to: it matches any.
  const sources = context.eventSources.filter(es => namespaceOf(es) === undefined || sensorNamespace === undefined || namespaceOf(es) === sensorNamespace);
  const findings: ObjectFinding[] = [];
  for (const { dependency, path } of dependenciesOf(sensor)) {
    const { eventSourceName, eventName } = dependency;
    if (typeof eventSourceName !== 'string' || typeof eventName !== 'string' || eventSourceName === '' || eventName === '') continue;
    const named = sources.filter(es => nameOf(es) === eventSourceName);
    if (named.length === 0) {
      const known = sources.map(nameOf).filter(n => n !== undefined).join(', ') || 'none';
      findings.push(warning([...path, 'eventSourceName'], 'unknown-event-source',
        `no EventSource ${JSON.stringify(eventSourceName)} in namespace ${JSON.stringify(sensorNamespace ?? '')} among the linted files (found: ${known}): the dependency would never receive an event`));
      continue;
    }
    const events = named.flatMap(source => Object.entries(isJsonObject(source.spec) ? source.spec : {})
      .flatMap(([type, v]) => (isJsonObject(v) && !SPEC_NON_TYPE_KEYS.has(type) ? Object.keys(v) : [])));
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
