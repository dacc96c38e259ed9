import type { SiteTopics, StationStatus } from '../../protocol/index.js';
import type { History, HistoryRecord } from '../store/history.js';

export interface IngestOptions {
  readonly topics: SiteTopics;
  readonly history: History;
  /** Called after a record is stored (the tablet feed listens here). */
  readonly onStored: (record: HistoryRecord) => void;
  /** Sends an ack to a station: everything of `incarnation` (absent: none) up to `upTo` is stored. */
  readonly sendAck: (station: string, upTo: number, incarnation?: string) => void;
  /**
   * Called once for each station event newly stored (never for a duplicate), after it is stored
   * and the tablets have it: the hub routes it to its handler (hub/ingest/handlers/).
   */
  readonly onEvent?: (record: Extract<HistoryRecord, { kind: 'event' }>) => void;
  /** Asks a station to send its events again from `from`: the hub holds later ones past a gap. */
  readonly requestReplay?: (station: string, from: number) => void;
  /**
   * Called once when a known station shows another incarnation than the one it had (a new data
   * folder: a replaced PC, a wiped disk), before its status change or event is handed on.
   */
  readonly onReset?: (station: string, incarnation: string | undefined, previous: string | undefined) => void;
  /** Called when a station's presence or device state changed, after the record is stored. */
  readonly onStatusChange?: (status: StationStatus, previous: StationStatus | undefined) => void;
  /** Called for every station status taken (not a stale one), repeats included: births carry the station's ack cursor (hub/ingest/recovery.ts). */
  readonly onStatus?: (status: StationStatus) => void;
  /** First retry after the disk refused a write (ms), doubled up to 30 s; default 1000. */
  readonly stallRetryMs?: number;
  /**
   * The ingest checkpoint (`ingest-state.json` beside the history; none: the whole history is
   * read at every start). Start reads it and only the records after it; see hub/ingest/checkpoint.ts.
   */
  readonly checkpointPath?: string;
  /** Save the checkpoint after this many records (default 10,000: `INGEST_CHECKPOINT_EVERY` in checkpoint-schedule.ts). */
  readonly checkpointEvery?: number;
  /** Save it at least this often while records come in (ms, default a minute: `INGEST_CHECKPOINT_MS`). */
  readonly checkpointMs?: number;
}
