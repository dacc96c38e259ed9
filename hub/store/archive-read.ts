import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { PackgateError } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import type { ArchivedSegment } from './segments.js';

/** Compressed bytes read at a time: several of the archive's gzip members (each at most 4 MB of records). */
const READ_BYTES = 8 * 1024 * 1024;
const NEWLINE = 0x0a;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
/** A read of archived days logs how far it got this often. */
const PROGRESS_MS = 10_000;
/** The lines of a history's rebuild from its archives belong to the history's log. */
const log = createLogger('hub.store.history');

/**
 * The archived records from `seq + 1` to `live - 1` (the first live one), oldest first, each
 * archive gunzipped as it streams, with the progress in the log. Days missing from the archive
 * folder (moved or deleted) are logged and passed over; a damaged archive throws HISTORY_CORRUPT.
 */
export function* archivedRange<T extends { seq: number }>(archived: readonly ArchivedSegment[], seq: number, live: number): Generator<T, void, undefined> {
  const archives = archived.filter((archive) => archive.last > seq && archive.first < live);
  const started = Date.now();
  const bytes = archives.reduce((sum, archive) => sum + archive.bytes, 0);
  log.info({ from: seq + 1, to: live - 1, archives: archives.length, bytes }, 'reading archived history days (a rebuild from the start)');
  const missing = (from: number, to: number) => log.warn({ from, to }, 'archived history days are missing (moved or deleted): a rebuild cannot read them');
  let expected = seq + 1;
  let records = 0;
  let loggedAt = started;
  for (const [i, archive] of archives.entries()) {
    if (archive.first > expected) missing(expected, archive.first - 1);
    for (const record of archivedRecords<T>(archive.path, archive.first, archive.last)) {
      if (record.seq <= seq) continue;
      if (record.seq >= live) break;
      yield record;
      records += 1;
    }
    expected = archive.last + 1;
    if (Date.now() - loggedAt >= PROGRESS_MS) {
      loggedAt = Date.now();
      log.info({ through: archive.last, archives: `${i + 1}/${archives.length}`, records, ms: loggedAt - started }, 'reading archived history days');
    }
  }
  if (expected < live) missing(expected, live - 1);
  log.info({ records, archives: archives.length, ms: Date.now() - started }, 'read archived history days');
}

/**
 * The records of an archived segment (`<first>-<last>.jsonl.gz`, gzip members one after
 * another), oldest first, decompressed one member at a time: memory holds one read window and
 * one member, never the file. Line `n` must hold sequence `first + n - 1` and the file must end
 * at `last`; anything else (a damaged or cut archive) fails with HISTORY_CORRUPT naming the file.
 */
export function* archivedRecords<T extends { seq: number }>(path: string, first: number, last: number): Generator<T, void, undefined> {
  const fd = openSync(path, 'r');
  const corrupt = (why: string) => new PackgateError('HISTORY_CORRUPT', `${path}: ${why}`);
  try {
    const size = fstatSync(fd).size;
    let position = 0;
    let input = Buffer.alloc(0);
    let partial = Buffer.alloc(0);
    let next = first;
    for (;;) {
      const member = input.length > 0 ? nextMember(input) : undefined;
      if (member === undefined) {
        if (position >= size) {
          if (input.length > 0) throw corrupt(`the last ${input.length} bytes are not a whole gzip member`);
          break;
        }
        const chunk = Buffer.alloc(Math.min(READ_BYTES, size - position));
        for (let got = 0; got < chunk.length; ) {
          const n = readSync(fd, chunk, got, chunk.length - got, position + got);
          if (n === 0) throw corrupt(`ended at byte ${position + got}, before ${size}`);
          got += n;
        }
        position += chunk.length;
        input = input.length === 0 ? chunk : Buffer.concat([input, chunk]);
        continue;
      }
      if (member === 'bad') throw corrupt(`byte ${position - input.length} does not start a gzip member`);
      if (member === 'crc') throw corrupt(`the gzip member at byte ${position - input.length} fails its check`);
      input = input.subarray(member.used);
      const text = partial.length === 0 ? member.data : Buffer.concat([partial, member.data]);
      let start = 0;
      for (let nl = text.indexOf(NEWLINE); nl >= 0; nl = text.indexOf(NEWLINE, start)) {
        let record: T;
        try {
          record = JSON.parse(text.toString('utf8', start, nl)) as T;
        } catch {
          throw corrupt(`unreadable record where ${next} should be`);
        }
        if (record?.seq !== next) throw corrupt(`record ${String(record?.seq)} where ${next} should be`);
        yield record;
        next += 1;
        start = nl + 1;
      }
      partial = Buffer.from(text.subarray(start));
    }
    if (partial.length > 0 || next !== last + 1) throw corrupt(`ends after record ${next - 1}, its name says ${last}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first gzip member of `input`: its records and how many bytes it took; undefined when
 * `input` holds only part of it, 'bad' when it is no gzip member, 'crc' when its check fails.
 */
function nextMember(input: Buffer): { data: Buffer; used: number } | 'bad' | 'crc' | undefined {
  if (input.length < 10) return undefined;
  if (input[0] !== 0x1f || input[1] !== 0x8b || input[2] !== 8) return 'bad';
  const flags = input[3]!;
  let at = 10;
  if (flags & FEXTRA) {
    if (input.length < at + 2) return undefined;
    at += 2 + input.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = input.indexOf(0, at);
    if (end < 0) return undefined;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  if (input.length < at) return undefined;
  let data: Buffer;
  let deflated: number;
  try {
    const { buffer, engine } = inflateRawSync(input.subarray(at), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    data = buffer;
    deflated = engine.bytesWritten;
  } catch (err) {
    if ((err as { code?: string }).code === 'Z_BUF_ERROR') return undefined; // cut short: more input needed
    return 'bad';
  }
  const trailer = at + deflated;
  if (input.length < trailer + 8) return undefined;
  if (input.readUInt32LE(trailer) !== crc32(data) || input.readUInt32LE(trailer + 4) !== data.length % 2 ** 32) return 'crc';
  return { data, used: trailer + 8 };
}
