import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_FOLDER_MODE } from '../../common/atomic-file.js';
import { PackgateError, errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { PAYLOAD_VERSION, decodeFileFrame, type EvidenceFetchCommand, type EvidenceFile } from '../../protocol/index.js';

const log = createLogger('hub.evidence');

/** The largest clip file the hub fetches: a 20-minute 1080p clip copied from a camera's H.264. */
export const MAX_EVIDENCE_FILE_BYTES = 1024 ** 3;
/** Bytes of verified files the hub keeps; the least recently served go first. */
export const DEFAULT_CACHE_BYTES = 4 * 1024 ** 3;
/** Silence from the station mid-fetch for this long ends the fetch. */
export const DEFAULT_FETCH_SILENCE_MS = 15_000;

/**
 * Why a file cannot be served. Stable codes with their HTTP statuses (docs/api.md,
 * "Evidence files"): the route answers `{error: {code, message}}` with them.
 */
export const FETCH_ERRORS = {
  /** The station holding the clip is not connected, and the hub has no verified copy. */
  STATION_OFFLINE: 503,
  /** The station stopped answering mid-fetch. */
  EVIDENCE_FETCH_TIMEOUT: 504,
  /** The bytes the station sent are not the file its record hashed: nothing is served. */
  EVIDENCE_HASH_MISMATCH: 502,
  /** The record names a file larger than MAX_EVIDENCE_FILE_BYTES. */
  EVIDENCE_TOO_LARGE: 502,
  /** The station no longer stores the clip (retention deleted it before it was pinned). */
  CLIP_NOT_STORED: 410,
  /** The station has the clip but could not read it. */
  FILE_UNREADABLE: 502,
} as const;
export type FetchErrorCode = keyof typeof FETCH_ERRORS;

export interface EvidenceFetcherOptions {
  /** Where verified files are kept (`{hub data}/evidence-cache`); none: a temporary folder removed at close. */
  readonly cacheDir?: string;
  /** Publishes an `evidence-fetch` command to a station. */
  readonly send: (station: string, command: EvidenceFetchCommand) => void;
  /** Whether a station is connected now. */
  readonly online: (station: string) => boolean;
  readonly maxCacheBytes?: number;
  readonly silenceMs?: number;
}

/** One file of a clip the hub wants: who holds it, and what its record says it is. */
export interface WantedFile {
  readonly station: string;
  readonly clipId: string;
  readonly file: 'video' | 'photo';
  readonly expected: EvidenceFile;
}

interface Transfer {
  readonly station: string;
  readonly expected: EvidenceFile;
  readonly part: string;
  readonly out: WriteStream;
  readonly hash: ReturnType<typeof createHash>;
  received: number;
  timer: NodeJS.Timeout;
  readonly resolve: () => void;
  readonly reject: (err: PackgateError) => void;
}

/**
 * Brings a clip's video or photo from the station that holds it to the hub, on demand: the hub
 * sends `evidence-fetch`, the station answers in chunks on `station/{id}/files` over the MQTT link
 * it already has (no port opened on the station, the broker's logins and ACLs apply), and the
 * file is served only once it is whole and its SHA-256 is the record's. Verified files are kept,
 * named by their hash, so a clip once fetched plays and exports while its station is offline.
 * Two requests for one file share one fetch.
 */
export class EvidenceFetcher {
  readonly #dir: string;
  readonly #temporary: boolean;
  readonly #transfers = new Map<string, Transfer>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(private readonly options: EvidenceFetcherOptions) {
    this.#temporary = options.cacheDir === undefined;
    this.#dir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'packgate-evidence-'));
    mkdirSync(this.#dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  }

  /** The path of the verified file, fetched from its station if the hub has no copy yet. */
  file(wanted: WantedFile): Promise<string> {
    const path = this.#cachedPath(wanted);
    try {
      if (statSync(path).size === wanted.expected.bytes) {
        const now = new Date();
        utimesSync(path, now, now);
        return Promise.resolve(path);
      }
    } catch {
      // Not kept yet: fetched below.
    }
    const key = wanted.expected.sha256;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#fetch(wanted, path).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** Whether the hub holds a verified copy (no fetch needed). */
  has(wanted: WantedFile): boolean {
    try {
      return statSync(this.#cachedPath(wanted)).size === wanted.expected.bytes;
    } catch {
      return false;
    }
  }

  /** A frame a station published on its `files` topic; anything else is dropped and logged. */
  onFrame(station: string, payload: Buffer): void {
    const frame = decodeFileFrame(payload);
    if (!frame) return void log.warn({ station, bytes: payload.length }, 'dropped a malformed evidence file frame');
    const transfer = this.#transfers.get(frame.header.fetchId);
    if (!transfer || transfer.station !== station) return;
    const header = frame.header;
    if (header.kind === 'refused') return this.#fail(header.fetchId, new PackgateError(header.code, header.message.slice(0, 200)));
    if (header.total !== transfer.expected.bytes) {
      return this.#fail(header.fetchId, new PackgateError('EVIDENCE_HASH_MISMATCH', `the station sent a file of ${header.total} bytes; its record says ${transfer.expected.bytes}`));
    }
    // QoS 1 may repeat a frame after a reconnect; anything but the next bytes is a repeat.
    if (header.offset !== transfer.received) return;
    transfer.received += frame.data.length;
    transfer.hash.update(frame.data);
    transfer.out.write(frame.data);
    transfer.timer.refresh();
    if (transfer.received === header.total) void this.#complete(header.fetchId);
  }

  /** Ends every fetch under way (`STATION_OFFLINE`) and, for a temporary cache, removes it. */
  close(): void {
    for (const id of [...this.#transfers.keys()]) this.#fail(id, new PackgateError('STATION_OFFLINE', 'the hub is stopping'));
    if (this.#temporary) rmSync(this.#dir, { recursive: true, force: true });
  }

  #cachedPath(wanted: WantedFile): string {
    return join(this.#dir, `${wanted.expected.sha256}.${wanted.file === 'video' ? 'mp4' : 'jpg'}`);
  }

  #fetch(wanted: WantedFile, path: string): Promise<string> {
    if (wanted.expected.bytes > MAX_EVIDENCE_FILE_BYTES) {
      return Promise.reject(new PackgateError('EVIDENCE_TOO_LARGE', `the ${wanted.file} is ${wanted.expected.bytes} bytes, over the ${MAX_EVIDENCE_FILE_BYTES} the hub fetches`));
    }
    if (!this.options.online(wanted.station)) {
      return Promise.reject(new PackgateError('STATION_OFFLINE', `station ${wanted.station}, which holds clip ${wanted.clipId}, is offline; the hub has no copy of its ${wanted.file}`));
    }
    const fetchId = `fetch-${randomBytes(6).toString('hex')}`;
    const part = join(this.#dir, `${fetchId}.part`);
    return new Promise<void>((resolve, reject) => {
      const silenceMs = this.options.silenceMs ?? DEFAULT_FETCH_SILENCE_MS;
      const timer = setTimeout(() => this.#fail(fetchId, new PackgateError('EVIDENCE_FETCH_TIMEOUT', `station ${wanted.station} sent nothing of clip ${wanted.clipId} for ${silenceMs} ms`)), silenceMs);
      const out = createWriteStream(part, { mode: 0o600 });
      out.on('error', (err) => this.#fail(fetchId, new PackgateError('FILE_UNREADABLE', `the hub could not write the file: ${err.message}`)));
      this.#transfers.set(fetchId, { station: wanted.station, expected: wanted.expected, part, out, hash: createHash('sha256'), received: 0, timer, resolve, reject });
      const command: EvidenceFetchCommand = { v: PAYLOAD_VERSION, id: fetchId, at: new Date().toISOString(), type: 'evidence-fetch', clipId: wanted.clipId, file: wanted.file };
      this.options.send(wanted.station, command);
      if (wanted.expected.bytes === 0) void this.#complete(fetchId);
    }).then(async () => {
      await rename(part, path);
      log.info({ station: wanted.station, clip: wanted.clipId, file: wanted.file, bytes: wanted.expected.bytes }, 'evidence file fetched and verified');
      this.#trim(path);
      return path;
    });
  }

  async #complete(fetchId: string): Promise<void> {
    const transfer = this.#transfers.get(fetchId);
    if (!transfer) return;
    this.#transfers.delete(fetchId);
    clearTimeout(transfer.timer);
    await new Promise<void>((resolve) => transfer.out.end(resolve));
    const sha256 = transfer.hash.digest('hex');
    if (sha256 !== transfer.expected.sha256) {
      await rm(transfer.part, { force: true });
      return transfer.reject(new PackgateError('EVIDENCE_HASH_MISMATCH', `the file the station sent hashes to ${sha256}, not the recorded ${transfer.expected.sha256}`));
    }
    transfer.resolve();
  }

  #fail(fetchId: string, err: PackgateError): void {
    const transfer = this.#transfers.get(fetchId);
    if (!transfer) return;
    this.#transfers.delete(fetchId);
    clearTimeout(transfer.timer);
    transfer.out.destroy();
    rmSync(transfer.part, { force: true });
    log.warn({ station: transfer.station, code: err.code, err: errorMessage(err) }, 'evidence file not fetched');
    transfer.reject(err);
  }

  /** Keeps the cache under its size: the least recently served files go, never `keep`. */
  #trim(keep: string): void {
    const limit = this.options.maxCacheBytes ?? DEFAULT_CACHE_BYTES;
    const files = readdirSync(this.#dir)
      .filter((name) => !name.endsWith('.part'))
      .map((name) => {
        const path = join(this.#dir, name);
        const stat = statSync(path);
        return { path, bytes: stat.size, at: stat.mtimeMs };
      })
      .sort((a, b) => a.at - b.at);
    let total = files.reduce((sum, file) => sum + file.bytes, 0);
    for (const file of files) {
      if (total <= limit) break;
      if (file.path === keep) continue;
      rmSync(file.path, { force: true });
      total -= file.bytes;
    }
  }
}
