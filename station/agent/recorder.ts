import { randomUUID } from 'node:crypto';
import type { Journal } from '../../common/journal.js';
import type { StationEvent, StationEventBody } from '../../protocol/index.js';
import { PAYLOAD_VERSION } from '../../protocol/wire.js';
import type { Outbox } from '../link/outbox.js';

/**
 * Makes station events and hands them on: each body gets a unique id and the station's next
 * sequence, and the events of one input say so (`input: {first, count}`). `build` only numbers
 * them; the caller writes them ahead with the session, then `commit` journals them (one
 * synchronous write), and once the journal is synced (one fdatasync per burst) queues them in
 * the outbox and sends them: nothing leaves the station that a power cut could take back from
 * its journal (invariant 2, docs/history-store.md "Durability").
 */
export class Recorder {
  #lastSeq: number;
  /** Settles once every committed event is in the outbox and sent. */
  #published: Promise<void> = Promise.resolve();
  #unpublished = 0;

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

  /** Events committed whose journal sync is still awaited (not yet in the outbox). */
  get unpublished(): number {
    return this.#unpublished;
  }

  /**
   * Journals events `build` made (one write: all or none; `JOURNAL_WRITE_FAILED` leaves the
   * journal as it was), then, once they are synced, queues and sends them, in order.
   */
  commit(events: readonly StationEvent[]): void {
    if (events.length === 0) return;
    this.journal.appendAll(events);
    this.#unpublished += events.length;
    const synced = this.journal.synced();
    this.#published = this.#published.then(() => synced).then(() => {
      this.#unpublished -= events.length;
      for (const event of events) {
        this.outbox.add(event);
        this.send(event);
      }
    });
  }

  /** Takes back the sequences of events `build` made that could not be committed (the newest ones). */
  discard(events: readonly StationEvent[]): void {
    if (events.length > 0 && events.at(-1)!.seq === this.#lastSeq) this.#lastSeq = events[0]!.seq - 1;
  }

  /** Resolves once every event committed so far is synced, queued and sent. */
  published(): Promise<void> {
    return this.#published;
  }
}

/**
 * The events written ahead with the session but missing from the journal (a crash came between
 * the two writes): the ones after the journal's last sequence, in order. Only if they follow it
 * without a gap: after a power cut the journal may have lost its unsynced tail, steps before the
 * session's last one included; those events were never sent (nothing is sent before its journal
 * is synced), so the sequence goes on from the journal and the session's are dropped too.
 */
export function unjournaled(pending: readonly StationEvent[], journaledSeq: number): StationEvent[] {
  const after = pending.filter((event) => event.seq > journaledSeq).sort((a, b) => a.seq - b.seq);
  return after.length > 0 && after[0]!.seq === journaledSeq + 1 ? after : [];
}
