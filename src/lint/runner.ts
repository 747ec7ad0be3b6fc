/**
 * Runs every lint rule over the Sensors and EventSources of a set of YAML files.
 */
import * as fs from 'fs';
import { isJsonObject, type JsonObject } from '../engine/validation/go-values';
import { dataFilterRules } from './data-filter-rules';
import { eventSourceRules } from './event-source-rules';
import { exprRules } from './expr-rules';
import type { LintFinding, ObjectFinding } from './findings';
import { k8sResourceRules } from './k8s-resource-rules';
import { lintContextOf, type LintContext } from './lint-context';
import { parameterTemplateRules } from './parameter-template-rules';
import { pathRules } from './path-rules';
import { referenceRules } from './reference-rules';
import { triggerRules } from './trigger-rules';
import { validatorRules } from './validator-rules';
import { parseYamlDocuments, YamlInputError, type YamlDocument } from './yaml-documents';

/** A rule family: findings for one object, knowing the rest of the run. */
export type ObjectRule = (object: JsonObject, context: LintContext) => ObjectFinding[];

const SENSOR_RULES: readonly ObjectRule[] = [
  validatorRules, dataFilterRules, pathRules, exprRules, triggerRules, k8sResourceRules, parameterTemplateRules, referenceRules,
];
const EVENT_SOURCE_RULES: readonly ObjectRule[] = [validatorRules, eventSourceRules];

/** The kinds the linter checks; other documents are ignored. */
export const LINTED_KINDS: readonly string[] = ['Sensor', 'EventSource'];

/** Thrown for input that cannot be linted (missing file, not YAML); the message is one line. */
export class LintInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LintInputError';
  }
}

/**
 * Lints one Sensor or EventSource. Findings of rule `schema` at the same path as a more
 * specific finding are dropped (an unknown `secret:` field is reported as `missing-webhook-secret`).
 */
export function lintObject(object: JsonObject, context: LintContext): ObjectFinding[] {
  const rules = object.kind === 'Sensor' ? SENSOR_RULES : object.kind === 'EventSource' ? EVENT_SOURCE_RULES : [];
  const findings = rules.flatMap(rule => rule(object, context));
  const specific = new Set(findings.filter(f => f.rule !== 'schema').map(f => JSON.stringify(f.path)));
  return findings.filter(f => f.rule !== 'schema' || !specific.has(JSON.stringify(f.path)));
}

/** A file's name and text. */
export interface LintInput {
  readonly file: string;
  readonly text: string;
}

/**
 * Lints texts of multi-document YAML together (EventSources of one file are visible to
 * Sensors of another). Findings are sorted by file, line, column, then rule.
 * Throws {@link LintInputError} when a text is not YAML.
 */
export function lintTexts(inputs: readonly LintInput[]): LintFinding[] {
  const parsed = inputs.map(({ file, text }) => {
    let documents: YamlDocument[];
    try {
      documents = parseYamlDocuments(text);
    } catch (err) {
      if (err instanceof YamlInputError) throw new LintInputError(`${file}: not YAML: ${err.message}`);
      throw err;
    }
    const linted = documents.filter(d => isJsonObject(d.value) && LINTED_KINDS.includes(String(d.value.kind)));
    return { file, documents: linted };
  });
  const context = lintContextOf(parsed.flatMap(p => p.documents.map(d => d.value as JsonObject)));
  const findings: LintFinding[] = [];
  for (const { file, documents } of parsed) {
    for (const document of documents) {
      for (const finding of lintObject(document.value as JsonObject, context)) {
        const { line, column } = document.locate(finding.path, finding.atKey);
        findings.push({ file, line, column, severity: finding.severity, rule: finding.rule, message: finding.message });
      }
    }
  }
  return findings.sort(compareFindings);
}

/** Reads and lints files. Throws {@link LintInputError} for a missing/unreadable file or non-YAML text. */
export function lintFiles(files: readonly string[]): LintFinding[] {
  return lintTexts(files.map(file => {
    try {
      return { file, text: fs.readFileSync(file, 'utf8') };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new LintInputError(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }));
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
