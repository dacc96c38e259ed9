import { errorMessage } from '../../common/errors.js';
import { diskErrorCode } from '../../common/file-io.js';
import { createLogger } from '../../common/log.js';
import { StationEvent, StationStatus, parseStationTopic, payloadParser } from '../../protocol/index.js';
import type { History, HistoryRecord } from '../store/history.js';
import { AckBatch } from './ack-batch.js';
import { loadIngestCheckpoint } from './checkpoint.js';
import { CheckpointSchedule } from './checkpoint-schedule.js';
import { DiskStall, type IngestStorage } from './disk-stall.js';
import { recordKeys } from './handlers/record-keys.js';
import type { IngestOptions } from './ingest-options.js';
import { IngestRejection, type IngestRejectionCode } from './reasons.js';
import { refusedSequence } from './refused-sequence.js';
import type { StationSequence } from './sequence.js';
import { StationLedger } from './station-ledger.js';
import { sameCondition, sameSettings } from './status-condition.js';

export type { IngestStorage } from './disk-stall.js';
export type { IngestOptions } from './ingest-options.js';

const log = createLogger('hub.ingest');
const eventParser = payloadParser(StationEvent);
const statusParser = payloadParser(StationStatus);
const MAX_KEPT_PAYLOAD_CHARS = 8192;
const REPLAY_ASK_INTERVAL_MS = 1000;

export interface IngestStats {
  accepted: number;
  duplicates: number;
  rejected: Record<string, number>;
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
  readonly #ledger = new StationLedger();
  readonly #acks: AckBatch;
  #rebuilt = false;
  /** Absent without a checkpoint path. */
  #checkpoints: CheckpointSchedule | undefined;
  #startedFrom = 0;
  /** The gap each station was last asked to fill, and when: one request per gap and second. */
  readonly #replayAsked = new Map<string, { from: number; at: number }>();
  readonly #stall: DiskStall;
  readonly #stats: IngestStats = { accepted: 0, duplicates: 0, rejected: {} };

  /** The history sequence start read from: the ingest checkpoint's, or 0 when it read every record. */
  get startedFrom(): number {
    return this.#startedFrom;
  }

  /** Each station's newest status (not older than its last birth). */
  get statuses(): ReadonlyMap<string, StationStatus> {
    return this.#ledger.statuses;
  }

  constructor(private readonly options: IngestOptions) {
    this.#acks = new AckBatch(
      options.history,
      (station, incarnation) => this.sequence(station, incarnation).contiguous,
      (station, upTo, incarnation) => options.sendAck(station, upTo, incarnation),
    );
    this.#stall = new DiskStall(options.topics, () => this.#retry(), options.stallRetryMs);
    this.#rebuild();
    this.#checkpoints?.start();
  }

  /** The state from the checkpoint, if one fits the history, and the records after it; else from every record. */
  #rebuild(): void {
    const { history, checkpointPath } = this.options;
    const started = performance.now();
    const loaded = checkpointPath === undefined ? undefined : loadIngestCheckpoint(checkpointPath, history);
    for (const { station, incarnation } of loaded ? this.#ledger.restore(loaded.snapshot) : []) this.#acks.queue(station, incarnation);
    this.#startedFrom = loaded?.historySeq ?? 0;
    for (const record of history.scanWithArchive(this.#startedFrom)) this.#remember(record);
    this.#rebuilt = true;
    if (checkpointPath === undefined) return;
    const { checkpointEvery: every, checkpointMs: ms } = this.options;
    const snapshot = () => this.#ledger.snapshot();
    this.#checkpoints = new CheckpointSchedule({ history, path: checkpointPath, snapshot, ...(every === undefined ? {} : { every }), ...(ms === undefined ? {} : { ms }) }, this.#startedFrom);
    const read = history.lastSeq - this.#startedFrom;
    log.info({ from: this.#startedFrom, read, ms: Math.round(performance.now() - started) }, 'ingest state rebuilt');
  }

  /**
   * Saves the ingest checkpoint as of the newest record, once the history is synced up to it
   * (never ahead of the history on disk). Done by itself every `checkpointEvery` records or
   * `checkpointMs` (checkpoint-schedule.ts); the hub also calls it at close. A failure is logged,
   * never thrown: the checkpoint is a cache, and without it the next start reads the whole history.
   */
  checkpoint(): Promise<void> {
    return this.#checkpoints?.save() ?? Promise.resolve();
  }

  stats(): IngestStats {
    return { ...this.#stats, rejected: { ...this.#stats.rejected } };
  }

  /** The stored sequence of a station's incarnation (absent: a station without one), for acks and gap checks. */
  sequence(station: string, incarnation?: string): StationSequence {
    return this.#ledger.sequence(station, incarnation);
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
    this.#checkpoints?.close();
    this.#acks.close();
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
      const from = this.sequence(station, this.#ledger.incarnationOf(station)).contiguous + 1;
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
    if (event.seq <= this.#ledger.highestSeq(station) && this.options.history.hasEventId(event.id)) {
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

  /** Notes the incarnation a station's payload shows; a reset (station-ledger.ts) is reported once, live. */
  #seeIncarnation(station: string, incarnation: string | undefined): void {
    const reset = this.#ledger.seeIncarnation(station, incarnation);
    if (!reset || !this.#rebuilt) return;
    log.warn({ station, incarnation, previous: reset.previous }, 'station reset: a new data folder; its sequence restarts');
    this.options.onReset?.(station, incarnation, reset.previous);
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
    if (this.#ledger.isRetired(station, status.incarnation)) return;
    const last = this.#ledger.statuses.get(station);
    // Sparkplug-style: a will from an older birth must not mark a newer, live session offline.
    if (last && last.incarnation === status.incarnation && status.bdSeq < last.bdSeq) return;
    this.#seeIncarnation(station, status.incarnation);
    this.options.onStatus?.(status);
    const same = last !== undefined && sameCondition(last, status);
    // Same condition and settings: no record, but its other versions are the newest.
    if (same && sameSettings(last, status)) return void this.#ledger.noteStatus(station, status, false);
    // A new mapping version or weight tolerance alone is recorded, with no presence change.
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
      this.#ledger.noteSeq(record.station, record.event.seq);
      this.#queueAck(record.station, incarnation, true);
    } else if (record.kind === 'station') {
      if (!this.#rebuilt) this.#seeIncarnation(record.station, record.status.incarnation);
      this.#ledger.noteStatus(record.station, record.status, true);
    } else if (record.kind === 'domain' && record.command.type === 'historyLost') {
      // Acked events the history lost and no journal had left (hub/ingest/recovery.ts): settled, so acks pass them.
      const { station, incarnation, from, to } = record.command;
      for (let seq = from; seq <= to; seq += 1) this.sequence(station, incarnation).add(seq);
    } else if (record.kind === 'rejected' && record.station !== null && record.topic.endsWith('/events')) {
      const refused = refusedSequence(record.payload);
      if (refused && this.sequence(record.station, refused.incarnation).add(refused.seq)) this.#queueAck(record.station, refused.incarnation, true);
    }
    if (this.#rebuilt) this.#checkpoints?.stored();
  }

  /** Acks are coalesced per station incarnation (ack-batch.ts); `stored`: for a stored record. */
  #queueAck(station: string, incarnation: string | undefined, stored = false): void {
    if (stored) this.#ledger.noteAcked(station, incarnation);
    this.#acks.queue(station, incarnation);
  }
}
