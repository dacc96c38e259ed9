import { PayloadRejection } from '../../protocol/wire.js';

/** Why ingest refused a station payload. Stable codes: counted, shown, and matched by tests. */
export const IngestRejection = {
  ...PayloadRejection,
  /** The payload names a different station than the topic it was published on. */
  StationMismatch: 'STATION_MISMATCH',
  /** The sequence is already stored under another event id (a station that lost its journal?). */
  SeqConflict: 'SEQ_CONFLICT',
  /** Published on a station topic the hub does not take input from. */
  UnknownTopic: 'UNKNOWN_TOPIC',
} as const;
export type IngestRejectionCode = (typeof IngestRejection)[keyof typeof IngestRejection];
