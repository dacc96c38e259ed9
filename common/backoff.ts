/** Exponential backoff with full jitter, for reopening devices and reconnecting links. */
export class Backoff {
  #attempt = 0;

  constructor(
    private readonly minMs = 200,
    private readonly maxMs = 10_000,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; grows until `reset()`. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** this.#attempt);
    this.#attempt += 1;
    return Math.round(this.minMs + (ceiling - this.minMs) * this.random());
  }

  reset(): void {
    this.#attempt = 0;
  }
}
