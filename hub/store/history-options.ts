import type { FileLayer } from '../../common/file-io.js';

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

/** Default of {@link HistoryOptions.checkpointEvery}. */
export const DEFAULT_CHECKPOINT_EVERY = 100_000;
/** Default of {@link HistoryOptions.segmentRecords}: the open segment's indexes stay under about 80 MB. */
export const DEFAULT_SEGMENT_RECORDS = 500_000;
/** Default of {@link HistoryOptions.liveDays}: a year and a month stays queryable. */
export const DEFAULT_LIVE_DAYS = 400;
