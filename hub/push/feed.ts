import { shownRecord } from '../control/shown-record.js';
import type { History, HistoryRecord } from '../store/history.js';
import { historyIdentity, type HistoryIdentity } from './tablet-tally.js';

export type FeedListener = (record: HistoryRecord) => void;

/**
 * Fans stored records out to tablets. A subscriber names the last sequence it has and gets
 * every record after it, then live ones, in order; replay and live share one code path, so
 * nothing falls between them. Records go out as people may see them (`shownRecord`: no print data).
 */
export class Feed {
  readonly #listeners = new Set<FeedListener>();

  constructor(private readonly history: History) {}

  get subscribers(): number {
    return this.#listeners.size;
  }

  /** Which history this is and its newest sequence, for the welcome (docs/protocol.md). */
  identity(): HistoryIdentity {
    return historyIdentity(this.history);
  }

  subscribe(since: number, listener: FeedListener): () => void {
    for (const record of this.history.scan(since)) listener(shownRecord(record));
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(record: HistoryRecord): void {
    const shown = shownRecord(record);
    for (const listener of this.#listeners) listener(shown);
  }
}
