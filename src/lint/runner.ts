/**
 * Runs every lint rule over the Sensors and EventSources of a set of YAML files.
 */
import * as fs from 'fs';
import { ManifestFileError } from '../engine/load-yaml';
import { decodeEventSource, isEventSourceModel, isSensorModel, readManifestModels, sensorModelOf, type EventSourceModel, type ManifestModel, type ManifestModels, type SensorModel } from '../engine/model';
import type { JsonObject } from '../engine/plain-data';
import { objectSizeIssue } from '../engine/validation/object-size';
import { dataFilterRules } from './data-filter-rules';
import { eventSourceRules } from './event-source-rules';
import { exprRules } from './expr-rules';
import { error, type LintFinding, type ObjectFinding } from './findings';
import { k8sResourceRules } from './k8s-resource-rules';
import { lintContextOf, type LintContext } from './lint-context';
import { parameterTemplateRules } from './parameter-template-rules';
import { pathRules } from './path-rules';
import { referenceRules } from './reference-rules';
import { triggerRules } from './trigger-rules';
import { validatorRules } from './validator-rules';

/** A rule family: findings for one object, knowing the rest of the run. */
export type ObjectRule<Model> = (object: Model, context: LintContext) => ObjectFinding[];

const SENSOR_RULES: readonly ObjectRule<SensorModel>[] = [
  validatorRules, dataFilterRules, pathRules, exprRules, triggerRules, k8sResourceRules, parameterTemplateRules, referenceRules,
];
const EVENT_SOURCE_RULES: readonly ObjectRule<EventSourceModel>[] = [validatorRules, eventSourceRules];

/** The kinds the linter checks; other documents are ignored. */
export const LINTED_KINDS: readonly string[] = ['Sensor', 'EventSource'];

/**
 * Thrown for input that cannot be linted (missing file, not YAML, no Sensor or EventSource in
 * any file); the message is one line.
 */
export class LintInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LintInputError';
  }
}

/**
 * Lints one Sensor or EventSource. Findings of rule `schema` at the same path as a more
 * specific finding are dropped (an unknown `secret:` field is reported as `missing-webhook-secret`).
 * An object over the API server's size limit gets that finding alone: it is never stored, so
 * nothing else about it matters, and the other rules' work stays bounded by the limit.
 */
export function lintObject(object: JsonObject | SensorModel | EventSourceModel, context: LintContext): ObjectFinding[] {
  const raw = isSensorModel(object) || isEventSourceModel(object) ? object.raw : object;
  const tooLarge = objectSizeIssue(raw, `this ${String(raw.kind)}`);
  if (tooLarge) return [error(tooLarge.path, 'object-too-large', tooLarge.message)];
  let findings: ObjectFinding[] = [];
  if (raw.kind === 'Sensor') {
    const sensor = sensorModelOf(object);
    findings = SENSOR_RULES.flatMap(rule => rule(sensor, context));
  } else if (raw.kind === 'EventSource') {
    const eventSource = isEventSourceModel(object) ? object : decodeEventSource(raw);
    findings = EVENT_SOURCE_RULES.flatMap(rule => rule(eventSource, context));
  }
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
 * Sensors of another); the items of a `kind: List` are linted like documents. Findings are
 * sorted by file, line, column, then rule.
 * Throws {@link LintInputError} when a text is not YAML, or when no text holds a Sensor or an
 * EventSource (the files are probably not the ones meant).
 */
export function lintTexts(inputs: readonly LintInput[]): LintFinding[] {
  const parsed = inputs.map(({ file, text }) => {
    let manifest: ManifestModels;
    try {
      manifest = readManifestModels(text, file);
    } catch (err) {
      if (err instanceof ManifestFileError) throw new LintInputError(err.message);
      throw err;
    }
    return { file, ...manifest };
  });
  if (inputs.length > 0 && parsed.every(p => p.models.length === 0)) {
    throw new LintInputError(`${inputs.map(i => i.file).join(', ')}: no Sensor or EventSource found (documents of other kinds are not linted)`);
  }
  const context = lintContextOf(parsed.flatMap(p => p.models.map(m => m.model)));
  const findings: LintFinding[] = [];
  for (const { file, models, duplicateKeys } of parsed) {
    for (const { key, line, column } of duplicateKeys) {
      findings.push({ file, line, column, severity: 'error', rule: 'duplicate-key', message: duplicateKeyMessage(key) });
    }
    for (const model of models) {
      findings.push(...lintManifestModel(file, model, context));
    }
  }
  return findings.sort(compareFindings);
}

/**
 * kubectl and Argo CD refuse a document with a repeated key (Kubernetes' YAML decoding is
 * strict about it), and `simulate` does too; which value the author meant is unknown.
 */
function duplicateKeyMessage(key: string): string {
  return `key ${JSON.stringify(key)} appears twice in one mapping: kubectl, Argo CD and simulate reject the document; keep one`;
}

function lintManifestModel(file: string, { model, object }: ManifestModel, context: LintContext): LintFinding[] {
  return lintObject(model, context).map(finding => {
    const { line, column } = object.locate(finding.path, finding.atKey);
    return { file, line, column, severity: finding.severity, rule: finding.rule, message: finding.message };
  });
}

/** Reads files for linting. Throws {@link LintInputError} for a missing or unreadable file. */
export function readLintInputs(files: readonly string[]): LintInput[] {
  return files.map(file => {
    try {
      return { file, text: fs.readFileSync(file, 'utf8') };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new LintInputError(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  });
}

/** Reads and lints files. Throws {@link LintInputError} for a missing/unreadable file or non-YAML text. */
export function lintFiles(files: readonly string[]): LintFinding[] {
  return lintTexts(readLintInputs(files));
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
