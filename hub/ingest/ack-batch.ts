import type { History } from '../store/history.js';
import { parseSequenceKey, sequenceKey } from './station-ledger.js';

/**
 * Acks coalesced per station incarnation: queued while a burst of messages is stored, sent
 * together once the history holding what they cover is synced (one fdatasync for the burst).
 */
export class AckBatch {
  /** Sequence keys an ack is due for. */
  readonly #due = new Set<string>();
  #timer: NodeJS.Immediate | undefined;
  /** Acks waiting for their records' sync, in order. */
  #acking: Promise<void> = Promise.resolve();
  #waiting = 0;

  constructor(
    private readonly history: Pick<History, 'synced' | 'syncPending'>,
    /** How far the incarnation's stored sequence runs without a gap: what its ack covers. */
    private readonly upTo: (station: string, incarnation: string | undefined) => number,
    private readonly send: (station: string, upTo: number, incarnation?: string) => void,
  ) {}

  /** An ack is due for the station incarnation; it goes once the current burst is stored. */
  queue(station: string, incarnation: string | undefined): void {
    this.#due.add(sequenceKey(station, incarnation));
    this.#timer ??= setImmediate(() => this.flush());
  }

  /** Sends the acks due once the history holding what they cover is synced. */
  flush(): void {
    this.#timer = undefined;
    const acks = [...this.#due].map((key) => {
      const { station, incarnation } = parseSequenceKey(key);
      return { station, upTo: this.upTo(station, incarnation), incarnation };
    });
    this.#due.clear();
    const send = () => {
      for (const ack of acks) this.send(ack.station, ack.upTo, ack.incarnation);
    };
    if (this.#waiting === 0 && !this.history.syncPending) return send();
    this.#waiting += 1;
    const synced = this.history.synced();
    this.#acking = this.#acking
      .then(() => synced)
      .then(send)
      .finally(() => (this.#waiting -= 1));
  }

  /** Sends the acks due now (their sync awaited), with no later flush left scheduled. */
  close(): void {
    if (this.#timer) clearImmediate(this.#timer);
    this.flush();
  }
}
