import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { PRIVATE_FILE_MODE } from './atomic-file.js';

/**
 * The pieces of a lock file shared by the data folder's lock (common/data-lock.ts, held while a
 * process runs) and a document's change lock (common/change-lock.ts, held around one write).
 */

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

/** This process's boot id and start; they do not change while it runs. */
let self: Pick<LockHolder, 'bootId' | 'processStart'> | undefined;

/** A new holder record for `owner` in this process. */
export function describeSelf(owner: string): LockHolder {
  if (!self) {
    const bootId = readOptional('/proc/sys/kernel/random/boot_id');
    const processStart = processStartTicks(process.pid);
    self = { ...(bootId ? { bootId } : {}), ...(processStart ? { processStart } : {}) };
  }
  return { v: 1, owner, pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...self, nonce: randomBytes(8).toString('hex') };
}

/**
 * Creates the lock file at `path` exclusively (`wx`, mode 0600) for `holder`; false if it exists.
 * `fsync: false` saves a disk flush for a lock held milliseconds: one a power cut leaves behind
 * is of another boot, unreadable, or soon older than the change lock's bound, and taken over.
 */
export function tryCreateLock(path: string, holder: LockHolder, options: { readonly fsync?: boolean } = {}): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    if (options.fsync !== false) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  held.add(holder.nonce);
  return true;
}

/** Removes the lock file at `path` if it is still `holder`'s (another may have taken it over since). */
export function releaseLock(path: string, holder: LockHolder): void {
  held.delete(holder.nonce);
  const found = readLock(path);
  if (typeof found === 'object' && found.holder.nonce === holder.nonce) unlinkSync(path);
}

/** The holder a lock file names and its text; `unreadable` when torn (its creator may be writing it). */
export function readLock(path: string): { holder: LockHolder; text: string } | 'gone' | 'unreadable' {
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

/**
 * Whether the holder may still be running; a holder on another host is taken to be. On the same
 * host the pid must be alive (`process.kill(pid, 0)`), and on Linux also of this boot and of the
 * same process start, so a pid reused after a reboot does not keep a lock.
 */
export function isAlive(holder: LockHolder): boolean {
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
export function takeOver(path: string, staleText: string | undefined): void {
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

/** How long ago the lock file was last written; Infinity if it is gone. */
export function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
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
