import { randomUUID } from 'node:crypto';
import type { Journal } from '../../common/journal.js';
import type { StationEvent, StationEventBody } from '../../protocol/index.js';
import { PAYLOAD_VERSION } from '../../protocol/wire.js';
import type { Outbox } from '../link/outbox.js';

/**
 * Makes station events and hands them on: each body gets a unique id and the station's next
 * sequence, and the events of one input say so (`input: {first, count}`). `build` only numbers
 * them; the caller writes them ahead with the session, then `commit` journals them (one
 * synchronous write each), queues them in the outbox and sends them (invariant 2).
 */
export class Recorder {
  #lastSeq: number;

  constructor(
    private readonly station: string,
    private readonly journal: Journal<StationEvent>,
    private readonly outbox: Outbox,
    private readonly send: (event: StationEvent) => void,
    lastSeq: number,
    /** The data folder's incarnation, carried by every event (absent for an older folder). */
    private readonly incarnation?: string,
  ) {
    this.#lastSeq = lastSeq;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Numbers the bodies one input made, in order; `at` is the input's time (epoch ms). */
  build(bodies: readonly StationEventBody[], at: number): StationEvent[] {
    const first = this.#lastSeq + 1;
    const iso = new Date(at).toISOString();
    const events = bodies.map((body, i): StationEvent => {
      const event: StationEvent = {
        v: PAYLOAD_VERSION,
        id: randomUUID(),
        station: this.station,
        seq: first + i,
        ...(this.incarnation === undefined ? {} : { incarnation: this.incarnation }),
        at: iso,
        body,
      };
      return bodies.length > 1 ? { ...event, input: { first, count: bodies.length } } : event;
    });
    this.#lastSeq += events.length;
    return events;
  }

  /** Journals, queues and sends events `build` made, in order. */
  commit(events: readonly StationEvent[]): void {
    for (const event of events) this.journal.append(event);
    for (const event of events) {
      this.outbox.add(event);
      this.send(event);
    }
  }
}

/**
 * The events written ahead with the session but missing from the journal (a crash came between
 * the two writes): the ones after the journal's last sequence, in order.
 */
export function unjournaled(pending: readonly StationEvent[], journaledSeq: number): StationEvent[] {
  return pending.filter((event) => event.seq > journaledSeq).sort((a, b) => a.seq - b.seq);
}
