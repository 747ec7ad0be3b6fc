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
  // `chain`: the real folders from the root down to this one, to tell a loop from a second path.
  const walk = (relative: string, chain: readonly string[]): void => {
    const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(root, rel);
      let kind: fs.Stats | fs.Dirent = entry;
      let real = path.join(chain[chain.length - 1], entry.name);
      if (entry.isSymbolicLink()) {
        try {
          real = fs.realpathSync(full);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          const why = code === 'ELOOP' ? 'loops' : 'leads to nothing';
          throw new TemplateTreeError(`${shown(rel)}: symbolic link ${why} (${fs.readlinkSync(full)}); remove it or point it at a file in the tree`);
        }
        if (!isInside(realRoot, real)) {
          throw new TemplateTreeError(`${shown(rel)}: symbolic link to ${real}, outside the templates folder ${realRoot}; copy the file into the tree instead`);
        }
        kind = fs.statSync(real);
      }
      if (kind.isDirectory()) {
        if (chain.includes(real)) {
          throw new TemplateTreeError(`${shown(rel)}: symbolic link to a folder that contains it (a loop); remove it`);
        }
        walk(rel, [...chain, real]);
      } else if (kind.isFile()) {
        files.push({ relativePath: rel, fullPath: full });
      } else {
        throw new TemplateTreeError(`${shown(rel)}: not a regular file (a FIFO, socket or device); a template must be a file`);
      }
    }
  };
  walk('', [realRoot]);
  return files;
}
