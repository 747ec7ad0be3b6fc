import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { walkTree, type WalkVisitor } from '../../src/files/walk';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Every call the walk makes, as `kind relativePath`, in order; folders are walked unless they loop. */
function record(root: string): string[] {
  const calls: string[] = [];
  const visitor: WalkVisitor = {
    unresolvable: (entry, err) => calls.push(`unresolvable ${entry.relativePath} ${err.code}`),
    link: entry => calls.push(`link ${entry.relativePath}`),
    folder: (entry, _stats, real, ancestors) => {
      const loop = ancestors.includes(real);
      calls.push(`folder ${entry.relativePath}${loop ? ' (loop)' : ''}`);
      return !loop;
    },
    file: entry => calls.push(`file ${entry.relativePath}`),
    other: entry => calls.push(`other ${entry.relativePath}`),
    unreadable: folder => calls.push(`unreadable ${folder}`),
  };
  walkTree(root, visitor);
  return calls;
}

test('sorted depth first by name, links followed, each case handed to the visitor', () => {
  const root = path.join(scratch, 'tree');
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
  fs.mkdirSync(path.join(root, 'c'));
  fs.writeFileSync(path.join(root, 'a', 'b', 'f'), '');
  fs.writeFileSync(path.join(root, 'a-z'), '');
  fs.writeFileSync(path.join(root, 'c', 'g'), '');
  fs.symlinkSync('../c', path.join(root, 'a', 'linked'));
  fs.symlinkSync('..', path.join(root, 'a', 'up'));
  fs.symlinkSync('nowhere', path.join(root, 'broken'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  expect(record(root)).toEqual([
    // 'a' before 'a-z': a folder's contents come at its name's place.
    'folder a',
    'folder a/b',
    'file a/b/f',
    'link a/linked',
    'folder a/linked',
    'file a/linked/g',
    'link a/up',
    'folder a/up (loop)',
    'file a-z',
    'unresolvable broken ENOENT',
    'folder c',
    'file c/g',
    'other pipe',
  ]);
});

test('a root that does not exist is unreadable', () => {
  expect(record(path.join(scratch, 'missing'))).toEqual([`unreadable ${path.join(scratch, 'missing')}`]);
});
