import { PackgateError } from './errors.js';
import { appendWhole, NODE_FILES, type AppendFile, type FileLayer } from './file-io.js';
import { GroupCommit } from './group-commit.js';
import { createLogger } from './log.js';

const log = createLogger('journal');

export interface JournalOptions {
  /** The disk (default node:fs); tests put a simulated one here. */
  readonly files?: FileLayer;
}

/**
 * An append-only file of JSON records, one per line. A record is written with one
 * synchronous write, so once `append` returns it survives a crash of the process (kill -9);
 * `synced()` resolves once every record appended so far survives a power cut too (one
 * fdatasync per burst, {@link GroupCommit}). A line torn by a crash mid-write is cut off when
 * the journal is opened again.
 */
export class Journal<T> {
  #file: AppendFile;
  readonly #commit: GroupCommit;

  private constructor(
    readonly path: string,
    file: AppendFile,
    private readonly files: FileLayer,
  ) {
    this.#file = file;
    this.#commit = new GroupCommit(() => this.#file.sync(), { name: path });
  }

  /**
   * Opens (creating if needed) and returns the journal with every intact record in order. What
   * it holds is synced at the next `synced()`: a crash may have left records only in the page cache.
   */
  static open<T>(path: string, options: JournalOptions = {}): { journal: Journal<T>; records: T[] } {
    const files = options.files ?? NODE_FILES;
    const file = files.openAppend(path);
    const records = readIntact<T>(file, path);
    if (file.size() > records.intactBytes) {
      log.warn({ path, keptBytes: records.intactBytes }, 'cutting a torn record off the end of the journal');
      file.truncate(records.intactBytes);
    }
    const journal = new Journal<T>(path, file, files);
    if (records.intactBytes > 0) journal.#commit.wrote();
    return { journal, records: records.records };
  }

  /**
   * Writes the record as the next line; once this returns, a kill -9 cannot lose it. A failed
   * write (`JOURNAL_WRITE_FAILED`, its cause the errno: ENOSPC …) leaves the journal as it was.
   * Not on disk before `synced()` resolves.
   */
  append(record: T): void {
    this.appendAll([record]);
  }

  /** Appends the records with one write: all of them or, if the write fails, none. */
  appendAll(records: readonly T[]): void {
    if (records.length === 0) return;
    try {
      appendWhole(this.#file, Buffer.from(records.map((record) => JSON.stringify(record) + '\n').join(''), 'utf8'));
    } catch (err) {
      throw new PackgateError('JOURNAL_WRITE_FAILED', `cannot append to ${this.path}`, { cause: err });
    }
    this.#commit.wrote();
  }

  /** Resolves once every record appended so far is on disk (survives a power cut). */
  synced(): Promise<void> {
    return this.#commit.synced();
  }

  /**
   * Closes the file, lets `replace` put another at `path` (the retention's trimmed copy,
   * station/store/journal-retention.ts; Windows renames nothing over an open file), opens it again.
   * The copy is synced by whoever made it; later appends are synced in the new file.
   */
  reopen(replace: () => void): void {
    this.#file.close();
    try {
      replace();
    } finally {
      this.#file = this.files.openAppend(this.path);
    }
  }

  close(): void {
    this.#commit.close();
    this.#file.close();
  }
}

function readIntact<T>(file: AppendFile, path: string): { records: T[]; intactBytes: number } {
  const bytes = Buffer.alloc(file.size());
  for (let got = 0; got < bytes.length; ) {
    const n = file.read(bytes, got, bytes.length - got, got);
    if (n === 0) break;
    got += n;
  }
  const text = bytes.toString('utf8');
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
