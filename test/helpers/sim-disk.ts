import type { AppendFile, FileLayer } from '../../common/file-io.js';

/** An errno error as node:fs throws it. */
export function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = { ENOSPC: 'no space left on device', EIO: 'i/o error', EDQUOT: 'disk quota exceeded' };
  return Object.assign(new Error(`${code}: ${messages[code] ?? code}, ${syscall} '${path}'`), { code, syscall, path });
}

interface SimFileState {
  /** What a power cut leaves: the content as of the file's last completed fsync. */
  durable: Buffer;
  /** What reads see now: the page cache. */
  cache: Buffer;
}

/** What survives of the writes made since the last fsync when the power goes. */
export type PowerCutMode =
  /** Nothing: every unsynced write is gone (the kernel had flushed none of it). */
  | 'drop'
  /** A random prefix of the bytes appended since the last fsync (the kernel had flushed part of them): a torn tail. */
  | 'tear';

/**
 * A disk for tests that keeps, for each file, what is on the platter (`durable`, as of its last
 * fsync) apart from the page cache (what writes and reads see). `powerCut()` throws the page
 * cache away: files fall back to their durable content (`tear`: plus a random part of what was
 * appended since), every open file dies (its operations throw EIO, its syncs in flight never
 * complete). The stores then reopen from what survived, through the same layer.
 *
 * A sync takes effect when it completes, a turn of the event loop after it is asked for (so
 * writes go on meanwhile), and covers what was written before it was asked for, as fdatasync
 * does. File creation and names are taken as durable (the stores create their files at first
 * start; the folder's own fsync is common/atomic-file.ts's business). Space and errors can be
 * injected: `fill()` makes writes fail with ENOSPC once `bytesLeft` more are written (a short
 * write first), `failWrites`/`failSyncs` with any errno; `freeSpace()` ends all of it.
 */
export class SimulatedDisk implements FileLayer {
  readonly #files = new Map<string, SimFileState>();
  /** Bumped by a power cut: handles of an older generation are dead. */
  #generation = 0;
  #bytesLeft: number | undefined;
  #writeError: string | undefined;
  #syncError: string | undefined;
  /** Completed fsyncs, for tests that count them. */
  syncs = 0;

  exists(path: string): boolean {
    return this.#files.has(path);
  }

  openAppend(path: string): AppendFile {
    let state = this.#files.get(path);
    if (!state) this.#files.set(path, (state = { durable: Buffer.alloc(0), cache: Buffer.alloc(0) }));
    return new SimFile(this, path, state, this.#generation);
  }

  /** Writes fail with ENOSPC once `bytesLeft` more bytes are written (the write that crosses it is short). */
  fill(bytesLeft = 0): void {
    this.#bytesLeft = bytesLeft;
  }

  /** Every write fails with `code` (EIO, EDQUOT …). */
  failWrites(code: string): void {
    this.#writeError = code;
  }

  /** Every fsync fails with `code`. */
  failSyncs(code: string): void {
    this.#syncError = code;
  }

  /** The disk takes writes and syncs again. */
  freeSpace(): void {
    this.#bytesLeft = undefined;
    this.#writeError = undefined;
    this.#syncError = undefined;
  }

  /** The power goes: unsynced writes are lost (`tear`: partly), open files die. */
  powerCut(mode: PowerCutMode = 'drop', random: () => number = Math.random): void {
    this.#generation += 1;
    for (const state of this.#files.values()) {
      const { durable, cache } = state;
      const grewFromDurable = cache.length > durable.length && cache.subarray(0, durable.length).equals(durable);
      const kept = mode === 'tear' && grewFromDurable ? Math.floor(random() * (cache.length - durable.length + 1)) : 0;
      state.durable = Buffer.from(cache.subarray(0, durable.length + kept));
      if (!grewFromDurable) state.durable = Buffer.from(durable);
      state.cache = Buffer.from(state.durable);
    }
  }

  /** A file's durable content (what a power cut now would leave; tear aside). */
  durable(path: string): Buffer {
    return Buffer.from(this.#files.get(path)?.durable ?? Buffer.alloc(0));
  }

  /** A file's content as reads see it. */
  content(path: string): Buffer {
    return Buffer.from(this.#files.get(path)?.cache ?? Buffer.alloc(0));
  }

  /** @internal */
  alive(generation: number, path: string, syscall: string): void {
    if (generation !== this.#generation) throw errnoError('EIO', syscall, path);
  }

  /** @internal How many of `length` bytes a write may put down now; throws the injected error. */
  room(length: number, path: string): number {
    if (this.#writeError) throw errnoError(this.#writeError, 'write', path);
    if (this.#bytesLeft === undefined) return length;
    if (this.#bytesLeft === 0) throw errnoError('ENOSPC', 'write', path);
    const n = Math.min(length, this.#bytesLeft);
    this.#bytesLeft -= n;
    return n;
  }

  /** @internal */
  get generation(): number {
    return this.#generation;
  }

  /** @internal */
  syncError(path: string): NodeJS.ErrnoException | undefined {
    return this.#syncError ? errnoError(this.#syncError, 'fdatasync', path) : undefined;
  }
}

class SimFile implements AppendFile {
  #closed = false;

  constructor(
    private readonly disk: SimulatedDisk,
    private readonly path: string,
    private readonly state: SimFileState,
    private readonly generation: number,
  ) {}

  size(): number {
    this.#check('fstat');
    return this.state.cache.length;
  }

  read(buffer: Buffer, offset: number, length: number, position: number): number {
    this.#check('read');
    return this.state.cache.copy(buffer, offset, position, Math.min(position + length, this.state.cache.length));
  }

  write(bytes: Buffer, offset: number): number {
    this.#check('write');
    const n = this.disk.room(bytes.length - offset, this.path);
    this.state.cache = Buffer.concat([this.state.cache, bytes.subarray(offset, offset + n)]);
    return n;
  }

  truncate(size: number): void {
    this.#check('ftruncate');
    this.state.cache = Buffer.from(this.state.cache.subarray(0, size));
  }

  sync(): Promise<void> {
    this.#check('fdatasync');
    const snapshot = Buffer.from(this.state.cache);
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        // The machine died while the sync ran: it never completes.
        if (this.disk.generation !== this.generation) return;
        const failed = this.disk.syncError(this.path);
        if (failed) return reject(failed);
        this.state.durable = snapshot;
        this.disk.syncs += 1;
        resolve();
      });
    });
  }

  close(): void {
    this.#closed = true;
  }

  #check(syscall: string): void {
    if (this.#closed) throw Object.assign(new Error(`EBADF: closed, ${syscall}`), { code: 'EBADF' });
    this.disk.alive(this.generation, this.path, syscall);
  }
}
