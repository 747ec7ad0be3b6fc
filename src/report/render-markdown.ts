/**
 * Markdown for an issue or a pull request: the KPIs first, then the tables.
 */
import { KPI_LABELS, SUMMARY_COLUMNS, kpiTarget, kpiValue, skipReasonsText } from './format-values';
import type { Report, Summary } from './model';

/** Escapes text that comes from GitHub (workflow names are attacker-influenced) for a table cell. */
export function markdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, c => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** Renders the report as GitHub-flavoured Markdown. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [
    '## CI remediation report',
    '',
    `Runs created from ${report.window.since} to ${report.window.until}.`,
    '',
    '| KPI | Value | Target | Status |',
    '| --- | ---: | ---: | --- |',
    ...report.total.kpis.map(k => `| ${KPI_LABELS[k.name]} | ${kpiValue(k)} | ${kpiTarget(k)} | ${k.status === 'met' ? '✅ met' : k.status === 'not-met' ? '❌ not met' : 'no data'} |`),
    '',
    `| Scope | ${SUMMARY_COLUMNS.map(c => c.title).join(' | ')} |`,
    `| --- | ${SUMMARY_COLUMNS.map(() => '---:').join(' | ')} |`,
  ];
  const row = (scope: string, s: Summary): string => `| ${scope} | ${SUMMARY_COLUMNS.map(c => c.value(s)).join(' | ')} |`;
  for (const repo of report.repositories) {
    out.push(row(`**${markdownCell(repo.repository)}**`, repo.summary));
    for (const wf of repo.workflows) out.push(row(`${markdownCell(repo.repository)} / ${markdownCell(wf.workflow)}`, wf.summary));
  }
  out.push(row('**All repositories**', report.total), '', `Skipped failures: ${markdownCell(skipReasonsText(report.total))}.`, '');
  return `${out.join('\n')}\n`;
}
