/**
 * What rules may know beyond the object they check: the other objects of the same lint run.
 */
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import type { DependencyAt } from './sensor-model';

/** The objects of one lint run that rules can cross-reference. */
export interface LintContext {
  /** Every EventSource of the run, in input order. */
  readonly eventSources: readonly JsonObject[];
}

/** Builds the context of a run from all its linted objects. */
export function lintContextOf(objects: readonly JsonObject[]): LintContext {
  return { eventSources: objects.filter(o => o.kind === 'EventSource') };
}

/** The name of an object (`metadata.name`), or undefined. */
export function nameOf(object: JsonObject): string | undefined {
  const metadata = object.metadata;
  return isJsonObject(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
}

/**
 * The event source a dependency listens to, as far as this run shows it: `github` when the
 * named EventSource defines the event under `spec.github`, `other` when it defines it under
 * another type, `unknown` when the run does not contain it (see {@link looksLikeGitHub}).
 */
export function eventSourceTypeOf(dependency: DependencyAt, context: LintContext): { type: 'github' | 'other' | 'unknown'; source?: JsonObject } {
  const { eventSourceName, eventName } = dependency.dependency;
  if (typeof eventName !== 'string') return { type: 'unknown' };
  for (const source of context.eventSources.filter(es => nameOf(es) === eventSourceName)) {
    if (!isJsonObject(source.spec)) continue;
    for (const [type, events] of Object.entries(source.spec)) {
      if (isJsonObject(events) && isJsonObject(events[eventName])) return { type: type === 'github' ? 'github' : 'other', source };
    }
  }
  return { type: 'unknown' };
}

/**
 * Whether a dependency whose EventSource is not in the run shows that it listens to GitHub:
 * its `eventSourceName` mentions GitHub, or its filters read the `X-GitHub-*` fields only the
 * GitHub event source adds. The GitHub-specific path rules apply to such dependencies only, so
 * that Sensors of other sources do not get GitHub findings.
 */
export function looksLikeGitHub(dependency: DependencyAt): boolean {
  const { eventSourceName, filters } = dependency.dependency;
  if (typeof eventSourceName === 'string' && /github/i.test(eventSourceName)) return true;
  return /x-github-/i.test(JSON.stringify(filters ?? null));
}
