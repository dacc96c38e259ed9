import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fsyncDirSync, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../../common/atomic-file.js';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { SealedSegment, writeSegmentIndex, type SegmentContent } from './segment-index.js';

const log = createLogger('hub.store.segments');
const NAME = /^(\d{12})-(\d{12})\.jsonl$/;
const ARCHIVED = /^(\d{12})-(\d{12})\.jsonl\.gz$/;
/** Archives are gzipped this much at a time (each chunk a gzip member: `zcat` reads them as one). */
const ARCHIVE_CHUNK_BYTES = 4 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a history's sealed segments and archives live, beside `history.jsonl`. */
export interface SegmentFolders {
  /** `history.d/`: sealed segments `<first>-<last>.jsonl` with their `<first>-<last>.idx`. */
  readonly sealed: string;
  /** `history-archive/`: segments past the live window, `<first>-<last>.jsonl.gz`. */
  readonly archive: string;
}

export function segmentFolders(historyPath: string): SegmentFolders {
  const stem = basename(historyPath).replace(/\.jsonl$/, '');
  return { sealed: join(dirname(historyPath), `${stem}.d`), archive: join(dirname(historyPath), `${stem}-archive`) };
}

/** `000000000001-000000027000`: sequences padded so that names sort in history order. */
export function segmentName(first: number, last: number): string {
  return `${String(first).padStart(12, '0')}-${String(last).padStart(12, '0')}`;
}

/** An archived segment: `history-archive/<first>-<last>.jsonl.gz`. */
export interface ArchivedSegment {
  readonly path: string;
  readonly first: number;
  readonly last: number;
  readonly bytes: number;
}

/** Builds a sealed segment's index content by reading its file (when the index is missing or damaged). */
export type Reindex = (dataPath: string, first: number) => SegmentContent;

/**
 * The sealed segments of a history, oldest first, and what was archived. Opening finishes or
 * undoes what a crash interrupted: an index without its segment file (a seal cut before the
 * rename) is removed, a segment whose archive is complete is removed, temporary files are
 * removed, and a segment whose index is missing or does not fit is indexed again from its file.
 */
export class SegmentSet {
  readonly #segments: SealedSegment[];
  #archivedThrough: number;

  private constructor(
    readonly folders: SegmentFolders,
    segments: SealedSegment[],
    archivedThrough: number,
  ) {
    this.#segments = segments;
    this.#archivedThrough = archivedThrough;
  }

  static open(folders: SegmentFolders, reindex: Reindex): SegmentSet {
    mkdirSync(folders.sealed, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const archived = new Set<string>();
    let archivedThrough = 0;
    if (existsSync(folders.archive)) {
      for (const file of readdirSync(folders.archive)) {
        const match = ARCHIVED.exec(file);
        if (match) {
          archived.add(file.replace(/\.gz$/, ''));
          archivedThrough = Math.max(archivedThrough, Number(match[2]));
        } else if (file.endsWith('.tmp')) {
          rmSync(join(folders.archive, file), { force: true });
        }
      }
    }
    const files = new Set(readdirSync(folders.sealed));
    const segments: SealedSegment[] = [];
    for (const file of [...files].sort()) {
      const path = join(folders.sealed, file);
      if (file.endsWith('.tmp')) {
        rmSync(path, { force: true });
        continue;
      }
      if (file.endsWith('.idx')) {
        if (!files.has(file.replace(/\.idx$/, '.jsonl'))) {
          log.warn({ path }, 'removing the index of a seal that did not finish (its records are still in the open history)');
          rmSync(path, { force: true });
        }
        continue;
      }
      const match = NAME.exec(file);
      if (!match) continue;
      const indexPath = path.replace(/\.jsonl$/, '.idx');
      if (archived.has(file)) {
        log.info({ path }, 'finishing the archive of a history segment');
        rmSync(indexPath, { force: true });
        rmSync(path, { force: true });
        continue;
      }
      segments.push(openSegment(path, indexPath, Number(match[1]), reindex));
    }
    for (let i = 1; i < segments.length; i += 1) {
      if (segments[i]!.first !== segments[i - 1]!.last + 1) {
        throw new PackgateError('HISTORY_CORRUPT', `${folders.sealed}: segment ${basename(segments[i]!.dataPath)} does not follow ${basename(segments[i - 1]!.dataPath)}`);
      }
    }
    return new SegmentSet(folders, segments, archivedThrough);
  }

  /** Sealed segments in the query path, oldest first. */
  get segments(): readonly SealedSegment[] {
    return this.#segments;
  }

  /** The last sequence sealed or archived; 0 when there is none (the open segment starts after it). */
  get end(): number {
    return Math.max(this.#segments.at(-1)?.last ?? 0, this.#archivedThrough);
  }

  /** The first sequence still in a sealed segment, if any. */
  get first(): number | undefined {
    return this.#segments[0]?.first;
  }

  /**
   * The archived segments on disk, oldest first. Only whole ones: an archive is written under a
   * temporary name and renamed once fsynced, and `open` removes what a crash left half-written.
   */
  archived(): ArchivedSegment[] {
    if (!existsSync(this.folders.archive)) return [];
    const found: ArchivedSegment[] = [];
    for (const file of readdirSync(this.folders.archive).sort()) {
      const match = ARCHIVED.exec(file);
      if (!match) continue;
      const path = join(this.folders.archive, file);
      found.push({ path, first: Number(match[1]), last: Number(match[2]), bytes: statSync(path).size });
    }
    return found;
  }

  /** The segment holding `seq`, if it is sealed and live. */
  find(seq: number): SealedSegment | undefined {
    let lo = 0;
    let hi = this.#segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#segments[mid]!.last < seq) lo = mid + 1;
      else hi = mid;
    }
    const segment = this.#segments[lo];
    return segment && segment.first <= seq ? segment : undefined;
  }

  /**
   * Seals the open history file at `openPath` holding `content`: fsyncs it, writes the segment
   * index (whole, fsynced, renamed), then calls `release` (the caller closes the file and drops
   * its checkpoint) and renames the file into `history.d/`, fsyncing both folders. A crash before
   * the rename leaves the file where it was (the index is removed at the next open); after it, the
   * segment is whole. If the rename fails, the index is removed and the error thrown.
   */
  seal(openPath: string, content: SegmentContent, release: () => void): SealedSegment {
    const last = content.first + content.count - 1;
    const name = segmentName(content.first, last);
    const dataPath = join(this.folders.sealed, `${name}.jsonl`);
    const indexPath = join(this.folders.sealed, `${name}.idx`);
    fsyncFile(openPath);
    writeSegmentIndex(indexPath, content);
    release();
    try {
      renameSync(openPath, dataPath);
    } catch (err) {
      rmSync(indexPath, { force: true });
      throw err;
    }
    fsyncDirSync(this.folders.sealed);
    fsyncDirSync(dirname(openPath));
    const segment = SealedSegment.open(dataPath, indexPath, content.starts[content.count]!);
    this.#segments.push(segment);
    return segment;
  }

  /**
   * Moves the sealed segments whose last record is older than `liveDays` days before `now` to
   * `history-archive/<first>-<last>.jsonl.gz` (gzipped, fsynced, renamed; then the segment and
   * its index are removed). Oldest first, and only a prefix: the live window stays one run.
   * Returns how many were moved.
   */
  archive(now: Date, liveDays: number): number {
    if (liveDays <= 0) return 0;
    const cutoff = now.getTime() - liveDays * DAY_MS;
    let moved = 0;
    while (this.#segments.length > 0 && Date.parse(this.#segments[0]!.lastAt) < cutoff) {
      const segment = this.#segments[0]!;
      const started = Date.now();
      const archivePath = archiveFile(segment, this.folders.archive);
      this.#segments.shift();
      rmSync(segment.indexPath, { force: true });
      rmSync(segment.dataPath, { force: true });
      fsyncDirSync(this.folders.sealed);
      this.#archivedThrough = Math.max(this.#archivedThrough, segment.last);
      log.info(
        { archive: archivePath, first: segment.first, last: segment.last, lastAt: segment.lastAt, bytes: segment.size, ms: Date.now() - started },
        'archived a history segment past the live window',
      );
      moved += 1;
    }
    return moved;
  }
}

function openSegment(dataPath: string, indexPath: string, first: number, reindex: Reindex): SealedSegment {
  const size = statSync(dataPath).size;
  try {
    if (existsSync(indexPath)) return SealedSegment.open(dataPath, indexPath, size);
  } catch (err) {
    log.warn({ path: indexPath, err }, 'a segment index does not fit its segment; indexing it again');
  }
  const started = Date.now();
  const content = reindex(dataPath, first);
  writeSegmentIndex(indexPath, content);
  log.info({ path: dataPath, records: content.count, ms: Date.now() - started }, 'indexed a history segment again');
  return SealedSegment.open(dataPath, indexPath, content.starts[content.count]!);
}

/** Gzips the segment into the archive folder: a temporary file, fsynced, renamed, the folder fsynced. */
function archiveFile(segment: SealedSegment, folder: string): string {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const path = join(folder, `${basename(segment.dataPath)}.gz`);
  const temp = `${path}.tmp`;
  const input = openSync(segment.dataPath, 'r');
  const output = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    const chunk = Buffer.alloc(ARCHIVE_CHUNK_BYTES);
    for (let position = 0; ; ) {
      const n = readSync(input, chunk, 0, chunk.length, position);
      if (n === 0) break;
      position += n;
      const packed = gzipSync(chunk.subarray(0, n));
      for (let at = 0; at < packed.length; ) at += writeSync(output, packed, at, packed.length - at);
    }
    fsyncSync(output);
  } catch (err) {
    closeSync(output);
    rmSync(temp, { force: true });
    throw err;
  } finally {
    closeSync(input);
  }
  closeSync(output);
  renameSync(temp, path);
  fsyncDirSync(folder);
  return path;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
