import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { lintFiles } from '../../src/lint';
import { synthChart, tempDir } from '../helpers/chart';

describe("the project's own synthesized chart", () => {
  const dir = tempDir('lint-chart-');

  test('lints clean', () => {
    const file = path.join(dir, 'chart.yaml');
    const manifests = synthChart();
    expect(manifests.map(m => m.kind)).toEqual(expect.arrayContaining(['Sensor', 'EventSource']));
    fs.writeFileSync(file, manifests.map(m => YAML.stringify(m)).join('---\n'));
    expect(lintFiles([file])).toEqual([]);
  });
});
