import { LowSync, MemorySync } from 'lowdb';
import { DataFileSync } from 'lowdb/node';
import { createLogger } from '../../common/log.js';
import type { PrintQueueState } from '../printer/types.js';

const log = createLogger('station.store.print');

/**
 * `print-queue.json`: the print queue's state (station/printer `PrintQueue.state()`), written
 * synchronously at every queue event. The queue sends a job's bytes only after its `sending`
 * event returned, so the job is on disk as `sending` before a byte leaves (docs/printing.md).
 * Bounded by the queue's `keepFinished`.
 */
export class PrintStore {
  private constructor(private readonly db: LowSync<{ state: PrintQueueState | null }>) {}

  static open(path: string | undefined): { store: PrintStore; state: PrintQueueState | undefined } {
    const adapter = path
      ? new DataFileSync<{ state: PrintQueueState | null }>(path, { parse: JSON.parse, stringify: (doc) => JSON.stringify(doc) })
      : new MemorySync<{ state: PrintQueueState | null }>();
    const db = new LowSync<{ state: PrintQueueState | null }>(adapter, { state: null });
    try {
      db.read();
    } catch (err) {
      // Unreadable means torn by hand, not by a crash (the write is a rename): say so loudly.
      log.error({ path, err: (err as Error).message }, 'print queue state unreadable; starting with an empty queue');
      db.data = { state: null };
    }
    const state = db.data.state?.version === 1 ? db.data.state : undefined;
    return { store: new PrintStore(db), state };
  }

  save(state: PrintQueueState): void {
    this.db.data = { state };
    this.db.write();
  }
}
