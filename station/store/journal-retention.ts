import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE, fsyncDirSync } from '../../common/atomic-file.js';
import type { Journal } from '../../common/journal.js';
import { createLogger } from '../../common/log.js';
import type { StationEvent } from '../../protocol/index.js';

const log = createLogger('station.store.journal-retention');
const CHUNK_BYTES = 1 << 20;
const DAY_MS = 24 * 3600 * 1000;

/** How long the journal keeps events the hub acked, and how large it may grow (docs/operations.md). */
export interface JournalRetention {
  readonly maxAgeMs: number;
  readonly maxBytes: number;
}

export const DEFAULT_RETENTION_DAYS = 7;
export const DEFAULT_RETENTION_MB = 200;
/** How often the agent trims its journal (and once at start). */
export const RETENTION_CHECK_MS = 10 * 60 * 1000;

export function journalRetention(days = DEFAULT_RETENTION_DAYS, mb = DEFAULT_RETENTION_MB): JournalRetention {
  return { maxAgeMs: days * DAY_MS, maxBytes: mb * 1024 * 1024 };
}

export interface TrimResult {
  /** The oldest `seq` the journal holds now; undefined when it holds none. */
  readonly firstSeq: number | undefined;
  readonly dropped: number;
  readonly bytes: number;
}

/**
 * Trims the station journal to its retention: drops its oldest events while they are older than
 * `maxAgeMs` or the file is over `maxBytes`, but only events the hub acked (`seq <= ackedSeq`):
 * one the hub has not stored is never dropped, whatever the bounds. The events kept are written
 * to a new file, fsynced, and renamed over the journal. Events dropped can no longer be resent
 * to a hub whose history lost them (hub/ingest/recovery.ts says so).
 */
export function trimJournal(journal: Journal<StationEvent>, ackedSeq: number, retention: JournalRetention, now = Date.now()): TrimResult {
  const fd = openSync(journal.path, 'r');
  let cut = 0;
  let dropped = 0;
  let firstSeq: number | undefined;
  let size = 0;
  try {
    size = fstatSync(fd).size;
    let pending = Buffer.alloc(0);
    let offset = 0;
    scan: while (offset < size) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, size - offset));
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) break;
      offset += read;
      pending = pending.length === 0 ? chunk.subarray(0, read) : Buffer.concat([pending, chunk.subarray(0, read)]);
      for (let end = pending.indexOf(10); end >= 0; end = pending.indexOf(10)) {
        const event = parse(pending.subarray(0, end));
        const next = cut + end + 1;
        const old = event !== undefined && now - Date.parse(event.at) > retention.maxAgeMs;
        if (event === undefined || event.seq > ackedSeq || !(old || size - cut > retention.maxBytes)) {
          firstSeq = event?.seq;
          break scan;
        }
        cut = next;
        dropped += 1;
        pending = pending.subarray(end + 1);
      }
    }
  } finally {
    closeSync(fd);
  }
  if (dropped === 0) return { firstSeq, dropped, bytes: size };
  const temp = `${journal.path}.trim`;
  copyTail(journal.path, temp, cut, size);
  journal.reopen(() => renameSync(temp, journal.path));
  fsyncDirSync(dirname(journal.path));
  log.info({ dropped, firstSeq, bytes: size - cut }, 'journal trimmed to its retention');
  return { firstSeq, dropped, bytes: size - cut };
}

function parse(line: Buffer): Pick<StationEvent, 'seq' | 'at'> | undefined {
  try {
    const value = JSON.parse(line.toString('utf8')) as Partial<StationEvent>;
    return Number.isSafeInteger(value.seq) && typeof value.at === 'string' ? { seq: value.seq!, at: value.at } : undefined;
  } catch {
    return undefined;
  }
}

function copyTail(from: string, to: string, start: number, end: number): void {
  const source = openSync(from, 'r');
  const target = openSync(to, 'w', PRIVATE_FILE_MODE);
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (let at = start; at < end; ) {
      const read = readSync(source, chunk, 0, Math.min(CHUNK_BYTES, end - at), at);
      if (read === 0) break;
      for (let written = 0; written < read; ) written += writeSync(target, chunk, written, read - written);
      at += read;
    }
    fsyncSync(target);
  } finally {
    closeSync(source);
    closeSync(target);
  }
}
