import { createLogger } from '../../common/log.js';
import {
  StationEvent,
  StationStatus,
  parseStationTopic,
  payloadParser,
  type SiteTopics,
} from '../../protocol/index.js';
import type { History, HistoryRecord } from '../store/history.js';
import { IngestRejection, type IngestRejectionCode } from './reasons.js';
import { StationSequence } from './sequence.js';

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

export interface IngestOptions {
  readonly topics: SiteTopics;
  readonly history: History;
  /** Called after a record is stored (the tablet feed listens here). */
  readonly onStored: (record: HistoryRecord) => void;
  /** Sends an ack to a station: everything up to `upTo` is stored. */
  readonly sendAck: (station: string, upTo: number) => void;
  /**
   * Called once for each station event newly stored (never for a duplicate), after it is stored
   * and the tablets have it: station facts and answers to the station hang off here.
   */
  readonly onEvent?: (record: Extract<HistoryRecord, { kind: 'event' }>) => void;
  /** Asks a station to send its events again from `from`: the hub holds later ones past a gap. */
  readonly requestReplay?: (station: string, from: number) => void;
  /** Called when a station's presence or device state changed, after the record is stored. */
  readonly onStatusChange?: (status: StationStatus, previous: StationStatus | undefined) => void;
}

/**
 * Station payloads in: validated, stored once, acknowledged. Nothing is dropped silently:
 * a payload that cannot be accepted is stored as a rejection with its reason code, counted,
 * and, when it carries a sequence, acked so that it does not block the station's outbox.
 */
export class Ingest {
  readonly #sequences = new Map<string, StationSequence>();
  readonly #lastStatus = new Map<string, StationStatus>();
  readonly #ackDue = new Set<string>();
  /** The gap each station was last asked to fill, and when: one request per gap and second. */
  readonly #replayAsked = new Map<string, { from: number; at: number }>();
  #ackTimer: NodeJS.Immediate | undefined;
  readonly #stats: IngestStats = { accepted: 0, duplicates: 0, rejected: {} };

  /** Each station's newest status (not older than its last birth). */
  get statuses(): ReadonlyMap<string, StationStatus> {
    return this.#lastStatus;
  }

  constructor(private readonly options: IngestOptions) {
    for (const record of options.history.scan()) this.#remember(record);
  }

  stats(): IngestStats {
    return { ...this.#stats, rejected: { ...this.#stats.rejected } };
  }

  /** The station's stored sequence, for acks and gap checks. */
  sequence(station: string): StationSequence {
    let sequence = this.#sequences.get(station);
    if (!sequence) this.#sequences.set(station, (sequence = new StationSequence()));
    return sequence;
  }

  handle(topic: string, payload: Buffer): void {
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

  close(): void {
    if (this.#ackTimer) clearImmediate(this.#ackTimer);
    this.#flushAcks();
  }

  #onEvent(station: string, topic: string, payload: Buffer): void {
    const parsed = eventParser.parse(payload);
    if (!parsed.ok) return this.#reject(station, topic, payload, parsed.code, parsed.message);
    const event = parsed.value;
    if (event.station !== station) {
      return this.#reject(station, topic, payload, IngestRejection.StationMismatch, `payload names station ${event.station}`);
    }
    if (this.options.history.hasEventId(event.id)) {
      this.#stats.duplicates += 1;
      return this.#queueAck(station);
    }
    if (this.sequence(station).has(event.seq)) {
      return this.#reject(station, topic, payload, IngestRejection.SeqConflict, `seq ${event.seq} is already stored`);
    }
    // A pack event about an order is on the order's timeline (GET /orders/:id/timeline).
    const orderId = 'order' in event.body ? event.body.order?.orderId : undefined;
    const record = this.#store({ kind: 'event', station, event, ...(orderId ? { keys: [`order:${orderId}`] } : {}) });
    this.#stats.accepted += 1;
    if (record.kind === 'event') this.options.onEvent?.(record);
    this.#askForGap(station);
  }

  /** A later event arrived before an earlier one: ask the station to send from the gap again. */
  #askForGap(station: string, now = Date.now()): void {
    const from = this.sequence(station).firstGap();
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
    const last = this.#lastStatus.get(station);
    // Sparkplug-style: a will from an older birth must not mark a newer, live session offline.
    if (last && status.bdSeq < last.bdSeq) return;
    const same = last !== undefined && sameCondition(last, status);
    // Same condition and mapping version: no record, but its other versions are the newest.
    if (same && last.versions?.mapping === status.versions?.mapping) return void this.#lastStatus.set(station, status);
    // A new mapping version alone is recorded (the tablets' mapping lag follows it), with no presence change.
    this.#store({ kind: 'station', station, status, keys: [`station:${station}`] });
    if (!same) this.options.onStatusChange?.(status, last);
  }

  #reject(station: string | null, topic: string, payload: Buffer, code: IngestRejectionCode, message: string): void {
    this.#stats.rejected[code] = (this.#stats.rejected[code] ?? 0) + 1;
    log.warn({ station, topic, code, reason: message }, 'rejected station payload');
    const text = payload.toString('utf8').slice(0, MAX_KEPT_PAYLOAD_CHARS);
    this.#store({ kind: 'rejected', station, code, message, topic, payload: text });
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
      this.sequence(record.station).add(record.event.seq);
      this.#queueAck(record.station);
    } else if (record.kind === 'station') {
      this.#lastStatus.set(record.station, record.status);
    } else if (record.kind === 'rejected' && record.station !== null && record.topic.endsWith('/events')) {
      const seq = sequenceOf(record.payload);
      if (seq !== undefined && this.sequence(record.station).add(seq)) this.#queueAck(record.station);
    }
  }

  /** Acks are coalesced per station and sent once the current burst of messages is stored. */
  #queueAck(station: string): void {
    this.#ackDue.add(station);
    this.#ackTimer ??= setImmediate(() => this.#flushAcks());
  }

  #flushAcks(): void {
    this.#ackTimer = undefined;
    for (const station of this.#ackDue) this.options.sendAck(station, this.sequence(station).contiguous);
    this.#ackDue.clear();
  }
}

/** Same presence, same birth, same device state: a repeat (a retained status seen again). */
function sameCondition(a: StationStatus, b: StationStatus): boolean {
  return (
    a.state === b.state &&
    a.bdSeq === b.bdSeq &&
    a.scanner?.state === b.scanner?.state &&
    a.scanner?.detail === b.scanner?.detail &&
    a.printer?.state === b.printer?.state &&
    a.printer?.detail === b.printer?.detail
  );
}

/** The `seq` of a refused event payload, if it has a usable one, so that it can be acked. */
function sequenceOf(payload: string): number | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || !('seq' in value)) return undefined;
    return Number.isSafeInteger(value.seq) && (value.seq as number) >= 1 ? (value.seq as number) : undefined;
  } catch {
    return undefined;
  }
}
