import { createLogger } from './log.js';

const log = createLogger('group-commit');

export interface GroupCommitOptions {
  /** Names the file in log lines. */
  readonly name: string;
  /** First retry after a failed sync (ms); doubled at each failure up to `maxRetryMs`. Default 500. */
  readonly retryMs?: number;
  /** Default 30,000. */
  readonly maxRetryMs?: number;
  /** Told of every failed sync (the store reports itself degraded). */
  readonly onError?: (err: unknown) => void;
  /** Told when a sync succeeds after failures. */
  readonly onRecovered?: () => void;
}

/**
 * Group commit: one sync covers every write made since the last one. A writer says it wrote
 * (`wrote`), and whoever must not act before those writes are on disk waits for `synced()`.
 * The sync runs once the current event-loop turn is over, so a burst of writes costs one sync;
 * writes made while a sync is in flight wait for the next one. A failed sync is retried by
 * itself with backoff; waiters keep waiting (they are never told "synced" for data that is not).
 */
export class GroupCommit {
  /** Counts writes; `#synced` is the count a completed sync covered. */
  #written = 0;
  #synced = 0;
  #running = false;
  #timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  #retryMs: number;
  #failure: { error: unknown; since: Date } | undefined;
  #closed = false;
  readonly #waiters: Array<{ upTo: number; resolve: () => void }> = [];

  constructor(
    private readonly sync: () => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {
    this.#retryMs = options.retryMs ?? 500;
  }

  /** Notes that writes were made; the next sync covers them. */
  wrote(): void {
    this.#written += 1;
  }

  /** Resolves once every write noted so far is synced (at once if it already is). */
  synced(): Promise<void> {
    const upTo = this.#written;
    if (upTo <= this.#synced) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#waiters.push({ upTo, resolve }));
    this.#schedule();
    return done;
  }

  /** Whether writes wait for a sync. */
  get pending(): boolean {
    return this.#written > this.#synced;
  }

  /** The last sync's failure, while syncs fail (cleared by the next success). */
  get failure(): { error: unknown; since: Date } | undefined {
    return this.#failure;
  }

  /** Stops syncing; waiters still waiting are left unresolved (their writes may not be on disk). */
  close(): void {
    this.#closed = true;
    if (this.#timer) {
      clearImmediate(this.#timer as NodeJS.Immediate);
      clearTimeout(this.#timer as NodeJS.Timeout);
    }
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#running || this.#timer || this.#closed) return;
    this.#timer = setImmediate(() => void this.#run());
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    this.#running = true;
    const upTo = this.#written;
    try {
      await this.sync();
    } catch (err) {
      this.#running = false;
      this.#failed(err);
      return;
    }
    this.#running = false;
    this.#synced = Math.max(this.#synced, upTo);
    if (this.#failure) {
      log.info({ file: this.options.name, failedSince: this.#failure.since }, 'sync works again');
      this.#failure = undefined;
      this.#retryMs = this.options.retryMs ?? 500;
      this.options.onRecovered?.();
    }
    let done = 0;
    while (done < this.#waiters.length && this.#waiters[done]!.upTo <= upTo) done += 1;
    for (const waiter of this.#waiters.splice(0, done)) waiter.resolve();
    if (this.#waiters.length > 0) this.#schedule();
  }

  #failed(err: unknown): void {
    if (!this.#failure) this.#failure = { error: err, since: new Date() };
    else this.#failure.error = err;
    log.error({ file: this.options.name, err: (err as Error).message, retryMs: this.#retryMs }, 'sync failed; retrying');
    this.options.onError?.(err);
    if (this.#closed) return;
    this.#timer = setTimeout(() => void this.#run(), this.#retryMs);
    this.#timer.unref?.();
    this.#retryMs = Math.min(this.#retryMs * 2, this.options.maxRetryMs ?? 30_000);
  }
}
