/** The rendering of `replay`'s counts: the readable report and the `--json` text. */
import type { ReplaySummary } from './replay-tally';

/** The readable replay report. */
export function formatReplay(summary: ReplaySummary): string {
  const lines = [`Sensor ${summary.sensor || '(unnamed)'}: ${summary.events} event(s) in ${summary.seconds.toFixed(2)} s (${Math.round(summary.eventsPerSecond)} events/s)`];
  if (summary.malformedCount > 0) {
    lines.push(`Malformed entries: ${summary.malformedCount}`);
    for (const m of summary.malformed) lines.push(`  ${m.location}: ${m.error}`);
    const unlisted = summary.malformedCount - summary.malformed.length;
    if (unlisted > 0) lines.push(`  ... and ${unlisted} more`);
  }
  for (const d of summary.dependencies) {
    const unevaluated = d.cannotEvaluate > 0 ? `, ${d.cannotEvaluate} the simulator cannot evaluate (no verdict)` : '';
    lines.push('', `Dependency ${d.name}: ${d.passed} passed, ${d.dropped} dropped${unevaluated}`);
    for (const r of [...d.droppedBy, ...d.cannotEvaluateBy]) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  for (const t of summary.triggers) {
    const unevaluated = t.cannotEvaluate > 0 ? `, ${t.cannotEvaluate} the simulator cannot evaluate (no verdict)` : '';
    lines.push('', `Trigger ${t.name}: ${t.fired} fired, ${t.failed} failed, ${t.notFired} not fired (conditions not met)${unevaluated}`);
    for (const r of [...t.failedBy, ...t.cannotEvaluateBy]) lines.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  return lines.join('\n') + '\n';
}

/** The `--json` report: the summary, indented. */
export function replayJson(summary: ReplaySummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
