import { unwatchFile, watchFile } from 'node:fs';
import type { Role } from '../access/roles.js';
import type { HubStateFile } from './state-file.js';
import { newToken, type TokenRecord } from './tokens.js';

/** How often the state file is looked at: a revoked token's feeds close within a second (hub/push/ws-route.ts). */
const WATCH_MS = 250;

/**
 * The API and feed tokens of a hub state document. A token made or revoked from the command
 * line (`packgate hub token create`, `revoke`) while the hub runs is picked up within a quarter
 * of a second: the file is watched and re-read. Every change goes through the document's one
 * writer ({@link HubStateFile}), which re-reads the whole file first and serialises re-reads
 * with changes, so a token made here is known the moment `create` resolves and a write never
 * takes back a station or token changed elsewhere (issues #13, #19).
 */
export class TokenBook {
  #watching: string | undefined;

  constructor(private readonly state: HubStateFile) {}

  list(): readonly TokenRecord[] {
    return this.state.data.tokens;
  }

  /** Creates a token, valid until `expiresAt` if given; it is returned once and only its hash is kept. */
  create(name: string, role: Role, expiresAt?: Date): Promise<{ token: string; record: TokenRecord }> {
    return this.state.change((doc) => {
      const issued = newToken(name, role, new Date(), expiresAt);
      doc.tokens.push(issued.record);
      return issued;
    });
  }

  /** Removes a token by id; false if there was none. */
  revoke(id: string): Promise<boolean> {
    return this.state.change((doc) => {
      const before = doc.tokens.length;
      doc.tokens = doc.tokens.filter((record) => record.id !== id);
      return doc.tokens.length !== before;
    });
  }

  /** Takes the document (tokens and stations) from the file as it is now, once every change queued before has been written. */
  reload(): Promise<void> {
    return this.state.refresh();
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
