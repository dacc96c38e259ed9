import { closeSync, existsSync, fdatasync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './atomic-file.js';

/**
 * An append-only file as the station journal and the hub history use it: positional reads,
 * appends with one synchronous `write`, cutting back, and `sync` (fdatasync) without blocking
 * the event loop. The production implementation is node:fs ({@link nodeFiles}); tests use a
 * simulated disk that keeps what was synced apart from the page cache and can lose the rest
 * in a power cut (test/helpers/sim-disk.ts).
 */
export interface AppendFile {
  /** Bytes in the file now (what reads see, synced or not). */
  size(): number;
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`; 0 at the end of the file. */
  read(buffer: Buffer, offset: number, length: number, position: number): number;
  /** Appends `bytes` from `offset`; returns how many were written (a short write is possible). Throws on failure (ENOSPC, EIO …). */
  write(bytes: Buffer, offset: number): number;
  truncate(size: number): void;
  /** Puts every byte written so far on the disk (fdatasync). */
  sync(): Promise<void>;
  /** Closes the file; a sync in flight finishes first. */
  close(): void;
}

/** Opens files; the seam between the stores and the disk. */
export interface FileLayer {
  exists(path: string): boolean;
  /** Opens for reading and appending, creating the file (mode 0600) if needed. */
  openAppend(path: string): AppendFile;
}

/**
 * Appends all of `bytes` (looping on short writes). If a write fails, what was written of them
 * is cut back off, so a failed append leaves no partial record to glue itself to the next one,
 * and the write's error is thrown.
 */
export function appendWhole(file: AppendFile, bytes: Buffer, start = file.size()): void {
  try {
    for (let written = 0; written < bytes.length; ) written += file.write(bytes, written);
  } catch (err) {
    try {
      file.truncate(start);
    } catch {
      // The write's error is the one to report; the torn tail is cut at the next open.
    }
    throw err;
  }
}

/** The errno codes of a disk that is full or failing: the store waits for the operator, it does not crash. */
export const DISK_ERROR_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG']);

/** The errno code of `err` or of its cause, if it is a disk error ({@link DISK_ERROR_CODES}). */
export function diskErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && DISK_ERROR_CODES.has(code)) return code;
  }
  return undefined;
}

class NodeAppendFile implements AppendFile {
  #fd: number;
  #syncing: Promise<void> | undefined;
  #closeWhenSynced = false;

  constructor(
    fd: number,
    private readonly syncs: boolean,
  ) {
    this.#fd = fd;
  }

  size(): number {
    return fstatSync(this.#fd).size;
  }

  read(buffer: Buffer, offset: number, length: number, position: number): number {
    return readSync(this.#fd, buffer, offset, length, position);
  }

  write(bytes: Buffer, offset: number): number {
    return writeSync(this.#fd, bytes, offset);
  }

  truncate(size: number): void {
    ftruncateSync(this.#fd, size);
  }

  sync(): Promise<void> {
    if (!this.syncs || this.#fd < 0 || this.#closeWhenSynced) return Promise.resolve();
    const fd = this.#fd;
    const syncing = new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
    this.#syncing = syncing;
    const settled = () => {
      if (this.#syncing !== syncing) return;
      this.#syncing = undefined;
      // Closed while the sync ran: close now, so the sync never meets a reused descriptor.
      if (this.#closeWhenSynced) this.#closeNow();
    };
    syncing.then(settled, settled);
    return syncing;
  }

  close(): void {
    if (this.#fd < 0) return;
    if (this.#syncing) this.#closeWhenSynced = true;
    else this.#closeNow();
  }

  #closeNow(): void {
    if (this.#fd < 0) return;
    closeSync(this.#fd);
    this.#fd = -1;
  }
}

/** node:fs. `sync: false` makes `sync` a no-op: only for the benchmarks' no-sync baseline. */
export function nodeFiles(options: { sync?: boolean } = {}): FileLayer {
  const syncs = options.sync ?? true;
  return {
    exists: (path) => existsSync(path),
    openAppend: (path) => new NodeAppendFile(openSync(path, 'a+', PRIVATE_FILE_MODE), syncs),
  };
}

/** The files of a running hub or station: node:fs with fdatasync. */
export const NODE_FILES: FileLayer = nodeFiles();
