/**
 * How numbers read in the human formats (text, Markdown, HTML): one place, so they agree.
 */
import type { Kpi, Summary } from './model';

/** `0.6667` → `66.7%`; null → `n/a`. */
export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

/** Minutes with one decimal; null → `n/a`. */
export function minutes(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(1)} min`;
}

/** US dollars with two decimals (four below one cent, so small costs do not read as zero). */
export function usd(value: number | null): string {
  if (value === null) return 'n/a';
  return value !== 0 && value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** A number, or `n/a`. */
export function plain(value: number | null, digits = 2): string {
  return value === null ? 'n/a' : String(Number(value.toFixed(digits)));
}

/** The KPI's human name. */
export const KPI_LABELS: Readonly<Record<Kpi['name'], string>> = {
  autoFixRate: 'Auto-fix rate',
  timeToGreenP50Minutes: 'Time to green (p50)',
  falsePositiveRate: 'False-positive rate',
  humanInterventionRate: 'Human intervention',
};

/** The KPI's value as read. */
export function kpiValue(kpi: Kpi): string {
  return kpi.name === 'timeToGreenP50Minutes' ? minutes(kpi.value) : percent(kpi.value);
}

/** The KPI's target as read, e.g. `≥ 70.0%`, `< 30.0 min`. */
export function kpiTarget(kpi: Kpi): string {
  const target = kpi.name === 'timeToGreenP50Minutes' ? minutes(kpi.target) : percent(kpi.target);
  return `${kpi.comparator === '>=' ? '≥' : '<'} ${target}`;
}

/** `met`, `NOT MET`, `no data`. */
export function kpiStatus(kpi: Kpi): string {
  return kpi.status === 'met' ? 'met' : kpi.status === 'not-met' ? 'NOT MET' : 'no data';
}

/** Skip reasons as `reason ×n, …`, or `-`. */
export function skipReasonsText(summary: Summary): string {
  const entries = Object.entries(summary.skipReasons).sort((a, b) => a[0].localeCompare(b[0]));
  return entries.length === 0 ? '-' : entries.map(([reason, n]) => `${reason} ×${n}`).join(', ');
}

/** The table columns every human format shows per repository and workflow. */
export const SUMMARY_COLUMNS: readonly { readonly title: string; readonly value: (s: Summary) => string }[] = [
  { title: 'Failures', value: s => String(s.failures) },
  { title: 'Skipped', value: s => String(s.skipped) },
  { title: 'Remediated', value: s => String(s.remediated) },
  { title: 'Fixed', value: s => String(s.fixed) },
  { title: 'Blocked', value: s => String(s.blocked) },
  { title: 'False pos.', value: s => String(s.falsePositives) },
  { title: 'Pending', value: s => String(s.pending) },
  { title: 'Auto-fix', value: s => percent(s.autoFixRate) },
  { title: 'Human', value: s => percent(s.humanInterventionRate) },
  { title: 'FP rate', value: s => percent(s.falsePositiveRate) },
  { title: 'TTG p50', value: s => minutes(s.timeToGreenMinutes.p50) },
  { title: 'TTG p90', value: s => minutes(s.timeToGreenMinutes.p90) },
  { title: 'Attempts/fix', value: s => plain(s.attemptsPerFix) },
  { title: 'Cost/rem.', value: s => usd(s.costUsd.perRemediation) },
  { title: 'Turns/rem.', value: s => plain(s.turns.perRemediation, 1) },
];
