/**
 * Reading a settings file (YAML or JSON) into data; resolve.ts validates and resolves it.
 */
import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as YAML from 'yaml';
import { SettingsError } from './validate';

/** Reads and parses a settings file; throws SettingsError naming the file. */
export function readSettingsFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new SettingsError([`cannot read the settings file: ${(err as Error).message}`], file);
  }
  // Decoding replaces bytes that are not UTF-8 with U+FFFD, which would reach dist/ silently.
  if (!isUtf8(bytes)) {
    throw new SettingsError([notUtf8Problem(bytes)], file);
  }
  const text = bytes.toString('utf8');
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new SettingsError(doc.errors.map(e => `not valid YAML: ${e.message.split('\n')[0]}`), file);
  }
  // An empty file means "all defaults".
  return doc.toJS() ?? {};
}

/** Names the field (and line) holding the first bytes that are not UTF-8. */
function notUtf8Problem(bytes: Buffer): string {
  // 0x0A never occurs inside a UTF-8 sequence, so lines can be checked one by one, and the
  // lossy decoding keeps the same lines.
  const lines: Buffer[] = [];
  for (let start = 0; start <= bytes.length;) {
    const end = bytes.indexOf(0x0a, start);
    lines.push(bytes.subarray(start, end === -1 ? bytes.length : end));
    if (end === -1) break;
    start = end + 1;
  }
  const bad = lines.findIndex(line => !isUtf8(line));
  const lossy = bytes.toString('utf8').split('\n');
  const offset = lossy.slice(0, bad).reduce((sum, line) => sum + line.length + 1, 0) + Math.max(0, lossy[bad].indexOf('\uFFFD'));
  const doc = YAML.parseDocument(lossy.join('\n'));
  const field = fieldAt(doc.contents, offset, '') ?? '(top level)';
  return `${field} (line ${bad + 1}): holds bytes that are not UTF-8; save the settings file as UTF-8`;
}

/** Path of the deepest mapping key or list item whose source covers `offset`. */
function fieldAt(node: unknown, offset: number, prefix: string): string | undefined {
  const covers = (start?: number, end?: number): boolean => start !== undefined && end !== undefined && offset >= start && offset < end;
  if (YAML.isMap(node)) {
    for (const pair of node.items) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const name = prefix ? `${prefix}.${key}` : key;
      const keyRange = (pair.key as YAML.Node | null)?.range;
      const valueRange = (pair.value as YAML.Node | null)?.range;
      if (covers(keyRange?.[0], keyRange?.[1])) return prefix ? `a key of ${prefix}` : 'a top-level key';
      if (covers(keyRange?.[0], valueRange?.[1])) return fieldAt(pair.value, offset, name) ?? name;
    }
  } else if (YAML.isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const name = `${prefix}[${i}]`;
      if (covers((item as YAML.Node).range?.[0], (item as YAML.Node).range?.[1])) return fieldAt(item, offset, name) ?? name;
    }
  }
  return undefined;
}
