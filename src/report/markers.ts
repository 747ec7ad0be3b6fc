/**
 * The agent's audit markers: `<!-- ci-remediation {"run":…,"attempt":…,"turns":…,"costUsd":…,"outcome":"…"} -->`,
 * one line per attempt in the fix PR body and the final commit comment
 * (templates/code/claude/rex-ci-remediation.sh, `print_audit`). Bodies are attacker-influenced
 * text: one bounded line per marker, JSON parsed, every field checked.
 */
import { AUDIT_MARKER_LINE } from '../github/remediation';
import type { AttemptMarker } from './model';

/** The well-formed markers in `text`, in order; malformed ones are ignored. */
export function parseMarkers(text: string): AttemptMarker[] {
  const markers: AttemptMarker[] = [];
  for (const match of text.matchAll(AUDIT_MARKER_LINE)) {
    let value: unknown;
    try {
      value = JSON.parse(match[1]);
    } catch {
      continue;
    }
    const v = value as Record<string, unknown>;
    if (
      Number.isSafeInteger(v.run) && (v.run as number) > 0 &&
      Number.isSafeInteger(v.attempt) && (v.attempt as number) > 0 &&
      Number.isSafeInteger(v.turns) && (v.turns as number) >= 0 &&
      typeof v.costUsd === 'number' && Number.isFinite(v.costUsd) && v.costUsd >= 0 &&
      typeof v.outcome === 'string' && /^[a-z-]{1,20}$/.test(v.outcome)
    ) {
      markers.push({ run: v.run as number, attempt: v.attempt as number, turns: v.turns as number, costUsd: v.costUsd, outcome: v.outcome });
    }
  }
  return markers;
}

/**
 * One marker per attempt of `run`: later texts win (the final commit comment restates every
 * attempt with its final outcome, while a PR body holds the attempts up to that PR).
 */
export function attemptsOfRun(run: number, texts: readonly string[]): AttemptMarker[] {
  const byAttempt = new Map<number, AttemptMarker>();
  for (const text of texts) {
    for (const marker of parseMarkers(text)) {
      if (marker.run === run) byAttempt.set(marker.attempt, marker);
    }
  }
  return [...byAttempt.values()].sort((a, b) => a.attempt - b.attempt);
}
