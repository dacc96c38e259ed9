import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { SyncAdapter } from 'lowdb';

/** One slot's content: `{n} {bytes} {sha256 hex}\n{json}`. */
function encode(n: number, json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const sum = createHash('sha256').update(body).digest('hex');
  return Buffer.concat([Buffer.from(`${n} ${body.byteLength} ${sum}\n`), body]);
}

function decode(bytes: Buffer): { n: number; json: string } | undefined {
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  const [n, length, sum] = bytes.subarray(0, newline).toString('latin1').split(' ');
  const body = bytes.subarray(newline + 1);
  if (Number(length) !== body.byteLength || createHash('sha256').update(body).digest('hex') !== sum) return undefined;
  const counter = Number(n);
  return Number.isSafeInteger(counter) ? { n: counter, json: body.toString('utf8') } : undefined;
}

function readAll(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/**
 * A lowdb sync adapter for a small document rewritten at every step: two slot files
 * (`{path}.0`, `{path}.1`) written in turn, each with a counter, its length and a SHA-256 of the
 * JSON. A write overwrites the older slot in place (one positioned write and a truncate on an
 * open file: no temporary file, no rename), so the newer slot stays whole whatever happens to
 * the write in progress; `read` takes the newest slot that checks out. Safe against a crash of
 * the process (kill -9); like the journal, not fsynced.
 */
export class SlotFileSync<T> implements SyncAdapter<T> {
  readonly #fds: [number, number];
  #counter = 0;
  #stringify: (data: T) => string;

  constructor(path: string, options: { stringify?: (data: T) => string } = {}) {
    const flags = constants.O_RDWR | constants.O_CREAT;
    this.#fds = [openSync(`${path}.0`, flags, 0o600), openSync(`${path}.1`, flags, 0o600)];
    this.#stringify = options.stringify ?? ((data) => JSON.stringify(data));
  }

  read(): T | null {
    const slots = this.#fds.map((fd) => decode(readAll(fd))).filter((slot) => slot !== undefined);
    const newest = slots.sort((a, b) => b.n - a.n)[0];
    this.#counter = newest?.n ?? 0;
    return newest ? (JSON.parse(newest.json) as T) : null;
  }

  write(data: T): void {
    this.#counter += 1;
    const bytes = encode(this.#counter, this.#stringify(data));
    const fd = this.#fds[this.#counter % 2]!;
    writeSync(fd, bytes, 0, bytes.byteLength, 0);
    ftruncateSync(fd, bytes.byteLength);
  }

  close(): void {
    for (const fd of this.#fds) closeSync(fd);
  }
}
