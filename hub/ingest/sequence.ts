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
}
