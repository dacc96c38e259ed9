/**
 * Index keys (`order:TB123`, `station:S1`, …) to the sequences of the records that name them.
 * Records arrive in sequence order, so every list stays sorted without sorting.
 */
export class KeyIndex {
  readonly #lists = new Map<string, number[]>();
  #postings = 0;

  /** How many keys, and how many (key, record) pairs, are indexed. */
  get stats(): { keys: number; postings: number } {
    return { keys: this.#lists.size, postings: this.#postings };
  }

  add(keys: readonly string[], seq: number): void {
    for (const key of new Set(keys)) {
      const list = this.#lists.get(key);
      if (list) list.push(seq);
      else this.#lists.set(key, [seq]);
      this.#postings += 1;
    }
  }

  /** The newest `limit` sequences under `key` that are below `beforeSeq`, oldest first. */
  seqs(key: string, beforeSeq: number, limit: number): number[] {
    const list = this.#lists.get(key);
    if (!list || limit <= 0) return [];
    const end = firstAtOrAbove(list, beforeSeq);
    return list.slice(Math.max(0, end - limit), end);
  }

  /** Every key with its list, for a checkpoint. */
  entries(): IterableIterator<[string, readonly number[]]> {
    return this.#lists.entries();
  }

  /** Adopts a list read back from a checkpoint (sorted, and older than anything added later). */
  restore(key: string, seqs: number[]): void {
    this.#lists.set(key, seqs);
    this.#postings += seqs.length;
  }
}

/** The index of the first element of ascending `sorted` that is at least `value` (its length if none). */
export function firstAtOrAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
