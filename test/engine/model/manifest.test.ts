import * as path from 'path';
import { loadSensorFile } from '../../../src/engine/model';
import { tempDir, writeTree } from '../../helpers/chart';

describe('loadSensorFile', () => {
  const dir = writeTree(tempDir(), {
    'stack.yaml': 'kind: EventSource\n---\nkind: Sensor\nmetadata: {name: first}\n---\nkind: Sensor\nmetadata: {name: second}\n',
    'none.yaml': 'kind: EventSource\n',
    'broken.yaml': 'kind: [\n',
  });

  test('the first Sensor wins', () => {
    expect(loadSensorFile(path.join(dir, 'stack.yaml')).raw).toEqual({ kind: 'Sensor', metadata: { name: 'first' } });
  });

  test.each([
    ['missing.yaml', /^cannot read .*missing\.yaml: ENOENT$/],
    ['none.yaml', /^.*none\.yaml: no Sensor \(an object with kind: Sensor\) found$/],
    ['broken.yaml', /^.*broken\.yaml:\d+:\d+: not valid YAML\/JSON: /],
  ])('%s fails with a one-line error', (file, message) => {
    expect(() => loadSensorFile(path.join(dir, file))).toThrow(message);
  });
});
