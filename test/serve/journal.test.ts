/** The journal: group-committed appends read back, torn tails cut, corruption refused. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JournalError, JournalWriter, recoverJournal, type JournalDelivery } from '../../src/serve/journal';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-journal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const delivery = (seq: number, deliveryId = `d-${seq}`): JournalDelivery => ({ type: 'delivery', seq, deliveryId, receivedAt: '2026-01-01T00:00:00Z', headers: { 'X-Github-Event': ['push'] }, body: '{"a":"\\n"}' });

test('concurrent appends all land, each on its own line, and read back as pending until processed', async () => {
  const file = path.join(dir, 'a.ndjson');
  expect(recoverJournal(file)).toEqual({ pending: [], lastSeq: 0, processedIds: [], tornBytes: 0 });
  const writer = new JournalWriter(file);
  await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(delivery(i + 1))));
  await Promise.all(Array.from({ length: 150 }, (_, i) => writer.append({ type: 'processed', seq: i + 1 })));
  await writer.close();
  const recovered = recoverJournal(file);
  expect(recovered.lastSeq).toBe(200);
  expect(recovered.pending.map(d => d.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 151 + i));
  expect(recovered.pending[0]).toEqual(delivery(151));
  expect(recovered.processedIds).toHaveLength(150);
  expect(recovered.tornBytes).toBe(0);
  await expect(writer.append(delivery(201))).rejects.toThrow('journal closed');
});

test('a torn last line (no newline) is cut off and the journal stays appendable', async () => {
  const file = path.join(dir, 'b.ndjson');
  const whole = `${JSON.stringify(delivery(1))}\n`;
  fs.writeFileSync(file, `${whole}${JSON.stringify(delivery(2)).slice(0, 30)}`);
  const recovered = recoverJournal(file);
  expect(recovered.pending.map(d => d.seq)).toEqual([1]);
  expect(recovered.tornBytes).toBe(30);
  expect(fs.readFileSync(file, 'utf8')).toBe(whole);
  const writer = new JournalWriter(file);
  await writer.append(delivery(2));
  await writer.close();
  expect(recoverJournal(file).pending.map(d => d.seq)).toEqual([1, 2]);
});

test('a line that is not a record before the end is refused, naming the line', () => {
  const file = path.join(dir, 'c.ndjson');
  fs.writeFileSync(file, `${JSON.stringify(delivery(1))}\n{"type":"delivery","seq":2}\n${JSON.stringify(delivery(3))}\n`);
  expect(() => recoverJournal(file)).toThrow(JournalError);
  expect(() => recoverJournal(file)).toThrow(/c\.ndjson:2: not a journal record/);
});

test('lines longer than the read chunk are read whole', () => {
  const file = path.join(dir, 'd.ndjson');
  const big = { ...delivery(1), body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }) };
  fs.writeFileSync(file, `${JSON.stringify(big)}\n`);
  expect(recoverJournal(file).pending[0].body).toBe(big.body);
});
