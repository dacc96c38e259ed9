import { rmSync } from 'node:fs';
import type { FileLayer } from '../../common/file-io.js';
import { createLogger } from '../../common/log.js';
import { indexRecord, type HistoryRecord } from './history-record.js';
import { HistoryLog } from './history-log.js';
import { IdIndex } from './id-index.js';
import { KeyIndex } from './key-index.js';
import type { SealedSegment, SegmentContent } from './segment-index.js';
import type { SegmentSet } from './segments.js';

const log = createLogger('hub.store.history');
/** After a failed seal (a full disk …), the next attempt waits this long; appends go on meanwhile. */
const SEAL_RETRY_MS = 60_000;

/** What sealing and the live window need: only for a file history with segments on. */
export interface Segmenting {
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

export type SealReason = 'day closed' | 'segment full';

/**
 * Why the open segment of `count` records is due to be sealed at `now` (`today` its UTC day):
 * its first day is over or it is full, and no failed seal asks to wait. Undefined when it is not.
 */
export function sealReason(segmenting: Pick<Segmenting, 'openDay' | 'segmentRecords' | 'retryAt'>, count: number, now: Date, today: string): SealReason | undefined {
  if (count === 0) return undefined;
  const closedDay = segmenting.openDay !== undefined && segmenting.openDay < today;
  if (!closedDay && count < segmenting.segmentRecords) return undefined;
  if (now.getTime() < segmenting.retryAt) return undefined;
  return closedDay ? 'day closed' : 'segment full';
}

/** The open segment: its file and the indexes of its records. */
export interface OpenSegment {
  readonly file: HistoryLog<HistoryRecord>;
  readonly keys: KeyIndex;
  readonly ids: IdIndex;
}

/**
 * What a seal left: sealed, a new empty open file in `file`; not sealed, the open file as it was,
 * in `file` when it had to be opened again (the seal had released it).
 */
export type SealOutcome = { readonly sealed: true; readonly file: HistoryLog<HistoryRecord> } | { readonly sealed: false; readonly file?: HistoryLog<HistoryRecord> };

/**
 * Seals the open segment into the segment set, removing the history's index checkpoint once the
 * file is released. A failure (a full disk …) is logged and leaves the open segment as it was;
 * the next try comes a minute later.
 */
export function sealOpenSegment(segmenting: Segmenting, open: OpenSegment, reason: SealReason, checkpointPath: string, now: Date): SealOutcome {
  const { file, keys, ids } = open;
  const started = Date.now();
  const first = file.base + 1;
  const last = file.base + file.count;
  log.info({ first, last, records: file.count, day: segmenting.openDay, reason }, 'sealing the open history segment');
  const content: SegmentContent = {
    first,
    count: file.count,
    starts: file.starts,
    keys: keys.entries(),
    ids: ids.snapshot(),
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
      rmSync(checkpointPath, { force: true });
    });
  } catch (err) {
    segmenting.retryAt = now.getTime() + SEAL_RETRY_MS;
    log.warn({ err, path: file.path }, 'could not seal the history segment; appending to it meanwhile');
    if (!released) return { sealed: false };
    // The file is where it was: take it back with the offsets already known.
    return { sealed: false, file: HistoryLog.open<HistoryRecord>(file.path, () => {}, { starts, count: starts.length - 1 }, segmenting.files, file.base) };
  }
  const next = HistoryLog.open<HistoryRecord>(segmenting.path, () => {}, undefined, segmenting.files, last);
  segmenting.openDay = undefined;
  log.info({ segment: segment.dataPath, records: segment.count, bytes: segment.size, ms: Date.now() - started }, 'sealed the history segment');
  return { sealed: true, file: next };
}

/** Moves sealed segments past the live window to the archive; a failure is logged, they stay live. */
export function archiveOld(segmenting: Segmenting, now: Date): void {
  try {
    segmenting.set.archive(now, segmenting.liveDays);
  } catch (err) {
    log.warn({ err, archive: segmenting.set.folders.archive }, 'could not archive a history segment; it stays live');
  }
}

/** Indexes a sealed segment's file again from its records (its index was missing or damaged). */
export function reindexSegment(dataPath: string, first: number): SegmentContent {
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
