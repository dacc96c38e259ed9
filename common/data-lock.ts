import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PackgateError } from './errors.js';
import { ageMs, describeSelf, isAlive, readLock, releaseLock, takeOver, tryCreateLock, type LockHolder } from './lock-file.js';
import { createLogger } from './log.js';

export type { LockHolder } from './lock-file.js';

const log = createLogger('data-lock');

/** The lock file every packgate process that writes a data folder holds while it runs. */
export const LOCK_FILE = 'packgate.lock';

/** A lock file younger than this that cannot be read yet may be mid-write by its creator. */
const FRESH_MS = 2000;
const ATTEMPTS = 5;

/**
 * One writer per data folder. A lock file created exclusively (`wx`) holds the holder's pid,
 * host and start; a second process is refused with `DATA_LOCKED` naming that pid. A lock whose
 * holder is gone (killed, or the machine lost power) is taken over with a log line: on the same
 * host the pid must be alive (`process.kill(pid, 0)`), and on Linux also of the same boot and
 * process start, so a pid reused after a reboot does not keep a folder locked. A lock from
 * another host is never taken over (its pid cannot be checked from here).
 */
export class DataLock {
  #released = false;

  private constructor(
    /** The lock file. */
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock of `dir` (created if missing) for `owner`, or throws `DATA_LOCKED`. */
  static async acquire(dir: string, owner: string): Promise<DataLock> {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOCK_FILE);
    const holder = describeSelf(owner);
    for (let attempt = 1; attempt <= ATTEMPTS + 1; attempt += 1) {
      if (tryCreateLock(path, holder)) return new DataLock(path, holder);
      const found = readLock(path);
      if (found === 'gone') continue;
      if (found === 'unreadable') {
        // Its creator may be between creating and writing it; one that stays unreadable is debris.
        if (attempt < ATTEMPTS && ageMs(path) < FRESH_MS) {
          await sleep(FRESH_MS / ATTEMPTS);
          continue;
        }
        log.warn({ path }, 'taking over an unreadable lock file');
        takeOver(path, undefined);
        continue;
      }
      const alive = isAlive(found.holder);
      if (alive || attempt >= ATTEMPTS) throw lockedError(dir, path, found.holder, alive);
      log.warn({ path, pid: found.holder.pid, owner: found.holder.owner, since: found.holder.startedAt }, 'taking over a stale lock: its holder is no longer running');
      takeOver(path, found.text);
    }
    throw new PackgateError('DATA_LOCKED', `data folder ${dir} is being locked and unlocked by other processes (${path}); try again`);
  }

  /** Removes the lock file if it is still this holder's. Safe to call twice. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    releaseLock(this.path, this.holder);
  }
}

function lockedError(dir: string, path: string, holder: LockHolder, alive: boolean): PackgateError {
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
  const hint = !alive
    ? `it looks stopped but its lock could not be taken over; if no ${holder.owner} runs any more, delete ${path}`
    : holder.host === hostname()
      ? 'stop that process, or give this one another data folder (--data)'
      : `stop it there, or give this one another data folder (--data); if the folder was copied from that host, delete ${path}`;
  return new PackgateError('DATA_LOCKED', `data folder ${dir} is in use by ${holder.owner} (${where}, since ${holder.startedAt}): ${hint}`);
}
