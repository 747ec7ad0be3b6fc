/**
 * The JSON format: exactly the Report object (schema in README, "JSON"), two-space indented.
 */
import type { Report } from './model';

/** Renders the report as one JSON object. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
