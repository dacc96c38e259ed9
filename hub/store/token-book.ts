import { unwatchFile, watchFile } from 'node:fs';
import { createLogger } from '../../common/log.js';
import type { Role } from '../api/roles.js';
import type { HubState, HubStateDoc } from './state.js';
import { newToken, type TokenRecord } from './tokens.js';

const log = createLogger('hub.tokens');
/** How often the state file is looked at: a revoked token's feeds close within a second (hub/push/ws-route.ts). */
const WATCH_MS = 250;

/**
 * The API and feed tokens of a hub state document. A token made or revoked from the command
 * line (`packgate hub token create`, `revoke`) while the hub runs is picked up within a quarter
 * of a second: the file is watched, and only `tokens` is taken from it.
 */
export class TokenBook {
  #watching: string | undefined;

  constructor(
    private readonly state: HubState,
    /** Re-reads everything else the document holds before a write of ours (see StationRegistry.sync). */
    private readonly beforeWrite: () => Promise<void> = async () => {},
  ) {}

  list(): readonly TokenRecord[] {
    return this.state.data.tokens;
  }

  /** Creates a token, valid until `expiresAt` if given; it is returned once and only its hash is kept. */
  async create(name: string, role: Role, expiresAt?: Date): Promise<{ token: string; record: TokenRecord }> {
    await this.reload();
    await this.beforeWrite();
    const issued = newToken(name, role, new Date(), expiresAt);
    this.state.data.tokens.push(issued.record);
    await this.state.write();
    return issued;
  }

  /** Removes a token by id; false if there was none. */
  async revoke(id: string): Promise<boolean> {
    await this.reload();
    await this.beforeWrite();
    const before = this.state.data.tokens.length;
    this.state.data.tokens = this.state.data.tokens.filter((record) => record.id !== id);
    if (this.state.data.tokens.length === before) return false;
    await this.state.write();
    return true;
  }

  /** Takes `tokens` from the file as it is now. */
  async reload(): Promise<void> {
    let onDisk: HubStateDoc | null;
    try {
      onDisk = await this.state.adapter.read();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'hub state unreadable; keeping the tokens in memory');
      return;
    }
    if (onDisk) this.state.data.tokens = onDisk.tokens ?? [];
  }

  /** Follows changes of the state file at `path` (polled every WATCH_MS; does not keep the process alive). */
  watch(path: string): void {
    this.#watching = path;
    watchFile(path, { interval: WATCH_MS, persistent: false }, () => void this.reload());
  }

  close(): void {
    if (this.#watching) unwatchFile(this.#watching);
    this.#watching = undefined;
  }
}
