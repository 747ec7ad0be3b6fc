/**
 * Rules on what trigger parameters and filter templates produce (reference §3 step 3, §7):
 * `template-parse`, `template-number-printing`, `free-text-label`.
 */
import { RE2JS } from 're2js';
import { parseTemplate } from '../engine/go/template';
import { lex, type Item } from '../engine/go/template/lexer';
import { labelValueProblem } from '../engine/validation';
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import type { IssuePath } from '../engine/validation';
import { error, warning, withFix, type ObjectFinding } from './findings';
import type { LintContext } from './lint-context';
import { INJECTED_BODY_KEYS } from '../github/webhook';
import { enumOf, lookUpBodyPath, staticPathKeys, typesOf, type SchemaLookup } from './payload-paths';
import { eventTypesOf } from './path-rules';
import type { DependencyModel } from '../engine/model';
import { dataFiltersOf, dependenciesOf, dependencyNamed, modelOf, parametersOf, type SensorInput } from './sensor-model';

/** Functions that print a float64 without exponent notation. */
const NUMBER_FORMATTERS = new Set(['int', 'int64', 'printf']);
/** Actions with these keywords do not print their fields. */
const CONTROL_ITEMS = new Set(['if', 'range', 'with', 'else', 'end', 'define', 'template', 'block', 'break', 'continue', 'declare', 'assign']);
/** Field names that hold numbers when the schema cannot tell. */
const NUMBER_NAME = /^(id|\w+_id|run_attempt|run_number|number|\w+_count|count|size)$/;
/** Fields holding GitHub database ids, all beyond 1e6 today. */
const ID_NAME = /^(id|\w+_id)$/;
/** Context fields whose values are valid label values (`time` and `datacontenttype` are not). */
const LABEL_SAFE_CONTEXT_KEYS = new Set(['id', 'type', 'source', 'subject', 'specversion']);

/** A field chain printed by a template (`.Input.body.workflow_run.id` as `['body','workflow_run','id']`). */
interface PrintedField {
  readonly keys: readonly string[];
  /** The action wraps it in int/int64/printf. */
  readonly formatted: boolean;
  readonly text: string;
}

/**
 * The `.Input...` fields printed by the actions of a template. `index .Input.body "k"` chains
 * are followed. Returns undefined when the template does not lex.
 */
export function printedInputFields(template: string): PrintedField[] | undefined {
  const items = lex(template);
  if (items.some(item => item.typ === 'error')) return undefined;
  const fields: PrintedField[] = [];
  let action: Item[] | undefined;
  for (const item of items) {
    if (item.typ === 'leftDelim') action = [];
    else if (item.typ === 'rightDelim' && action) {
      fields.push(...fieldsOfAction(action));
      action = undefined;
    } else if (action && item.typ !== 'space') action.push(item);
  }
  return fields;
}

function fieldsOfAction(action: Item[]): PrintedField[] {
  if (action.some(item => CONTROL_ITEMS.has(item.typ))) return [];
  const formatted = action.some(item => item.typ === 'identifier' && NUMBER_FORMATTERS.has(item.val));
  const fields: PrintedField[] = [];
  for (let i = 0; i < action.length; i++) {
    if (action[i].typ !== 'field' || action[i].val !== '.Input') continue;
    const keys: string[] = [];
    let text = '.Input';
    let j = i + 1;
    // Adjacent field items form one chain (`.Input` `.body` `.workflow_run`).
    while (j < action.length && action[j].typ === 'field' && action[j].pos === action[j - 1].pos + action[j - 1].val.length) {
      keys.push(action[j].val.slice(1));
      text += action[j].val;
      j++;
    }
    if (i > 0 && action[i - 1].typ === 'identifier' && action[i - 1].val === 'index') {
      while (j < action.length && action[j].typ === 'string') {
        keys.push(JSON.parse(action[j].val) as string);
        text += ` ${action[j].val}`;
        j++;
      }
    }
    fields.push({ keys, formatted, text });
    i = j - 1;
  }
  return fields;
}

function isNumberField(lookup: SchemaLookup | undefined, keys: readonly string[]): boolean {
  if (lookup?.status === 'found') return lookup.leaves.some(leaf => { const t = typesOf(leaf); return t.has('integer') || t.has('number'); });
  return NUMBER_NAME.test(keys[keys.length - 1] ?? '');
}

function isIntegerOnly(lookup: SchemaLookup | undefined, keys: readonly string[]): boolean {
  if (lookup?.status === 'found') {
    return lookup.leaves.every(leaf => { const t = typesOf(leaf); t.delete('null'); return t.size > 0 && [...t].every(x => x === 'integer'); });
  }
  return NUMBER_NAME.test(keys[keys.length - 1] ?? '');
}

/** A field whose every value is a valid label value: integers, the event type/delivery id, SHAs, label-safe enums. */
function isLabelSafeField(lookup: SchemaLookup | undefined, keys: readonly string[]): boolean {
  const last = keys[keys.length - 1] ?? '';
  if (keys.length === 2 && keys[0] === 'body' && INJECTED_BODY_KEYS.includes(last)) return true;
  if (/^(sha|\w+_sha)$/.test(last)) return true;
  if (isIntegerOnly(lookup, keys)) return true;
  if (lookup?.status !== 'found') return false;
  return lookup.leaves.every(leaf => {
    const values = enumOf(leaf);
    return values !== undefined && values.every(v => v === null || (typeof v === 'string' && labelValueProblem(v) === undefined));
  });
}

function lookUpDataKeys(keys: readonly string[], dependency: DependencyModel | undefined): SchemaLookup | undefined {
  if (keys[0] !== 'body' || keys.length < 2) return undefined;
  return lookUpBodyPath(keys.slice(1), dependency ? eventTypesOf(dependency) : []);
}

function templateParseFinding(template: string, at: IssuePath, effect: string): ObjectFinding | undefined {
  const problem = parseTemplate(template);
  if (!problem) return undefined;
  const hint = /bad character U\+002D '-'/.test(problem.message) ? '; hyphenated keys need index, e.g. index .Input.body "X-GitHub-Event"' : '';
  return error(at, 'template-parse', `Go template does not parse (${problem.message}): ${effect}${hint}`);
}

/** Template and parameter-output rules of a Sensor. */
export function parameterTemplateRules(input: SensorInput, _context: LintContext): ObjectFinding[] {
  const sensor = modelOf(input);
  const findings: ObjectFinding[] = [];
  const dependencies = dependenciesOf(sensor);
  for (const { filter: { raw: filter, path } } of dataFiltersOf(sensor)) {
    if (typeof filter.template !== 'string' || filter.template === '') continue;
    const found = templateParseFinding(filter.template, [...path, 'template'], 'the filter errors and drops every event');
    if (found) findings.push(found);
  }
  for (const { parameter: { raw: parameter, path, resourceDest } } of parametersOf(sensor)) {
    const src = isJsonObject(parameter.src) ? parameter.src : undefined;
    if (!src) continue;
    const dependency = dependencyNamed(dependencies, src.dependencyName);
    const labelDest = resourceDest?.startsWith('metadata.labels.') ? resourceDest : resourceDest === 'metadata.name' ? resourceDest : undefined;
    let templateFields: { field: PrintedField; lookup: SchemaLookup | undefined }[] | undefined;
    for (const key of ['dataTemplate', 'contextTemplate'] as const) {
      const template = src[key];
      if (typeof template !== 'string' || template === '') continue;
      const at = [...path, 'src', key];
      const parseProblem = templateParseFinding(template, at, 'the parameter falls back to its dataKey/value, or fails the trigger');
      if (parseProblem) {
        findings.push(parseProblem);
        continue;
      }
      if (key === 'contextTemplate') continue;
      templateFields = (printedInputFields(template) ?? []).map(field => ({ field, lookup: lookUpDataKeys(field.keys, dependency) }));
      for (const { field, lookup } of templateFields) {
        if (!field.formatted && isNumberField(lookup, field.keys)) {
          // Go prints a float64 in exponent form from 1e6 on (strconv's shortest %g): certain
          // for GitHub's database ids, which are all larger, a risk for other counts.
          const certain = ID_NAME.test(field.keys[field.keys.length - 1] ?? '');
          findings.push(withFix((certain ? error : warning)(at, 'template-number-printing',
            `{{ ${field.text} }} prints a JSON number as float64, in exponent form from 1000000 on (e.g. 1.9289199112e+10 for a run id: an invalid name/label, a wrong value); write {{ int64 ${field.text} }}`),
          { kind: 'rewrite-string', rewrite: current => wrapInInt64(current, field.text) }));
        }
      }
    }
    if (labelDest) findings.push(...labelSourceFindings(src, templateFields, dependency, path, labelDest));
  }
  return findings;
}

/**
 * The template with every action that prints exactly `field` (`{{ .Input.body.id }}`, trim
 * markers kept) printing `int64 field` instead; undefined when no action is that bare field
 * (a pipeline or an argument: where `int64` goes is not certain).
 */
function wrapInInt64(template: string, field: string): string | undefined {
  // RE2JS.quote escapes exactly JavaScript's syntax characters too.
  const escaped = RE2JS.quote(field);
  const action = new RegExp(`\\{\\{(-?\\s*)${escaped}(\\s*-?)\\}\\}`, 'g');
  if (!action.test(template)) return undefined;
  return template.replace(action, (_all, open: string, close: string) => `{{${open}int64 ${field}${close}}}`);
}

/** `free-text-label`: what feeds a label or name must be label-safe for every event. */
function labelSourceFindings(
  src: JsonObject, templateFields: { field: PrintedField; lookup: SchemaLookup | undefined }[] | undefined,
  dependency: DependencyModel | undefined, path: IssuePath, dest: string,
): ObjectFinding[] {
  const what = dest === 'metadata.name' ? 'the object name (a DNS-1123 subdomain)' : `label ${dest.slice('metadata.labels.'.length).replace(/\\\./g, '.')}`;
  const fix = 'labels and names take only [A-Za-z0-9._-] (at most 63 characters): use an integer field (e.g. int64 .Input.body.workflow_run.id) and put free text in an annotation';
  const usesData = typeof src.dataKey === 'string' && src.dataKey !== '' || templateFields !== undefined;
  if (templateFields !== undefined) {
    const unsafe = templateFields.filter(({ field, lookup }) => !isLabelSafeField(lookup, field.keys));
    if (unsafe.length > 0) {
      return [error([...path, 'src', 'dataTemplate'], 'free-text-label',
        `${unsafe.map(u => u.field.text).join(', ')} feeds ${what} with free text (names, titles, branches, URLs can hold spaces, / or more than 63 characters), so creating the object fails for such events; ${fix}`)];
    }
    return [];
  }
  if (typeof src.dataKey === 'string' && src.dataKey !== '') {
    const keys = staticPathKeys(src.dataKey);
    if (keys && isLabelSafeField(lookUpDataKeys(keys, dependency), keys)) return [];
    return [error([...path, 'src', 'dataKey'], 'free-text-label',
      `dataKey ${src.dataKey} feeds ${what} with a value that is not guaranteed to be a valid label (free text or a non-integer field), so creating the object fails for such events; ${fix}`)];
  }
  if (!usesData && typeof src.contextKey === 'string' && src.contextKey !== '') {
    if (LABEL_SAFE_CONTEXT_KEYS.has(src.contextKey)) return [];
    return [error([...path, 'src', 'contextKey'], 'free-text-label', `contextKey ${src.contextKey} feeds ${what} with a value containing characters a label cannot hold; ${fix}`)];
  }
  if (!usesData && typeof src.contextTemplate === 'string' && src.contextTemplate !== '') return [];
  if (typeof src.value === 'string') {
    const problem = labelValueProblem(src.value);
    return problem ? [error([...path, 'src', 'value'], 'free-text-label', `value ${JSON.stringify(src.value)} is not a valid label value: ${problem}`)] : [];
  }
  return [error([...path, 'src'], 'free-text-label', `with no dataKey, dataTemplate, contextKey or value the parameter writes the whole event as JSON into ${what}; ${fix}`)];
}
