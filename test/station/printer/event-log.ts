import type { PrintEvent } from '../../../station/printer/events.js';

/** What both print queues emit: an event with a type, a job on most. */
interface AnyEvent {
  readonly type: string;
}

type Match<E> = (event: E) => boolean;

/**
 * Collects a queue's events (the ZPL queue's by default, or the print programs' queue's).
 * `next(match)` resolves with the first matching event after the one the previous `next`
 * returned — whether it already happened or is still to come — so a test reads the story in
 * order without racing the queue.
 */
export class EventLog<E extends AnyEvent = PrintEvent> {
  readonly events: E[] = [];
  #cursor = 0;
  #waiter: { match: Match<E>; resolve: (event: E) => void } | undefined;

  readonly add = (event: E): void => {
    this.events.push(event);
    this.#check();
  };

  next<T extends E = E>(match: Match<E>): Promise<T> {
    if (this.#waiter) throw new Error('one next() at a time');
    return new Promise<T>((resolve) => {
      this.#waiter = { match, resolve: resolve as (event: E) => void };
      this.#check();
    });
  }

  /** Events of a type, in order. */
  ofType<K extends E['type']>(type: K): Extract<E, { type: K }>[] {
    return this.events.filter((event): event is Extract<E, { type: K }> => event.type === type);
  }

  #check(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    while (this.#cursor < this.events.length) {
      const event = this.events[this.#cursor]!;
      this.#cursor += 1;
      if (waiter.match(event)) {
        this.#waiter = undefined;
        waiter.resolve(event);
        return;
      }
    }
  }
}

/** Matches an event of a type about a job. */
export function about(type: string, jobId: string): Match<AnyEvent> {
  return (event) => event.type === type && 'job' in event && (event as { job: { id: string } }).job.id === jobId;
}

/** Matches a status event whose device detail contains `text`. */
export function statusWith(state: 'ok' | 'fault' | 'absent', text = ''): Match<AnyEvent> {
  return (event) => {
    if (event.type !== 'status') return false;
    const { device } = (event as unknown as { status: { device: { state: string; detail?: string } } }).status;
    return device.state === state && (device.detail ?? '').includes(text);
  };
}
