import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Journal } from '../../common/journal.js';
import type { StationEvent, StationStatus } from '../../protocol/index.js';

/** What the hub keeps, in the order it happened; `seq` is the hub's own sequence, the tablets' cursor. */
export type HistoryEntry =
  | { kind: 'event'; station: string; event: StationEvent }
  | { kind: 'rejected'; station: string | null; code: string; message: string; topic: string; payload: string }
  | { kind: 'station'; station: string; status: StationStatus };

export type HistoryRecord = HistoryEntry & { seq: number; at: string };

/**
 * The append-only history. With a path it is a journal file that survives kill -9 and is
 * read back on start; without one it lives in memory (tests, throwaway runs).
 * Records are held in memory for `since` queries; issue #5 replaces this with an indexed store.
 */
export class History {
  readonly #records: HistoryRecord[];
  readonly #journal: Journal<HistoryRecord> | undefined;

  private constructor(records: HistoryRecord[], journal: Journal<HistoryRecord> | undefined) {
    this.#records = records;
    this.#journal = journal;
  }

  static open(path?: string): History {
    if (!path) return new History([], undefined);
    mkdirSync(dirname(path), { recursive: true });
    const { journal, records } = Journal.open<HistoryRecord>(path);
    return new History(records, journal);
  }

  get lastSeq(): number {
    return this.#records.at(-1)?.seq ?? 0;
  }

  /** Stores the entry (durably, when file-backed) before returning it with its sequence. */
  append(entry: HistoryEntry, now = new Date()): HistoryRecord {
    const record = { ...entry, seq: this.lastSeq + 1, at: now.toISOString() } as HistoryRecord;
    this.#journal?.append(record);
    this.#records.push(record);
    return record;
  }

  /** Records after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit = Infinity): HistoryRecord[] {
    const first = this.#records[0]?.seq ?? 1;
    const start = Math.max(0, seq + 1 - first);
    return this.#records.slice(start, limit === Infinity ? undefined : start + limit);
  }

  all(): readonly HistoryRecord[] {
    return this.#records;
  }

  close(): void {
    this.#journal?.close();
  }
}
