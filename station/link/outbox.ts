import type { StationEvent } from '../../protocol/schemas.js';

/**
 * Events the hub has not yet acknowledged, in sequence order. An event leaves only when
 * an ack covers its sequence (invariant 2); the journal behind it keeps it across restarts.
 */
export class Outbox {
  #pending: StationEvent[];
  #ackedSeq: number;

  constructor(journaled: readonly StationEvent[], ackedSeq: number) {
    this.#ackedSeq = ackedSeq;
    this.#pending = journaled.filter((event) => event.seq > ackedSeq);
  }

  get ackedSeq(): number {
    return this.#ackedSeq;
  }

  get size(): number {
    return this.#pending.length;
  }

  add(event: StationEvent): void {
    this.#pending.push(event);
  }

  pending(): readonly StationEvent[] {
    return this.#pending;
  }

  /** Drops every event up to `upTo`; returns whether anything changed. */
  ack(upTo: number): boolean {
    if (upTo <= this.#ackedSeq) return false;
    this.#ackedSeq = upTo;
    const firstKept = this.#pending.findIndex((event) => event.seq > upTo);
    this.#pending = firstKept < 0 ? [] : this.#pending.slice(firstKept);
    return true;
  }
}
