/**
 * The small pieces of PromQL and Prometheus configuration syntax the dashboard and the alert rules
 * are written with: label matchers with quoted values, and durations.
 */

/**
 * A series selector `metric{a="x",b="y"}`. Values are written as PromQL double-quoted strings
 * (Go escapes; JSON's `\"`, `\\` and `\uXXXX` are among them), so any value stays one literal.
 */
export function selector(metric: string, labels: Readonly<Record<string, string>>): string {
  const matchers = Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

/** Units of a Prometheus duration, in the order they must appear, with their length in milliseconds. */
const DURATION_UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3600_000], ['w', 7 * 24 * 3600_000], ['d', 24 * 3600_000], ['h', 3600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
];

/** Prometheus' duration syntax (model.ParseDuration): units from largest to smallest, each at most once. */
const DURATION = new RegExp(`^${DURATION_UNITS.map(([unit]) => `(?:(\\d+)${unit})?`).join('')}$`);

/**
 * Milliseconds of a Prometheus duration such as `15m` or `1h30m`; `undefined` when `text` is not one
 * (empty, a unit out of order, a fraction, or zero).
 */
export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  let total = 0;
  DURATION_UNITS.forEach(([, ms], i) => { total += Number(match[i + 1] ?? 0) * ms; });
  return total > 0 ? total : undefined;
}

/** What a duration setting must look like, for error messages. */
export const DURATION_EXPECTED = 'a Prometheus duration such as "15m", "6h" or "1h30m" (units y, w, d, h, m, s, ms, largest first), above zero';
