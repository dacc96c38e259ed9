import { hostname } from 'node:os';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from './backoff.js';
import { PackgateError } from './errors.js';
import { ageMs, describeSelf, isAlive, readLock, releaseLock, takeOver, tryCreateLock } from './lock-file.js';
import { createLogger } from './log.js';

const log = createLogger('change-lock');

export interface ChangeLockOptions {
  /** How long a live holder is waited for before `FILE_LOCKED`. */
  readonly waitMs?: number;
  /** A lock older than this is taken over whoever holds it: no change takes that long. */
  readonly staleMs?: number;
}

const WAIT_MS = 5000;
const STALE_MS = 10_000;
/** A lock file younger than this that cannot be read yet may be mid-write by its creator. */
const FRESH_MS = 1000;

/** The lock file of the document at `path`. */
export function changeLockPath(path: string): string {
  return `${path}.lock`;
}

/**
 * Runs `work` (one read-modify-write of the document at `path`) holding the document's change
 * lock, `path.lock`, so that two processes changing one file take turns instead of the later
 * rename undoing the other's change. The lock file is created exclusively (`wx`, mode 0600)
 * with the holder's pid and host (common/lock-file.ts) and removed when `work` settles. A holder
 * that is gone (see `isAlive`), or whose lock is older than `staleMs`, is taken over with a log
 * line; a live one is waited for with a short backoff, up to `waitMs`, then `FILE_LOCKED`
 * names the file and its pid. Readers need no lock: the document is replaced by renames.
 */
export async function withChangeLock<T>(path: string, work: () => Promise<T>, options: ChangeLockOptions = {}): Promise<T> {
  const lockPath = changeLockPath(path);
  const waitMs = options.waitMs ?? WAIT_MS;
  const staleMs = options.staleMs ?? STALE_MS;
  const holder = describeSelf(`a change of ${basename(path)}`);
  const deadline = Date.now() + waitMs;
  const backoff = new Backoff(1, 50);
  while (!tryCreateLock(lockPath, holder, { fsync: false })) {
    const found = readLock(lockPath);
    if (found === 'gone') continue;
    const age = ageMs(lockPath);
    if (found === 'unreadable') {
      if (age >= FRESH_MS) {
        log.warn({ path: lockPath }, 'taking over an unreadable change lock');
        takeOver(lockPath, undefined);
        continue;
      }
    } else if (!isAlive(found.holder) || age >= staleMs) {
      const why = age >= staleMs ? `held for longer than ${staleMs} ms` : 'its holder is no longer running';
      log.warn({ path: lockPath, pid: found.holder.pid, host: found.holder.host, since: found.holder.startedAt }, `taking over a stale change lock: ${why}`);
      takeOver(lockPath, found.text);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(path, lockPath, found === 'unreadable' ? undefined : found.holder, waitMs);
    await sleep(backoff.next());
  }
  try {
    return await work();
  } finally {
    releaseLock(lockPath, holder);
  }
}

function lockedError(path: string, lockPath: string, holder: { pid: number; host: string } | undefined, waitMs: number): PackgateError {
  const who = !holder ? 'a process that is still writing its lock file' : holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
  return new PackgateError('FILE_LOCKED', `${path} is being changed by ${who} (${lockPath}), still after ${waitMs} ms; try again`);
}
