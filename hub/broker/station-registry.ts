import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { assertTopicId } from '../../protocol/index.js';
import type { HubStateFile, StationRecord } from '../store/state-file.js';
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
 * running, so the whole document is re-read before every change (by its one writer,
 * {@link HubStateFile}) and, at most once a second, before a login check: a station added or
 * removed from the command line takes effect at its next connection, without restarting the
 * hub. Re-reads and changes are serialised, so a re-read never overtakes an unwritten change.
 */
export class StationRegistry {
  constructor(
    private readonly state: HubStateFile,
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
    // Hashed before the change, so the file is re-read and written back with as little between as can be.
    const password = newSecret();
    const record: StationRecord = { id, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
    const replaced = await this.state.change((doc) => {
      const existing = doc.stations.some((r) => r.id === id);
      if (existing && !options.replace) {
        throw new PackgateError('STATION_EXISTS', `station ${id} already has MQTT credentials (replace them to issue a new password)`);
      }
      doc.stations = [...doc.stations.filter((r) => r.id !== id), record];
      return existing;
    });
    log.info({ station: id, replaced }, 'station MQTT credentials issued');
    return { username: id, password };
  }

  /** Removes a station's login; resolves false if it had none. */
  async revoke(id: string): Promise<boolean> {
    const removed = await this.state.change((doc) => {
      const before = doc.stations.length;
      doc.stations = doc.stations.filter((record) => record.id !== id);
      return doc.stations.length !== before;
    });
    if (removed) log.info({ station: id }, 'station MQTT credentials revoked');
    return removed;
  }

  /** Takes the document (stations and tokens) from the file now, once every change queued before has been written. */
  sync(): Promise<void> {
    return this.state.refresh();
  }

  /** Whether `password` is station `id`'s current password. */
  async verify(id: string, password: string): Promise<boolean> {
    await this.state.refreshIfOlder(this.refreshMs);
    const record = this.state.data.stations.find((candidate) => candidate.id === id);
    return record !== undefined && (await verifyPassword(record.passwordHash, password));
  }
}
