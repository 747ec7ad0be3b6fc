/**
 * Output formats of `ci-remediation lint`.
 */
import type { LintFinding } from './findings';

/** One line per finding: `file:line:col severity rule-id message`. */
export function formatText(findings: readonly LintFinding[]): string {
  return findings.map(f => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`).join('');
}

/** One JSON array of `{file, line, column, severity, rule, message}`. */
export function formatJson(findings: readonly LintFinding[]): string {
  const plain = findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

/** The exit status for a lint run: 1 when any finding is an error, else 0. */
export function exitStatusOf(findings: readonly LintFinding[]): 0 | 1 {
  return findings.some(f => f.severity === 'error') ? 1 : 0;
}
