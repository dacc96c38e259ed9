import { errorMessage } from '../../common/errors.js';
import { diskErrorCode } from '../../common/file-io.js';
import { createLogger } from '../../common/log.js';
import { settledWithin } from '../../common/timeout.js';
import {
  MAX_SEQ,
  StationEvent,
  StationStatus,
  parseStationTopic,
  payloadParser,
  type SiteTopics,
} from '../../protocol/index.js';
import type { History, HistoryRecord } from '../store/history.js';
import { loadIngestCheckpoint, saveIngestCheckpoint, type IngestSnapshot } from './checkpoint.js';
import { DiskStall, type IngestStorage } from './disk-stall.js';
import { recordKeys } from './handlers/record-keys.js';
import { IngestRejection, type IngestRejectionCode } from './reasons.js';
import { StationSequence } from './sequence.js';

export type { IngestStorage } from './disk-stall.js';

const log = createLogger('hub.ingest');
const eventParser = payloadParser(StationEvent);
const statusParser = payloadParser(StationStatus);
const MAX_KEPT_PAYLOAD_CHARS = 8192;
const REPLAY_ASK_INTERVAL_MS = 1000;
/** Records stored between two ingest checkpoints, at most (a save costs a few lines per station). */
export const INGEST_CHECKPOINT_EVERY = 10_000;
/** How often the ingest checkpoint is saved while records come in slower than that. */
export const INGEST_CHECKPOINT_MS = 60_000;
/** How long a checkpoint waits for the history's sync before it is skipped. */
const CHECKPOINT_SYNC_WAIT_MS = 5000;
/** `Incarnation` of protocol/schemas.ts, for a refused payload's. */
const INCARNATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface IngestStats {
  accepted: number;
  duplicates: number;
  rejected: Record<string, number>;
}

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
  /** Save the checkpoint after this many records (default {@link INGEST_CHECKPOINT_EVERY}). */
  readonly checkpointEvery?: number;
  /** Save it at least this often while records come in (ms, default {@link INGEST_CHECKPOINT_MS}). */
  readonly checkpointMs?: number;
}

/**
 * Station payloads in: validated, stored once, acknowledged. Nothing is dropped silently:
 * a payload that cannot be accepted is stored as a rejection with its reason code, counted,
 * and, when it carries a sequence, acked so that it does not block the station's outbox.
 * An ack is sent only once the history holding what it covers is synced (a power cut cannot
 * take it back). When the disk refuses a write, ingest stalls: it stores and acks nothing,
 * tries the failed payload again with backoff, and once it is stored asks the stations whose
 * events it passed over to send them again (docs/operations.md, "Disk full"). At start it rebuilds
 * its per-station state from its checkpoint and the records after it, or from every record when
 * the checkpoint is missing or does not fit the history (docs/history-store.md, "Start: the ingest checkpoint").
 */
export class Ingest {
  /** Keyed by station and incarnation (`sequenceKey`): each incarnation counts from 1. */
  readonly #sequences = new Map<string, StationSequence>();
  readonly #lastStatus = new Map<string, StationStatus>();
  /** Each known station's newest incarnation (undefined: one without), and those it replaced. */
  readonly #incarnation = new Map<string, string | undefined>();
  readonly #retired = new Set<string>();
  /** Each station's newest stored status (`#lastStatus` may be newer: a repeat is not stored): what the checkpoint keeps. */
  readonly #storedStatus = new Map<string, StationStatus>();
  /** Each station's highest seq stored, of any incarnation (from a checkpoint: of any sequence taken): no repeat is above it. */
  readonly #highestSeq = new Map<string, number>();
  /** Sequence keys a stored record made ingest ack, in the order first seen: each is acked again at start. */
  readonly #ackedKeys = new Set<string>();
  #rebuilt = false;
  /** The history sequence the last checkpoint saved (or loaded) covers, and records remembered since. */
  #checkpointSeq = 0;
  #startedFrom = 0;
  #sinceCheckpoint = 0;
  #checkpointTimer: NodeJS.Timeout | undefined;
  #checkpointDue: NodeJS.Immediate | undefined;
  #saving: Promise<void> = Promise.resolve();
  /** Sequence keys an ack is due for. */
  readonly #ackDue = new Set<string>();
  /** The gap each station was last asked to fill, and when: one request per gap and second. */
  readonly #replayAsked = new Map<string, { from: number; at: number }>();
  #ackTimer: NodeJS.Immediate | undefined;
  /** Acks waiting for their records' sync, in order. */
  #acking: Promise<void> = Promise.resolve();
  #acksWaiting = 0;
  readonly #stall: DiskStall;
  readonly #stats: IngestStats = { accepted: 0, duplicates: 0, rejected: {} };

  /** The history sequence start read from: the ingest checkpoint's, or 0 when it read every record. */
  get startedFrom(): number {
    return this.#startedFrom;
  }

  /** Each station's newest status (not older than its last birth). */
  get statuses(): ReadonlyMap<string, StationStatus> {
    return this.#lastStatus;
  }

  constructor(private readonly options: IngestOptions) {
    this.#stall = new DiskStall(options.topics, () => this.#retry(), options.stallRetryMs);
    this.#rebuild();
    if (options.checkpointPath === undefined) return;
    this.#checkpointTimer = setInterval(() => {
      if (this.#sinceCheckpoint > 0) void this.checkpoint();
    }, options.checkpointMs ?? INGEST_CHECKPOINT_MS);
    this.#checkpointTimer.unref();
    // After a whole read, the next start need not do it again.
    if (this.#checkpointSeq < options.history.lastSeq) void this.checkpoint();
  }

  /** The state from the checkpoint, if one fits the history, and the records after it; else from every record. */
  #rebuild(): void {
    const { history, checkpointPath } = this.options;
    const started = performance.now();
    const loaded = checkpointPath === undefined ? undefined : loadIngestCheckpoint(checkpointPath, history);
    if (loaded) this.#restore(loaded.snapshot);
    this.#checkpointSeq = loaded?.historySeq ?? 0;
    this.#startedFrom = this.#checkpointSeq;
    for (const record of history.scanWithArchive(this.#checkpointSeq)) this.#remember(record);
    this.#rebuilt = true;
    this.#sinceCheckpoint = 0;
    const read = history.lastSeq - this.#checkpointSeq;
    if (checkpointPath !== undefined) log.info({ from: this.#checkpointSeq, read, ms: Math.round(performance.now() - started) }, 'ingest state rebuilt');
  }

  #restore(snapshot: IngestSnapshot): void {
    for (const { station, incarnation } of snapshot.incarnations) this.#incarnation.set(station, incarnation);
    for (const { station, incarnation } of snapshot.retired) this.#retired.add(sequenceKey(station, incarnation));
    for (const status of snapshot.statuses) {
      this.#lastStatus.set(status.station, status);
      this.#storedStatus.set(status.station, status);
    }
    for (const saved of snapshot.sequences) {
      const key = sequenceKey(saved.station, saved.incarnation);
      this.#sequences.set(key, StationSequence.restore(saved));
      this.#noteSeq(saved.station, saved.ahead.at(-1)?.[1] ?? saved.contiguous);
      if (saved.acked) {
        this.#ackedKeys.add(key);
        this.#queueAck(saved.station, saved.incarnation);
      }
    }
  }

  /**
   * Saves the ingest checkpoint as of the newest record, once the history is synced up to it
   * (never ahead of the history on disk). Done by itself every `checkpointEvery` records or
   * `checkpointMs`; the hub also calls it at close. A failure is logged, never thrown: the
   * checkpoint is a cache, and without it the next start reads the whole history.
   */
  checkpoint(): Promise<void> {
    const { history, checkpointPath: path } = this.options;
    const seq = history.lastSeq;
    if (path === undefined || seq === 0 || seq === this.#checkpointSeq) return this.#saving;
    const record = history.since(seq - 1, 1)[0]!;
    const snapshot = this.#snapshot();
    this.#sinceCheckpoint = 0;
    this.#saving = this.#saving.then(async () => {
      if (!(await settledWithin(history.synced(), CHECKPOINT_SYNC_WAIT_MS))) {
        log.warn({ seq }, 'history not synced; ingest checkpoint skipped');
        return;
      }
      if (seq <= this.#checkpointSeq) return;
      try {
        saveIngestCheckpoint(path, record, snapshot);
        this.#checkpointSeq = seq;
      } catch (err) {
        log.warn({ path, err: errorMessage(err) }, 'ingest checkpoint not saved; the next start reads more of the history');
      }
    });
    return this.#saving;
  }

  #snapshot(): IngestSnapshot {
    const keys = [...this.#ackedKeys, ...[...this.#sequences.keys()].filter((key) => !this.#ackedKeys.has(key))];
    const sequences = keys.flatMap((key) => {
      const saved = this.#sequences.get(key)?.saved();
      if (!saved || (saved.contiguous === 0 && saved.ahead.length === 0)) return [];
      return [{ ...parseSequenceKey(key), ...saved, acked: this.#ackedKeys.has(key) }];
    });
    return {
      sequences,
      statuses: [...this.#storedStatus.values()],
      incarnations: [...this.#incarnation].map(([station, incarnation]) => (incarnation === undefined ? { station } : { station, incarnation })),
      retired: [...this.#retired].map(parseSequenceKey),
    };
  }

  stats(): IngestStats {
    return { ...this.#stats, rejected: { ...this.#stats.rejected } };
  }

  /** The stored sequence of a station's incarnation (absent: a station without one), for acks and gap checks. */
  sequence(station: string, incarnation?: string): StationSequence {
    const key = sequenceKey(station, incarnation);
    let sequence = this.#sequences.get(key);
    if (!sequence) this.#sequences.set(key, (sequence = new StationSequence()));
    return sequence;
  }

  /** Whether the history takes writes now; why not, if it does not. */
  storage(): IngestStorage {
    return this.#stall.storage();
  }

  /** One station payload in. Never throws for a full or failing disk: ingest stalls instead (`storage()`). */
  handle(topic: string, payload: Buffer): void {
    if (this.#stall.active) return this.#stall.defer({ topic, payload });
    try {
      this.#route(topic, payload);
    } catch (err) {
      const code = diskErrorCode(err);
      if (code === undefined) throw err;
      this.#stall.begin(code, err, { topic, payload });
    }
  }

  #route(topic: string, payload: Buffer): void {
    const target = parseStationTopic(this.options.topics, topic);
    switch (target?.leaf) {
      case 'events':
        return this.#onEvent(target.station, topic, payload);
      case 'status':
        return this.#onStatus(target.station, topic, payload);
      default:
        return this.#reject(target?.station ?? null, topic, payload, IngestRejection.UnknownTopic, 'not an input topic');
    }
  }

  /** Sends the station incarnation an ack of what is stored now, with the current burst's. */
  acknowledge(station: string, incarnation: string | undefined): void {
    this.#queueAck(station, incarnation);
  }

  /** Stops ingest's timers and sends the acks due; the hub then saves the checkpoint (`checkpoint()`). */
  close(): void {
    this.#stall.end();
    clearInterval(this.#checkpointTimer);
    if (this.#checkpointDue) clearImmediate(this.#checkpointDue);
    if (this.#ackTimer) clearImmediate(this.#ackTimer);
    this.#flushAcks();
  }

  /** A try after a stall is due: store the payload whose write failed, then ask for what was passed over. */
  #retry(): void {
    const held = this.#stall.end();
    if (!held) return;
    try {
      this.#route(held.failed.topic, held.failed.payload);
    } catch (err) {
      const code = diskErrorCode(err);
      if (code !== undefined) return this.#stall.begin(code, err, held.failed, held);
      log.error({ err: errorMessage(err) }, 'a payload failed again after a disk stall; dropped');
    }
    log.info({ code: held.code, since: held.since, stations: held.replay.size }, 'the history takes writes again; asking stations to send what was passed over');
    for (const [station, payload] of held.statuses) this.handle(this.options.topics.stationStatus(station), payload);
    for (const station of held.replay) {
      const from = this.sequence(station, this.#incarnation.get(station)).contiguous + 1;
      this.#replayAsked.set(station, { from, at: Date.now() });
      this.options.requestReplay?.(station, from);
    }
  }

  #onEvent(station: string, topic: string, payload: Buffer): void {
    const parsed = eventParser.parse(payload);
    if (!parsed.ok) return this.#reject(station, topic, payload, parsed.code, parsed.message);
    const event = parsed.value;
    if (event.station !== station) {
      return this.#reject(station, topic, payload, IngestRejection.StationMismatch, `payload names station ${event.station}`);
    }
    // A station fixes an event's id and seq together and journals the event as it is
    // (station/agent/recorder.ts): a repeat (a resend after a lost ack or a history regression) is
    // at or below the station's highest stored seq, so only then is the id looked up (a read in the sealed segments).
    if (event.seq <= (this.#highestSeq.get(station) ?? 0) && this.options.history.hasEventId(event.id)) {
      this.#stats.duplicates += 1;
      return this.#queueAck(station, event.incarnation);
    }
    if (this.sequence(station, event.incarnation).has(event.seq)) {
      return this.#reject(station, topic, payload, IngestRejection.SeqConflict, `seq ${event.seq} is already stored`);
    }
    this.#seeIncarnation(station, event.incarnation);
    const keys = recordKeys(event.body);
    const record = this.#store({ kind: 'event', station, event, ...(keys.length > 0 ? { keys } : {}) });
    this.#stats.accepted += 1;
    if (record.kind === 'event') this.options.onEvent?.(record);
    this.#askForGap(station, event.incarnation);
  }

  /**
   * Notes the incarnation a station's payload shows. Another one than the station's newest is a
   * reset (reported once, live) unless it is one the station already left behind.
   */
  #seeIncarnation(station: string, incarnation: string | undefined): void {
    if (this.#incarnation.has(station)) {
      const previous = this.#incarnation.get(station);
      if (previous === incarnation || this.#retired.has(sequenceKey(station, incarnation))) return;
      this.#retired.add(sequenceKey(station, previous));
      this.#incarnation.set(station, incarnation);
      if (!this.#rebuilt) return;
      log.warn({ station, incarnation, previous }, 'station reset: a new data folder; its sequence restarts');
      this.options.onReset?.(station, incarnation, previous);
    } else {
      this.#incarnation.set(station, incarnation);
    }
  }

  /** A later event arrived before an earlier one: ask the station to send from the gap again. */
  #askForGap(station: string, incarnation: string | undefined, now = Date.now()): void {
    const from = this.sequence(station, incarnation).firstGap();
    if (from === undefined || !this.options.requestReplay) return;
    const asked = this.#replayAsked.get(station);
    if (asked && asked.from === from && now - asked.at < REPLAY_ASK_INTERVAL_MS) return;
    this.#replayAsked.set(station, { from, at: now });
    log.info({ station, from }, 'gap in station sequence; asking for a replay');
    this.options.requestReplay(station, from);
  }

  #onStatus(station: string, topic: string, payload: Buffer): void {
    if (payload.byteLength === 0) return; // a cleared retained message
    const parsed = statusParser.parse(payload);
    if (!parsed.ok) return this.#reject(station, topic, payload, parsed.code, parsed.message);
    const status = parsed.value;
    if (status.station !== station) {
      return this.#reject(station, topic, payload, IngestRejection.StationMismatch, `payload names station ${status.station}`);
    }
    // A status of an incarnation the station left behind (its old PC's will) is stale.
    if (this.#retired.has(sequenceKey(station, status.incarnation))) return;
    const last = this.#lastStatus.get(station);
    // Sparkplug-style: a will from an older birth must not mark a newer, live session offline.
    if (last && last.incarnation === status.incarnation && status.bdSeq < last.bdSeq) return;
    this.#seeIncarnation(station, status.incarnation);
    this.options.onStatus?.(status);
    const same = last !== undefined && sameCondition(last, status);
    // Same condition and mapping version: no record, but its other versions are the newest.
    if (same && last.versions?.mapping === status.versions?.mapping) return void this.#lastStatus.set(station, status);
    // A new mapping version alone is recorded (the tablets' mapping lag follows it), with no presence change.
    this.#store({ kind: 'station', station, status, keys: [`station:${station}`] });
    if (!same) this.options.onStatusChange?.(status, last);
  }

  #reject(station: string | null, topic: string, payload: Buffer, code: IngestRejectionCode, message: string): void {
    const text = payload.toString('utf8').slice(0, MAX_KEPT_PAYLOAD_CHARS);
    // Stored first: a payload the disk refused is tried again, and counted then.
    this.#store({ kind: 'rejected', station, code, message, topic, payload: text });
    this.#stats.rejected[code] = (this.#stats.rejected[code] ?? 0) + 1;
    log.warn({ station, topic, code, reason: message }, 'rejected station payload');
  }

  #store(entry: Parameters<History['append']>[0]): HistoryRecord {
    const record = this.options.history.append(entry);
    this.#remember(record);
    this.options.onStored(record);
    return record;
  }

  /** Updates the per-station state from a stored record (also used to rebuild it at start); event ids are the history's to index. */
  #remember(record: HistoryRecord): void {
    if (record.kind === 'event') {
      const { incarnation } = record.event;
      if (!this.#rebuilt) this.#seeIncarnation(record.station, incarnation);
      this.sequence(record.station, incarnation).add(record.event.seq);
      this.#noteSeq(record.station, record.event.seq);
      this.#queueAck(record.station, incarnation, true);
    } else if (record.kind === 'station') {
      if (!this.#rebuilt) this.#seeIncarnation(record.station, record.status.incarnation);
      this.#lastStatus.set(record.station, record.status);
      this.#storedStatus.set(record.station, record.status);
    } else if (record.kind === 'domain' && record.command.type === 'historyLost') {
      // Acked events the history lost and no journal had left (hub/ingest/recovery.ts): settled, so acks pass them.
      const { station, incarnation, from, to } = record.command;
      for (let seq = from; seq <= to; seq += 1) this.sequence(station, incarnation).add(seq);
    } else if (record.kind === 'rejected' && record.station !== null && record.topic.endsWith('/events')) {
      const refused = sequenceOf(record.payload);
      if (refused && this.sequence(record.station, refused.incarnation).add(refused.seq)) this.#queueAck(record.station, refused.incarnation, true);
    }
    if (this.#rebuilt && this.options.checkpointPath !== undefined && ++this.#sinceCheckpoint >= (this.options.checkpointEvery ?? INGEST_CHECKPOINT_EVERY)) {
      // Not now: the caller may not be done with the record (a snapshot is taken between messages).
      this.#checkpointDue ??= setImmediate(() => {
        this.#checkpointDue = undefined;
        void this.checkpoint();
      });
    }
  }

  #noteSeq(station: string, seq: number): void {
    if (seq > (this.#highestSeq.get(station) ?? 0)) this.#highestSeq.set(station, seq);
  }

  /** Acks are coalesced per station incarnation and sent once the current burst of messages is stored; `stored`: for a stored record. */
  #queueAck(station: string, incarnation: string | undefined, stored = false): void {
    const key = sequenceKey(station, incarnation);
    if (stored) this.#ackedKeys.add(key);
    this.#ackDue.add(key);
    this.#ackTimer ??= setImmediate(() => this.#flushAcks());
  }

  /** Sends the acks due once the history holding what they cover is synced (one fdatasync for the burst). */
  #flushAcks(): void {
    this.#ackTimer = undefined;
    const acks = [...this.#ackDue].map((key) => {
      const { station, incarnation } = parseSequenceKey(key);
      return { station, upTo: this.sequence(station, incarnation).contiguous, incarnation };
    });
    this.#ackDue.clear();
    const send = () => {
      for (const ack of acks) this.options.sendAck(ack.station, ack.upTo, ack.incarnation);
    };
    if (this.#acksWaiting === 0 && !this.options.history.syncPending) return send();
    this.#acksWaiting += 1;
    const synced = this.options.history.synced();
    this.#acking = this.#acking
      .then(() => synced)
      .then(send)
      .finally(() => (this.#acksWaiting -= 1));
  }
}

/**
 * A station incarnation's key: the station id alone for a station without an incarnation (all
 * history before incarnations), else id and incarnation. Neither contains a space.
 */
function sequenceKey(station: string, incarnation: string | undefined): string {
  return incarnation === undefined ? station : `${station} ${incarnation}`;
}

function parseSequenceKey(key: string): { station: string; incarnation?: string } {
  const space = key.indexOf(' ');
  return space < 0 ? { station: key } : { station: key.slice(0, space), incarnation: key.slice(space + 1) };
}

/** Same presence, same birth, same device state: a repeat (a retained status seen again). */
function sameCondition(a: StationStatus, b: StationStatus): boolean {
  return (
    a.state === b.state &&
    a.bdSeq === b.bdSeq &&
    a.incarnation === b.incarnation &&
    a.scanner?.state === b.scanner?.state &&
    a.scanner?.detail === b.scanner?.detail &&
    a.printer?.state === b.printer?.state &&
    a.printer?.detail === b.printer?.detail &&
    a.scale?.state === b.scale?.state &&
    a.scale?.detail === b.scale?.detail &&
    a.camera?.state === b.camera?.state &&
    a.camera?.detail === b.camera?.detail &&
    a.storage?.state === b.storage?.state
  );
}

/** The `seq` (and incarnation) of a refused event payload, if it has a usable one, so that it can be acked. */
function sequenceOf(payload: string): { seq: number; incarnation?: string } | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || !('seq' in value)) return undefined;
    if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 1 || (value.seq as number) > MAX_SEQ) return undefined;
    const incarnation = 'incarnation' in value && typeof value.incarnation === 'string' && INCARNATION.test(value.incarnation) ? value.incarnation : undefined;
    return { seq: value.seq as number, ...(incarnation === undefined ? {} : { incarnation }) };
  } catch {
    return undefined;
  }
}
