/**
 * Prometheus exposition text (for the node-exporter textfile collector or a Pushgateway), written
 * by prom-client's registry so names, escaping and layout follow the format. Every value is a
 * gauge: it describes the report's window, not a counter that only grows. Series whose value has
 * no data (a rate without denominator) are left out rather than written as NaN.
 */
import { Gauge, Registry } from 'prom-client';
import type { Report, Summary } from './model';

/** The label value of the per-repository series (per-workflow series carry the workflow's name). */
export const ALL_WORKFLOWS = '(all)';
/** The prefix of every metric name (the dashboard and the alert rules query them). */
export const REPORT_METRIC_PREFIX = 'ci_remediation';

/** Renders the report's metrics; see README ("Prometheus metrics") for the names. */
export async function renderPrometheus(report: Report): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []): Gauge => new Gauge({ name: `${REPORT_METRIC_PREFIX}_${name}`, help, labelNames, registers: [registry] });
  const scope = ['repository', 'workflow'];
  const counts: [keyof Summary, Gauge][] = [
    ['failures', gauge('failures', 'Failed workflow runs created in the window.', scope)],
    ['skipped', gauge('skipped', 'Failures not remediated for a reason the settings explain.', scope)],
    ['eligible', gauge('eligible', 'Failures minus skipped.', scope)],
    ['remediated', gauge('remediated', 'Failures with a fix branch, fix PR or audit marker.', scope)],
    ['fixed', gauge('fixed', 'Failures whose fix PR merged or whose fix passed its checks.', scope)],
    ['blocked', gauge('blocked', 'Failures the agent gave up on (blocked label or issue).', scope)],
    ['falsePositives', gauge('false_positives', 'Remediations that were not needed.', scope)],
    ['pending', gauge('pending', 'Remediations without an outcome yet.', scope)],
    ['notRemediated', gauge('not_remediated', 'Eligible failures without any remediation.', scope)],
  ];
  const skipped = gauge('skipped_by_reason', 'Skipped failures by inferred reason.', [...scope, 'reason']);
  const ratios: [keyof Summary, Gauge][] = [
    ['autoFixRate', gauge('auto_fix_ratio', 'Fixed / eligible failures.', scope)],
    ['humanInterventionRate', gauge('human_intervention_ratio', '(Blocked + not remediated) / eligible failures.', scope)],
    ['falsePositiveRate', gauge('false_positive_ratio', 'False positives / remediated failures.', scope)],
    ['attemptsPerFix', gauge('attempts_per_fix', 'Mean remediation attempts of the fixed failures.', scope)],
  ];
  const ttg = gauge('time_to_green_seconds', 'Time from failure to the first green run after the fix, by quantile (nearest rank).', [...scope, 'quantile']);
  const ttgCount = gauge('time_to_green_count', 'Fixed failures with a time to green.', scope);
  const cost = gauge('cost_usd', 'Agent cost of the remediations (audit markers), US dollars.', scope);
  const costPer = gauge('cost_per_remediation_usd', 'Mean agent cost per remediation with markers, US dollars.', scope);
  const turnsPer = gauge('turns_per_remediation', 'Mean agent turns per remediation with markers.', scope);
  const kpiMet = gauge('kpi_met', '1 when the KPI meets its target, 0 when not (absent without data).', [...scope, 'kpi']);
  const kpiTarget = gauge('kpi_target', 'The KPI target (ratio, or seconds for time to green).', ['kpi']);
  const windowStart = gauge('window_start_timestamp_seconds', 'Start of the report window (Unix time).');
  const windowEnd = gauge('window_end_timestamp_seconds', 'End of the report window (Unix time).');
  const generated = gauge('report_timestamp_seconds', 'When the report was made (Unix time).');

  const emit = (labels: { repository: string; workflow: string }, s: Summary): void => {
    for (const [key, g] of counts) g.set(labels, s[key] as number);
    for (const [reason, n] of Object.entries(s.skipReasons)) skipped.set({ ...labels, reason }, n);
    for (const [key, g] of ratios) if (s[key] !== null) g.set(labels, s[key] as number);
    if (s.timeToGreenMinutes.p50 !== null) ttg.set({ ...labels, quantile: '0.5' }, s.timeToGreenMinutes.p50 * 60);
    if (s.timeToGreenMinutes.p90 !== null) ttg.set({ ...labels, quantile: '0.9' }, s.timeToGreenMinutes.p90 * 60);
    ttgCount.set(labels, s.timeToGreenMinutes.count);
    cost.set(labels, s.costUsd.total);
    if (s.costUsd.perRemediation !== null) costPer.set(labels, s.costUsd.perRemediation);
    if (s.turns.perRemediation !== null) turnsPer.set(labels, s.turns.perRemediation);
    for (const k of s.kpis) if (k.status !== 'no-data') kpiMet.set({ ...labels, kpi: k.name }, k.status === 'met' ? 1 : 0);
  };
  for (const repo of report.repositories) {
    emit({ repository: repo.repository, workflow: ALL_WORKFLOWS }, repo.summary);
    for (const wf of repo.workflows) emit({ repository: repo.repository, workflow: wf.workflow }, wf.summary);
  }
  for (const k of report.total.kpis) kpiTarget.set({ kpi: k.name }, k.name === 'timeToGreenP50Minutes' ? k.target * 60 : k.target);
  windowStart.set(Date.parse(report.window.since) / 1000);
  windowEnd.set(Date.parse(report.window.until) / 1000);
  generated.set(Date.parse(report.generatedAt) / 1000);
  return registry.metrics();
}
