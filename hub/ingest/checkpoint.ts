import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { Incarnation, MAX_SEQ, StationStatus } from '../../protocol/index.js';
import type { History, HistoryRecord } from '../store/history.js';
import type { SavedSequence } from './sequence.js';

const log = createLogger('hub.ingest.checkpoint');

/** The ingest checkpoint beside the history in a hub's data folder (a cache: safe to delete). */
export const INGEST_CHECKPOINT_FILE = 'ingest-state.json';
/** A checkpoint larger than this is not read (it holds a few lines per station incarnation). */
export const MAX_INGEST_CHECKPOINT_BYTES = 64 * 1024 * 1024;
/** Sequences held past a contiguous prefix, summed over a checkpoint's ranges, at most. */
const MAX_AHEAD_SEQUENCES = 1_000_000;

const Seq = Type.Integer({ minimum: 0, maximum: MAX_SEQ });
const Station = Type.String({ minLength: 1, maxLength: 256 });

const CheckpointDoc = Type.Object(
  {
    v: Type.Literal(1),
    /** The history sequence the state includes: the records after it are read at start. */
    historySeq: Type.Integer({ minimum: 1 }),
    /** The record at `historySeq` as it was when the state was saved: a history cut or restored under it differs. */
    fingerprint: Type.String({ minLength: 1, maxLength: 128 }),
    sequences: Type.Array(
      Type.Object(
        {
          station: Station,
          incarnation: Type.Optional(Incarnation),
          contiguous: Seq,
          ahead: Type.Array(Type.Tuple([Seq, Seq])),
          /** Whether a stored record made ingest ack this incarnation (it is acked again at start). */
          acked: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    statuses: Type.Array(StationStatus),
    incarnations: Type.Array(Type.Object({ station: Station, incarnation: Type.Optional(Incarnation) }, { additionalProperties: false })),
    retired: Type.Array(Type.Object({ station: Station, incarnation: Type.Optional(Incarnation) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
type CheckpointDoc = Static<typeof CheckpointDoc>;
const checkpointDoc = Compile(CheckpointDoc);

/** A station incarnation (absent: a station without one). */
export interface StationIncarnation {
  readonly station: string;
  readonly incarnation?: string;
}

/** What ingest rebuilds from the history at start, as of one history record. */
export interface IngestSnapshot {
  /** Every station incarnation's stored sequence; `acked`: ingest acked it for a stored record. */
  readonly sequences: ReadonlyArray<StationIncarnation & SavedSequence & { readonly acked: boolean }>;
  /** Each station's newest stored status. */
  readonly statuses: readonly StationStatus[];
  /** Each known station's newest incarnation, in the order the stations were first seen. */
  readonly incarnations: readonly StationIncarnation[];
  /** Incarnations a station left behind. */
  readonly retired: readonly StationIncarnation[];
}

/**
 * What identifies a history record: its sequence, time, kind and, for a station event, the
 * event's id, hashed. A history cut below it and grown again, or another history restored in
 * its place, holds another record under that sequence.
 */
export function recordFingerprint(record: HistoryRecord): string {
  const what = record.kind === 'event' ? `${record.station} ${record.event.id}` : record.kind === 'domain' ? record.command.type : '';
  const hash = createHash('sha256').update(`${record.seq}\n${record.at}\n${record.kind}\n${what}`).digest('base64url');
  return `${record.seq}@${record.at}#${hash.slice(0, 22)}`;
}

/**
 * Writes the snapshot of ingest's state as of `record` (atomically, 0600). The caller makes sure
 * the history is synced up to `record` first: a checkpoint is never ahead of the history on disk.
 * Throws what the file system threw.
 */
export function saveIngestCheckpoint(path: string, record: HistoryRecord, snapshot: IngestSnapshot): void {
  const doc: CheckpointDoc = {
    v: 1,
    historySeq: record.seq,
    fingerprint: recordFingerprint(record),
    sequences: snapshot.sequences.map(({ station, incarnation, contiguous, ahead, acked }) => ({
      station,
      ...(incarnation === undefined ? {} : { incarnation }),
      contiguous,
      ahead: ahead.map(([from, to]) => [from, to] as [number, number]),
      acked,
    })),
    statuses: [...snapshot.statuses],
    incarnations: snapshot.incarnations.map(plain),
    retired: snapshot.retired.map(plain),
  };
  writeFileAtomicSync(path, JSON.stringify(doc));
}

/**
 * The checkpoint at `path` and the history sequence it covers, if it fits `history`: a missing
 * one, or one unreadable, of another shape, or not matching the history (ahead of it, or another
 * record under its sequence: a cut or restored history) is undefined, with a log line saying why;
 * ingest then reads the whole history.
 */
export function loadIngestCheckpoint(path: string, history: History): { historySeq: number; snapshot: IngestSnapshot } | undefined {
  if (!existsSync(path)) {
    if (history.lastSeq > 0) log.info({ path }, 'no ingest checkpoint; reading the whole history');
    return undefined;
  }
  const refuse = (why: string) => {
    log.warn({ path, why }, 'ingest checkpoint not used; reading the whole history');
    return undefined;
  };
  let value: unknown;
  try {
    const size = statSync(path).size;
    if (size > MAX_INGEST_CHECKPOINT_BYTES) return refuse(`${size} bytes, more than ${MAX_INGEST_CHECKPOINT_BYTES}`);
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return refuse(`unreadable: ${errorMessage(err)}`);
  }
  if (!checkpointDoc.Check(value)) {
    const first = checkpointDoc.Errors(value)[0];
    return refuse(`not an ingest checkpoint (${first?.instancePath || '/'}: ${first?.message ?? 'does not match'})`);
  }
  const doc = value;
  if (doc.historySeq > history.lastSeq) return refuse(`it covers the history up to ${doc.historySeq}, the history ends at ${history.lastSeq}`);
  // Its record is archived since: the check below cannot read it (the rebuild reads the archive).
  if (doc.historySeq < history.firstSeq) return refuse(`it covers the history up to ${doc.historySeq}, archived since (the live window starts at ${history.firstSeq})`);
  const record = history.since(doc.historySeq - 1, 1)[0];
  if (!record || recordFingerprint(record) !== doc.fingerprint) return refuse(`the history holds another record at ${doc.historySeq}`);
  let ahead = 0;
  for (const sequence of doc.sequences) {
    let floor = sequence.contiguous + 1;
    for (const [from, to] of sequence.ahead) {
      if (from <= floor || to < from) return refuse(`the sequence of ${sequence.station} is out of order`);
      ahead += to - from + 1;
      floor = to + 1;
    }
  }
  if (ahead > MAX_AHEAD_SEQUENCES) return refuse(`${ahead} sequences held past gaps, more than ${MAX_AHEAD_SEQUENCES}`);
  return { historySeq: doc.historySeq, snapshot: doc };
}

function plain({ station, incarnation }: StationIncarnation): StationIncarnation {
  return incarnation === undefined ? { station } : { station, incarnation };
}
