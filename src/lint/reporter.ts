/**
 * Output formats of `ci-remediation lint`: `text`, `json`, `sarif` (SARIF 2.1.0, for code
 * scanning) and `github` (GitHub Actions workflow commands, shown as annotations).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { LintFinding } from './findings';

/** The names `--format` accepts. */
export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** What the SARIF log says about the tool. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

/** The findings in one of {@link LINT_FORMATS}. */
export function formatFindings(findings: readonly LintFinding[], format: LintFormat, tool: ToolInfo): string {
  switch (format) {
    case 'text': return formatText(findings);
    case 'json': return formatJson(findings);
    case 'sarif': return formatSarif(findings, tool);
    case 'github': return formatGithub(findings);
  }
}

/** One line per finding: `file:line:col severity rule-id message`. */
export function formatText(findings: readonly LintFinding[]): string {
  return findings.map(f => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`).join('');
}

/** One JSON array of `{file, line, column, severity, rule, message}`. */
export function formatJson(findings: readonly LintFinding[]): string {
  const plain = findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

/**
 * A SARIF 2.1.0 log with one run: every rule that has a finding in `tool.driver.rules`, one
 * result per finding. A relative file becomes a relative URI (code scanning resolves it against
 * the repository root), an absolute one a `file:` URI. Columns count UTF-16 code units, SARIF's
 * default `columnKind`, as the YAML positions do.
 */
export function formatSarif(findings: readonly LintFinding[], tool: ToolInfo): string {
  const ruleIds = [...new Set(findings.map(f => f.rule))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          rules: ruleIds.map(id => ({ id, name: id })),
        },
      },
      results: findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: ruleIds.indexOf(f.rule),
        level: f.severity,
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: fileUri(f.file) },
            region: { startLine: f.line, startColumn: f.column },
          },
        }],
      })),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function fileUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(segment => encodeURIComponent(segment)).join('/');
}

/**
 * One workflow command per finding:
 * `::error file=F,line=L,col=C,title=RULE::MESSAGE` (`::warning …` for warnings).
 * Escaping as @actions/core does it (`packages/core/src/command.ts` of actions/toolkit,
 * @actions/core 3.0.1): `%`, CR and LF in the message; additionally `:` and `,` in properties.
 */
export function formatGithub(findings: readonly LintFinding[]): string {
  return findings.map(f => {
    const properties = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(f.rule)}`].join(',');
    return `::${f.severity} ${properties}::${escapeData(f.message)}\n`;
  }).join('');
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The exit status for a lint run: 1 when any finding is an error, else 0. */
export function exitStatusOf(findings: readonly LintFinding[]): 0 | 1 {
  return findings.some(f => f.severity === 'error') ? 1 : 0;
}
