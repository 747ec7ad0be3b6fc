/**
 * `lint --fix`: rewrites what has one right answer in the source text itself, so that
 * comments, quoting and layout stay as they are: a string is replaced where it stands, in its
 * own quoting style; a nested `retryStrategy` moves up as its own lines, comments included.
 * Positions come from the `yaml` package's Document API (node ranges).
 *
 * A file is rewritten only when every fix in it is certain. A fix is refused when the text
 * shows no single right answer: a value shared through a YAML anchor or alias, a trigger with
 * a `retryStrategy` of its own besides the nested one, a template whose number is not a bare
 * `{{ .field }}`, a key repeated in one mapping, a block scalar or flow mapping to rewrite. The
 * rewritten text is parsed again and must hold exactly the intended data.
 */
import * as YAML from 'yaml';
import type { ManifestObject, SourcePosition } from '../engine/load-yaml';
import { readManifestText } from '../engine/load-yaml';
import type { IssuePath } from '../engine/validation';
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import type { Fix, ObjectFinding } from './findings';
import { lintContextOf } from './lint-context';
import { LINTED_KINDS, lintObject, LintInputError, type LintInput } from './runner';

/** A fix that was not applied, and why. */
export interface RefusedFix extends SourcePosition {
  readonly file: string;
  readonly rule: string;
  readonly reason: string;
}

/** What `--fix` would do to one file. */
export interface FixedText {
  readonly file: string;
  /** The new text; equal to the input when nothing was fixed or a fix was refused. */
  readonly text: string;
  /** Findings fixed. */
  readonly fixed: number;
  /** When not empty, `text` is the input unchanged. */
  readonly refused: readonly RefusedFix[];
}

/** A replacement of `[start, end)` of the source text. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

class Refusal extends Error {}

/** Passes at most: a fix can reveal another (`Rex[bot]` escaped becomes a literal to anchor). */
const MAX_PASSES = 5;

/**
 * The fixed texts of `inputs`, linted together as `lint` does, fixed again until no fix is
 * left. When any pass refuses a fix, every text is returned unchanged with the refusals.
 * Throws {@link LintInputError} for a text that is not YAML.
 */
export function fixTexts(inputs: readonly LintInput[]): FixedText[] {
  let current = inputs;
  const fixed = new Map<string, number>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const results = fixOnce(current);
    if (results.some(r => r.refused.length > 0)) {
      return inputs.map(({ file, text }, i) => ({ file, text, fixed: 0, refused: results[i].refused }));
    }
    results.forEach(r => fixed.set(r.file, (fixed.get(r.file) ?? 0) + r.fixed));
    current = results.map(({ file, text }) => ({ file, text }));
    if (results.every(r => r.fixed === 0)) break;
  }
  return current.map(({ file, text }) => ({ file, text, fixed: fixed.get(file) ?? 0, refused: [] }));
}

function fixOnce(inputs: readonly LintInput[]): FixedText[] {
  const parsed = inputs.map(({ file, text }) => {
    try {
      const manifest = readManifestText(text, file);
      return { file, text, manifest, objects: manifest.objects.filter(o => isJsonObject(o.value) && LINTED_KINDS.includes(String(o.value.kind))) };
    } catch (err) {
      throw new LintInputError((err as Error).message);
    }
  });
  const context = lintContextOf(parsed.flatMap(p => p.objects.map(o => o.value as JsonObject)));
  return parsed.map(({ file, text, manifest, objects }) => {
    const fixable = objects.flatMap(object => lintObject(object.value as JsonObject, context)
      .filter((f): f is ObjectFinding & { fix: Fix } => f.fix !== undefined)
      .map(finding => ({ object, finding })));
    if (fixable.length === 0) return { file, text, fixed: 0, refused: [] };
    const refuse = (reason: string): FixedText => ({
      file, text, fixed: 0,
      refused: fixable.map(({ object, finding }) => ({ file, ...object.locate(finding.path, finding.atKey), rule: finding.rule, reason })),
    });
    if (manifest.duplicateKeys.length > 0) return refuse('the file repeats a key in one mapping, so which value to fix is ambiguous');
    const edits: Edit[] = [];
    const expectations: { object: ManifestObject; change: (value: JsonObject) => void }[] = [];
    const refused: RefusedFix[] = [];
    // Rewrites of one string compose: `cto.docs` is escaped, then anchored.
    const byString = new Map<string, { object: ManifestObject; path: IssuePath; findings: ObjectFinding[] }>();
    for (const { object, finding } of fixable) {
      try {
        if (finding.fix.kind === 'move-to-trigger') {
          edits.push(...moveToTrigger(text, object, finding.path));
          expectations.push({ object, change: value => moveValue(value, finding.path) });
        } else {
          const key = JSON.stringify([objects.indexOf(object), finding.path]);
          const entry = byString.get(key) ?? { object, path: finding.path, findings: [] };
          entry.findings.push(finding);
          byString.set(key, entry);
        }
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        refused.push({ file, ...object.locate(finding.path, finding.atKey), rule: finding.rule, reason: err.message });
      }
    }
    for (const { object, path, findings } of byString.values()) {
      try {
        const node = nodeAt(object, path);
        if (!YAML.isScalar(node) || typeof node.value !== 'string') throw new Refusal('the value is not a plain string');
        let value: string | undefined = node.value;
        for (const finding of findings) {
          value = value === undefined ? undefined : (finding.fix as Extract<Fix, { kind: 'rewrite-string' }>).rewrite(value);
          if (value === undefined) throw new Refusal(`the right rewrite is not certain for this text (${finding.rule})`);
        }
        const range = node.range as [number, number, number];
        edits.push({ start: range[0], end: range[1], text: scalarSource(value, node.type) });
        const fixedValue = value;
        expectations.push({ object, change: data => setAt(data, path, fixedValue) });
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        for (const finding of findings) refused.push({ file, ...object.locate(finding.path, finding.atKey), rule: finding.rule, reason: err.message });
      }
    }
    if (refused.length > 0) return { file, text, fixed: 0, refused };
    const fixedText = applyEdits(text, edits);
    const problem = verify(fixedText, file, manifest.objects, expectations);
    if (problem) return refuse(problem);
    return { file, text: fixedText, fixed: fixable.length, refused: [] };
  });
}

/** The node at `path` of an object; a path through an alias, or onto an anchored node, is refused. */
function nodeAt(object: ManifestObject, path: IssuePath): unknown {
  let node: unknown = object.source.document.contents;
  for (const segment of [...object.source.prefix, ...path]) {
    if (YAML.isAlias(node)) throw new Refusal('the value is shared through a YAML alias: fixing it here would change every use');
    if (YAML.isMap(node)) {
      node = node.items.find(pair => YAML.isScalar(pair.key) && String(pair.key.value) === String(segment))?.value;
    } else if (YAML.isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      throw new Refusal('the field is not where the finding points');
    }
  }
  if (YAML.isAlias(node) || (YAML.isNode(node) && node.anchor)) {
    throw new Refusal('the value is shared through a YAML anchor: fixing it here would change every use');
  }
  return node;
}

/** The source text of a string scalar in the style it had: plain when that reads back the same, else double-quoted. */
function scalarSource(value: string, type: string | undefined): string {
  if (type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (type === 'PLAIN' && isPlainSafe(value)) return value;
  if (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return JSON.stringify(value);
  throw new Refusal('the value is a block scalar: rewrite it by hand');
}

/** A string that reads back as itself as a plain scalar, in block and in flow context. */
function isPlainSafe(value: string): boolean {
  if (value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) || /\s$/.test(value)) return false;
  if (/[\n\r\t]|: |:$| #|[,[\]{}]/.test(value)) return false;
  return YAML.parse(value) === value;
}

/**
 * Edits moving the pair at `path` (`…template.retryStrategy`) out of the template and after
 * it, beside `template` in the trigger, re-indented to the trigger's keys.
 */
function moveToTrigger(text: string, object: ManifestObject, path: IssuePath): Edit[] {
  const triggerPath = path.slice(0, -2);
  const trigger = nodeAt(object, triggerPath);
  const template = nodeAt(object, [...triggerPath, 'template']);
  if (!YAML.isMap(trigger) || !YAML.isMap(template) || trigger.flow || template.flow) {
    throw new Refusal('the trigger or its template is a flow mapping: move retryStrategy by hand');
  }
  if (trigger.items.some(pair => YAML.isScalar(pair.key) && pair.key.value === 'retryStrategy')) {
    throw new Refusal('the trigger has a retryStrategy of its own: which one to keep is ambiguous');
  }
  const templatePair = trigger.items.find(pair => YAML.isScalar(pair.key) && pair.key.value === 'template');
  const moved = template.items.find(pair => YAML.isScalar(pair.key) && pair.key.value === 'retryStrategy');
  if (!templatePair || !moved || !YAML.isScalar(templatePair.key) || !YAML.isScalar(moved.key)) throw new Refusal('the field is not where the finding points');
  const keyStart = (moved.key.range as [number, number, number])[0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '') throw new Refusal('retryStrategy does not start its own line: move it by hand');
  const movedEnd = endOfPair(moved, text);
  const templateEnd = endOfPair(templatePair, text);
  const templateKeyStart = (templatePair.key.range as [number, number, number])[0];
  const triggerColumn = templateKeyStart - (text.lastIndexOf('\n', templateKeyStart - 1) + 1);
  const shift = keyStart - lineStart - triggerColumn;
  const lines = text.slice(lineStart, movedEnd).split('\n');
  const dedented = lines.map(line => {
    if (line.trim() === '') return line.trimStart();
    if (!line.startsWith(' '.repeat(shift))) throw new Refusal('retryStrategy is indented unevenly: move it by hand');
    return line.slice(shift);
  }).join('\n');
  return [
    { start: lineStart, end: movedEnd, text: '' },
    { start: templateEnd, end: templateEnd, text: dedented.endsWith('\n') ? dedented : `${dedented}\n` },
  ];
}

/** The end of a pair's text, through the end of its last line. */
function endOfPair(pair: YAML.Pair, text: string): number {
  const value = pair.value as YAML.Node | null;
  const end = value?.range ? value.range[2] : (pair.key as YAML.Node).range![2];
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].end > sorted[i - 1].start && !(sorted[i].start === sorted[i].end || sorted[i - 1].start === sorted[i - 1].end)) {
      throw new Error('overlapping lint fixes');
    }
  }
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The rewritten text must parse to the original objects with exactly the intended changes; else why not. */
function verify(text: string, file: string, originals: readonly ManifestObject[], expectations: readonly { object: ManifestObject; change: (value: JsonObject) => void }[]): string | undefined {
  let reread;
  try {
    reread = readManifestText(text, file);
  } catch (err) {
    return `the rewritten text would not parse (${(err as Error).message})`;
  }
  const expected = originals.map(o => structuredClone(o.value));
  for (const { object, change } of expectations) change(expected[originals.indexOf(object)] as JsonObject);
  const same = reread.objects.length === expected.length
    && reread.objects.every((o, i) => canonical(o.value) === canonical(expected[i]));
  return same ? undefined : 'the rewritten text would not hold the intended data';
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isJsonObject(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v));
}

/** A JSON object or array, indexed by an issue path's segments. */
type JsonContainer = Record<string | number, unknown>;

function setAt(root: JsonObject, path: IssuePath, value: string): void {
  let node: JsonContainer = root;
  for (const segment of path.slice(0, -1)) node = node[segment] as JsonContainer;
  node[path[path.length - 1]] = value;
}

/** `…template.retryStrategy` moved beside `template`. */
function moveValue(root: JsonObject, path: IssuePath): void {
  let trigger: JsonContainer = root;
  for (const segment of path.slice(0, -2)) trigger = trigger[segment] as JsonContainer;
  const template = trigger.template as JsonContainer;
  trigger.retryStrategy = template.retryStrategy;
  delete template.retryStrategy;
}
