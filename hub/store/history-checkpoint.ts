import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { PRIVATE_FILE_MODE } from '../../common/atomic-file.js';
import { createLogger } from '../../common/log.js';
import { IdIndex } from './id-index.js';
import { KeyIndex } from './key-index.js';

const log = createLogger('hub.store.checkpoint');
const MAGIC = 'PGHIDX1\n';
const VERSION = 1;

/** The in-memory indexes of a history prefix: the first `count` records, `starts[count]` bytes. */
export interface IndexState {
  readonly count: number;
  readonly starts: Float64Array;
  readonly keys: KeyIndex;
  readonly ids: IdIndex;
}

interface Header {
  version: number;
  endianness: string;
  count: number;
  size: number;
  /** SHA-256 of the last covered line, so a checkpoint is never laid over another file. */
  lastLine: string;
  idSize: number;
  idSlots: number;
  keys: string[];
  postings: number;
}

/**
 * Saves the indexes beside the history (`<history>.idx`: a JSON header, then the typed arrays
 * as they are in memory), so that opening a million records reads 50 MB of arrays instead of
 * parsing 370 MB of JSON. Written to a temporary file and renamed; it is only a cache: a
 * missing, stale or foreign checkpoint is ignored and the log is read from the start.
 */
export function saveCheckpoint(path: string, state: IndexState, lastLine: Buffer): void {
  const ids = state.ids.snapshot();
  const keyNames: string[] = [];
  const lengths: number[] = [];
  for (const [key, seqs] of state.keys.entries()) {
    keyNames.push(key);
    lengths.push(seqs.length);
  }
  const postings = new Uint32Array(lengths.reduce((sum, n) => sum + n, 0));
  let at = 0;
  for (const [, seqs] of state.keys.entries()) {
    postings.set(seqs, at);
    at += seqs.length;
  }
  const header: Header = {
    version: VERSION,
    endianness: endianness(),
    count: state.count,
    size: state.starts[state.count]!,
    lastLine: digest(lastLine),
    idSize: ids.size,
    idSlots: ids.fingerprints.length,
    keys: keyNames,
    postings: postings.length,
  };
  const parts = [
    state.starts.subarray(0, state.count + 1),
    ids.fingerprints,
    ids.seqs,
    Uint32Array.from(lengths),
    postings,
  ].map((array) => aligned(Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
  const temp = `${path}.tmp`;
  writeFileSync(temp, Buffer.concat([Buffer.from(MAGIC), lengthPrefixed(JSON.stringify(header)), ...parts]), { mode: PRIVATE_FILE_MODE });
  renameSync(temp, path);
}

/**
 * Reads a checkpoint back if it fits the log at `logPath`: the log must still hold the covered
 * last line unchanged. Returns undefined (and the caller reads the whole log) otherwise.
 */
export function loadCheckpoint(path: string, logPath: string): IndexState | undefined {
  if (!existsSync(path) || !existsSync(logPath)) return undefined;
  try {
    const file = readFileSync(path);
    if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) return stale(path, 'not a history checkpoint');
    const headerLength = file.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(file.toString('utf8', at, at + headerLength)) as Header;
    at = align(at + headerLength);
    if (header.version !== VERSION || header.endianness !== endianness()) return stale(path, 'another format');
    const logSize = statSync(logPath).size;
    if (header.size > logSize) return stale(path, 'the log is shorter than the checkpoint');
    const take = <A extends Float64Array | Uint32Array>(make: (n: number) => A, n: number): A => {
      const array = make(n);
      file.copy(Buffer.from(array.buffer), 0, at, at + array.byteLength);
      at = align(at + array.byteLength);
      return array;
    };
    const starts = take((n) => new Float64Array(n), header.count + 1);
    const last = header.count > 0 ? readBytes(logPath, starts[header.count - 1]!, starts[header.count]!) : Buffer.alloc(0);
    if (digest(last) !== header.lastLine) return stale(path, 'it does not match the log');
    const fingerprints = take((n) => new Uint32Array(n), header.idSlots);
    const seqs = take((n) => new Uint32Array(n), header.idSlots);
    const lengths = take((n) => new Uint32Array(n), header.keys.length);
    const postings = take((n) => new Uint32Array(n), header.postings);
    const keys = new KeyIndex();
    let offset = 0;
    header.keys.forEach((key, i) => {
      keys.restore(key, Array.from(postings.subarray(offset, offset + lengths[i]!)));
      offset += lengths[i]!;
    });
    return { count: header.count, starts, keys, ids: IdIndex.restore(fingerprints, seqs, header.idSize) };
  } catch (err) {
    return stale(path, `unreadable: ${String(err)}`);
  }
}

function readBytes(path: string, start: number, end: number): Buffer {
  const bytes = Buffer.alloc(end - start);
  const fd = openSync(path, 'r');
  try {
    for (let got = 0; got < bytes.length; ) {
      const n = readSync(fd, bytes, got, bytes.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function stale(path: string, reason: string): undefined {
  log.warn({ path, reason }, 'ignoring the history index checkpoint; reading the whole history');
  return undefined;
}

function digest(line: Buffer): string {
  return createHash('sha256').update(line).digest('hex');
}

function lengthPrefixed(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return aligned(Buffer.concat([length, body]), MAGIC.length);
}

/** Pads to a multiple of 8 bytes (counting `before` bytes already written). */
function aligned(part: Buffer, before = 0): Buffer {
  const padding = align(before + part.length) - before - part.length;
  return padding === 0 ? part : Buffer.concat([part, Buffer.alloc(padding)]);
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
