import { randomBytes } from 'node:crypto';
import { PackgateError } from '../../../common/errors.js';
import type { ProgramMessage } from './messages.js';

interface Waiter {
  readonly resolve: (message: ProgramMessage) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly onReply: ((reply: ProgramMessage) => void) | undefined;
}

/**
 * The requests sent to a print program that wait for their reply, matched by request id: each
 * resolves with its reply, or fails on its time-out or when the connection goes.
 */
export class PendingRequests {
  readonly #waiters = new Map<string, Waiter>();
  readonly #prefix = randomBytes(4).toString('hex');
  #seq = 0;

  constructor(
    /** Sends one request's text; a rejection fails the request. */
    private readonly send: (text: string) => Promise<void>,
    /** Names the program in a time-out: "the Cainiao print program". */
    private readonly programName: string,
  ) {}

  /**
   * Sends a request built for a fresh request id and resolves with the reply carrying that id;
   * `onReply` sees the reply first, synchronously, before any later message is read.
   * PROGRAM_TIMEOUT when no reply comes in `timeoutMs`.
   */
  request(build: (requestId: string) => string, timeoutMs: number, onReply?: (reply: ProgramMessage) => void): Promise<ProgramMessage> {
    this.#seq += 1;
    const requestId = `pg-${this.#prefix}-${this.#seq}`;
    const text = build(requestId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(requestId);
        reject(new PackgateError('PROGRAM_TIMEOUT', `${this.programName} did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(requestId, { resolve, reject, timer, onReply });
      this.send(text).catch((err: unknown) => {
        if (!this.#waiters.delete(requestId)) return;
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  /** Hands a reply to the request waiting for it; false when none waits. */
  answer(message: ProgramMessage): boolean {
    const requestId = 'requestId' in message ? (message.requestId ?? '') : '';
    const waiter = this.#waiters.get(requestId);
    if (!waiter) return false;
    clearTimeout(waiter.timer);
    this.#waiters.delete(requestId);
    waiter.onReply?.(message);
    waiter.resolve(message);
    return true;
  }

  /** Fails every waiting request with PROGRAM_IO: the connection went, or the queue closed. */
  failAll(message: string): void {
    for (const [id, waiter] of this.#waiters) {
      clearTimeout(waiter.timer);
      this.#waiters.delete(id);
      waiter.reject(new PackgateError('PROGRAM_IO', message));
    }
  }
}
