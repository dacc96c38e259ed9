import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';

/**
 * Runs one async step at a time: now when kicked, else after the delay `next()` gives once a
 * step ends (0: not until kicked). A kick during a step runs another step right after it.
 */
export class Pump {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #started = false;
  #closed = false;

  constructor(
    private readonly step: () => Promise<void>,
    private readonly next: () => number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#started = true;
    this.kick();
  }

  kick(): void {
    if (!this.#started || this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#loop();
  }

  /** Stops the timer and waits for a step under way. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.step();
      } catch (err) {
        this.log.error({ err: errorMessage(err) }, 'step failed');
      }
    } while (this.#again && !this.#closed);
    this.#running = undefined;
    if (this.#closed) return;
    const delay = this.next();
    if (delay > 0) this.#timer = setTimeout(() => this.kick(), delay);
  }
}
