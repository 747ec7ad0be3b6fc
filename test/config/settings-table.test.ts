import * as fs from 'fs';
import * as path from 'path';
import { Type } from '@sinclair/typebox';
import { settingRows, settingsTable, withSettingsTable } from '../../src/config/settings-table';

const README = path.resolve(__dirname, '..', '..', 'README.md');

test('the README settings table is the one the settings definition renders (else: node scripts/settings-table.js --write)', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(withSettingsTable(readme)).toBe(readme);
});

test('a table that differs from the definition is detected', () => {
  const readme = fs.readFileSync(README, 'utf8');
  const stale = readme.replace('| `sensor.replicas` | `1` |', '| `sensor.replicas` | `2` |');
  expect(stale).not.toBe(readme);
  expect(withSettingsTable(stale)).toBe(readme);
});

test('every setting is a row with its default, groups expand into their fields', () => {
  const rows = new Map(settingRows().map(row => [row.path, row]));
  expect(rows.get('sensor.retryStrategy')?.defaultText).toBe('`{steps: 3, duration: 10s, factor: 2, jitter: 0.1}`');
  expect(rows.get('filters.skipToken')?.defaultText).toBe('`"[skip-ci-remediation]"`');
  expect(rows.get('codeRun.cli.model')?.defaultText).toBe('`codeRun.model`');
  expect(rows.get('argoCd.repoUrl')?.defaultText).toBe('–');
  expect(rows.has('sensor')).toBe(false);
  expect(rows.has('sensor.resources.requests.cpu')).toBe(false);
});

test('a setting without a description cannot be added', () => {
  const schema = Type.Object({ group: Type.Object({ documented: Type.String({ description: 'yes' }), bare: Type.String() }) });
  expect(() => settingsTable(schema)).toThrow('setting group.bare has no description');
});

test('pipes in a cell are escaped, so the row keeps three columns', () => {
  const schema = Type.Object({ a: Type.String({ description: 'x | y', default: 'p|q' }) });
  expect(settingsTable(schema)).toContain('| `a` | `p\\|q` | x \\| y |');
});
