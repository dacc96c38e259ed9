import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PackgateError } from './errors.js';
import { createLogger } from './log.js';

const log = createLogger('data-lock');

/** The lock file every packgate process that writes a data folder holds while it runs. */
export const LOCK_FILE = 'packgate.lock';

/** A lock file younger than this that cannot be read yet may be mid-write by its creator. */
const FRESH_MS = 2000;
const ATTEMPTS = 5;

/** What a lock file says about its holder. */
export interface LockHolder {
  readonly v: 1;
  /** What holds it, e.g. `hub` or `station PACK-01`. */
  readonly owner: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** Linux: the kernel's boot id; a lock from another boot is stale whatever its pid. */
  readonly bootId?: string;
  /** Linux: the holder's start time in clock ticks after boot; a live pid with another start time was reused. */
  readonly processStart?: string;
  /** Tells this holder from another process of this pid (a container restarted with the same pid). */
  readonly nonce: string;
}

/** Nonces of the locks this process holds. */
const held = new Set<string>();

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
      if (tryCreate(path, holder)) {
        held.add(holder.nonce);
        return new DataLock(path, holder);
      }
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
    held.delete(this.holder.nonce);
    const found = readLock(this.path);
    if (typeof found === 'object' && found.holder.nonce === this.holder.nonce) unlinkSync(this.path);
  }
}

function describeSelf(owner: string): LockHolder {
  const bootId = readOptional('/proc/sys/kernel/random/boot_id');
  const processStart = processStartTicks(process.pid);
  return {
    v: 1,
    owner,
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(bootId ? { bootId } : {}),
    ...(processStart ? { processStart } : {}),
    nonce: randomBytes(8).toString('hex'),
  };
}

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(path: string): { holder: LockHolder; text: string } | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (holder?.v === 1 && Number.isSafeInteger(holder.pid) && typeof holder.host === 'string' && typeof holder.nonce === 'string') return { holder, text };
  } catch {
    // torn: handled by the caller
  }
  return 'unreadable';
}

/** Whether the holder may still be running; a holder on another host is taken to be. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  const bootId = readOptional('/proc/sys/kernel/random/boot_id');
  if (holder.bootId && bootId && holder.bootId !== bootId) return false;
  if (holder.pid === process.pid) return held.has(holder.nonce);
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the pid is alive under another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = holder.processStart && processStartTicks(holder.pid);
  return !start || start === holder.processStart;
}

/**
 * Moves a stale lock aside and deletes it. Another process may have taken it over in the
 * meantime (its fresh lock is what we moved): then it is put back, and the next attempt finds it.
 */
function takeOver(path: string, staleText: string | undefined): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readOptional(aside);
  if (staleText !== undefined && moved !== undefined && moved !== staleText.trim()) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process made a lock meanwhile; the one we moved lost its file, as it would have anyway
    }
  }
  unlinkSync(aside);
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

/** Field 22 of `/proc/{pid}/stat` (start time after boot, in clock ticks); undefined off Linux. */
function processStartTicks(pid: number): string | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}
