import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './atomic-file.js';
import { createLogger } from './log.js';

const log = createLogger('journal');

/**
 * An append-only file of JSON records, one per line. A record is written with one
 * synchronous write, so once `append` returns it survives a crash of the process (kill -9);
 * it reaches the disk itself when the kernel flushes (no fsync: not power-loss safe).
 * A line torn by a crash mid-write is cut off when the journal is opened again.
 */
export class Journal<T> {
  #fd: number;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.#fd = fd;
  }

  /** Opens (creating if needed) and returns the journal with every intact record in order. */
  static open<T>(path: string): { journal: Journal<T>; records: T[] } {
    const records = existsSync(path) ? readIntact<T>(path) : { records: [] as T[], intactBytes: 0 };
    const fd = openSync(path, 'a+', PRIVATE_FILE_MODE);
    if (fstatSync(fd).size > records.intactBytes) {
      log.warn({ path, keptBytes: records.intactBytes }, 'cutting a torn record off the end of the journal');
      ftruncateSync(fd, records.intactBytes);
    }
    return { journal: new Journal<T>(path, fd), records: records.records };
  }

  append(record: T): void {
    writeSync(this.#fd, JSON.stringify(record) + '\n');
  }

  /**
   * Closes the file, lets `replace` put another at `path` (the retention's trimmed copy,
   * station/store/journal-retention.ts; Windows renames nothing over an open file), opens it again.
   */
  reopen(replace: () => void): void {
    closeSync(this.#fd);
    try {
      replace();
    } finally {
      this.#fd = openSync(this.path, 'a', PRIVATE_FILE_MODE);
    }
  }

  close(): void {
    if (this.#fd < 0) return;
    closeSync(this.#fd);
    this.#fd = -1;
  }
}

function readIntact<T>(path: string): { records: T[]; intactBytes: number } {
  const text = readFileSync(path, 'utf8');
  const records: T[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    const line = text.slice(start, end);
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // Only the last record can be torn by a crash; anything after an unreadable line is unsafe to trust.
      log.error({ path, offset: start }, 'unreadable journal record; ignoring it and everything after it');
      break;
    }
    start = end + 1;
  }
  return { records, intactBytes: Buffer.byteLength(text.slice(0, start)) };
}
