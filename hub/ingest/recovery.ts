import { createLogger } from '../../common/log.js';
import type { StationStatus } from '../../protocol/index.js';
import type { AckedUpTo } from '../store/ack-ledger.js';
import type { StationSequence } from './sequence.js';

const log = createLogger('hub.ingest.recovery');
/** How often a station still owing a hole is asked again while online. */
export const RESEND_RETRY_MS = 10_000;

/** Sequences `from`..`to` of a station incarnation the hub acked once and its history no longer holds. */
export interface Hole {
  readonly station: string;
  readonly incarnation?: string;
  readonly from: number;
  readonly to: number;
}

/** A hole as shown on health, `/metrics` and the tablets: the ranges still missing in it. */
export interface HoleView extends Hole {
  readonly missing: Array<{ from: number; to: number }>;
  readonly missingEvents: number;
}

/** What the hub says while its history is short of what it acked (`GET /api/v1/health` `recovery`). */
export interface RecoveryView {
  readonly recovering: boolean;
  readonly holes: HoleView[];
  /** Events found lost since the hub started (each also a `history-lost` alert). */
  readonly lostEvents: number;
}

export interface RecoveryOptions {
  /** The stored sequence of a station incarnation (ingest's). */
  readonly sequence: (station: string, incarnation: string | undefined) => StationSequence;
  /** Asks a station to publish its journal again from `from` (the `resend` command). */
  readonly requestResend: (station: string, incarnation: string | undefined, from: number) => void;
  /** Records that `from`..`to` can never come back (the hub stores it and raises its alert). */
  readonly onLost: (hole: Hole, reason: string) => void;
  /** Sends the station a fresh ack (after a lost range is settled, the ack moves past it). */
  readonly acknowledge: (station: string, incarnation: string | undefined) => void;
  readonly retryMs?: number;
}

/**
 * Finds and fills the holes a lost history tail leaves (docs/history-store.md, "Recovery"): a
 * station incarnation the hub acked further than its history now holds, by the ack ledger at
 * start or by the station's own ack cursor at its birth. It asks each online station to resend
 * from its first missing sequence (again every `retryMs` while the hole stays), and says a range
 * is lost, never pretends, when the station's journal no longer starts early enough.
 */
export class HistoryRecovery {
  readonly #holes = new Map<string, Hole>();
  /** Online stations and the incarnation each is online with. */
  readonly #online = new Map<string, string | undefined>();
  readonly #listeners = new Set<(view: RecoveryView) => void>();
  /** The last resend asked of each hole: from where, and when. */
  readonly #asked = new Map<string, { from: number; at: number }>();
  readonly #retryMs: number;
  readonly #timer: NodeJS.Timeout;
  #lostEvents = 0;

  constructor(private readonly options: RecoveryOptions) {
    this.#retryMs = options.retryMs ?? RESEND_RETRY_MS;
    this.#timer = setInterval(() => this.#askAll(), this.#retryMs / 2);
    this.#timer.unref();
  }

  /** Compares how far each station incarnation was acked with what the history holds; opens a hole where it holds less. */
  detect(acked: Iterable<AckedUpTo>, source: 'ack ledger' | 'station'): void {
    let opened = false;
    for (const { station, incarnation, upTo } of acked) {
      const sequence = this.options.sequence(station, incarnation);
      if (upTo <= sequence.contiguous) continue;
      const key = keyOf(station, incarnation);
      const known = this.#holes.get(key);
      const from = sequence.contiguous + 1;
      if (known && known.to >= upTo) continue;
      const hole: Hole = { station, ...(incarnation === undefined ? {} : { incarnation }), from: known?.from ?? from, to: upTo };
      this.#holes.set(key, hole);
      opened = true;
      log.warn({ ...hole, source }, "the hub's history holds less than it acked: asking the station to resend");
    }
    if (opened) this.#changed();
  }

  /** A station status the ingest accepted: births report the station's ack cursor and journal start. */
  onStatus(status: StationStatus): void {
    const { station, incarnation } = status;
    if (status.state !== 'online') {
      this.#online.delete(station);
      return;
    }
    this.#online.set(station, incarnation);
    // A hole of a data folder the station no longer has (a replaced PC) cannot be filled.
    for (const hole of this.#holes.values()) {
      if (hole.station === station && hole.incarnation !== incarnation) this.#lose(hole, hole.from, hole.to, 'the station has a new data folder');
    }
    if (status.ackedSeq !== undefined) this.detect([{ station, ...(incarnation === undefined ? {} : { incarnation }), upTo: status.ackedSeq }], 'station');
    const hole = this.#holes.get(keyOf(station, incarnation));
    if (!hole || this.#filled(hole)) return;
    const first = this.options.sequence(station, incarnation).missing(hole.to, 1)[0];
    if (first && status.journalFrom !== undefined && status.journalFrom > first.from) {
      const reason = `the station's journal starts at ${status.journalFrom} (its retention dropped older events)`;
      this.#lose(hole, first.from, Math.min(status.journalFrom - 1, hole.to), reason);
      if (this.#filled(hole)) return;
    }
    this.#ask(hole);
  }

  /**
   * Whether a hole of `station` is open: its resend covers any gap ingest sees meanwhile, so a
   * `replay` of the outbox (asked again at every step of the filling) would only repeat it.
   */
  filling(station: string): boolean {
    for (const hole of this.#holes.values()) if (hole.station === station) return true;
    return false;
  }

  /** A station event was stored: a hole it completes is closed. */
  stored(station: string, incarnation: string | undefined): void {
    const hole = this.#holes.get(keyOf(station, incarnation));
    if (hole) this.#filled(hole);
  }

  view(): RecoveryView {
    const holes = [...this.#holes.values()].map((hole) => {
      const missing = this.options.sequence(hole.station, hole.incarnation).missing(hole.to);
      return { ...hole, missing, missingEvents: missing.reduce((sum, range) => sum + range.to - range.from + 1, 0) };
    });
    return { recovering: holes.length > 0, holes, lostEvents: this.#lostEvents };
  }

  /** Calls `listener` with the new view whenever a hole opens or closes; returns the unsubscribe. */
  onChange(listener: (view: RecoveryView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#listeners.clear();
  }

  /** Settles what is still missing of `from`..`to` as lost: each range recorded once with its alert, and the station acked past it. */
  #lose(hole: Hole, from: number, to: number, reason: string): void {
    const sequence = this.options.sequence(hole.station, hole.incarnation);
    const ranges = sequence
      .missing(to, Number.MAX_SAFE_INTEGER)
      .filter((range) => range.to >= from)
      .map((range) => ({ from: Math.max(range.from, from), to: range.to }));
    if (ranges.length === 0) return;
    for (const range of ranges) {
      for (let seq = range.from; seq <= range.to; seq += 1) sequence.add(seq);
      this.#lostEvents += range.to - range.from + 1;
      const lost: Hole = { station: hole.station, ...(hole.incarnation === undefined ? {} : { incarnation: hole.incarnation }), ...range };
      log.error({ ...lost, reason }, 'acked events lost from the history cannot be resent');
      this.options.onLost(lost, reason);
    }
    if (!this.#filled(hole)) this.#changed();
    this.options.acknowledge(hole.station, hole.incarnation);
  }

  /** True (and the hole closed) once every sequence of the hole is stored or settled. */
  #filled(hole: Hole): boolean {
    if (this.options.sequence(hole.station, hole.incarnation).contiguous < hole.to) return false;
    const key = keyOf(hole.station, hole.incarnation);
    if (this.#holes.get(key) !== hole) return true;
    this.#holes.delete(key);
    this.#asked.delete(key);
    log.info({ ...hole }, 'hole in the history filled');
    this.#changed();
    return true;
  }

  /** Asks for the hole from its first missing sequence: once per `retryMs` for the same start (statuses come often). */
  #ask(hole: Hole, now = Date.now()): void {
    const first = this.options.sequence(hole.station, hole.incarnation).missing(hole.to, 1)[0];
    if (!first) return;
    const key = keyOf(hole.station, hole.incarnation);
    const asked = this.#asked.get(key);
    if (asked && asked.from === first.from && now - asked.at < this.#retryMs) return;
    this.#asked.set(key, { from: first.from, at: now });
    this.options.requestResend(hole.station, hole.incarnation, first.from);
  }

  #askAll(): void {
    for (const hole of this.#holes.values()) {
      if (this.#online.has(hole.station) && this.#online.get(hole.station) === hole.incarnation) this.#ask(hole);
    }
  }

  #changed(): void {
    if (this.#listeners.size === 0) return;
    const view = this.view();
    for (const listener of this.#listeners) listener(view);
  }
}

function keyOf(station: string, incarnation: string | undefined): string {
  return incarnation === undefined ? station : `${station} ${incarnation}`;
}
