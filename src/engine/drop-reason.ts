/**
 * Why a simulated Sensor dropped an event, in one short line: what `replay` counts events by and
 * what `serve` logs for a dropped delivery. Pure functions of the simulation's report.
 */
import type { SimulationReport } from './sensor';

/** Longest reason kept; longer ones are cut so that reports and logs stay readable. */
const MAX_REASON_LENGTH = 300;

/** Groups texts that differ only in whitespace; cuts very long ones. */
export function normaliseReason(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH)}...` : flat;
}

/**
 * Why a dependency dropped the event: the filter error, else the first failing step without the
 * event's own value (`data[2] body.workflow_run.conclusion: no match`), else why it was not offered.
 * `normalise` lets a caller that sees the same few reasons many times (replay) memoise it.
 */
export function dropReason(report: SimulationReport, index: number, normalise: (reason: string) => string = normaliseReason): string {
  const dependency = report.dependencies[index];
  const details = report.details.dependencies[index];
  if (dependency.error !== null) return normalise(dependency.error);
  if (details.notOffered) return `not offered: ${details.notOffered}`;
  const failing = details.steps.find(step => !step.passed);
  if (!failing) return 'dropped';
  return normalise(`${failing.subject}: no match`);
}
