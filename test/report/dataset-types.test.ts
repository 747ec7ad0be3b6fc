/**
 * The test dataset's response shapes are checked against `@octokit/openapi-types` by the
 * TypeScript compiler (jest transpiles without type checking, so this runs tsc on them).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { PROJECT_ROOT } from '../helpers/chart';

it('the fake GitHub answers in the REST API schema types', () => {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join('test', 'report', 'tsconfig.json')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}, 180_000); // tsc on a loaded machine: far beyond jest's 5 s default
