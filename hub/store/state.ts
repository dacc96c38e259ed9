import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Memory } from 'lowdb';
import { AtomicJsonFile, ensurePrivateFolder } from '../../common/atomic-file.js';
import { PackgateError, errorMessage } from '../../common/errors.js';
import { HubStateFile, asHubStateDoc, type HubStateDoc } from './state-file.js';

/** The history file beside the state document in a hub's data folder. */
export const HISTORY_FILE = 'history.jsonl';

const RESTORE_HINT = 'restore it from the backup of this data folder (docs/operations.md, "Back up and restore a hub")';

/**
 * Opens the state document at `path` (or one in memory). It holds every API token and station
 * login, so it is never silently started afresh beside a history: missing there, it is refused
 * with `HUB_STATE_MISSING` (a fresh document would print a new admin token and lock every
 * tablet and station out); unreadable, with `HUB_STATE_DAMAGED`. What it returns is the
 * document's one writer in this process (atomic, fsynced writes of the whole document, each
 * change under the file's change lock against the other processes that edit it).
 */
export async function openHubState(path?: string): Promise<HubStateFile> {
  if (!path) return new HubStateFile(new Memory<HubStateDoc>(), emptyDoc());
  ensurePrivateFolder(dirname(path));
  const adapter = new AtomicJsonFile<HubStateDoc>(path);
  let read: unknown;
  try {
    read = await adapter.read();
  } catch (err) {
    throw new PackgateError('HUB_STATE_DAMAGED', `hub state ${path} is unreadable (${errorMessage(err)}): ${RESTORE_HINT}`);
  }
  if (read === null) {
    const history = historyBytes(join(dirname(path), HISTORY_FILE)) + sealedBytes(join(dirname(path), 'history.d'));
    if (history > 0) {
      throw new PackgateError(
        'HUB_STATE_MISSING',
        `hub state ${path} is missing beside a history of ${history} bytes: ${RESTORE_HINT}. It holds every token and station login; starting without it would lock them all out`,
      );
    }
    return new HubStateFile(adapter, emptyDoc(), { path });
  }
  const doc = asHubStateDoc(read);
  if (!doc) throw new PackgateError('HUB_STATE_DAMAGED', `hub state ${path} holds no token list: ${RESTORE_HINT}`);
  return new HubStateFile(adapter, doc, { path });
}

function emptyDoc(): HubStateDoc {
  return { tokens: [], stations: [] };
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
