import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';

const log = createLogger('hub.store.ack-ledger');

/** The ledger file beside the history in a hub's data folder. */
export const ACK_LEDGER_FILE = 'acked.json';
/** How often acks noted since the last write are written: the most a crash can make it lag. */
export const ACK_LEDGER_FLUSH_MS = 1000;

/** How far the hub acked one station incarnation (absent: a station without one). */
export interface AckedUpTo {
  readonly station: string;
  readonly incarnation?: string;
  readonly upTo: number;
}

interface LedgerDoc {
  v: 1;
  /** This hub's identity: made with the ledger, kept for as long as its data folder lives. */
  epoch: string;
  createdAt: string;
  acked: AckedUpTo[];
}

/**
 * The hub's durable record of how far it acked each station incarnation, and its epoch
 * (docs/history-store.md, "Recovery"). The history holding less than this after a start means
 * it lost its tail; the hub then asks the stations to resend (hub/ingest/recovery.ts).
 *
 * Written atomically (fsync, rename) at most every `flushMs` and at close, so it may lag the acks
 * by that much after a crash. It never claims more than the hub stored: an ack is noted only
 * for what the history held when it was sent. The lag loses nothing: a resend is asked from
 * the first missing sequence onward, never only up to the ledger, and a station's birth
 * reports its own ack cursor, which finds a hole the ledger missed.
 */
export class AckLedger {
  readonly #acked = new Map<string, AckedUpTo>();
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;

  private constructor(
    private readonly path: string | undefined,
    readonly epoch: string,
    readonly createdAt: string,
    acked: readonly AckedUpTo[],
    private readonly flushMs: number,
  ) {
    for (const entry of acked) this.#acked.set(keyOf(entry.station, entry.incarnation), entry);
  }

  /**
   * Opens the ledger at `path` (none: in memory). A missing or unreadable one is started afresh
   * with a new epoch and logged: holes are then found from the stations' births alone.
   */
  static open(path?: string, options: { flushMs?: number } = {}): AckLedger {
    const flushMs = options.flushMs ?? ACK_LEDGER_FLUSH_MS;
    const doc = path && existsSync(path) ? read(path) : undefined;
    if (doc) return new AckLedger(path, doc.epoch, doc.createdAt, doc.acked, flushMs);
    if (path && existsSync(path)) log.error({ path }, 'ack ledger unreadable; starting a new epoch (stations report what they were acked at their births)');
    const ledger = new AckLedger(path, randomUUID(), new Date().toISOString(), [], flushMs);
    ledger.#dirty = true;
    ledger.flush();
    return ledger;
  }

  /** Every station incarnation the hub has acked, with how far. */
  entries(): AckedUpTo[] {
    return [...this.#acked.values()];
  }

  /** How far the hub acked `station`'s `incarnation`; 0 if never. */
  ackedUpTo(station: string, incarnation?: string): number {
    return this.#acked.get(keyOf(station, incarnation))?.upTo ?? 0;
  }

  /** Notes an ack being sent; never lowers what was noted (a hub recovering acks less than it once did). */
  note(station: string, incarnation: string | undefined, upTo: number): void {
    const key = keyOf(station, incarnation);
    if ((this.#acked.get(key)?.upTo ?? 0) >= upTo) return;
    this.#acked.set(key, { station, ...(incarnation === undefined ? {} : { incarnation }), upTo });
    this.#dirty = true;
    if (this.path && !this.#timer) {
      this.#timer = setTimeout(() => this.flush(), this.flushMs);
      this.#timer.unref();
    }
  }

  /** Writes what changed now (also done by itself); a failed write is logged and retried at the next ack. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.path || !this.#dirty) return;
    const doc: LedgerDoc = { v: 1, epoch: this.epoch, createdAt: this.createdAt, acked: this.entries() };
    try {
      writeFileAtomicSync(this.path, JSON.stringify(doc));
      this.#dirty = false;
    } catch (err) {
      log.error({ path: this.path, err: errorMessage(err) }, 'ack ledger not written; retrying with the next ack');
    }
  }

  close(): void {
    this.flush();
  }
}

function keyOf(station: string, incarnation: string | undefined): string {
  return incarnation === undefined ? station : `${station} ${incarnation}`;
}

function read(path: string): LedgerDoc | undefined {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<LedgerDoc>;
    if (doc.v !== 1 || typeof doc.epoch !== 'string' || !Array.isArray(doc.acked)) return undefined;
    const acked = doc.acked.filter(
      (entry): entry is AckedUpTo =>
        typeof entry?.station === 'string' && Number.isSafeInteger(entry.upTo) && (entry.incarnation === undefined || typeof entry.incarnation === 'string'),
    );
    return { v: 1, epoch: doc.epoch, createdAt: typeof doc.createdAt === 'string' ? doc.createdAt : new Date(0).toISOString(), acked };
  } catch {
    return undefined;
  }
}
