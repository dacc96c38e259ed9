import type { PrintEvent } from '../../../station/printer/events.js';

type Match = (event: PrintEvent) => boolean;

/**
 * Collects a queue's events. `next(match)` resolves with the first matching event after the one
 * the previous `next` returned — whether it already happened or is still to come — so a test
 * reads the story in order without racing the queue.
 */
export class EventLog {
  readonly events: PrintEvent[] = [];
  #cursor = 0;
  #waiter: { match: Match; resolve: (event: PrintEvent) => void } | undefined;

  readonly add = (event: PrintEvent): void => {
    this.events.push(event);
    this.#check();
  };

  next<T extends PrintEvent = PrintEvent>(match: Match): Promise<T> {
    if (this.#waiter) throw new Error('one next() at a time');
    return new Promise<T>((resolve) => {
      this.#waiter = { match, resolve: resolve as (event: PrintEvent) => void };
      this.#check();
    });
  }

  /** Events of a type, in order. */
  ofType<K extends PrintEvent['type']>(type: K): Extract<PrintEvent, { type: K }>[] {
    return this.events.filter((event): event is Extract<PrintEvent, { type: K }> => event.type === type);
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
export function about(type: PrintEvent['type'], jobId: string): Match {
  return (event) => event.type === type && 'job' in event && event.job.id === jobId;
}

/** Matches a status event whose device detail contains `text`. */
export function statusWith(state: 'ok' | 'fault', text = ''): Match {
  return (event) => event.type === 'status' && event.status.device.state === state && (event.status.device.detail ?? '').includes(text);
}
