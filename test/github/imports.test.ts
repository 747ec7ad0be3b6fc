/**
 * The import directions src/github exists for: it is a leaf (constants and pure functions), so the
 * settings, the trigger, the filters, status/watch, report and serve can all read it without
 * reading one another; and the modules that used to reach across read it instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from '../helpers/chart';

const SRC = path.join(PROJECT_ROOT, 'src');

/** The project modules `file` imports (static, type-only and `require` alike), as paths under src/ without extension. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(SRC, file), 'utf8'), true, true);
  return importedFiles
    .map(imported => imported.fileName)
    .filter(name => name.startsWith('.'))
    .map(name => path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), name)));
}

/** Every .ts file under `folder` (relative to src/). */
function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(SRC, folder), { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && e.name.endsWith('.ts'))
    .map(e => path.relative(SRC, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));
}

const importing = (folder: string, target: RegExp): string[] =>
  filesUnder(folder).flatMap(file => importsOf(file).filter(i => target.test(i)).map(i => `${file} -> ${i}`));

test('src/github imports nothing outside itself', () => {
  expect(importing('github', /^(?!github\/)/)).toEqual([]);
});

test('the settings do not import the trigger, and the trigger parameters do not import the filters', () => {
  expect(importing('config', /^triggers\//)).toEqual([]);
  expect(importing('engine/triggers', /^engine\/filters\//)).toEqual([]);
});

test('status, watch and report read the CodeRun and GitHub names from src/github, not the trigger', () => {
  expect([...importing('cluster', /^triggers\//), ...importing('report', /^triggers\//)]).toEqual([]);
});

test('replay and serve do not import simulate', () => {
  expect([...importing('cli', /^cli\/simulate-command$/), ...importing('serve', /^cli\/simulate-command$/)])
    .toEqual(['cli/index.ts -> cli/simulate-command']);
});
