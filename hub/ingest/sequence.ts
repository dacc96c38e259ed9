/**
 * One station's sequence as the hub has stored it: everything up to `contiguous`, plus
 * any later sequences that arrived early. The hub acks `contiguous`.
 */
export class StationSequence {
  #contiguous = 0;
  readonly #ahead = new Set<number>();

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
