/**
 * The terminal table: one row per repository and per workflow, then the KPIs against their targets.
 */
import { KPI_LABELS, SUMMARY_COLUMNS, kpiStatus, kpiTarget, kpiValue, skipReasonsText } from './format-values';
import type { Report, Summary } from './model';

/** Renders the report as aligned plain-text tables. */
export function renderText(report: Report): string {
  const rows: string[][] = [['Scope', ...SUMMARY_COLUMNS.map(c => c.title)]];
  const row = (scope: string, s: Summary): string[] => [scope, ...SUMMARY_COLUMNS.map(c => c.value(s))];
  for (const repo of report.repositories) {
    rows.push(row(repo.repository, repo.summary));
    for (const wf of repo.workflows) rows.push(row(`  ${wf.workflow}`, wf.summary));
  }
  rows.push(row('All repositories', report.total));
  const lines = [
    `CI remediation report, runs created ${report.window.since} to ${report.window.until}`,
    '',
    ...table(rows),
    '',
    `Skipped: ${skipReasonsText(report.total)}`,
    '',
    ...table([['KPI', 'Value', 'Target', 'Status'], ...report.total.kpis.map(k => [KPI_LABELS[k.name], kpiValue(k), kpiTarget(k), kpiStatus(k)])]),
  ];
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => [...r[i]].length)));
  // Text left-aligned (first column), numbers right-aligned.
  return rows.map(r => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
}
