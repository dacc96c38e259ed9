import { createLogger } from '../../common/log.js';
import { parseStationTopic, type SiteTopics } from '../../protocol/index.js';
import { HUB_LIMITS } from '../defaults.js';
import type { Ingest } from './ingest.js';

const log = createLogger('hub.ingest.rate');

/** Why a station message was dropped unstored. Stable codes, counted (`packgate_ingest_limited_total`). */
export const RateRefusal = {
  /** The station sent more messages than its rate allows. */
  Messages: 'RATE_MESSAGES',
  /** The station sent more bytes than its rate allows. */
  Bytes: 'RATE_BYTES',
} as const;
export type RateRefusalCode = (typeof RateRefusal)[keyof typeof RateRefusal];

/** A station's rate at ingest; 0 turns a bound off. */
export interface StationRate {
  /** Messages a second, on average. */
  readonly messagesPerSecond: number;
  /** Payload bytes a second, on average. */
  readonly bytesPerSecond: number;
  /** How many seconds of its rate a station may send at once (default BURST_SECONDS). */
  readonly burstSeconds?: number;
}

/** How many seconds of its rate a station may send at once (a reconnect's outbox, a replay). */
export const BURST_SECONDS = HUB_LIMITS.stationBurstSeconds;

/**
 * A token bucket: holds up to `capacity` tokens, refills at `perSecond`, starts full. Pure: the
 * caller passes the time.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Tokens held at `now`. */
  level(now: number): number {
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
    this.#at = now;
    return this.#tokens;
  }

  /** Takes `n` tokens if it holds them (or is full: one item larger than the bucket passes alone). */
  take(n: number, now: number): boolean {
    const level = this.level(now);
    if (level < n && level < this.capacity) return false;
    this.#tokens = level - n;
    return true;
  }
}

interface Buckets {
  readonly messages: TokenBucket | undefined;
  readonly bytes: TokenBucket | undefined;
}

/**
 * A per-station limit on messages and bytes a second, each a token bucket that holds
 * `burstSeconds` of the rate. Pure: the caller passes the time.
 */
export class StationRateLimit {
  readonly #stations = new Map<string, Buckets>();
  readonly #refused: Record<string, number> = {};

  constructor(private readonly rate: StationRate) {}

  /** Whether `station` may send a message of `bytes` now; counts a refusal by reason. */
  admit(station: string, bytes: number, now: number): RateRefusalCode | undefined {
    const buckets = this.#buckets(station, now);
    if (buckets.messages && buckets.messages.level(now) < 1) return this.#refuse(RateRefusal.Messages);
    if (buckets.bytes && !buckets.bytes.take(bytes, now)) return this.#refuse(RateRefusal.Bytes);
    buckets.messages?.take(1, now);
    return undefined;
  }

  /** Whether `station` has its whole burst back (both buckets full) at `now`. */
  rested(station: string, now: number): boolean {
    const buckets = this.#buckets(station, now);
    return [buckets.messages, buckets.bytes].every((bucket) => !bucket || bucket.level(now) >= bucket.capacity);
  }

  /** Refusals so far, by reason (a copy). */
  refusals(): Record<string, number> {
    return { ...this.#refused };
  }

  #buckets(station: string, now: number): Buckets {
    let buckets = this.#stations.get(station);
    if (!buckets) {
      const burst = this.rate.burstSeconds ?? BURST_SECONDS;
      const bucket = (perSecond: number) => (perSecond > 0 ? new TokenBucket(perSecond * burst, perSecond, now) : undefined);
      buckets = { messages: bucket(this.rate.messagesPerSecond), bytes: bucket(this.rate.bytesPerSecond) };
      this.#stations.set(station, buckets);
    }
    return buckets;
  }

  #refuse(code: RateRefusalCode): RateRefusalCode {
    this.#refused[code] = (this.#refused[code] ?? 0) + 1;
    return code;
  }
}

/** How often the gate looks for stations to ask for what it dropped. */
const REPLAY_CHECK_MS = 1000;

export interface RateGateOptions {
  readonly topics: SiteTopics;
  readonly rate: StationRate;
  readonly ingest: Pick<Ingest, 'handle' | 'sequence' | 'statuses'>;
  /** Asks a station to send its outbox again from `from` (a `replay` command). */
  readonly requestReplay: (station: string, from: number) => void;
  readonly now?: () => number;
}

/**
 * Station messages on their way to ingest, held to each station's rate. A message over it is
 * dropped before it is parsed: not stored, so not acked, and the station's outbox keeps it. Once
 * the station has its burst back, the hub asks it for a replay from the first event it has not
 * stored; what it sends again within its rate is stored. Nothing is lost, only later.
 */
export class RateGate {
  readonly #limit: StationRateLimit;
  /** Stations with a dropped message not yet asked for again. */
  readonly #owed = new Set<string>();
  readonly #timer: NodeJS.Timeout;
  readonly #now: () => number;

  constructor(private readonly options: RateGateOptions) {
    this.#limit = new StationRateLimit(options.rate);
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.#askOwed(), REPLAY_CHECK_MS);
    this.#timer.unref();
  }

  /** Hands a station message to ingest, or drops it over the station's rate. */
  handle(topic: string, payload: Buffer): void {
    const station = parseStationTopic(this.options.topics, topic)?.station;
    if (station !== undefined) {
      const refused = this.#limit.admit(station, payload.byteLength, this.#now());
      if (refused) {
        if (!this.#owed.has(station)) log.warn({ station, reason: refused }, 'station over its rate: messages dropped until it slows down, then replayed');
        this.#owed.add(station);
        return;
      }
    }
    this.options.ingest.handle(topic, payload);
  }

  /** Messages dropped so far, by reason. */
  refusals(): Record<string, number> {
    return this.#limit.refusals();
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #askOwed(): void {
    const now = this.#now();
    for (const station of this.#owed) {
      if (!this.#limit.rested(station, now)) continue;
      this.#owed.delete(station);
      const incarnation = this.options.ingest.statuses.get(station)?.incarnation;
      const from = this.options.ingest.sequence(station, incarnation).contiguous + 1;
      log.info({ station, from }, 'asking a station that was over its rate for what was dropped');
      this.options.requestReplay(station, from);
    }
  }
}
