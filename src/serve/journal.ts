/**
 * The journal of accepted deliveries: what makes "acknowledged" mean "will be processed", the job
 * the EventBus does for Argo Events across pods.
 *
 * Format: NDJSON, one record per line, appended only:
 *   {"type":"delivery","seq":1,"deliveryId":"...","receivedAt":"...","headers":{...},"body":"..."}
 *   {"type":"processed","seq":1}
 * A delivery line is written and fsync'ed before its delivery is answered 200; the processed line
 * is written after its outcome is settled (out files on disk, or the API server's answers).
 * Appends are group-committed: every record
 * queued while a write+fsync is under way goes out in the next single write+fsync, so 50
 * concurrent deliveries cost a few fsyncs, not 50.
 *
 * After a crash (kill -9, power loss) the last line may be cut short: {@link recoverJournal} drops
 * that torn tail (it was never acknowledged: the fsync that would have covered it did not return)
 * and returns the deliveries without a processed line, to be processed again. Processing twice is
 * harmless: the out folder, like the API server (`--apply`), refuses a second creation of a name
 * (AlreadyExists).
 */
import * as fs from 'fs';

/** An accepted delivery as journaled. */
export interface JournalDelivery {
  readonly type: 'delivery';
  readonly seq: number;
  readonly deliveryId: string;
  /** When it was received (RFC 3339): the event time and the trigger's action time, so a replay after a restart builds the same resource. */
  readonly receivedAt: string;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** Marks a delivery's processing done. */
export interface JournalProcessed {
  readonly type: 'processed';
  readonly seq: number;
}

export type JournalRecord = JournalDelivery | JournalProcessed;

/** A journal that cannot be read back: a line other than the last is not a record. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** What {@link recoverJournal} found. */
export interface RecoveredJournal {
  /** Deliveries without a processed line, in sequence order. */
  readonly pending: JournalDelivery[];
  /** The highest sequence number written (0 for a new journal). */
  readonly lastSeq: number;
  /** Delivery ids of processed deliveries (for redelivery detection), at most `maxIds` of the newest. */
  readonly processedIds: string[];
  /** Bytes of a torn last line that were cut off (0 when the journal ended cleanly). */
  readonly tornBytes: number;
}

function isRecord(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.seq)) return false;
  if (record.type === 'processed') return true;
  return record.type === 'delivery' && typeof record.deliveryId === 'string' && typeof record.body === 'string'
    && typeof record.receivedAt === 'string' && typeof record.headers === 'object' && record.headers !== null;
}

/** Reads `file` line by line in chunks (memory bounded by the longest line), calling `onLine` with each complete line and its end offset. */
function forEachLine(fd: number, onLine: (line: string, lineNumber: number) => void): { cleanEnd: number; size: number } {
  const chunk = Buffer.alloc(1 << 20);
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let position = 0;
  let cleanEnd = 0;
  let lineNumber = 0;
  for (;;) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) break;
    let start = 0;
    for (let nl = chunk.indexOf(10, 0); nl >= 0 && nl < read; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      const line = carryBytes > 0 ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
      carry = [];
      carryBytes = 0;
      lineNumber++;
      onLine(line, lineNumber);
      cleanEnd = position + nl + 1;
      start = nl + 1;
    }
    if (start < read) {
      carry.push(Buffer.from(chunk.subarray(start, read)));
      carryBytes += read - start;
    }
    position += read;
  }
  return { cleanEnd, size: position };
}

/**
 * Reads the journal back (creating it when absent), cuts a torn last line, and returns what is
 * still to be processed. A line without its newline is torn by definition (records are written
 * with theirs in one write); a complete line that is not a record is corruption and is refused.
 * @throws JournalError naming the line when the journal is corrupt
 */
export function recoverJournal(file: string, maxIds = 100_000): RecoveredJournal {
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
  try {
    const pending = new Map<number, JournalDelivery>();
    const ids = new Map<number, string>();
    const processed = new Set<number>();
    let lastSeq = 0;
    const { cleanEnd, size } = forEachLine(fd, (line, lineNumber) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        record = undefined;
      }
      if (!isRecord(record)) throw new JournalError(`${file}:${lineNumber}: not a journal record; move the journal aside to start afresh (its unprocessed deliveries would be lost)`);
      lastSeq = Math.max(lastSeq, record.seq);
      if (record.type === 'delivery') {
        if (!processed.has(record.seq)) pending.set(record.seq, record);
        ids.set(record.seq, record.deliveryId);
      } else {
        processed.add(record.seq);
        pending.delete(record.seq);
      }
    });
    if (cleanEnd < size) {
      fs.ftruncateSync(fd, cleanEnd);
      fs.fsyncSync(fd);
    }
    const processedIds = [...processed].sort((a, b) => a - b).slice(-maxIds).map(seq => ids.get(seq)).filter((id): id is string => id !== undefined && id !== '');
    return { pending: [...pending.values()].sort((a, b) => a.seq - b.seq), lastSeq, processedIds, tornBytes: size - cleanEnd };
  } finally {
    fs.closeSync(fd);
  }
}

interface QueuedLine {
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/** Appends records with group commit; see the module comment. */
export class JournalWriter {
  private readonly fd: number;
  private queue: QueuedLine[] = [];
  private flushing = false;
  private closed = false;
  private failure: Error | undefined;

  /** Opens `file` for appending; call {@link recoverJournal} first. */
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
  }

  /** Resolves once `record` is written and fsync'ed; rejects when the disk refused (the delivery is then not acknowledged). */
  append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ text: `${JSON.stringify(record)}\n`, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await writeAll(this.fd, Buffer.from(batch.map(q => q.text).join(''), 'utf8'));
        await new Promise<void>((resolve, reject) => fs.fsync(this.fd, err => (err ? reject(err) : resolve())));
        for (const q of batch) q.resolve();
      } catch (err) {
        // A failed write may have left part of the batch on disk: no later record may follow it,
        // or a reader would take the torn part for a complete line. Refuse every append from now on.
        this.failure = err as Error;
        for (const q of [...batch, ...this.queue]) q.reject(this.failure);
        this.queue = [];
      }
    }
    this.flushing = false;
    this.drained?.();
  }

  private drained: (() => void) | undefined;

  /** Waits for queued records, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.flushing) await new Promise<void>(resolve => (this.drained = resolve));
    fs.closeSync(this.fd);
  }
}

async function writeAll(fd: number, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const written = await new Promise<number>((resolve, reject) => fs.write(fd, data, offset, data.length - offset, null, (err, n) => (err ? reject(err) : resolve(n))));
    offset += written;
  }
}
