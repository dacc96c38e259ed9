/** A {@link StationSequence} as saved: `ahead` holds `[from, to]` ranges above `contiguous + 1`. */
export interface SavedSequence {
  readonly contiguous: number;
  readonly ahead: ReadonlyArray<readonly [number, number]>;
}

/**
 * One station's sequence as the hub has stored it: everything up to `contiguous`, plus
 * any later sequences that arrived early. The hub acks `contiguous`.
 */
export class StationSequence {
  #contiguous = 0;
  readonly #ahead = new Set<number>();

  /** A sequence as {@link saved} gave it (the ingest checkpoint, hub/ingest/checkpoint.ts). */
  static restore(saved: SavedSequence): StationSequence {
    const sequence = new StationSequence();
    sequence.#contiguous = saved.contiguous;
    for (const [from, to] of saved.ahead) for (let seq = from; seq <= to; seq += 1) sequence.#ahead.add(seq);
    return sequence;
  }

  /** A compact copy: the contiguous prefix, and the sequences held past it as ranges, oldest first. */
  saved(): SavedSequence {
    const ahead: Array<[number, number]> = [];
    for (const seq of [...this.#ahead].sort((a, b) => a - b)) {
      const last = ahead.at(-1);
      if (last && last[1] === seq - 1) last[1] = seq;
      else ahead.push([seq, seq]);
    }
    return { contiguous: this.#contiguous, ahead };
  }

  get contiguous(): number {
    return this.#contiguous;
  }

  has(seq: number): boolean {
    return seq <= this.#contiguous || this.#ahead.has(seq);
  }

  /** Marks `seq` stored; returns false if it already was. */
  add(seq: number): boolean {
    if (this.has(seq)) return false;
    this.#ahead.add(seq);
    while (this.#ahead.delete(this.#contiguous + 1)) this.#contiguous += 1;
    return true;
  }

  /** The first missing sequence when later ones are held, else undefined. */
  firstGap(): number | undefined {
    return this.#ahead.size > 0 ? this.#contiguous + 1 : undefined;
  }

  /**
   * The ranges of sequences up to `to` not stored, oldest first, at most `limit` of them (a hole
   * the hub's history lost, as it fills).
   */
  missing(to: number, limit = 100): Array<{ from: number; to: number }> {
    const ranges: Array<{ from: number; to: number }> = [];
    for (let seq = this.#contiguous + 1; seq <= to && ranges.length <= limit; seq += 1) {
      if (this.#ahead.has(seq)) continue;
      const last = ranges.at(-1);
      if (last && last.to === seq - 1) last.to = seq;
      else ranges.push({ from: seq, to: seq });
    }
    return ranges.slice(0, limit);
  }
}
