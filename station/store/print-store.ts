import { LowSync, MemorySync } from 'lowdb';
import { AtomicJsonFileSync } from '../../common/atomic-file.js';
import { createLogger } from '../../common/log.js';
import type { PrintQueueState } from '../printer/types.js';

const log = createLogger('station.store.print');

/**
 * `print-queue.json`: the print queue's state (station/printer `PrintQueue.state()`; a print
 * program's queue keeps `print-queue-PLATFORM.json` the same way), written synchronously and
 * atomically (fsynced) at every queue event. The queue sends a job's bytes only after its `sending`
 * event returned, so the job is on disk as `sending` before a byte leaves (docs/printing.md).
 * Bounded by the queue's `keepFinished`.
 */
export class PrintStore<S extends { readonly version: 1 } = PrintQueueState> {
  private constructor(private readonly db: LowSync<{ state: S | null }>) {}

  static open<S extends { readonly version: 1 } = PrintQueueState>(path: string | undefined): { store: PrintStore<S>; state: S | undefined } {
    const adapter = path ? new AtomicJsonFileSync<{ state: S | null }>(path) : new MemorySync<{ state: S | null }>();
    const db = new LowSync<{ state: S | null }>(adapter, { state: null });
    try {
      db.read();
    } catch (err) {
      // Unreadable means torn by hand, not by a crash or a power cut (the write is an fsynced rename): say so loudly.
      log.error({ path, err: (err as Error).message }, 'print queue state unreadable; starting with an empty queue');
      db.data = { state: null };
    }
    const state = db.data.state?.version === 1 ? db.data.state : undefined;
    return { store: new PrintStore<S>(db), state };
  }

  save(state: S): void {
    this.db.data = { state };
    this.db.write();
  }
}
