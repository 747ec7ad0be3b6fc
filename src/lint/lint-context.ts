/**
 * What rules may know beyond the object they check: the other objects of the same lint run.
 */
import { decodeEventSource, isEventSourceModel, isSensorModel, type DependencyModel, type EventSourceModel, type SensorModel } from '../engine/model';
import type { JsonObject } from '../engine/plain-data';

/** The objects of one lint run that rules can cross-reference. */
export interface LintContext {
  /** Every EventSource of the run, in input order. */
  readonly eventSources: readonly EventSourceModel[];
}

/** Builds the context of a run from all its linted objects (models, or plain data). */
export function lintContextOf(objects: readonly (JsonObject | SensorModel | EventSourceModel)[]): LintContext {
  return {
    eventSources: objects.flatMap((object): EventSourceModel[] => {
      if (isSensorModel(object) || object.kind !== 'EventSource') return [];
      return [isEventSourceModel(object) ? object : decodeEventSource(object)];
    }),
  };
}

/**
 * The event source a dependency listens to, as far as this run shows it: `github` when the
 * named EventSource defines the event under `spec.github`, `other` when it defines it under
 * another type, `unknown` when the run does not contain it (see {@link looksLikeGitHub}).
 */
export function eventSourceTypeOf(dependency: DependencyModel, context: LintContext): { type: 'github' | 'other' | 'unknown'; source?: JsonObject } {
  const { eventSourceName, eventName } = dependency.raw;
  if (typeof eventName !== 'string') return { type: 'unknown' };
  for (const source of context.eventSources.filter(es => es.name === eventSourceName)) {
    const event = source.events.find(e => e.name === eventName);
    if (event) return { type: event.type === 'github' ? 'github' : 'other', source: source.raw };
  }
  return { type: 'unknown' };
}

/**
 * Whether a dependency whose EventSource is not in the run shows that it listens to GitHub:
 * its `eventSourceName` mentions GitHub, or its filters read the `X-GitHub-*` fields only the
 * GitHub event source adds. The GitHub-specific path rules apply to such dependencies only, so
 * that Sensors of other sources do not get GitHub findings.
 */
export function looksLikeGitHub(dependency: DependencyModel): boolean {
  const { eventSourceName, filters } = dependency.raw;
  if (typeof eventSourceName === 'string' && /github/i.test(eventSourceName)) return true;
  return /x-github-/i.test(JSON.stringify(filters ?? null));
}
