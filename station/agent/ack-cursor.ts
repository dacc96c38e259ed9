import { createLogger } from '../../common/log.js';
import type { HubAck } from '../../protocol/index.js';
import type { Outbox } from '../link/outbox.js';
import type { StationState } from '../store/state.js';
import type { Recorder } from './recorder.js';

const log = createLogger('station.agent');

/**
 * The hub's acks: each drops the events it covers from the outbox and saves the station's ack
 * cursor (`ackedSeq` in state.json); who waits for the outbox to drain is woken when it is empty.
 */
export class AckCursor {
  readonly #drainWaiters: Array<() => void> = [];
  #persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: Outbox,
    private readonly state: StationState,
    private readonly recorder: Recorder,
  ) {}

  onAck(ack: HubAck): void {
    // An ack of another incarnation's events (this folder's predecessor) says nothing of ours.
    if (ack.incarnation !== undefined && ack.incarnation !== this.state.data.incarnation) return;
    if (!this.outbox.ack(ack.upTo)) return;
    this.state.data.ackedSeq = this.outbox.ackedSeq;
    // lowdb coalesces overlapping writes; losing the newest cursor to a crash only re-sends acked events.
    this.#persisting = this.state.write().catch((err: Error) => log.warn({ err: err.message }, 'could not save the acked sequence; acked events may be sent again'));
    if (this.outbox.size === 0) for (const wake of this.#drainWaiters.splice(0)) wake();
  }

  /** Resolves when the hub has acknowledged every event journaled so far. */
  async drained(): Promise<void> {
    await this.recorder.published();
    if (this.outbox.size === 0) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  /** Resolves once the last cursor save is done (or failed). */
  saved(): Promise<void> {
    return this.#persisting;
  }
}
