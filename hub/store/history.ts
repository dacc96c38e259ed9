import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StationEvent, StationStatus } from '../../protocol/index.js';
import type { FileLayer } from '../../common/file-io.js';
import { GroupCommit } from '../../common/group-commit.js';
import { createLogger } from '../../common/log.js';
import { loadCheckpoint, saveCheckpoint } from './history-checkpoint.js';
import { HistoryLog } from './history-log.js';
import { IdIndex } from './id-index.js';
import { KeyIndex } from './key-index.js';
import type { Audit } from '../domain/audit.js';
import type { EventData } from '../domain/events.js';
import type { DomainCommand } from '../domain/schemas.js';

/** What the hub keeps, in the order it happened; `seq` is the hub's own sequence, the tablets' cursor. */
export type HistoryEntry = (
  | { kind: 'event'; station: string; event: StationEvent }
  | { kind: 'rejected'; station: string | null; code: string; message: string; topic: string; payload: string }
  | { kind: 'station'; station: string; status: StationStatus }
  /** A domain command the hub applied: replayed after the state snapshot at start. */
  | { kind: 'domain'; command: DomainCommand; audit: Audit; events: EventData[] }
  /** A fact from outside (a carrier pickup posted by an integration), on an order's timeline. */
  | { kind: 'external'; orderId: string; type: string; source: string; data: unknown; audit: Omit<Audit, 'command'> }
) & {
  /** Index keys such as `order:TB123`, `station:S1`, `sku:DRESS-RED-M`: `byKey` finds the record under each. */
  keys?: readonly string[];
};

export type HistoryRecord = HistoryEntry & { seq: number; at: string };

export interface ByKeyOptions {
  /** At most this many records (the newest ones); default 1000. */
  readonly limit?: number;
  /** Only records with a lower sequence; page backwards by passing the oldest one seen. */
  readonly beforeSeq?: number;
}

export interface HistoryStats {
  readonly records: number;
  /** Bytes in the file (0 in memory). */
  readonly bytes: number;
  readonly keys: number;
  readonly postings: number;
}

export interface HistoryOptions {
  /**
   * Save the index checkpoint after this many appends, or after a fifth of the records when that
   * is more, and at close; default 100,000.
   */
  readonly checkpointEvery?: number;
  /** The disk (default node:fs); tests put a simulated one here, benchmarks one without fsync. */
  readonly files?: FileLayer;
  /** First retry after a failed fsync (ms), doubled up to 30 s; default 500. */
  readonly syncRetryMs?: number;
}

const log = createLogger('hub.store.history');
const DEFAULT_BY_KEY_LIMIT = 1000;
const DEFAULT_CHECKPOINT_EVERY = 100_000;
const SCAN_BATCH = 512;

/** Where the records live: a file (`HistoryLog`) or, without a path, an array. */
interface RecordStore {
  readonly count: number;
  readonly size: number;
  append(record: HistoryRecord): void;
  read(first: number, count?: number): HistoryRecord[];
  pick(seqs: readonly number[]): HistoryRecord[];
  sync(): Promise<void>;
  close(): void;
}

/**
 * The append-only history: every record on disk in order, only indexes in memory (line offsets,
 * index keys to sequences, event-id fingerprints). With a path it is a file that survives
 * kill -9 once `append` returns, and a power cut once `synced()` resolves (one fdatasync per
 * burst; see docs/history-store.md); without one the records live in memory (tests, throwaway runs).
 */
export class History {
  readonly #records: RecordStore;
  readonly #commit: GroupCommit;
  readonly #keys: KeyIndex;
  readonly #ids: IdIndex;
  readonly #checkpoint: { path: string; every: number; log: HistoryLog<HistoryRecord>; at: number } | undefined;

  private constructor(
    records: RecordStore,
    keys: KeyIndex,
    ids: IdIndex,
    checkpoint?: { path: string; every: number; log: HistoryLog<HistoryRecord>; at: number },
    syncRetryMs?: number,
  ) {
    this.#records = records;
    this.#keys = keys;
    this.#ids = ids;
    this.#checkpoint = checkpoint;
    this.#commit = new GroupCommit(() => records.sync(), { name: checkpoint?.log.path ?? 'history (memory)', ...(syncRetryMs === undefined ? {} : { retryMs: syncRetryMs }) });
    // A crash may have left records in the page cache only: the first sync covers them too.
    if (checkpoint && records.count > 0) this.#commit.wrote();
  }

  /**
   * Opens the history file at `path` (creating it), or an in-memory history without one.
   * The indexes come from the checkpoint `<path>.idx` when it fits the file, plus the records
   * after it; otherwise from reading the whole file.
   */
  static open(path?: string, options: HistoryOptions = {}): History {
    if (!path) return new History(new MemoryRecords(), new KeyIndex(), new IdIndex());
    mkdirSync(dirname(path), { recursive: true });
    const checkpointPath = `${path}.idx`;
    const saved = loadCheckpoint(checkpointPath, path);
    const keys = saved?.keys ?? new KeyIndex();
    const ids = saved?.ids ?? new IdIndex();
    const file = HistoryLog.open<HistoryRecord>(path, (record) => indexRecord(record, keys, ids), saved, options.files);
    const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    const history = new History(file, keys, ids, { path: checkpointPath, every, log: file, at: saved?.count ?? 0 }, options.syncRetryMs);
    if (file.count - (saved?.count ?? 0) >= every) history.checkpoint();
    return history;
  }

  /** The newest record's sequence; 0 when empty. */
  get lastSeq(): number {
    return this.#records.count;
  }

  get stats(): HistoryStats {
    return { records: this.#records.count, bytes: this.#records.size, ...this.#keys.stats };
  }

  /**
   * Stores the entry (durably against a process crash, when file-backed) before returning it
   * with its sequence; durable against a power cut once `synced()` resolves. A failed write
   * throws `HISTORY_WRITE_FAILED` (its cause the errno: ENOSPC …) and stores nothing.
   */
  append(entry: HistoryEntry, now = new Date()): HistoryRecord {
    const record = { ...entry, seq: this.lastSeq + 1, at: now.toISOString() } as HistoryRecord;
    this.#records.append(record);
    if (this.#checkpoint) this.#commit.wrote();
    indexRecord(record, this.#keys, this.#ids);
    // Saving costs time in proportion to the whole index, so it comes less often as the history grows.
    if (this.#checkpoint && record.seq - this.#checkpoint.at >= Math.max(this.#checkpoint.every, record.seq / 5)) {
      this.checkpoint();
    }
    return record;
  }

  /**
   * Resolves once every record appended so far is on the disk (one fdatasync covers every append
   * since the last; a failed one is retried by itself with backoff, and this keeps waiting).
   */
  synced(): Promise<void> {
    return this.#commit.synced();
  }

  /** Whether records appended wait for a sync (never in memory). */
  get syncPending(): boolean {
    return this.#commit.pending;
  }

  /** The last fsync's failure while fsyncs fail: records wait to be acked. */
  get syncFailure(): { error: unknown; since: Date } | undefined {
    return this.#commit.failure;
  }

  /** Records after `seq`, oldest first, at most `limit`. For long replays use `scan`. */
  since(seq: number, limit = Infinity): HistoryRecord[] {
    const first = Math.max(0, seq) + 1;
    return this.#records.read(first, Math.min(limit, this.lastSeq - first + 1));
  }

  /** Every record after `seq`, oldest first, read a batch at a time (never all in memory). */
  *scan(seq = 0): Generator<HistoryRecord, void, undefined> {
    for (let next = Math.max(0, seq) + 1; next <= this.lastSeq; next += SCAN_BATCH) {
      yield* this.#records.read(next, SCAN_BATCH);
    }
  }

  /** The newest records indexed under `key` (a timeline), oldest first. */
  byKey(key: string, options: ByKeyOptions = {}): HistoryRecord[] {
    return this.#records.pick(this.#keys.seqs(key, options.beforeSeq ?? Infinity, options.limit ?? DEFAULT_BY_KEY_LIMIT));
  }

  /** Whether a station event with this id is stored. */
  hasEventId(id: string): boolean {
    return this.#ids.candidates(id).some((seq) => {
      const record = this.#records.read(seq)[0];
      return record?.kind === 'event' && record.event.id === id;
    });
  }

  /**
   * Saves the indexes so that the next open reads only the records after this point. Done by
   * itself every `checkpointEvery` appends (or a fifth of the records) and at close; a failure is logged, not thrown (the
   * checkpoint is a cache: without it the next open reads the whole file).
   */
  checkpoint(): void {
    const checkpoint = this.#checkpoint;
    if (!checkpoint || checkpoint.log.count === checkpoint.at) return;
    const { count, starts } = checkpoint.log;
    try {
      saveCheckpoint(checkpoint.path, { count, starts, keys: this.#keys, ids: this.#ids }, checkpoint.log.line(count));
      checkpoint.at = count;
    } catch (err) {
      log.warn({ err, path: checkpoint.path }, 'could not save the history index checkpoint');
    }
  }

  close(): void {
    this.#commit.close();
    this.checkpoint();
    this.#records.close();
  }
}

function indexRecord(record: HistoryRecord, keys: KeyIndex, ids: IdIndex): void {
  if (record.keys && record.keys.length > 0) keys.add(record.keys, record.seq);
  if (record.kind === 'event') ids.add(record.event.id, record.seq);
}

class MemoryRecords implements RecordStore {
  readonly #records: HistoryRecord[] = [];
  readonly size = 0;

  get count(): number {
    return this.#records.length;
  }

  append(record: HistoryRecord): void {
    this.#records.push(record);
  }

  read(first: number, count = 1): HistoryRecord[] {
    return this.#records.slice(Math.max(0, first - 1), Math.max(0, first - 1 + count));
  }

  pick(seqs: readonly number[]): HistoryRecord[] {
    return seqs.map((seq) => this.#records[seq - 1]!);
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}
}
