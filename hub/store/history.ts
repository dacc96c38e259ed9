import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StationEvent, StationStatus } from '../../protocol/index.js';
import type { FileLayer } from '../../common/file-io.js';
import { GroupCommit } from '../../common/group-commit.js';
import { createLogger } from '../../common/log.js';
import { loadCheckpoint, saveCheckpoint } from './history-checkpoint.js';
import { archivedRecords } from './archive-read.js';
import { HistoryLog } from './history-log.js';
import { fingerprint, IdIndex } from './id-index.js';
import { KeyIndex } from './key-index.js';
import type { SealedSegment, SegmentContent } from './segment-index.js';
import { segmentFolders, SegmentSet } from './segments.js';
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
  /**
   * Seal the open file into `history.d/` segments (a closed UTC day, or `segmentRecords`) and
   * archive old ones. Default: on for a file on node:fs, off with `files` (the simulated disk
   * models one file, not renames).
   */
  readonly segments?: boolean;
  /** Seal the open segment once it holds this many records, even within a day; default 500,000. */
  readonly segmentRecords?: number;
  /**
   * Sealed segments whose last record is older than this many days move to `history-archive/`
   * (gzipped) and leave the query path; 0 keeps everything live. Default 400.
   */
  readonly liveDays?: number;
  /** The clock for sealing at open and for the live window (tests); appends use their own `now`. */
  readonly now?: () => Date;
}

const log = createLogger('hub.store.history');
const DEFAULT_BY_KEY_LIMIT = 1000;
const DEFAULT_CHECKPOINT_EVERY = 100_000;
/** Default of {@link HistoryOptions.segmentRecords}: the open segment's indexes stay under about 80 MB. */
export const DEFAULT_SEGMENT_RECORDS = 500_000;
/** Default of {@link HistoryOptions.liveDays}: a year and a month stays queryable. */
export const DEFAULT_LIVE_DAYS = 400;
/** After a failed seal (a full disk …), the next attempt waits this long; appends go on meanwhile. */
const SEAL_RETRY_MS = 60_000;
const SCAN_BATCH = 512;
/** A read of archived days logs how far it got this often. */
const ARCHIVE_PROGRESS_MS = 10_000;

/** Where the records live: a file (`HistoryLog`) or, without a path, an array. */
interface RecordStore {
  /** The sequence before the first record held. */
  readonly base: number;
  readonly count: number;
  readonly size: number;
  append(record: HistoryRecord): void;
  read(first: number, count?: number): HistoryRecord[];
  pick(seqs: readonly number[]): HistoryRecord[];
  sync(): Promise<void>;
  close(): void;
}

/** What sealing and the live window need: only for a file history with segments on. */
interface Segmenting {
  readonly set: SegmentSet;
  readonly path: string;
  readonly files: FileLayer | undefined;
  readonly segmentRecords: number;
  readonly liveDays: number;
  /** The UTC day (`YYYY-MM-DD`) of the open segment's first record. */
  openDay: string | undefined;
  /** No seal is tried before this time (ms) after one failed. */
  retryAt: number;
}

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
    if (seq + 1 < live) yield* this.#scanArchive(seq, live);
    yield* this.scan(seq);
  }

  /** The archived records from `seq + 1` to `live - 1`, with progress in the log. */
  *#scanArchive(seq: number, live: number): Generator<HistoryRecord, void, undefined> {
    const archives = (this.#segmenting?.set.archived() ?? []).filter((archive) => archive.last > seq && archive.first < live);
    const started = Date.now();
    const bytes = archives.reduce((sum, archive) => sum + archive.bytes, 0);
    log.info({ from: seq + 1, to: live - 1, archives: archives.length, bytes }, 'reading archived history days (a rebuild from the start)');
    const missing = (from: number, to: number) => log.warn({ from, to }, 'archived history days are missing (moved or deleted): a rebuild cannot read them');
    let expected = seq + 1;
    let records = 0;
    let loggedAt = started;
    for (const [i, archive] of archives.entries()) {
      if (archive.first > expected) missing(expected, archive.first - 1);
      for (const record of archivedRecords<HistoryRecord>(archive.path, archive.first, archive.last)) {
        if (record.seq <= seq) continue;
        if (record.seq >= live) break;
        yield record;
        records += 1;
      }
      expected = archive.last + 1;
      if (Date.now() - loggedAt >= ARCHIVE_PROGRESS_MS) {
        loggedAt = Date.now();
        log.info({ through: archive.last, archives: `${i + 1}/${archives.length}`, records, ms: loggedAt - started }, 'reading archived history days');
      }
    }
    if (expected < live) missing(expected, live - 1);
    log.info({ records, archives: archives.length, ms: Date.now() - started }, 'read archived history days');
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

  /**
   * Seals the open segment if its first day is before `today` (UTC) or it is full. A failure
   * (a full disk …) is logged and leaves the open segment as it was; the next try comes a
   * minute later. Returns whether it sealed.
   */
  #sealIfDue(now: Date, today = dayOf(now.toISOString())): boolean {
    const segmenting = this.#segmenting;
    const file = this.#records;
    if (!segmenting || !(file instanceof HistoryLog) || file.count === 0) return false;
    const closedDay = segmenting.openDay !== undefined && segmenting.openDay < today;
    if (!closedDay && file.count < segmenting.segmentRecords) return false;
    if (now.getTime() < segmenting.retryAt) return false;
    const started = Date.now();
    const first = file.base + 1;
    const last = this.lastSeq;
    log.info({ first, last, records: file.count, day: segmenting.openDay, reason: closedDay ? 'day closed' : 'segment full' }, 'sealing the open history segment');
    const content: SegmentContent = {
      first,
      count: file.count,
      starts: file.starts,
      keys: this.#keys.entries(),
      ids: this.#ids.snapshot(),
      firstAt: file.read(first)[0]!.at,
      lastAt: file.read(last)[0]!.at,
    };
    const starts = Float64Array.from(file.starts);
    let released = false;
    let segment: SealedSegment;
    try {
      segment = segmenting.set.seal(file.path, content, () => {
        file.close();
        released = true;
        rmSync(this.#checkpoint!.path, { force: true });
      });
    } catch (err) {
      segmenting.retryAt = now.getTime() + SEAL_RETRY_MS;
      log.warn({ err, path: file.path }, 'could not seal the history segment; appending to it meanwhile');
      if (released) {
        // The file is where it was: take it back with the offsets already known.
        this.#records = HistoryLog.open<HistoryRecord>(file.path, () => {}, { starts, count: starts.length - 1 }, segmenting.files, file.base);
        this.#checkpoint!.at = 0;
      }
      return false;
    }
    this.#records = HistoryLog.open<HistoryRecord>(segmenting.path, () => {}, undefined, segmenting.files, last);
    this.#keys = new KeyIndex();
    this.#ids = new IdIndex();
    this.#checkpoint!.at = 0;
    segmenting.openDay = undefined;
    log.info({ segment: segment.dataPath, records: segment.count, bytes: segment.size, ms: Date.now() - started }, 'sealed the history segment');
    return true;
  }

  #archive(now: Date): void {
    const segmenting = this.#segmenting;
    if (!segmenting) return;
    try {
      segmenting.set.archive(now, segmenting.liveDays);
    } catch (err) {
      log.warn({ err, archive: segmenting.set.folders.archive }, 'could not archive a history segment; it stays live');
    }
  }
}

/** Indexes a sealed segment's file again from its records (its index was missing or damaged). */
function reindexSegment(dataPath: string, first: number): SegmentContent {
  const keys = new KeyIndex();
  const ids = new IdIndex();
  let firstAt = '';
  let lastAt = '';
  const file = HistoryLog.open<HistoryRecord>(
    dataPath,
    (record) => {
      indexRecord(record, keys, ids);
      if (firstAt === '') firstAt = record.at;
      lastAt = record.at;
    },
    undefined,
    undefined,
    first - 1,
  );
  try {
    return { first, count: file.count, starts: Float64Array.from(file.starts), keys: keys.entries(), ids: ids.snapshot(), firstAt, lastAt };
  } finally {
    file.close();
  }
}

/** The UTC day of an ISO time: `YYYY-MM-DD`. */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

function indexRecord(record: HistoryRecord, keys: KeyIndex, ids: IdIndex): void {
  if (record.keys && record.keys.length > 0) keys.add(record.keys, record.seq);
  if (record.kind === 'event') ids.add(record.event.id, record.seq);
}

class MemoryRecords implements RecordStore {
  readonly #records: HistoryRecord[] = [];
  readonly base = 0;
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
