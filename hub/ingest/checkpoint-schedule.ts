import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { settledWithin } from '../../common/timeout.js';
import type { History } from '../store/history.js';
import { saveIngestCheckpoint, type IngestSnapshot } from './checkpoint.js';

const log = createLogger('hub.ingest');
/** Records stored between two ingest checkpoints, at most (a save costs a few lines per station). */
export const INGEST_CHECKPOINT_EVERY = 10_000;
/** How often the ingest checkpoint is saved while records come in slower than that. */
export const INGEST_CHECKPOINT_MS = 60_000;
/** How long a checkpoint waits for the history's sync before it is skipped. */
const CHECKPOINT_SYNC_WAIT_MS = 5000;

export interface CheckpointScheduleOptions {
  readonly history: History;
  /** The checkpoint file (`ingest-state.json` beside the history). */
  readonly path: string;
  /** Ingest's state as of the newest record. */
  readonly snapshot: () => IngestSnapshot;
  readonly every?: number;
  readonly ms?: number;
}

/**
 * When ingest's checkpoint is saved: every `every` records stored, every `ms` while records come
 * in, and when the hub asks (at close); each save waits for the history's sync first.
 */
export class CheckpointSchedule {
  /** The history sequence the last checkpoint saved (or loaded) covers. */
  #seq: number;
  /** Records stored since. */
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #due: NodeJS.Immediate | undefined;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: CheckpointScheduleOptions,
    loadedSeq: number,
  ) {
    this.#seq = loadedSeq;
  }

  /** Starts the timer; saves at once when start read records past the loaded checkpoint. */
  start(): void {
    this.#timer = setInterval(() => {
      if (this.#since > 0) void this.save();
    }, this.options.ms ?? INGEST_CHECKPOINT_MS);
    this.#timer.unref();
    // After a whole read, the next start need not do it again.
    if (this.#seq < this.options.history.lastSeq) void this.save();
  }

  /** A record was stored: a save is due after every `every`. */
  stored(): void {
    if (++this.#since < (this.options.every ?? INGEST_CHECKPOINT_EVERY)) return;
    // Not now: the caller may not be done with the record (a snapshot is taken between messages).
    this.#due ??= setImmediate(() => {
      this.#due = undefined;
      void this.save();
    });
  }

  /**
   * Saves the ingest checkpoint as of the newest record, once the history is synced up to it
   * (never ahead of the history on disk). A failure is logged, never thrown: the checkpoint is a
   * cache, and without it the next start reads the whole history.
   */
  save(): Promise<void> {
    const { history, path } = this.options;
    const seq = history.lastSeq;
    if (seq === 0 || seq === this.#seq) return this.#saving;
    const record = history.since(seq - 1, 1)[0]!;
    const snapshot = this.options.snapshot();
    this.#since = 0;
    this.#saving = this.#saving.then(async () => {
      if (!(await settledWithin(history.synced(), CHECKPOINT_SYNC_WAIT_MS))) {
        log.warn({ seq }, 'history not synced; ingest checkpoint skipped');
        return;
      }
      if (seq <= this.#seq) return;
      try {
        saveIngestCheckpoint(path, record, snapshot);
        this.#seq = seq;
      } catch (err) {
        log.warn({ path, err: errorMessage(err) }, 'ingest checkpoint not saved; the next start reads more of the history');
      }
    });
    return this.#saving;
  }

  /** Stops the timer and any save scheduled; a save under way goes on. */
  close(): void {
    clearInterval(this.#timer);
    if (this.#due) clearImmediate(this.#due);
  }
}
