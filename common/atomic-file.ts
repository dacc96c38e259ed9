import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter, SyncAdapter } from 'lowdb';
import { createLogger } from './log.js';

const log = createLogger('files');

/** Files packgate writes hold customer data and secrets' hashes: owner only (POSIX; see docs/operations.md for Windows). */
export const PRIVATE_FILE_MODE = 0o600;
/** A data folder: its owner only may list or enter it. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Makes `dir` (and any missing parent) with mode 0700, or takes group and other permissions off
 * an existing one, with a log line; a folder this user may not change is logged and left as is.
 * On Windows modes do not apply: a folder inherits its parent's ACL (docs/operations.md).
 */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (process.platform === 'win32') return;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(dir, mode & PRIVATE_FOLDER_MODE);
    log.warn({ dir, was: mode.toString(8), now: (mode & PRIVATE_FOLDER_MODE).toString(8) }, 'data folder was open to other users; made it private');
  } catch (err) {
    log.warn({ dir, mode: mode.toString(8), err: (err as Error).message }, 'data folder is open to other users and could not be made private');
  }
}

/** A temporary name beside `path`, unique to this write (two processes may write one file: a hub and `packgate hub token create`). */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

// fsync of a folder: POSIX needs it for a rename to survive a power cut. Windows cannot open a
// folder as a file (and NTFS journals the rename itself); some file systems refuse the call.
const DIR_FSYNC_REFUSED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF']);

export function fsyncDirSync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (err) {
    if (!DIR_FSYNC_REFUSED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!DIR_FSYNC_REFUSED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `data` so that a crash or a power cut leaves the old content or the new,
 * never a mix or an empty file: written to a new temporary file (mode 0600) beside it, fsynced,
 * renamed over it, and the folder fsynced so the rename itself is on disk. On failure the
 * temporary file is removed and `path` is untouched.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = tempPath(path);
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  fsyncDirSync(dirname(path));
}

/** {@link writeFileAtomicSync} without blocking the event loop. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPath(path);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(path));
}

export interface JsonFileOptions<T> {
  readonly parse?: (text: string) => T;
  readonly stringify?: (data: T) => string;
}

/**
 * A lowdb adapter that writes with {@link writeFileAtomic} (lowdb's own `JSONFile` renames
 * without fsync: safe against a crash of the process, not against a power cut). `read` gives
 * null for a missing file and throws for an unreadable one, so the caller decides whether
 * that is a fresh start, a cache to rebuild or a refusal. Overlapping writes are coalesced:
 * while one is in flight only the newest data waits, and every caller's promise resolves once
 * data at least as new as its own is on disk.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  readonly #parse: (text: string) => T;
  readonly #stringify: (data: T) => string;
  /** The last write queued; the next one starts after it. */
  #tail: Promise<void> = Promise.resolve();
  /** A write queued but not started: newer data replaces its data. */
  #pending: { data: T; done: Promise<void> } | undefined;

  constructor(
    readonly path: string,
    options: JsonFileOptions<T> = {},
  ) {
    this.#parse = options.parse ?? ((text) => JSON.parse(text) as T);
    this.#stringify = options.stringify ?? ((data) => JSON.stringify(data));
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.#parse(text);
  }

  write(data: T): Promise<void> {
    if (this.#pending) {
      this.#pending.data = data;
      return this.#pending.done;
    }
    const pending = { data, done: Promise.resolve() };
    pending.done = this.#tail
      .catch(() => undefined)
      .then(() => {
        if (this.#pending === pending) this.#pending = undefined;
        return writeFileAtomic(this.path, this.#stringify(pending.data));
      });
    this.#pending = pending;
    this.#tail = pending.done;
    return pending.done;
  }
}

/** {@link AtomicJsonFile} for lowdb's synchronous `LowSync`. */
export class AtomicJsonFileSync<T> implements SyncAdapter<T> {
  readonly #parse: (text: string) => T;
  readonly #stringify: (data: T) => string;

  constructor(
    readonly path: string,
    options: JsonFileOptions<T> = {},
  ) {
    this.#parse = options.parse ?? ((text) => JSON.parse(text) as T);
    this.#stringify = options.stringify ?? ((data) => JSON.stringify(data));
  }

  read(): T | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.#parse(text);
  }

  write(data: T): void {
    writeFileAtomicSync(this.path, this.#stringify(data));
  }
}
