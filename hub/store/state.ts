import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile, ensurePrivateFolder } from '../../common/atomic-file.js';
import { PackgateError, errorMessage } from '../../common/errors.js';
import type { TokenRecord } from './tokens.js';

/** The history file beside the state document in a hub's data folder. */
export const HISTORY_FILE = 'history.jsonl';

/** A station's MQTT login (username = station id); the password is kept only as a `$7$` hash. */
export interface StationRecord {
  readonly id: string;
  /** Mosquitto-compatible PBKDF2-SHA512 hash (see `hub/broker/credentials.ts`). */
  readonly passwordHash: string;
  readonly createdAt: string;
}

/** The hub's bounded state document (written whole by lowdb, so never the event history). */
export interface HubStateDoc {
  tokens: TokenRecord[];
  stations: StationRecord[];
}

export type HubState = Low<HubStateDoc>;

const RESTORE_HINT = 'restore it from the backup of this data folder (docs/operations.md, "Back up and restore a hub")';

/**
 * Opens the state document at `path` (or one in memory). It holds every API token and station
 * login, so it is never silently started afresh beside a history: missing there, it is refused
 * with `HUB_STATE_MISSING` (a fresh document would print a new admin token and lock every
 * tablet and station out); unreadable, with `HUB_STATE_DAMAGED`. Written atomically with fsync.
 */
export async function openHubState(path?: string): Promise<HubState> {
  if (!path) return openIn(new Memory());
  ensurePrivateFolder(dirname(path));
  const adapter = new AtomicJsonFile<HubStateDoc>(path);
  let doc: HubStateDoc | null;
  try {
    doc = await adapter.read();
  } catch (err) {
    throw new PackgateError('HUB_STATE_DAMAGED', `hub state ${path} is unreadable (${errorMessage(err)}): ${RESTORE_HINT}`);
  }
  if (doc === null) {
    const history = historyBytes(join(dirname(path), HISTORY_FILE)) + sealedBytes(join(dirname(path), 'history.d'));
    if (history > 0) {
      throw new PackgateError(
        'HUB_STATE_MISSING',
        `hub state ${path} is missing beside a history of ${history} bytes: ${RESTORE_HINT}. It holds every token and station login; starting without it would lock them all out`,
      );
    }
  } else if (typeof doc !== 'object' || !Array.isArray(doc.tokens)) {
    throw new PackgateError('HUB_STATE_DAMAGED', `hub state ${path} holds no token list: ${RESTORE_HINT}`);
  }
  const db = new Low<HubStateDoc>(adapter, { tokens: [], stations: [] });
  if (doc) db.data = doc;
  return withStations(db);
}

async function openIn(adapter: Memory<HubStateDoc>): Promise<HubState> {
  const db = new Low<HubStateDoc>(adapter, { tokens: [], stations: [] });
  await db.read();
  return withStations(db);
}

function withStations(db: HubState): HubState {
  // Documents written before stations had MQTT logins have no `stations`.
  db.data.stations ??= [];
  return db;
}

function historyBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes in sealed history segments (history.d/), which a history may hold with an empty open file. */
function sealedBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, file) => sum + historyBytes(join(dir, file)), 0);
  } catch {
    return 0;
  }
}
