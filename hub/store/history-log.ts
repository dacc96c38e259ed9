import { PackgateError } from '../../common/errors.js';
import { appendWhole, NODE_FILES, type AppendFile, type FileLayer } from '../../common/file-io.js';
import { createLogger } from '../../common/log.js';

const log = createLogger('hub.store.log');
const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;
/** Records closer than this are read together with what lies between them. */
const PICK_GAP_BYTES = 8 * 1024;
const PICK_SPAN_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

/** A record as the log sees it: JSON with a `seq` that counts lines from `base + 1`. */
export interface LogRecord {
  readonly seq: number;
}

/**
 * A history file: one JSON record per line, record `base + n` on line `n`, each written with one
 * `write` (so a process crash tears at most the last line). It keeps the byte offset of every
 * line (8 bytes a record) and reads records back with positional reads.
 */
export class HistoryLog<T extends LogRecord> {
  readonly #file: AppendFile;
  /** `#starts[i]` is where record `i + 1` starts; `#starts[count]` is the end of the last one. */
  #starts: Float64Array;
  #count: number;
  #scratch = Buffer.alloc(64 * 1024);

  private constructor(
    readonly path: string,
    /** The sequence before the file's first line (0 for a whole history, the sealed part's last otherwise). */
    readonly base: number,
    file: AppendFile,
    starts: Float64Array,
    count: number,
  ) {
    this.#file = file;
    this.#starts = starts;
    this.#count = count;
  }

  /**
   * Opens (creating if needed) the log. Records from line `from.count + 1` on are read, checked
   * and handed to `onRecord` in order; the lines before are taken as `from.starts` says (a
   * checkpoint). A torn or unreadable tail is cut off; an unreadable line followed by good
   * ones is corruption, not a crash, and fails with HISTORY_CORRUPT. Line `n` must hold
   * sequence `base + n`.
   */
  static open<T extends LogRecord>(
    path: string,
    onRecord: (record: T) => void,
    from: { starts: Float64Array; count: number } = { starts: new Float64Array([0]), count: 0 },
    files: FileLayer = NODE_FILES,
    base = 0,
  ): HistoryLog<T> {
    const file = files.openAppend(path);
    try {
      const size = file.size();
      const starts = new Float64Array(Math.max(1024, from.count * 2 + 1));
      starts.set(from.starts.subarray(0, from.count + 1));
      const history = new HistoryLog<T>(path, base, file, starts, from.count);
      const intact = history.#scan(size, onRecord);
      if (intact < size) {
        log.warn({ path, keptBytes: intact, cutBytes: size - intact }, 'cutting a torn record off the end of the history');
        file.truncate(intact);
      }
      return history;
    } catch (err) {
      file.close();
      throw err;
    }
  }

  /** How many records the file holds (the last one's `seq` is `base + count`). */
  get count(): number {
    return this.#count;
  }

  /** Bytes in the file. */
  get size(): number {
    return this.#starts[this.#count]!;
  }

  /** The byte offsets of every record and the end, for a checkpoint (a view: copy before appending). */
  get starts(): Float64Array {
    return this.#starts.subarray(0, this.#count + 1);
  }

  /**
   * Writes the record as the next line; once this returns, a kill -9 cannot lose it (a power cut
   * can, until `sync` resolves). A failed write (`HISTORY_WRITE_FAILED`, the errno as its cause)
   * leaves the file as it was.
   */
  append(record: T): void {
    if (record.seq !== this.base + this.#count + 1) {
      throw new PackgateError('HISTORY_SEQ', `record ${record.seq} cannot follow ${this.base + this.#count}`);
    }
    const bytes = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
    const start = this.size;
    try {
      // A partial line would glue itself to the next record: appendWhole takes it back before failing.
      appendWhole(this.#file, bytes, start);
    } catch (err) {
      throw new PackgateError('HISTORY_WRITE_FAILED', `cannot append to ${this.path}`, { cause: err });
    }
    this.#push(start + bytes.length);
  }

  /** Records with sequences `first` to `first + count - 1` (clipped to the log), read with one positional read. */
  read(first: number, count = 1): T[] {
    const from = Math.max(1, first - this.base);
    const to = Math.min(this.#count, first - this.base + count - 1);
    if (to < from) return [];
    const start = this.#starts[from - 1]!;
    const bytes = this.#bytes(start, this.#starts[to]!);
    const records: T[] = [];
    for (let seq = from; seq <= to; seq += 1) {
      const begin = this.#starts[seq - 1]! - start;
      const end = this.#starts[seq]! - start - 1;
      records.push(JSON.parse(bytes.toString('utf8', begin, end)) as T);
    }
    return records;
  }

  /** The records with these sequences (ascending, each in the log); neighbours share one read. */
  pick(sequences: readonly number[]): T[] {
    const seqs = this.base === 0 ? sequences : sequences.map((seq) => seq - this.base);
    const records: T[] = [];
    for (let i = 0; i < seqs.length; ) {
      const start = this.#starts[seqs[i]! - 1]!;
      let j = i + 1;
      while (
        j < seqs.length &&
        this.#starts[seqs[j]! - 1]! - this.#starts[seqs[j - 1]!]! <= PICK_GAP_BYTES &&
        this.#starts[seqs[j]!]! - start <= PICK_SPAN_BYTES
      ) {
        j += 1;
      }
      const bytes = this.#bytes(start, this.#starts[seqs[j - 1]!]!);
      for (; i < j; i += 1) {
        const seq = seqs[i]!;
        records.push(JSON.parse(bytes.toString('utf8', this.#starts[seq - 1]! - start, this.#starts[seq]! - start - 1)) as T);
      }
    }
    return records;
  }

  /** The raw line of record `seq`, newline included (a copy). */
  line(sequence: number): Buffer {
    const seq = sequence - this.base;
    if (seq < 1 || seq > this.#count) return Buffer.alloc(0);
    return Buffer.from(this.#bytes(this.#starts[seq - 1]!, this.#starts[seq]!));
  }

  /** Puts every record appended so far on the disk (fdatasync). */
  sync(): Promise<void> {
    return this.#file.sync();
  }

  close(): void {
    this.#file.close();
  }

  /** Bytes `start` to `end` of the file, in a scratch buffer that the next read reuses. */
  #bytes(start: number, end: number): Buffer {
    const length = end - start;
    if (this.#scratch.length < length) this.#scratch = Buffer.alloc(Math.max(length, this.#scratch.length * 2));
    for (let got = 0; got < length; ) {
      const n = this.#file.read(this.#scratch, got, length - got, start + got);
      if (n === 0) throw new PackgateError('HISTORY_CORRUPT', `${this.path} ended at byte ${start + got}, before ${end}`);
      got += n;
    }
    return this.#scratch.subarray(0, length);
  }

  #push(end: number): void {
    if (this.#count + 2 > this.#starts.length) {
      const grown = new Float64Array(this.#starts.length * 2);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    this.#count += 1;
    this.#starts[this.#count] = end;
  }

  /** Reads from the current end in chunks; returns how many bytes of the file are intact. */
  #scan(size: number, onRecord: (record: T) => void): number {
    let chunk = Buffer.alloc(SCAN_CHUNK_BYTES);
    let offset = this.size;
    let badLine: number | undefined;
    while (offset < size) {
      const length = Math.min(chunk.length, size - offset);
      for (let got = 0; got < length; ) {
        const n = this.#file.read(chunk, got, length - got, offset + got);
        if (n === 0) throw new PackgateError('HISTORY_CORRUPT', `${this.path} ended at byte ${offset + got}, before ${size}`);
        got += n;
      }
      let lineStart = 0;
      for (let nl = chunk.indexOf(NEWLINE, 0); nl >= 0 && nl < length; nl = chunk.indexOf(NEWLINE, lineStart)) {
        const record = parseLine<T>(chunk, lineStart, nl);
        if (badLine === undefined && record?.seq === this.base + this.#count + 1) {
          onRecord(record);
          this.#push(offset + nl + 1);
        } else if (badLine === undefined) {
          badLine = offset + lineStart;
        } else if (record) {
          throw new PackgateError('HISTORY_CORRUPT', `${this.path}: unreadable record at byte ${badLine} before good ones`);
        }
        lineStart = nl + 1;
      }
      if (lineStart === 0 && length === chunk.length) {
        chunk = Buffer.alloc(chunk.length * 2); // a line longer than the chunk
        continue;
      }
      if (lineStart === 0) break; // no newline up to the end of the file: a torn tail
      offset += lineStart;
    }
    return badLine ?? this.size;
  }
}

function parseLine<T extends LogRecord>(chunk: Buffer, start: number, end: number): T | undefined {
  try {
    const value: unknown = JSON.parse(chunk.toString('utf8', start, end));
    if (typeof value === 'object' && value !== null && 'seq' in value && typeof value.seq === 'number') return value as T;
  } catch {
    // an unreadable line; the caller decides whether it is a torn tail or corruption
  }
  return undefined;
}
