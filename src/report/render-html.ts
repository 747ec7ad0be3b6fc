/**
 * A self-contained HTML page: KPI cards, inline SVG charts (trend per week, auto-fix rate per
 * workflow, time-to-green distribution, cost per week) and the tables. No script, no external
 * asset: a Content-Security-Policy of `default-src 'none'` makes the browser refuse (and log) any
 * that slipped in, so the page works offline and from an attachment.
 */
import { KPI_LABELS, SUMMARY_COLUMNS, kpiStatus, kpiTarget, kpiValue, percent, skipReasonsText, usd } from './format-values';
import type { Failure, Report, Summary } from './model';

/** Escapes text for HTML content and attribute values (workflow names come from GitHub). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Bar { readonly label: string; readonly values: readonly number[]; readonly title: string }

const COLORS = ['#9aa5b1', '#2f9e44', '#1971c2', '#e8590c'];
const W = 640;
const H = 240;
const PAD = { left: 48, right: 12, top: 16, bottom: 56 };

/**
 * A vertical bar chart (one group of bars per label). Each data bar is a `rect.mark` with its value
 * in `data-value`, so a reader (or a test) can tell a chart with data from an empty one.
 */
function barChart(id: string, title: string, bars: readonly Bar[], series: readonly string[], options: { format?: (v: number) => string; target?: { value: number; label: string } } = {}): string {
  const format = options.format ?? ((v: number) => String(v));
  const max = Math.max(1e-9, options.target?.value ?? 0, ...bars.flatMap(b => b.values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const groupW = bars.length === 0 ? plotW : plotW / bars.length;
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  const parts: string[] = [];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(max * t).toFixed(1)}" y2="${y(max * t).toFixed(1)}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${(y(max * t) + 4).toFixed(1)}" text-anchor="end" class="axis">${escapeHtml(format(max * t))}</text>`);
  }
  bars.forEach((bar, i) => {
    const x0 = PAD.left + i * groupW + groupW * 0.1;
    bar.values.forEach((v, j) => {
      parts.push(`<rect class="mark" data-value="${v}" x="${(x0 + j * barW).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}" fill="${COLORS[j % COLORS.length]}"><title>${escapeHtml(`${bar.title}: ${series[j]} ${format(v)}`)}</title></rect>`);
    });
    parts.push(`<text x="${(x0 + groupW * 0.4).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle" class="axis">${escapeHtml(shorten(bar.label, Math.max(6, Math.floor(groupW / 7))))}</text>`);
  });
  if (options.target !== undefined) {
    const ty = y(options.target.value).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${ty}" y2="${ty}" class="target"/><text x="${W - PAD.right}" y="${Number(ty) - 4}" text-anchor="end" class="target-label">${escapeHtml(options.target.label)}</text>`);
  }
  const legend = series.map((s, j) => `<tspan fill="${COLORS[j % COLORS.length]}">■</tspan> ${escapeHtml(s)}`).join('   ');
  parts.push(`<text x="${PAD.left}" y="${H - 12}" class="legend">${legend}</text>`);
  const empty = bars.length === 0 ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="empty">No data in this window</text>` : '';
  return `<figure data-chart="${id}"><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}${empty}</svg></figure>`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Time-to-green buckets in minutes: the target (30) is a bucket edge. */
const TTG_BUCKETS: readonly [number, number][] = [[0, 10], [10, 20], [20, 30], [30, 60], [60, 120], [120, 240], [240, Infinity]];

function ttgBars(failures: readonly Failure[]): Bar[] {
  const ttgs = failures.map(f => f.timeToGreenMinutes).filter((t): t is number => t !== null);
  if (ttgs.length === 0) return [];
  return TTG_BUCKETS.map(([lo, hi]) => {
    const label = hi === Infinity ? `≥${lo} min` : `${lo}–${hi} min`;
    return { label, title: label, values: [ttgs.filter(t => t >= lo && t < hi).length] };
  });
}

function costBars(report: Report): Bar[] {
  const byWeek = new Map<string, number>();
  for (const week of report.weeks) byWeek.set(week.weekStart, 0);
  for (const f of report.failures) {
    if (f.costUsd === null) continue;
    const d = new Date(f.createdAt);
    const key = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))).toISOString().slice(0, 10);
    byWeek.set(key, (byWeek.get(key) ?? 0) + f.costUsd);
  }
  if (report.failures.every(f => f.costUsd === null)) return [];
  return [...byWeek].sort((a, b) => a[0].localeCompare(b[0])).map(([week, cost]) => ({ label: week, title: `week of ${week}`, values: [Math.round(cost * 100) / 100] }));
}

function summaryTable(report: Report): string {
  const head = `<tr><th>Scope</th>${SUMMARY_COLUMNS.map(c => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const row = (scope: string, s: Summary, cls: string): string => `<tr class="${cls}"><td>${escapeHtml(scope)}</td>${SUMMARY_COLUMNS.map(c => `<td>${escapeHtml(c.value(s))}</td>`).join('')}</tr>`;
  const rows = report.repositories.flatMap(repo => [row(repo.repository, repo.summary, 'repo'), ...repo.workflows.map(wf => row(`${repo.repository} / ${wf.workflow}`, wf.summary, 'workflow'))]);
  rows.push(row('All repositories', report.total, 'total'));
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Renders the report as one HTML page. */
export function renderHtml(report: Report): string {
  const cards = report.total.kpis.map(k => `<div class="kpi ${k.status}"><div class="name">${escapeHtml(KPI_LABELS[k.name])}</div><div class="value">${escapeHtml(kpiValue(k))}</div><div class="target">target ${escapeHtml(kpiTarget(k))} · <strong>${escapeHtml(kpiStatus(k))}</strong></div></div>`).join('');
  const trend = barChart('trend', 'Failures and fixes per week', report.weeks.map(w => ({ label: w.weekStart, title: `week of ${w.weekStart}`, values: [w.eligible, w.fixed] })), ['eligible failures', 'fixed']);
  const perWorkflow = barChart('workflows', 'Auto-fix rate per workflow',
    report.repositories.flatMap(r => r.workflows.filter(w => w.summary.autoFixRate !== null).map(w => ({ label: w.workflow, title: `${r.repository} / ${w.workflow}`, values: [w.summary.autoFixRate! * 100] }))),
    ['auto-fix rate (%)'], { format: v => `${Math.round(v)}%`, target: { value: 70, label: 'target 70%' } });
  const ttg = barChart('time-to-green', 'Time to green (fixed failures)', ttgBars(report.failures), ['fixed failures']);
  const cost = barChart('cost', 'Agent cost per week (US dollars)', costBars(report), ['cost'], { format: v => `$${v.toFixed(2)}` });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CI remediation report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2933;background:#fff}
h1{font-size:1.4em;margin:0 0 4px}.window{color:#52606d;margin-bottom:16px}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:20px}
.kpi{border-radius:8px;padding:12px 16px;min-width:180px;border:1px solid #d9e2ec}
.kpi.met{background:#ebfbee;border-color:#8ce99a}.kpi.not-met{background:#fff5f5;border-color:#ffa8a8}.kpi.no-data{background:#f5f7fa}
.kpi .value{font-size:1.8em;font-weight:600}.kpi .name,.kpi .target{color:#52606d;font-size:.9em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
figure{margin:0;border:1px solid #d9e2ec;border-radius:8px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
svg{width:100%;height:auto}.grid{stroke:#e4e7eb}.axis{font-size:11px;fill:#52606d}.legend{font-size:12px;fill:#1f2933}
.target{stroke:#c92a2a;stroke-dasharray:4 3}.target-label{font-size:11px;fill:#c92a2a}.empty{fill:#9aa5b1;font-size:14px}
table{border-collapse:collapse;margin-top:20px;font-size:.85em}th,td{border:1px solid #d9e2ec;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}tr.repo td,tr.total td{font-weight:600}tr.workflow td:first-child{padding-left:20px}
</style>
</head>
<body>
<h1>CI remediation report</h1>
<div class="window">Runs created from ${escapeHtml(report.window.since)} to ${escapeHtml(report.window.until)} · ${report.total.failures} failures, ${report.total.eligible} eligible · auto-fix ${escapeHtml(percent(report.total.autoFixRate))} · cost ${escapeHtml(usd(report.total.costUsd.total))}</div>
<section class="kpis">${cards}</section>
<section class="charts">${trend}${perWorkflow}${ttg}${cost}</section>
${summaryTable(report)}
<p class="window">Skipped: ${escapeHtml(skipReasonsText(report.total))}</p>
</body>
</html>
`;
}
