/** The objects synth would produce now, in memory (nothing is written), for the drift check. */
import { App } from 'cdk8s';
import type { ResolvedSettings } from '../config/settings';
import { CiRemediationChart } from '../constructs/ci-remediation-chart';

/** The stack's objects and the resolved settings they were built from. */
export interface DesiredStack {
  readonly settings: ResolvedSettings;
  readonly objects: Record<string, any>[];
}

/** Builds the chart as `synth` does (same settings, templates relative to `baseDir`). */
export function desiredStack(settings: ResolvedSettings, baseDir = process.cwd()): DesiredStack {
  const app = new App();
  const chart = new CiRemediationChart(app, 'ci-remediation', { settings, baseDir });
  return { settings, objects: chart.toJson() as Record<string, any>[] };
}
