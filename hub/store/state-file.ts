import type { Adapter } from 'lowdb';
import { withChangeLock, type ChangeLockOptions } from '../../common/change-lock.js';
import { createLogger } from '../../common/log.js';
import { WorkQueue } from '../../common/work-queue.js';
import type { TokenRecord } from './tokens.js';

const log = createLogger('hub.state');

/** A station's MQTT login (username = station id); the password is kept only as a `$7$` hash. */
export interface StationRecord {
  readonly id: string;
  /** Mosquitto-compatible PBKDF2-SHA512 hash (see `hub/broker/credentials.ts`). */
  readonly passwordHash: string;
  readonly createdAt: string;
}

/** The hub's bounded state document (written whole, so never the event history). */
export interface HubStateDoc {
  tokens: TokenRecord[];
  stations: StationRecord[];
}

/** The document as the hub holds it between changes: read it, change it only through {@link HubStateFile.change}. */
export interface HubStateView {
  readonly tokens: readonly TokenRecord[];
  readonly stations: readonly StationRecord[];
}

/**
 * `value` as a state document, or undefined when it is no object with a token list (or has a
 * `stations` that is no list). Documents written before stations had logins have no `stations`.
 */
export function asHubStateDoc(value: unknown): HubStateDoc | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const doc = value as Partial<HubStateDoc>;
  if (!Array.isArray(doc.tokens)) return undefined;
  if (doc.stations !== undefined && !Array.isArray(doc.stations)) return undefined;
  return { ...doc, tokens: doc.tokens, stations: doc.stations ?? [] };
}

/**
 * The one writer of the hub state document. The hub's token book and station registry share
 * one, and the command line edits the same file from another process (`packgate hub token …`,
 * `hub station …`). So every change is made to the document as it is on disk at that moment —
 * re-read whole, changed, written — and changes and re-reads run one at a time: a re-read never
 * overtakes an unwritten change, and a write never puts back a token or station another process
 * made or removed since the last re-read (issue #13). Across processes each change holds the
 * file's change lock (`hub-state.json.lock`) from its re-read to its rename, so two processes
 * changing the file at once take turns; re-reads take no lock (every write is a rename). A file
 * that cannot be read, or holds no token list, leaves the document in memory as it was.
 */
export class HubStateFile {
  readonly #queue = new WorkQueue();
  #doc: HubStateDoc;
  #refreshedAt = Number.NEGATIVE_INFINITY;

  /**
   * `lock` names the file the adapter writes: each change then holds its change lock
   * (common/change-lock.ts) from re-read to rename. A document in memory needs none.
   */
  constructor(
    private readonly adapter: Adapter<HubStateDoc>,
    doc: HubStateDoc,
    private readonly lock?: { readonly path: string } & ChangeLockOptions,
  ) {
    this.#doc = doc;
  }

  /** The document as last read or written. */
  get data(): HubStateView {
    return this.#doc;
  }

  /** Takes the document from the file as it is now, once every change queued before has been written. */
  refresh(): Promise<void> {
    return this.#queue.run(() => this.#refresh());
  }

  /** {@link refresh}, unless the last re-read began less than `ms` ago. */
  refreshIfOlder(ms: number): Promise<void> {
    return this.#queue.run(async () => {
      if (Date.now() - this.#refreshedAt >= ms) await this.#refresh();
    });
  }

  /**
   * Re-reads the file, hands `mutate` a copy of the document to change, and writes that copy if
   * it differs; the hub holds it once it is on disk. What `mutate` returns, `change` resolves
   * with; if `mutate` throws or the write fails, the document stays as re-read.
   */
  change<T>(mutate: (doc: HubStateDoc) => T | Promise<T>): Promise<T> {
    const work = async () => {
      await this.#refresh();
      const next = structuredClone(this.#doc);
      const result = await mutate(next);
      if (JSON.stringify(next) !== JSON.stringify(this.#doc)) {
        await this.adapter.write(next);
        this.#doc = next;
      }
      return result;
    };
    return this.#locked(work);
  }

  /**
   * Writes the document as it stands when the file holds none yet (a new data folder): a hub
   * writes its history from its start on, and a history is never to be found without the state
   * beside it (`HUB_STATE_MISSING`). A file that is there is left as it is.
   */
  writeIfMissing(): Promise<void> {
    const work = async () => {
      if ((await this.adapter.read()) === null) await this.adapter.write(this.#doc);
    };
    return this.#locked(work);
  }

  /** Runs `work` in this process's queue, holding the file's change lock where there is a file. */
  #locked<T>(work: () => Promise<T>): Promise<T> {
    const lock = this.lock;
    return this.#queue.run(lock ? () => withChangeLock(lock.path, work, lock) : work);
  }

  async #refresh(): Promise<void> {
    this.#refreshedAt = Date.now();
    let onDisk: unknown;
    try {
      onDisk = await this.adapter.read();
    } catch (err) {
      // A half-edited file must not lock every tablet and station out: keep what is in memory.
      log.warn({ err: (err as Error).message }, 'hub state unreadable; keeping the tokens and stations in memory');
      return;
    }
    if (onDisk === null) return;
    const doc = asHubStateDoc(onDisk);
    if (!doc) {
      log.warn('hub state holds no token list; keeping the tokens and stations in memory');
      return;
    }
    this.#doc = doc;
  }
}
