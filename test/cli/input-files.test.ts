import * as fs from 'fs';
import * as path from 'path';
import { MAX_LINE_BYTES, readTextInput, splitLines, type Line } from '../../src/cli/input-files';
import { InputError } from '../../src/cli/output';
import { tempDir } from '../helpers/chart';

async function lines(chunks: (string | Buffer)[], max?: number): Promise<Line[]> {
  // eslint-disable-next-line @typescript-eslint/require-await -- an async source, as a stream is, that has its chunks at hand
  async function* source() {
    for (const chunk of chunks) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
  const result: Line[] = [];
  for await (const line of splitLines(source(), max)) result.push(line);
  return result;
}

describe('splitLines', () => {
  test('lines across chunk boundaries, CRLF, a last line without newline, numbered from 1', async () => {
    expect(await lines(['{"a"', ':1}\r\n\n{"b":2', '}\n{"c":3}'])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '' },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: '{"c":3}' },
    ]);
  });

  test('a byte order mark on the first line is dropped, and only there', async () => {
    expect(await lines(['\uFEFF{"a":1}\n\uFEFFx\n'])).toEqual([{ number: 1, text: '{"a":1}' }, { number: 2, text: '\uFEFFx' }]);
  });

  test('a multi-byte character split between chunks stays whole', async () => {
    const bytes = Buffer.from('"é"\n');
    expect(await lines([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual([{ number: 1, text: '"é"' }]);
  });

  test('a line over the limit is reported with its length, and the next line is read', async () => {
    expect(await lines(['0123', '456789', '\nok\n'], 8)).toEqual([{ number: 1, tooLong: 10 }, { number: 2, text: 'ok' }]);
  });

  test('an endless input without newline yields one over-long line (bytes dropped as they come)', async () => {
    const chunk = Buffer.alloc(1024 * 1024);
    const many = Array.from({ length: 40 }, () => chunk);
    expect(await lines(many, 1024 * 1024)).toEqual([{ number: 1, tooLong: 40 * 1024 * 1024 }]);
  });

  test('the default limit is GitHub\'s 25 MB payload cap plus room for the headers', () => {
    expect(MAX_LINE_BYTES).toBeGreaterThan(25e6);
    expect(MAX_LINE_BYTES).toBeLessThan(27e6);
  });
});

describe('readTextInput', () => {
  const dir = tempDir();

  test('drops a byte order mark', () => {
    fs.writeFileSync(path.join(dir, 'bom.json'), '\uFEFF{"a":1}');
    expect(readTextInput(path.join(dir, 'bom.json'), 'event file')).toBe('{"a":1}');
  });

  test('reads at most the limit, then names the file and the limit', () => {
    fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(3 * 1024 * 1024, 0x20));
    expect(() => readTextInput(path.join(dir, 'big.json'), 'event file', 2 * 1024 * 1024)).toThrow(
      new InputError(`cannot read event file ${path.join(dir, 'big.json')}: larger than 2 MiB, the most read whole`),
    );
  });

  test('a missing file and a folder, in plain words', () => {
    expect(() => readTextInput(path.join(dir, 'nope.json'), 'event file')).toThrow(`cannot read event file ${path.join(dir, 'nope.json')}: no such file or folder`);
    expect(() => readTextInput(dir, 'event file')).toThrow(`cannot read event file ${dir}: is a folder, not a file`);
  });
});
