/**
 * Parsing the report's command-line values: the window bounds and repository names.
 */

const DURATION = /^(\d{1,5})([hdw])$/;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/**
 * `--since`: a duration back from `until` (`12h`, `30d`, `4w`) or a date (`2026-11-01`, ISO 8601).
 * @returns the Date, or an error message naming the option and what is expected
 */
export function parseSince(value: string, until: Date): Date | string {
  const m = DURATION.exec(value);
  if (m !== null) return new Date(until.getTime() - Number(m[1]) * UNIT_MS[m[2]]);
  const date = parseDate(value);
  return date ?? `--since: "${value}" is neither a duration (e.g. 30d, 12h, 4w) nor a date (e.g. 2026-11-01 or 2026-11-01T08:00:00Z)`;
}

/** `--until`: a date; a bare day means its start (UTC), so `--until 2026-12-01` ends with November. */
export function parseUntil(value: string): Date | string {
  return parseDate(value) ?? `--until: "${value}" is not a date (e.g. 2026-12-01 or 2026-12-01T08:00:00Z)`;
}

function parseDate(value: string): Date | undefined {
  // Only ISO 8601 forms: Date.parse accepts much more, read in the local time zone.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return undefined;
  // V8 rolls a day past the month's end over (2026-11-31 → 2026-12-01): refuse it instead.
  const [y, mo, d] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  return calendar.getUTCMonth() === mo - 1 && calendar.getUTCDate() === d ? new Date(ms) : undefined;
}

/** GitHub's `owner/name` (owners: letters, digits, hyphens; names also `.` and `_`). */
export function repositoryError(value: string): string | undefined {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/.test(value) && !/\/\.\.?$/.test(value)
    ? undefined
    : `--repo: "${value}" is not a GitHub repository as OWNER/NAME (e.g. 5dlabs/cto)`;
}
