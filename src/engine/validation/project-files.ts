/**
 * Finds files vendored in the project (schemas, CRDs) from wherever this module runs:
 * `src/` under ts-jest or ts-node, `lib/src/` after `tsc`.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Absolute path of `relativePath` in the nearest ancestor directory that has it; throws if none has. */
export function findProjectFile(relativePath: string): string {
  let directory = __dirname;
  for (;;) {
    const candidate = path.join(directory, relativePath);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`cannot find ${relativePath} in ${__dirname} or any directory above it`);
    }
    directory = parent;
  }
}
