import { unwatchFile, watchFile } from 'node:fs';
import { createLogger } from '../../common/log.js';
import { WorkQueue } from '../../common/work-queue.js';
import type { Role } from '../access/roles.js';
import type { HubState, HubStateDoc } from './state.js';
import { newToken, type TokenRecord } from './tokens.js';

const log = createLogger('hub.tokens');
/** How often the state file is looked at: a revoked token's feeds close within a second (hub/push/ws-route.ts). */
const WATCH_MS = 250;

/**
 * The API and feed tokens of a hub state document. A token made or revoked from the command
 * line (`packgate hub token create`, `revoke`) while the hub runs is picked up within a quarter
 * of a second: the file is watched, and only `tokens` is taken from it.
 *
 * Re-reads and changes are serialised, as in StationRegistry: a re-read started before one of
 * our writes would otherwise land after it and take back the token just made (issue #19). A
 * file that cannot be read or holds no token list leaves the tokens in memory as they were.
 */
export class TokenBook {
  #watching: string | undefined;
  readonly #queue = new WorkQueue();

  constructor(
    private readonly state: HubState,
    /** Re-reads everything else the document holds before a write of ours (see StationRegistry.sync). */
    private readonly beforeWrite: () => Promise<void> = async () => {},
  ) {}

  list(): readonly TokenRecord[] {
    return this.state.data.tokens;
  }

  /** Creates a token, valid until `expiresAt` if given; it is returned once and only its hash is kept. */
  create(name: string, role: Role, expiresAt?: Date): Promise<{ token: string; record: TokenRecord }> {
    return this.#queue.run(async () => {
      await this.#reload();
      await this.beforeWrite();
      const issued = newToken(name, role, new Date(), expiresAt);
      this.state.data.tokens.push(issued.record);
      await this.state.write();
      return issued;
    });
  }

  /** Removes a token by id; false if there was none. */
  revoke(id: string): Promise<boolean> {
    return this.#queue.run(async () => {
      await this.#reload();
      await this.beforeWrite();
      const before = this.state.data.tokens.length;
      this.state.data.tokens = this.state.data.tokens.filter((record) => record.id !== id);
      if (this.state.data.tokens.length === before) return false;
      await this.state.write();
      return true;
    });
  }

  /** Takes `tokens` from the file as it is now, once every change queued before has been written. */
  reload(): Promise<void> {
    return this.#queue.run(() => this.#reload());
  }

  async #reload(): Promise<void> {
    let onDisk: HubStateDoc | null;
    try {
      onDisk = await this.state.adapter.read();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'hub state unreadable; keeping the tokens in memory');
      return;
    }
    if (onDisk === null) return;
    if (!Array.isArray(onDisk.tokens)) {
      log.warn('hub state holds no token list; keeping the tokens in memory');
      return;
    }
    this.state.data.tokens = onDisk.tokens;
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
