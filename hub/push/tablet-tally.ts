import { StationBook } from '../../common/tally/stations.js';
import { SiteStats } from '../../common/tally/stats.js';
import { QUARTER_MS, WINDOW_MS } from '../../common/tally/time.js';
import type { History, HistoryRecord } from '../store/history.js';

/**
 * The tablet page's figures kept at the hub, so a page loads them instead of replaying the
 * history: stations (presence, devices, packer, order, counts), scans and
 * mismatches per quarter-hour and the pack funnel, for the last `WINDOW_MS`. It runs the same
 * counting code as the page (`common/tally/`), so both sides count the same way. The hub makes
 * one per history at start and hands it to the routes that need it (`HubServices.tally`).
 */
export class TabletTally {
  readonly stations = new StationBook();
  readonly stats = new SiteStats();
  /** The last history sequence applied. */
  #seq = 0;
  #prunedAt = 0;

  constructor(private readonly history: History) {}

  get seq(): number {
    return this.#seq;
  }

  /**
   * Applies the records stored since the last call, so the tally reflects `history.lastSeq`.
   * After a long pause (or the first time) it starts at the first record of the window.
   * Returns the tally, caught up.
   */
  catchUp(now = Date.now()): this {
    const history = this.history;
    const last = history.lastSeq;
    if (last < this.#seq) throw new Error(`history went back from ${this.#seq} to ${last}`);
    let next = this.#seq + 1;
    if (next <= last && Date.parse(recordAt(history, next)) < now - WINDOW_MS) {
      next = firstAtOrAfter(history, now - WINDOW_MS, next, last);
    }
    for (const record of history.scan(next - 1)) {
      if (record.seq > last) break;
      this.apply(record, now);
    }
    this.#seq = last;
    return this;
  }

  /**
   * Stations with no record in the window (quiet for a day) get their last status record, found
   * through the history's `station:` index, so their devices and mapping version are known.
   */
  seedStations(ids: Iterable<string>): void {
    const history = this.history;
    for (const id of ids) {
      if (this.stations.get(id)) continue;
      // Domain records about the station share the key; its status is among the newest.
      const status = history.byKey(`station:${id}`, { limit: SEED_LOOKBACK }).findLast((record) => record.kind === 'station');
      if (status) this.stations.apply(status);
    }
  }

  apply(record: HistoryRecord, now = Date.now()): void {
    this.stations.apply(record);
    this.stats.apply(record);
    this.#seq = Math.max(this.#seq, record.seq);
    if (now - this.#prunedAt >= QUARTER_MS) {
      this.#prunedAt = now;
      this.stations.prune(now - WINDOW_MS);
      this.stats.prune(now - WINDOW_MS);
    }
  }
}

function recordAt(history: History, seq: number): string {
  return history.since(seq - 1, 1)[0]!.at;
}

/** The first sequence in `[low, high]` stored at or after `time` (records are stored in time order), or high + 1. */
function firstAtOrAfter(history: History, time: number, low: number, high: number): number {
  let from = low;
  let to = high + 1;
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (Date.parse(recordAt(history, mid)) < time) from = mid + 1;
    else to = mid;
  }
  return from;
}

const SEED_LOOKBACK = 100;

/** What identifies a history: its first record's time (a wiped history starts a new one), and its newest sequence. */
export interface HistoryIdentity {
  readonly id: string | null;
  readonly lastSeq: number;
}

export function historyIdentity(history: History): HistoryIdentity {
  return { id: history.since(0, 1)[0]?.at ?? null, lastSeq: history.lastSeq };
}
