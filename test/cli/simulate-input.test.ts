/** simulate's inputs as a user may give them: standard input, a BOM, a raw body, a hostile Sensor file. */
import * as fs from 'fs';
import * as path from 'path';
import { tempDir, writeTree } from '../helpers/chart';
import { runCli } from '../helpers/cli-process';
import { failurePayload, stackYaml } from './simulate-fixtures';

// Real processes on a shared machine: room for a slow start (no timed assertion).
jest.setTimeout(30_000);

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'kind: Sensor',
].join('\n');

const dir = writeTree(tempDir(), {
  'stack.yaml': stackYaml(),
  'failure.json': JSON.stringify(failurePayload()),
  'bomb.yaml': billionLaughs,
});
const file = (name: string) => path.join(dir, name);

describe('simulate: inputs', () => {
  test('a YAML alias bomb as --sensor: exit 2, one line naming the file', () => {
    const result = runCli(['simulate', '--sensor', file('bomb.yaml'), '--github-event', 'workflow_run', '--payload', file('failure.json')]);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe(`${file('bomb.yaml')}: too many YAML alias expansions (more than 100 references to anchors: an alias bomb?)\n`);
  });

  test('a device that never ends as --sensor is read up to the whole-file limit, then refused (it grew to 8 GB)', () => {
    const result = runCli(['simulate', '--sensor', '/dev/zero', '--github-event', 'workflow_run', '--payload', file('failure.json')]);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe('cannot read Sensor file /dev/zero: larger than 64 MiB, the most read whole\n');
  });

  test('a raw webhook body as --event says how to give it', () => {
    const result = runCli(['simulate', '--sensor', file('stack.yaml'), '--event', file('failure.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^.*failure\.json: this looks like a raw webhook body; wrap it as .* or simulate it with --github-event NAME --payload FILE\n$/);
  });

  test('- reads --payload (with a byte order mark) or --sensor from standard input', () => {
    const payload = runCli(['simulate', '--sensor', file('stack.yaml'), '--github-event', 'workflow_run', '--payload', '-', '--json'], {
      input: `\uFEFF${fs.readFileSync(file('failure.json'), 'utf8')}`,
    });
    expect([payload.status, payload.stderr]).toEqual([0, '']);
    expect(JSON.parse(payload.stdout).triggers[0].fired).toBe(true);
    const sensor = runCli(['simulate', '--sensor', '-', '--github-event', 'workflow_run', '--payload', file('failure.json'), '--json'], {
      input: fs.readFileSync(file('stack.yaml'), 'utf8'),
    });
    expect([sensor.status, sensor.stderr, JSON.parse(sensor.stdout).triggers[0].fired]).toEqual([0, '', true]);
  });
});
