import { closeSync, openSync, readSync } from 'node:fs';
import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { PackgateError } from '../../common/errors.js';
import { BloomFilter } from './bloom.js';
import { firstAtOrAbove } from './key-index.js';

const MAGIC = 'PGSEG1\n\0';
const VERSION = 1;
/** Every this many keys (and event-id fingerprints) one goes into the directory kept in memory. */
const DIRECTORY_EVERY = 64;
const BLOOM_BITS_PER_ELEMENT = 10;
/** A key entry: u16 byte length, the key, u32 first posting, u32 posting count. */
const ENTRY_FIXED_BYTES = 10;
/** Offsets of neighbouring records are read with one read while they lie closer than this. */
const OFFSETS_SPAN = 8192;
/** Records closer than this are read together with what lies between them (as in HistoryLog). */
const PICK_GAP_BYTES = 8 * 1024;
const PICK_SPAN_BYTES = 256 * 1024;

/** What a sealed segment's index is built from: the open segment's indexes, or a writer's. */
export interface SegmentContent {
  /** The first record's sequence. */
  readonly first: number;
  readonly count: number;
  /** `starts[i]` is where record `first + i` starts in the segment file; `starts[count]` its size. */
  readonly starts: Float64Array;
  /** Each index key with its sequences, ascending (a KeyIndex's entries). */
  readonly keys: Iterable<readonly [string, readonly number[]]>;
  /** Event-id fingerprints and their sequences (an IdIndex's table: slots holding 0 are empty). */
  readonly ids: { readonly fingerprints: Uint32Array; readonly seqs: Uint32Array };
  /** The first and last records' `at`. */
  readonly firstAt: string;
  readonly lastAt: string;
}

interface Header {
  version: number;
  first: number;
  count: number;
  /** Bytes in the segment file. */
  size: number;
  firstAt: string;
  lastAt: string;
  keys: number;
  postings: number;
  ids: number;
  hashes: number;
  /** Byte offsets in the index file of each part, and where the in-memory parts end. */
  at: { keyBloom: number; idBloom: number; idDirectory: number; offsets: number; entries: number; postings: number; ids: number; end: number };
  keyBloomBytes: number;
  idBloomBytes: number;
  /** Every 64th key, with the byte offset (from `at.entries`) of its entry: a block runs to the next one. */
  directory: [string, number][];
}

/**
 * Writes the index of a sealed segment (`<first>-<last>.idx` beside `<first>-<last>.jsonl`):
 * `PGSEG1\n\0`, a u32 header length, the JSON header (counts, the two records' `at`, the part
 * offsets and the sparse key directory), then 8-byte-aligned parts — kept in memory once opened:
 * the key Bloom filter, the event-id Bloom filter, every 64th id fingerprint; read with
 * positional reads: line offsets f64[count+1], the key entries sorted by key (u16 length, key,
 * u32 first posting, u32 count), postings u32 (absolute sequences), and (fingerprint u32,
 * sequence u32) pairs sorted by fingerprint. Written to a temporary file, fsynced, renamed and
 * the folder fsynced (`writeFileAtomicSync`): it exists whole or not at all.
 */
export function writeSegmentIndex(path: string, content: SegmentContent): void {
  const keyList = [...content.keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const keyBloom = BloomFilter.create(keyList.length, BLOOM_BITS_PER_ELEMENT);
  let postingCount = 0;
  let entryBytes = 0;
  for (const [key, seqs] of keyList) {
    keyBloom.addString(key);
    postingCount += seqs.length;
    entryBytes += ENTRY_FIXED_BYTES + Buffer.byteLength(key, 'utf8');
  }
  const entries = Buffer.alloc(entryBytes);
  const postings = new Uint32Array(postingCount);
  const directory: [string, number][] = [];
  let at = 0;
  let posting = 0;
  keyList.forEach(([key, seqs], i) => {
    if (i % DIRECTORY_EVERY === 0) directory.push([key, at]);
    const length = entries.write(key, at + 2, 'utf8');
    entries.writeUInt16LE(length, at);
    entries.writeUInt32LE(posting, at + 2 + length);
    entries.writeUInt32LE(seqs.length, at + 6 + length);
    at += ENTRY_FIXED_BYTES + length;
    postings.set(seqs, posting);
    posting += seqs.length;
  });

  const idPairs = sortedIdPairs(content.ids);
  const idBloom = BloomFilter.create(idPairs.length / 2, BLOOM_BITS_PER_ELEMENT);
  const idDirectory = new Uint32Array(Math.ceil(idPairs.length / 2 / DIRECTORY_EVERY));
  for (let i = 0; i < idPairs.length; i += 2) {
    idBloom.addHash(idPairs[i]!);
    if ((i / 2) % DIRECTORY_EVERY === 0) idDirectory[i / 2 / DIRECTORY_EVERY] = idPairs[i]!;
  }

  const parts = [keyBloom.bits, idBloom.bits, idDirectory, content.starts.subarray(0, content.count + 1), entries, postings, idPairs];
  const header: Header = {
    version: VERSION,
    first: content.first,
    count: content.count,
    size: content.starts[content.count]!,
    firstAt: content.firstAt,
    lastAt: content.lastAt,
    keys: keyList.length,
    postings: postingCount,
    ids: idPairs.length / 2,
    hashes: keyBloom.hashes,
    at: { keyBloom: 0, idBloom: 0, idDirectory: 0, offsets: 0, entries: 0, postings: 0, ids: 0, end: 0 },
    keyBloomBytes: keyBloom.bits.length,
    idBloomBytes: idBloom.bits.length,
    directory,
  };
  // The offsets depend on the header's length, which depends on the offsets' digits: until it settles.
  let headerBytes = Buffer.alloc(0);
  for (let pass = 0; pass < 4; pass += 1) {
    let offset = align(MAGIC.length + 4 + headerBytes.length);
    const names = ['keyBloom', 'idBloom', 'idDirectory', 'offsets', 'entries', 'postings', 'ids'] as const;
    parts.forEach((part, i) => {
      header.at[names[i]!] = offset;
      offset = align(offset + part.byteLength);
    });
    header.at.end = offset;
    const next = Buffer.from(JSON.stringify(header), 'utf8');
    const settled = next.length === headerBytes.length;
    headerBytes = next;
    if (settled) break;
  }
  if (align(MAGIC.length + 4 + headerBytes.length) !== header.at.keyBloom) throw new Error('segment index header did not settle');
  const file = Buffer.alloc(header.at.end);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(file, MAGIC.length + 4);
  const starts = [header.at.keyBloom, header.at.idBloom, header.at.idDirectory, header.at.offsets, header.at.entries, header.at.postings, header.at.ids];
  parts.forEach((part, i) => Buffer.from(part.buffer, part.byteOffset, part.byteLength).copy(file, starts[i]!));
  writeFileAtomicSync(path, file);
}

/** (fingerprint, sequence) pairs sorted by fingerprint then sequence, from a hash table's slots. */
function sortedIdPairs(ids: SegmentContent['ids']): Uint32Array {
  const slots: number[] = [];
  for (let slot = 0; slot < ids.fingerprints.length; slot += 1) if (ids.fingerprints[slot] !== 0) slots.push(slot);
  slots.sort((a, b) => ids.fingerprints[a]! - ids.fingerprints[b]! || ids.seqs[a]! - ids.seqs[b]!);
  const pairs = new Uint32Array(slots.length * 2);
  slots.forEach((slot, i) => {
    pairs[i * 2] = ids.fingerprints[slot]!;
    pairs[i * 2 + 1] = ids.seqs[slot]!;
  });
  return pairs;
}

/**
 * A sealed segment: an immutable part of the history, its records in `<first>-<last>.jsonl` and
 * its index in `<first>-<last>.idx`. In memory: the header, the sparse key directory, the two
 * Bloom filters and the sparse fingerprint directory (about 2 bytes a record); everything else
 * is read with positional reads when asked. Files are opened per query: a year of day segments
 * would otherwise hold 730 descriptors.
 */
export class SealedSegment {
  readonly #header: Header;
  readonly #keyBloom: BloomFilter;
  readonly #idBloom: BloomFilter;
  readonly #idDirectory: Uint32Array;

  private constructor(
    readonly dataPath: string,
    readonly indexPath: string,
    header: Header,
    head: Buffer,
  ) {
    this.#header = header;
    const copy = (at: number, bytes: number) => new Uint8Array(head.subarray(at, at + bytes));
    this.#keyBloom = BloomFilter.from(copy(header.at.keyBloom, header.keyBloomBytes), header.hashes);
    this.#idBloom = BloomFilter.from(copy(header.at.idBloom, header.idBloomBytes), header.hashes);
    const directory = Math.ceil(header.ids / DIRECTORY_EVERY);
    this.#idDirectory = new Uint32Array(copy(header.at.idDirectory, directory * 4).buffer);
  }

  /**
   * Reads the in-memory parts of the index at `indexPath`; `HISTORY_CORRUPT` if it is not a
   * segment index or does not fit the segment file of `size` bytes.
   */
  static open(dataPath: string, indexPath: string, size: number): SealedSegment {
    const fd = openSync(indexPath, 'r');
    try {
      const prefix = Buffer.alloc(MAGIC.length + 4);
      readFully(fd, prefix, 0, indexPath);
      if (prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new PackgateError('HISTORY_CORRUPT', `${indexPath} is not a segment index`);
      const headerBytes = Buffer.alloc(prefix.readUInt32LE(MAGIC.length));
      readFully(fd, headerBytes, prefix.length, indexPath);
      const header = JSON.parse(headerBytes.toString('utf8')) as Header;
      if (header.version !== VERSION) throw new PackgateError('HISTORY_CORRUPT', `${indexPath} is of another format (${header.version})`);
      if (header.size !== size) throw new PackgateError('HISTORY_CORRUPT', `${indexPath} covers ${header.size} bytes, the segment holds ${size}`);
      const head = Buffer.alloc(header.at.offsets);
      readFully(fd, head, 0, indexPath);
      return new SealedSegment(dataPath, indexPath, header, head);
    } catch (err) {
      if (err instanceof PackgateError) throw err;
      throw new PackgateError('HISTORY_CORRUPT', `${indexPath} is unreadable: ${String(err)}`, { cause: err });
    } finally {
      closeSync(fd);
    }
  }

  get first(): number {
    return this.#header.first;
  }

  get last(): number {
    return this.#header.first + this.#header.count - 1;
  }

  get count(): number {
    return this.#header.count;
  }

  get size(): number {
    return this.#header.size;
  }

  get firstAt(): string {
    return this.#header.firstAt;
  }

  get lastAt(): string {
    return this.#header.lastAt;
  }

  get stats(): { keys: number; postings: number } {
    return { keys: this.#header.keys, postings: this.#header.postings };
  }

  /** The newest `limit` sequences under `key` below `beforeSeq`, oldest first. */
  seqs(key: string, beforeSeq: number, limit: number): number[] {
    if (limit <= 0 || beforeSeq <= this.first || !this.#keyBloom.mayHaveString(key)) return [];
    const directory = this.#header.directory;
    let lo = 0;
    let hi = directory.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (directory[mid]![0] <= key) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return [];
    const blockStart = directory[lo - 1]![1];
    const blockEnd = lo < directory.length ? directory[lo]![1] : this.#header.at.postings - this.#header.at.entries;
    return this.#withIndex((fd) => {
      const block = readAt(fd, this.#header.at.entries + blockStart, blockEnd - blockStart, this.indexPath);
      for (let at = 0; at < block.length; ) {
        const length = block.readUInt16LE(at);
        const name = block.toString('utf8', at + 2, at + 2 + length);
        if (name === key) {
          const firstPosting = block.readUInt32LE(at + 2 + length);
          const count = block.readUInt32LE(at + 6 + length);
          const list = new Uint32Array(readAt(fd, this.#header.at.postings + firstPosting * 4, count * 4, this.indexPath).buffer.slice(0));
          const end = firstAtOrAbove(list, beforeSeq);
          return Array.from(list.subarray(Math.max(0, end - limit), end));
        }
        if (name > key) break;
        at += ENTRY_FIXED_BYTES + length;
      }
      return [];
    });
  }

  /** Sequences of records whose event id may be `fingerprint`'s (confirm by reading them). */
  idCandidates(fingerprint: number): number[] {
    if (this.#header.ids === 0 || !this.#idBloom.mayHaveHash(fingerprint)) return [];
    const directory = this.#idDirectory;
    // The block of the last directory entry below the fingerprint: equal ones may start before an equal entry.
    let lo = 0;
    let hi = directory.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (directory[mid]! < fingerprint) lo = mid + 1;
      else hi = mid;
    }
    const firstPair = Math.max(0, lo - 1) * DIRECTORY_EVERY;
    const found: number[] = [];
    return this.#withIndex((fd) => {
      for (let pair = firstPair; pair < this.#header.ids; pair += DIRECTORY_EVERY) {
        const count = Math.min(DIRECTORY_EVERY, this.#header.ids - pair);
        const block = readAt(fd, this.#header.at.ids + pair * 8, count * 8, this.indexPath);
        for (let i = 0; i < count; i += 1) {
          const fp = block.readUInt32LE(i * 8);
          if (fp === fingerprint) found.push(block.readUInt32LE(i * 8 + 4));
          if (fp > fingerprint) return found;
        }
      }
      return found;
    });
  }

  /** Records with sequences `first` to `first + count - 1`, clipped to the segment. */
  read<T>(first: number, count: number): T[] {
    const from = Math.max(first, this.first);
    const to = Math.min(first + count - 1, this.last);
    if (to < from) return [];
    const starts = this.#withIndex((fd) => this.#offsets(fd, from, to + 1));
    return this.#withData((fd) => {
      const bytes = readAt(fd, starts[0]!, starts[to - from + 1]! - starts[0]!, this.dataPath);
      const records: T[] = [];
      for (let i = 0; i <= to - from; i += 1) {
        records.push(JSON.parse(bytes.toString('utf8', starts[i]! - starts[0]!, starts[i + 1]! - starts[0]! - 1)) as T);
      }
      return records;
    });
  }

  /** The records with these sequences (ascending, each in the segment); neighbours share one read. */
  pick<T>(seqs: readonly number[]): T[] {
    const ranges: [number, number][] = [];
    this.#withIndex((fd) => {
      for (let i = 0; i < seqs.length; ) {
        let j = i + 1;
        while (j < seqs.length && seqs[j]! - seqs[i]! < OFFSETS_SPAN) j += 1;
        const from = seqs[i]!;
        const starts = this.#offsets(fd, from, seqs[j - 1]! + 1);
        for (; i < j; i += 1) ranges.push([starts[seqs[i]! - from]!, starts[seqs[i]! - from + 1]!]);
      }
    });
    return this.#withData((fd) => {
      const records: T[] = [];
      for (let i = 0; i < ranges.length; ) {
        const start = ranges[i]![0];
        let j = i + 1;
        while (j < ranges.length && ranges[j]![0] - ranges[j - 1]![1] <= PICK_GAP_BYTES && ranges[j]![1] - start <= PICK_SPAN_BYTES) j += 1;
        const bytes = readAt(fd, start, ranges[j - 1]![1] - start, this.dataPath);
        for (; i < j; i += 1) records.push(JSON.parse(bytes.toString('utf8', ranges[i]![0] - start, ranges[i]![1] - start - 1)) as T);
      }
      return records;
    });
  }

  /** Line offsets of sequences `from` to `to` (the end of `to - 1`), one read. */
  #offsets(fd: number, from: number, to: number): Float64Array {
    const bytes = readAt(fd, this.#header.at.offsets + (from - this.first) * 8, (to - from + 1) * 8, this.indexPath);
    return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }

  #withIndex<R>(work: (fd: number) => R): R {
    return withFile(this.indexPath, work);
  }

  #withData<R>(work: (fd: number) => R): R {
    return withFile(this.dataPath, work);
  }
}

function withFile<R>(path: string, work: (fd: number) => R): R {
  const fd = openSync(path, 'r');
  try {
    return work(fd);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number, path: string): Buffer {
  const bytes = Buffer.alloc(length);
  readFully(fd, bytes, position, path);
  return bytes;
}

function readFully(fd: number, bytes: Buffer, position: number, path: string): void {
  for (let got = 0; got < bytes.length; ) {
    const n = readSync(fd, bytes, got, bytes.length - got, position + got);
    if (n === 0) throw new PackgateError('HISTORY_CORRUPT', `${path} ended at byte ${position + got}, before ${position + bytes.length}`);
    got += n;
  }
}


function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
