/**
 * The files of a templates tree, as synth, `templates check` and `templates render` see them.
 *
 * Symbolic links that stay inside the tree are followed (a file or folder linked from another
 * place in the tree is a template like any other). Nothing is skipped silently: a link that leaves
 * the tree, leads nowhere or loops, and anything that is not a regular file or folder (a FIFO, a
 * socket, a device), is an error naming the path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { walkTree } from '../files/walk';

/** One file of the tree. */
export interface TreeFile {
  /** Path relative to the tree's root, with `/` separators. */
  readonly relativePath: string;
  /** Path to read it from (under the root as given; symlinks are resolved by the system). */
  readonly fullPath: string;
}

/** A templates tree synth and the checks refuse; the message names the path. */
export class TemplateTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateTreeError';
  }
}

/** True when `real` is `realRoot` or inside it (both real paths). */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/** Every regular file under `root`, sorted by relative path (byte order). */
export function walkTemplatesTree(root: string): TreeFile[] {
  const realRoot = fs.realpathSync(root);
  const files: TreeFile[] = [];
  const shown = (relative: string): string => `templates/${relative}`;
  walkTree(root, {
    unresolvable(entry, err) {
      if (!entry.isLink) throw err;
      const why = err.code === 'ELOOP' ? 'loops' : 'leads to nothing';
      throw new TemplateTreeError(`${shown(entry.relativePath)}: symbolic link ${why} (${fs.readlinkSync(entry.fullPath)}); remove it or point it at a file in the tree`);
    },
    link(entry, real) {
      if (!isInside(realRoot, real)) {
        throw new TemplateTreeError(`${shown(entry.relativePath)}: symbolic link to ${real}, outside the templates folder ${realRoot}; copy the file into the tree instead`);
      }
    },
    // A folder linked from elsewhere in the tree is walked again under the link's path; only a
    // link to a folder that holds it (a loop) is refused.
    folder(entry, _stats, real, ancestors) {
      if (ancestors.includes(real)) {
        throw new TemplateTreeError(`${shown(entry.relativePath)}: symbolic link to a folder that contains it (a loop); remove it`);
      }
      return true;
    },
    file(entry) {
      files.push({ relativePath: entry.relativePath, fullPath: entry.fullPath });
    },
    other(entry) {
      throw new TemplateTreeError(`${shown(entry.relativePath)}: not a regular file (a FIFO, socket or device); a template must be a file`);
    },
    unreadable(_folder, err) {
      throw err;
    },
  });
  return files;
}
