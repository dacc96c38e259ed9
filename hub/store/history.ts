import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GroupCommit } from '../../common/group-commit.js';
import { createLogger } from '../../common/log.js';
import { archivedRange } from './archive-read.js';
import { loadCheckpoint, saveCheckpoint } from './history-checkpoint.js';
import { DEFAULT_CHECKPOINT_EVERY, DEFAULT_LIVE_DAYS, DEFAULT_SEGMENT_RECORDS, type HistoryOptions } from './history-options.js';
import { HistoryLog } from './history-log.js';
import { dayOf, indexRecord, type HistoryEntry, type HistoryRecord } from './history-record.js';
import { archiveOld, reindexSegment, sealOpenSegment, sealReason, type Segmenting } from './history-seal.js';
import { fingerprint, IdIndex } from './id-index.js';
import { KeyIndex } from './key-index.js';
import { MemoryRecords, type RecordStore } from './memory-records.js';
import { segmentFolders, SegmentSet } from './segments.js';

export type { HistoryEntry, HistoryRecord } from './history-record.js';
export type { HistoryOptions } from './history-options.js';

export interface ByKeyOptions {
  /** At most this many records (the newest ones); default 1000. */
  readonly limit?: number;
  /** Only records with a lower sequence; page backwards by passing the oldest one seen. */
  readonly beforeSeq?: number;
}

export interface HistoryStats {
  /** Records in the live window (open and sealed segments; archived ones are not counted). */
  readonly records: number;
  /** Bytes in the live files (0 in memory). */
  readonly bytes: number;
  /** Index keys, counted once per segment that holds them. */
  readonly keys: number;
  readonly postings: number;
  /** Sealed segments in the live window. */
  readonly segments: number;
}

const log = createLogger('hub.store.history');
const DEFAULT_BY_KEY_LIMIT = 1000;
const SCAN_BATCH = 512;

interface Checkpointing {
  readonly path: string;
  readonly every: number;
  at: number;
}

/**
 * The append-only history: every record on disk in order, only indexes in memory (line offsets,
 * index keys to sequences, event-id fingerprints). With a path it is a file that survives
 * kill -9 once `append` returns, and a power cut once `synced()` resolves (one fdatasync per
 * burst; see docs/history-store.md); without one the records live in memory (tests, throwaway runs).
 *
 * The file (`history.jsonl`) is the open segment: when its first record's UTC day is over, or it
 * holds `segmentRecords`, it is sealed into `history.d/` with an index on disk and only Bloom
 * filters and sparse directories in memory, and a new open segment starts. Sequences are global:
 * queries span the open segment and the sealed ones. Sealed segments past `liveDays` are archived.
 */
export class History {
  #records: RecordStore;
  readonly #commit: GroupCommit;
  #keys: KeyIndex;
  #ids: IdIndex;
  readonly #checkpoint: Checkpointing | undefined;
  readonly #segmenting: Segmenting | undefined;

  private constructor(
    records: RecordStore,
    keys: KeyIndex,
    ids: IdIndex,
    checkpoint?: Checkpointing,
    syncRetryMs?: number,
    segmenting?: Segmenting,
  ) {
    this.#records = records;
    this.#keys = keys;
    this.#ids = ids;
    this.#checkpoint = checkpoint;
    this.#segmenting = segmenting;
    const name = records instanceof HistoryLog ? records.path : 'history (memory)';
    this.#commit = new GroupCommit(() => this.#records.sync(), { name, ...(syncRetryMs === undefined ? {} : { retryMs: syncRetryMs }) });
    // A crash may have left records in the page cache only: the first sync covers them too.
    if (checkpoint && records.count > 0) this.#commit.wrote();
  }

  /**
   * Opens the history file at `path` (creating it), or an in-memory history without one.
   * The indexes come from the checkpoint `<path>.idx` when it fits the file, plus the records
   * after it; otherwise from reading the whole file. With segments, `history.d/` is opened first
   * (finishing or undoing a seal or archive a crash interrupted), then the open file is sealed if
   * its first day is over, and segments past the live window are archived.
   */
  static open(path?: string, options: HistoryOptions = {}): History {
    if (!path) return new History(new MemoryRecords(), new KeyIndex(), new IdIndex());
    mkdirSync(dirname(path), { recursive: true });
    const segmentsOn = options.segments ?? options.files === undefined;
    const set = segmentsOn ? SegmentSet.open(segmentFolders(path), reindexSegment) : undefined;
    const checkpointPath = `${path}.idx`;
    const saved = loadCheckpoint(checkpointPath, path);
    const keys = saved?.keys ?? new KeyIndex();
    const ids = saved?.ids ?? new IdIndex();
    const file = HistoryLog.open<HistoryRecord>(path, (record) => indexRecord(record, keys, ids), saved, options.files, set?.end ?? 0);
    const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    const segmenting: Segmenting | undefined = set && {
      set,
      path,
      files: options.files,
      segmentRecords: options.segmentRecords ?? DEFAULT_SEGMENT_RECORDS,
      liveDays: options.liveDays ?? DEFAULT_LIVE_DAYS,
      openDay: file.count > 0 ? dayOf(file.read(file.base + 1)[0]!.at) : undefined,
      retryAt: 0,
    };
    const history = new History(file, keys, ids, { path: checkpointPath, every, at: saved?.count ?? 0 }, options.syncRetryMs, segmenting);
    if (segmenting) {
      const now = options.now?.() ?? new Date();
      history.#sealIfDue(now);
      history.#archive(now);
    }
    if (file.count - (saved?.count ?? 0) >= every && history.#records === file) history.checkpoint();
    return history;
  }

  /** The newest record's sequence; 0 when empty. */
  get lastSeq(): number {
    return this.#records.base + this.#records.count;
  }

  /**
   * The oldest record still in the live window (`lastSeq + 1` when there is none): 1 unless
   * segments were archived. `since`, `scan` and `byKey` answer from here on.
   */
  get firstSeq(): number {
    return this.#segmenting?.set.first ?? this.#records.base + 1;
  }

  get stats(): HistoryStats {
    const open = this.#keys.stats;
    let { keys, postings } = open;
    let bytes = this.#records.size;
    const segments = this.#segmenting?.set.segments ?? [];
    for (const segment of segments) {
      keys += segment.stats.keys;
      postings += segment.stats.postings;
      bytes += segment.size;
    }
    return { records: this.lastSeq - this.firstSeq + 1, bytes, keys, postings, segments: segments.length };
  }

  /**
   * Stores the entry (durably against a process crash, when file-backed) before returning it
   * with its sequence; durable against a power cut once `synced()` resolves. A failed write
   * throws `HISTORY_WRITE_FAILED` (its cause the errno: ENOSPC …) and stores nothing. The first
   * append of a new UTC day seals the open segment first (see the class).
   */
  append(entry: HistoryEntry, now = new Date()): HistoryRecord {
    const record = { ...entry, seq: this.lastSeq + 1, at: now.toISOString() } as HistoryRecord;
    const segmenting = this.#segmenting;
    if (segmenting) {
      if (this.#sealIfDue(now, dayOf(record.at))) this.#archive(now);
    }
    this.#records.append(record);
    if (this.#checkpoint) this.#commit.wrote();
    indexRecord(record, this.#keys, this.#ids);
    if (segmenting && segmenting.openDay === undefined) segmenting.openDay = dayOf(record.at);
    // Saving costs time in proportion to the whole index, so it comes less often as the history grows.
    if (this.#checkpoint && this.#records.count - this.#checkpoint.at >= Math.max(this.#checkpoint.every, this.#records.count / 5)) {
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

  /**
   * Records after `seq`, oldest first, at most `limit`. For long replays use `scan`. Below the
   * live window (archived records) it answers from `firstSeq`.
   */
  since(seq: number, limit = Infinity): HistoryRecord[] {
    const records: HistoryRecord[] = [];
    for (let next = Math.max(seq + 1, this.firstSeq); records.length < limit && next <= this.lastSeq; ) {
      const batch = this.#read(next, Math.min(limit - records.length, this.lastSeq - next + 1));
      if (batch.length === 0) break;
      for (const record of batch) records.push(record);
      next += batch.length;
    }
    return records;
  }

  /** Every record after `seq` (from `firstSeq` on), oldest first, read a batch at a time (never all in memory). */
  *scan(seq = 0): Generator<HistoryRecord, void, undefined> {
    for (let next = Math.max(seq + 1, this.firstSeq); next <= this.lastSeq; ) {
      const batch = this.#read(next, SCAN_BATCH);
      if (batch.length === 0) return;
      yield* batch;
      next += batch.length;
    }
  }

  /**
   * Every record after `seq`, oldest first, archived ones included: the archived segments after
   * `seq` first (each gunzipped as it streams, oldest first), then the live window as `scan`. For
   * rebuilding a state from the whole history (ingest without its checkpoint, the domain without
   * its snapshot), which must not forget what is past the live window; it costs a read of every
   * archived day below the live window (logged with its progress). Days an operator moved out of
   * `history-archive/` cannot be read: that is logged. A damaged archive throws HISTORY_CORRUPT.
   */
  *scanWithArchive(seq = 0): Generator<HistoryRecord, void, undefined> {
    const live = this.firstSeq;
    if (seq + 1 < live) yield* archivedRange<HistoryRecord>(this.#segmenting?.set.archived() ?? [], seq, live);
    yield* this.scan(seq);
  }

  /**
   * The newest records indexed under `key` (a timeline), oldest first: the open segment's, then
   * each sealed segment's newest first (skipping those whose Bloom filter rules the key out)
   * until `limit`.
   */
  byKey(key: string, options: ByKeyOptions = {}): HistoryRecord[] {
    const beforeSeq = options.beforeSeq ?? Infinity;
    let left = options.limit ?? DEFAULT_BY_KEY_LIMIT;
    const parts: HistoryRecord[][] = [];
    const open = this.#keys.seqs(key, beforeSeq, left);
    if (open.length > 0) parts.push(this.#records.pick(open));
    left -= open.length;
    const segments = this.#segmenting?.set.segments ?? [];
    for (let i = segments.length - 1; i >= 0 && left > 0; i -= 1) {
      const seqs = segments[i]!.seqs(key, beforeSeq, left);
      if (seqs.length === 0) continue;
      parts.push(segments[i]!.pick<HistoryRecord>(seqs));
      left -= seqs.length;
    }
    return parts.length === 1 ? parts[0]! : parts.reverse().flat();
  }

  /** Whether a station event with this id is stored in the live window. */
  hasEventId(id: string): boolean {
    const matches = (record: HistoryRecord | undefined) => record?.kind === 'event' && record.event.id === id;
    if (this.#ids.candidates(id).some((seq) => matches(this.#records.read(seq)[0]))) return true;
    const segments = this.#segmenting?.set.segments ?? [];
    if (segments.length === 0) return false;
    const fp = fingerprint(id);
    for (let i = segments.length - 1; i >= 0; i -= 1) {
      const candidates = segments[i]!.idCandidates(fp);
      if (candidates.length > 0 && segments[i]!.pick<HistoryRecord>(candidates).some(matches)) return true;
    }
    return false;
  }

  /**
   * Saves the indexes so that the next open reads only the records after this point. Done by
   * itself every `checkpointEvery` appends (or a fifth of the records) and at close; a failure is logged, not thrown (the
   * checkpoint is a cache: without it the next open reads the whole file).
   */
  checkpoint(): void {
    const checkpoint = this.#checkpoint;
    const file = this.#records;
    if (!checkpoint || !(file instanceof HistoryLog) || file.count === checkpoint.at) return;
    const { count, starts } = file;
    try {
      saveCheckpoint(checkpoint.path, { count, starts, keys: this.#keys, ids: this.#ids }, file.line(this.lastSeq));
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

  /** The records from `first` on, at most `count`, from the one segment that holds `first`. */
  #read(first: number, count: number): HistoryRecord[] {
    if (first > this.#records.base) return this.#records.read(first, count);
    return this.#segmenting?.set.find(first)?.read<HistoryRecord>(first, count) ?? [];
  }

  /** Seals the open segment if it is due (history-seal.ts); returns whether it sealed. */
  #sealIfDue(now: Date, today = dayOf(now.toISOString())): boolean {
    const segmenting = this.#segmenting;
    const file = this.#records;
    if (!segmenting || !(file instanceof HistoryLog)) return false;
    const reason = sealReason(segmenting, file.count, now, today);
    if (!reason) return false;
    const outcome = sealOpenSegment(segmenting, { file, keys: this.#keys, ids: this.#ids }, reason, this.#checkpoint!.path, now);
    if (outcome.file) {
      this.#records = outcome.file;
      this.#checkpoint!.at = 0;
    }
    if (!outcome.sealed) return false;
    this.#keys = new KeyIndex();
    this.#ids = new IdIndex();
    return true;
  }

  #archive(now: Date): void {
    if (this.#segmenting) archiveOld(this.#segmenting, now);
  }
}
