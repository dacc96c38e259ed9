import type { HistoryRecord } from './history-record.js';

/** Where the open segment's records live: a file (`HistoryLog`) or, without a path, an array. */
export interface RecordStore {
  /** The sequence before the first record held. */
  readonly base: number;
  readonly count: number;
  readonly size: number;
  append(record: HistoryRecord): void;
  read(first: number, count?: number): HistoryRecord[];
  pick(seqs: readonly number[]): HistoryRecord[];
  sync(): Promise<void>;
  close(): void;
}

/** The records of a history without a file (tests, throwaway runs). */
export class MemoryRecords implements RecordStore {
  readonly #records: HistoryRecord[] = [];
  readonly base = 0;
  readonly size = 0;

  get count(): number {
    return this.#records.length;
  }

  append(record: HistoryRecord): void {
    this.#records.push(record);
  }

  read(first: number, count = 1): HistoryRecord[] {
    return this.#records.slice(Math.max(0, first - 1), Math.max(0, first - 1 + count));
  }

  pick(seqs: readonly number[]): HistoryRecord[] {
    return seqs.map((seq) => this.#records[seq - 1]!);
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}
}
