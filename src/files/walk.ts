/**
 * The one folder walk of the project (the templates tree, `replay`'s folders of deliveries):
 * sorted, depth first, following symbolic links, and handing every case a caller must rule on
 * (a link that cannot be resolved, a folder met again, something that is neither a file nor a
 * folder, a folder that cannot be read) to the caller's {@link WalkVisitor}, which skips or throws.
 *
 * Not `fs.readdirSync(dir, {recursive: true})`: in Node 20 it does not follow a symbolic link to
 * a folder (the link is listed, its folder is not walked), which both walks must do, and a folder
 * it cannot read anywhere below fails the whole call, where `replay` skips that folder alone.
 */
import * as fs from 'fs';
import * as path from 'path';

/** An entry met by {@link walkTree}. */
export interface WalkEntry {
  /** Path under the root, with `/` separators. */
  readonly relativePath: string;
  /** The root joined with the relative path: the path as walked, through links. */
  readonly fullPath: string;
  /** Whether the entry itself is a symbolic link. */
  readonly isLink: boolean;
}

/** What the caller rules on; each method may throw to end the walk. */
export interface WalkVisitor {
  /** A link that cannot be followed (it leads nowhere, or loops): `err` is the system's. */
  unresolvable(entry: WalkEntry, err: NodeJS.ErrnoException): void;
  /** A link resolved to `real`, before its target is classified. */
  link?(entry: WalkEntry, real: string): void;
  /**
   * A folder: whether to walk it. `ancestors` are the real paths of the folders from the root
   * down to the one holding it, so `ancestors.includes(real)` means a loop.
   */
  folder(entry: WalkEntry, stats: fs.Stats, real: string, ancestors: readonly string[]): boolean;
  /** A regular file. */
  file(entry: WalkEntry, stats: fs.Stats): void;
  /** Neither a file nor a folder: a FIFO, a socket or a device (never opened). */
  other(entry: WalkEntry, stats: fs.Stats): void;
  /** A folder whose entries cannot be listed (the root included). */
  unreadable(folder: string, err: NodeJS.ErrnoException): void;
}

/** Byte-order comparison of names (as `Array.prototype.sort` without a comparator, but explicit). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walks the folder `root` (not the root itself: the caller has ruled on it). */
export function walkTree(root: string, visitor: WalkVisitor): void {
  const walk = (relative: string, ancestors: readonly string[]): void => {
    const dir = relative === '' ? root : path.join(root, relative);
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
    } catch (err) {
      visitor.unreadable(dir, err as NodeJS.ErrnoException);
      return;
    }
    for (const dirent of names) {
      const relativePath = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      const entry: WalkEntry = { relativePath, fullPath: path.join(root, relativePath), isLink: dirent.isSymbolicLink() };
      let real = path.join(ancestors[ancestors.length - 1], dirent.name);
      let stats: fs.Stats;
      try {
        if (entry.isLink) real = fs.realpathSync(entry.fullPath);
        stats = fs.statSync(entry.isLink ? real : entry.fullPath);
      } catch (err) {
        visitor.unresolvable(entry, err as NodeJS.ErrnoException);
        continue;
      }
      if (entry.isLink) visitor.link?.(entry, real);
      if (stats.isDirectory()) {
        if (visitor.folder(entry, stats, real, ancestors)) walk(relativePath, [...ancestors, real]);
      } else if (stats.isFile()) {
        visitor.file(entry, stats);
      } else {
        visitor.other(entry, stats);
      }
    }
  };
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch (err) {
    visitor.unreadable(root, err as NodeJS.ErrnoException);
    return;
  }
  walk('', [realRoot]);
}
