/**
 * Turns the templates tree into ConfigMap contents: one key per file, compiled with
 * Handlebars first, split by top-level folder when one ConfigMap would be too large.
 *
 * Files directly in the templates folder (README, example context) document the tree
 * and are not shipped; templates live in sub-folders (`code/`, `agents/`, ...).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { checkTemplateSource, EXAMPLE_CONTEXT_FILE } from './check';
import { loadContext } from './render';
import { walkTemplatesTree } from './tree';

/** The API server rejects objects over 1 MiB. */
export const CONFIG_MAP_MAX_BYTES = 1_048_576;
/** Client-side apply stores the object in an annotation limited to 256 KiB. */
export const LAST_APPLIED_MAX_BYTES = 262_144;
/** Room left for metadata when deciding whether the data fits. */
const METADATA_ALLOWANCE = 4_096;

/** One template file. */
export interface TemplateFile {
  /** Path relative to the templates folder, with `/` separators. */
  readonly relativePath: string;
  /** ConfigMap key: the path with `/` replaced by `_`. */
  readonly key: string;
  readonly content: Buffer;
}

/** The data of one ConfigMap. */
export interface TemplateGroup {
  /** Top-level folder the group holds, or undefined for the single, unsplit group. */
  readonly folder?: string;
  readonly files: readonly TemplateFile[];
  /** Approximate serialized size of the data (JSON-escaped), in bytes. */
  readonly size: number;
}

/** A problem with the templates tree; the message names the file. */
export class TemplateBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateBundleError';
  }
}

/** ConfigMap key for a relative path. */
export function configMapKey(relativePath: string): string {
  return relativePath.split('/').join('_');
}

/** Reads every template under `dir` (sorted), checking keys and collisions. */
export function collectTemplates(dir: string): TemplateFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new TemplateBundleError(`templates folder ${dir} does not exist; set templates.dir to the folder holding the agent templates`);
  }
  const files: TemplateFile[] = walkTemplatesTree(dir)
    .filter(file => file.relativePath.includes('/'))
    .map(file => ({ relativePath: file.relativePath, key: configMapKey(file.relativePath), content: fs.readFileSync(file.fullPath) }));
  if (files.length === 0) {
    throw new TemplateBundleError(`templates folder ${dir} holds no templates (templates live in sub-folders such as code/ or agents/)`);
  }
  checkKeys(files);
  return files;
}

function checkKeys(files: readonly TemplateFile[]): void {
  const byKey = new Map<string, string>();
  for (const file of files) {
    if (!/^[-._a-zA-Z0-9]+$/.test(file.key) || file.key.length > 253) {
      throw new TemplateBundleError(`templates/${file.relativePath}: ConfigMap key ${JSON.stringify(file.key)} may only hold letters, digits, "-", "_" and "." (at most 253 characters); rename the file`);
    }
    const other = byKey.get(file.key);
    if (other !== undefined) {
      throw new TemplateBundleError(`templates/${other} and templates/${file.relativePath} both map to the ConfigMap key ${JSON.stringify(file.key)}; rename one of them`);
    }
    byKey.set(file.key, file.relativePath);
  }
}

/**
 * Applies the rules of `templates check` to every `.hbs` file (compile with the controller's
 * built-in helpers only; no partials, decorators or `env`; with `knownFields`, only the fields of
 * the controller's context): one error listing every problem as `templates/<file>:<line>: ...`.
 */
export function compileTemplates(files: readonly TemplateFile[], knownFields?: ReadonlySet<string>): void {
  const problems = files
    .filter(f => f.relativePath.endsWith('.hbs'))
    .flatMap(f => checkTemplateSource(f.content.toString('utf8'), `templates/${f.relativePath}`, knownFields).problems);
  if (problems.length > 0) {
    throw new TemplateBundleError(problems.length === 1 ? problems[0] : `the agent templates break the controller's rules:\n${problems.map(p => `  - ${p}`).join('\n')}`);
  }
}

/** The fields of the controller's context, from the tree's example context; undefined without one. */
export function exampleContextFields(dir: string): ReadonlySet<string> | undefined {
  const file = path.join(dir, EXAMPLE_CONTEXT_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    return new Set(Object.keys(loadContext(file)));
  } catch (err) {
    throw new TemplateBundleError((err as Error).message);
  }
}

/** Size a file adds to the serialized ConfigMap (key, JSON-escaped value, punctuation). */
function entrySize(file: TemplateFile): number {
  return Buffer.byteLength(JSON.stringify(file.key)) + Buffer.byteLength(JSON.stringify(file.content.toString('utf8'))) + 2;
}

/**
 * One group when everything fits in one ConfigMap; else one group per top-level
 * folder. A folder too large on its own is an error naming it.
 */
export function groupTemplates(files: readonly TemplateFile[]): TemplateGroup[] {
  const limit = CONFIG_MAP_MAX_BYTES - METADATA_ALLOWANCE;
  const total = files.reduce((sum, f) => sum + entrySize(f), 0);
  if (total <= limit) {
    return [{ files, size: total }];
  }
  const byFolder = new Map<string, TemplateFile[]>();
  for (const file of files) {
    const folder = file.relativePath.split('/')[0];
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder.entries()].map(([folder, groupFiles]) => {
    const size = groupFiles.reduce((sum, f) => sum + entrySize(f), 0);
    if (size > limit) {
      throw new TemplateBundleError(`templates/${folder}/ holds ${size} bytes: a ConfigMap must stay under ${CONFIG_MAP_MAX_BYTES} bytes; split it into several top-level folders`);
    }
    return { folder, files: groupFiles, size };
  });
}

/** sha256 over every path and content, so workloads can roll when templates change. */
export function templatesChecksum(files: readonly TemplateFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.relativePath).update('\0').update(file.content).update('\0');
  }
  return hash.digest('hex');
}

