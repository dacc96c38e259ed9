import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { WorkQueue } from '../../common/work-queue.js';
import { assertTopicId } from '../../protocol/index.js';
import type { HubState, HubStateDoc, StationRecord } from '../store/state.js';
import { hashPassword, newSecret, verifyPassword } from './credentials.js';

const log = createLogger('hub.stations');
/** A running hub looks at the state file for station changes at most this often. */
const DEFAULT_REFRESH_MS = 1000;

/** A station's MQTT login, as handed out once at provisioning. */
export interface StationCredentials {
  /** The station id. */
  readonly username: string;
  readonly password: string;
}

export interface ProvisionOptions {
  /** Give an existing station a new password (the old one stops working); otherwise `STATION_EXISTS`. */
  readonly replace?: boolean;
}

/**
 * The stations allowed on the site's broker, kept in the hub state document (`stations`).
 *
 * `packgate hub station add` edits the same file from another process while the hub may be
 * running, so the registry re-reads the file's `stations` before every change and, at most
 * once a second, before a login check: a station added or removed from the command line takes
 * effect at its next connection, without restarting the hub. Reads and changes are serialised
 * so a re-read never overtakes an unwritten change.
 */
export class StationRegistry {
  readonly #queue = new WorkQueue();
  #refreshedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly state: HubState,
    private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {}

  list(): readonly StationRecord[] {
    return this.state.data.stations;
  }

  has(id: string): boolean {
    return this.state.data.stations.some((record) => record.id === id);
  }

  /** Creates (or with `replace`, renews) a station's login; the password is returned once, only its hash is kept. */
  async provision(id: string, options: ProvisionOptions = {}): Promise<StationCredentials> {
    assertTopicId('station', id);
    return this.#queue.run(async () => {
      await this.#reload();
      const existing = this.has(id);
      if (existing && !options.replace) {
        throw new PackgateError('STATION_EXISTS', `station ${id} already has MQTT credentials (replace them to issue a new password)`);
      }
      const password = newSecret();
      const record: StationRecord = { id, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
      this.state.data.stations = [...this.state.data.stations.filter((r) => r.id !== id), record];
      await this.state.write();
      log.info({ station: id, replaced: existing }, 'station MQTT credentials issued');
      return { username: id, password };
    });
  }

  /** Removes a station's login; resolves false if it had none. */
  revoke(id: string): Promise<boolean> {
    return this.#queue.run(async () => {
      await this.#reload();
      const before = this.state.data.stations.length;
      this.state.data.stations = this.state.data.stations.filter((record) => record.id !== id);
      if (this.state.data.stations.length === before) return false;
      await this.state.write();
      log.info({ station: id }, 'station MQTT credentials revoked');
      return true;
    });
  }

  /**
   * Takes the stations from the file now. Call before writing the state document for another
   * reason, so the write does not undo a station change made from the command line.
   */
  sync(): Promise<void> {
    return this.#queue.run(() => this.#reload());
  }

  /** Whether `password` is station `id`'s current password. */
  async verify(id: string, password: string): Promise<boolean> {
    await this.#queue.run(async () => {
      if (Date.now() - this.#refreshedAt >= this.refreshMs) await this.#reload();
    });
    const record = this.state.data.stations.find((candidate) => candidate.id === id);
    return record !== undefined && (await verifyPassword(record.passwordHash, password));
  }

  /** Takes `stations` from the file as it is now, leaving the rest of the document alone. */
  async #reload(): Promise<void> {
    this.#refreshedAt = Date.now();
    let onDisk: HubStateDoc | null;
    try {
      onDisk = await this.state.adapter.read();
    } catch (err) {
      // A half-edited file must not lock every station out: keep what is in memory.
      log.warn({ err: (err as Error).message }, 'hub state unreadable; keeping the stations in memory');
      return;
    }
    if (onDisk) this.state.data.stations = onDisk.stations ?? [];
  }

}
