/** replay against large and hostile inputs: streamed with bounded memory, never blocking or looping. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_WHOLE_FILE_BYTES } from '../../src/cli/input-files';
import { runReplay } from '../../src/cli/replay-command';
import { MAX_MALFORMED_LISTED, type ReplaySummary } from '../../src/cli/replay-tally';
import { tempDir, writeTree } from '../helpers/chart';
import { runCli } from '../helpers/cli-process';
import { bufferOutput, failurePayload, stackYaml } from './simulate-fixtures';

// Real processes on a shared machine: room for a slow start (no timed assertion).
jest.setTimeout(30_000);

const NOW = new Date('2025-06-01T12:00:00Z');
const delivery = (body: unknown, id = 'd-1') => ({ headers: { 'X-GitHub-Event': 'workflow_run', 'X-GitHub-Delivery': id }, body });
const failureLine = JSON.stringify(delivery(failurePayload()));

const dir = writeTree(tempDir(), { 'stack.yaml': stackYaml() });
const file = (name: string) => path.join(dir, name);

async function replay(paths: string[]) {
  const output = bufferOutput();
  const code = await runReplay({ sensor: file('stack.yaml'), json: true, now: NOW }, paths, output);
  return { code, err: output.err, summary: output.out === '' ? undefined : (JSON.parse(output.out) as ReplaySummary) };
}

/** Writes `count` lines produced by `line(i)` to `name`, through a stream (never one big string). */
async function writeLines(name: string, count: number, line: (i: number) => string): Promise<string> {
  const out = fs.createWriteStream(file(name));
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await new Promise<void>(resolve => out.once('drain', resolve));
  }
  await new Promise(resolve => out.end(resolve));
  return file(name);
}

describe('replay: large inputs', () => {
  test('an NDJSON file of 130,000 lines (the old reader overflowed the stack spreading them)', async () => {
    const big = file('many.ndjson');
    fs.writeFileSync(big, `${failureLine}\n${'x\n'.repeat(129_999)}`);
    const { code, summary } = await replay([big]);
    expect(code).toBe(0);
    expect(summary!.events).toBe(1);
    expect(summary!.malformedCount).toBe(129_999);
    // Bounded: the first entries are listed, the rest only counted.
    expect(summary!.malformed).toHaveLength(MAX_MALFORMED_LISTED);
    expect(summary!.malformed[0]).toEqual({ location: `${big}:2`, error: expect.stringMatching(/^not valid JSON: /) });
  });

  test('a line over the limit is one malformed entry, the lines after it are read', async () => {
    const name = file('long-line.ndjson');
    fs.writeFileSync(name, '');
    fs.appendFileSync(name, `{"headers": {}, "body": "${'a'.repeat(27_000_000)}"}\n`);
    fs.appendFileSync(name, `${failureLine}\n`);
    const { code, summary } = await replay([name]);
    expect(code).toBe(0);
    expect(summary!.events).toBe(1);
    expect(summary!.malformed).toEqual([{ location: `${name}:1`, error: expect.stringMatching(/^a line of 27\.0 MB, longer than 26\.0 MB .*; skipped$/) }]);
  });

  test('a 540 MB file without newline (over the longest JS string; it failed with ERR_STRING_TOO_LONG)', async () => {
    // Reading 540 MB of a sparse file takes a second or two: a generous timeout, no timed assertion.
    const name = file('zeros.ndjson');
    fs.writeFileSync(name, '');
    fs.truncateSync(name, 540_000_000); // sparse: no disk space used
    const { code, summary } = await replay([name]);
    expect(code).toBe(0);
    expect(summary!.malformed).toEqual([{ location: `${name}:1`, error: expect.stringMatching(/^a line of 540\.0 MB, longer than/) }]);
  }, 30_000);

  test('a .json file over the whole-file limit is one malformed entry with the fix', async () => {
    const name = file('huge.json');
    fs.writeFileSync(name, '');
    fs.truncateSync(name, MAX_WHOLE_FILE_BYTES + 1);
    const { code, summary } = await replay([name]);
    expect(code).toBe(0);
    expect(summary!.malformed).toEqual([{ location: name, error: 'larger than 64 MiB, the most read whole as one JSON value; write one delivery per line (NDJSON, .ndjson)' }]);
  });

  test('a .json file over the whole-file limit holding NDJSON is streamed', async () => {
    const name = await writeLines('lines.json', 2, () => failureLine);
    // Padding in blank lines of 1 MiB (under the line limit).
    fs.appendFileSync(name, `${' '.repeat(1024 * 1024)}\n`.repeat(MAX_WHOLE_FILE_BYTES / (1024 * 1024)));
    const { summary } = await replay([name]);
    expect([summary!.events, summary!.malformedCount]).toEqual([2, 0]);
  });
});

describe('replay: entries users get slightly wrong', () => {
  test('a byte order mark on the first NDJSON line is accepted', async () => {
    fs.writeFileSync(file('bom.ndjson'), `\uFEFF${failureLine}\n${failureLine}\n`);
    fs.writeFileSync(file('bom.json'), `\uFEFF${failureLine}`);
    const { summary } = await replay([file('bom.ndjson'), file('bom.json')]);
    expect([summary!.events, summary!.malformed]).toEqual([3, []]);
  });

  test('a raw webhook body says how to wrap it', async () => {
    fs.writeFileSync(file('raw.ndjson'), `${JSON.stringify(failurePayload())}\n`);
    const { summary } = await replay([file('raw.ndjson')]);
    expect(summary!.malformed).toEqual([{
      location: `${file('raw.ndjson')}:1`,
      error: expect.stringMatching(/^this looks like a raw webhook body; wrap it as \{"headers": \{"X-GitHub-Event": "<event>", "X-GitHub-Delivery": "<id>"\}, "body": <the payload>\}/),
    }]);
  });

  test('a .json file holding an array of deliveries: one entry per element', async () => {
    fs.writeFileSync(file('array.json'), JSON.stringify([delivery(failurePayload(), 'a'), 'oops', delivery(failurePayload(), 'b')], null, 2));
    const { summary } = await replay([file('array.json')]);
    expect(summary!.events).toBe(2);
    expect(summary!.malformed.map(m => m.location)).toEqual([`${file('array.json')}[1]`]);
  });
});

describe('replay: folders with things that are not event files (real command line)', () => {
  const tree = writeTree(tempDir(), { 'a/ok.ndjson': `${failureLine}\n`, 'a/sub/ok.json': failureLine });
  execFileSync('mkfifo', [path.join(tree, 'a', 'pipe.ndjson')]);
  fs.symlinkSync(path.join(tree, 'missing.json'), path.join(tree, 'a', 'dangling.json'));
  fs.symlinkSync('self.json', path.join(tree, 'a', 'self.json'));
  fs.symlinkSync('..', path.join(tree, 'a', 'sub', 'up'));

  test('skips a FIFO, a broken link and link loops, saying so on one line, and replays the rest', () => {
    // The timeout only stops a blocked process (the old reader blocked on the FIFO forever).
    const result = runCli(['replay', '--sensor', file('stack.yaml'), '--json', path.join(tree, 'a')], { timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).events).toBe(2);
    const lines = result.stderr.split('\n').filter(line => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^replay: skipped 4 path\(s\) that cannot be read as event files: /);
    expect(lines[0]).toContain(`${path.join(tree, 'a', 'dangling.json')} (a broken symbolic link (to ${path.join(tree, 'missing.json')}))`);
    expect(lines[0]).toContain(`${path.join(tree, 'a', 'pipe.ndjson')} (a named pipe (FIFO))`);
    expect(lines[0]).toContain(`${path.join(tree, 'a', 'self.json')} (a symbolic link loop)`);
    expect(lines[0]).toContain(`${path.join(tree, 'a', 'sub', 'up')} (a folder already walked`);
  });

  test('a broken link named on the command line: exit 2, one plain line', () => {
    const result = runCli(['replay', '--sensor', file('stack.yaml'), path.join(tree, 'a', 'dangling.json')]);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe(`cannot read ${path.join(tree, 'a', 'dangling.json')}: a broken symbolic link (to ${path.join(tree, 'missing.json')})\n`);
  });

  test('- reads NDJSON from standard input; it can be read once', () => {
    const result = runCli(['replay', '--sensor', file('stack.yaml'), '--json', '-'], { input: `\uFEFF${failureLine}\n${failureLine}\n` });
    expect([result.status, result.stderr, JSON.parse(result.stdout).events]).toEqual([0, '', 2]);
    const twice = runCli(['replay', '--sensor', '-', '-'], { input: '' });
    expect([twice.status, twice.stderr]).toEqual([2, 'only one input can be read from standard input (-)\n']);
  });
});
