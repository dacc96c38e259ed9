import { Transform, type TransformCallback } from 'node:stream';

/** What the framer has done so far; counters only grow. */
export interface FramerStats {
  /** Frames pushed, truncated ones included. */
  readonly frames: number;
  /** Frames cut at `maxBytes`. */
  readonly truncated: number;
  /** Bytes thrown away: the tail of overlong frames. */
  readonly droppedBytes: number;
}

export interface ScanFramerOptions {
  /**
   * Byte sequences that end a scan (any of them); empty for scanners that send no terminator,
   * which then need `idleMs`. Empty frames (the gap inside CR LF with terminators CR and LF) are skipped.
   */
  readonly terminators: readonly Uint8Array[];
  /** A partial scan is ended after this many milliseconds without a byte; 0 never ends one by time. */
  readonly idleMs: number;
  /** The most bytes one frame keeps. An overlong frame is pushed at this length; its tail is dropped. */
  readonly maxBytes: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Frames a scanner's byte stream into scans: one Buffer per scan, terminator removed, bytes
 * untouched (no text decoding). Memory is bounded by `maxBytes`: a device spewing bytes with
 * no end of scan gets one frame cut at `maxBytes`, and what follows is dropped until the next
 * terminator or idle gap. With `idleMs`, a scan whose terminator never comes is ended by
 * the inter-byte timeout instead of being glued to the next one.
 */
export class ScanFramer extends Transform {
  readonly #terminators: readonly Buffer[];
  readonly #idleMs: number;
  readonly #maxBytes: number;
  /** Bytes that may be the start of a terminator split across chunks. */
  #held: Buffer = EMPTY;
  #parts: Buffer[] = [];
  #length = 0;
  /** The current frame overflowed: it was pushed, and bytes are dropped until it ends. */
  #discarding = false;
  #timer: NodeJS.Timeout | undefined;
  #frames = 0;
  #truncated = 0;
  #droppedBytes = 0;

  constructor(options: ScanFramerOptions) {
    super({ readableObjectMode: true });
    if (!Number.isInteger(options.maxBytes) || options.maxBytes < 1) throw new RangeError('maxBytes must be a positive integer');
    if (!(options.idleMs >= 0)) throw new RangeError('idleMs must be 0 or more');
    if (options.terminators.some((terminator) => terminator.length === 0)) throw new RangeError('a terminator is empty');
    if (options.terminators.length === 0 && options.idleMs === 0) throw new RangeError('no terminator and no idle timeout');
    this.#terminators = options.terminators.map((terminator) => Buffer.from(terminator));
    this.#idleMs = options.idleMs;
    this.#maxBytes = options.maxBytes;
  }

  /** Bytes of the scan being framed now, not yet pushed. */
  get pendingBytes(): number {
    return this.#discarding ? 0 : this.#length + this.#held.length;
  }

  get stats(): FramerStats {
    return { frames: this.#frames, truncated: this.#truncated, droppedBytes: this.#droppedBytes };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.#held.length > 0 ? Buffer.concat([this.#held, chunk]) : chunk;
    this.#held = EMPTY;
    let start = 0;
    for (let end = this.#findTerminator(data, start); end !== undefined; end = this.#findTerminator(data, start)) {
      this.#append(data.subarray(start, end.at));
      this.#endFrame();
      start = end.at + end.length;
    }
    const rest = data.subarray(start);
    const hold = this.#partialTerminatorLength(rest);
    this.#append(rest.subarray(0, rest.length - hold));
    if (hold > 0) this.#held = Buffer.from(rest.subarray(rest.length - hold));
    this.#armIdleTimer();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.#endByIdle();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#clearIdleTimer();
    callback(error);
  }

  #findTerminator(data: Buffer, from: number): { at: number; length: number } | undefined {
    let found: { at: number; length: number } | undefined;
    for (const terminator of this.#terminators) {
      const at = data.indexOf(terminator, from);
      if (at !== -1 && (found === undefined || at < found.at)) found = { at, length: terminator.length };
    }
    return found;
  }

  /** How many bytes at the end of `data` are a proper prefix of some terminator. */
  #partialTerminatorLength(data: Buffer): number {
    let longest = 0;
    for (const terminator of this.#terminators) {
      for (let length = Math.min(terminator.length - 1, data.length); length > longest; length -= 1) {
        if (data.subarray(data.length - length).equals(terminator.subarray(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }

  #append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#discarding) {
      this.#droppedBytes += bytes.length;
      return;
    }
    const room = this.#maxBytes - this.#length;
    if (bytes.length <= room) {
      this.#parts.push(Buffer.from(bytes));
      this.#length += bytes.length;
      return;
    }
    this.#parts.push(Buffer.from(bytes.subarray(0, room)));
    this.#length += room;
    this.#droppedBytes += bytes.length - room;
    this.#truncated += 1;
    this.#pushFrame();
    this.#discarding = true;
  }

  #endFrame(): void {
    if (this.#discarding) this.#discarding = false;
    else this.#pushFrame();
  }

  #pushFrame(): void {
    if (this.#length > 0) {
      this.#frames += 1;
      this.push(this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts, this.#length));
    }
    this.#parts = [];
    this.#length = 0;
  }

  #endByIdle(): void {
    this.#clearIdleTimer();
    const held = this.#held;
    this.#held = EMPTY;
    this.#append(held);
    this.#endFrame();
  }

  #armIdleTimer(): void {
    this.#clearIdleTimer();
    const pending = this.#length > 0 || this.#held.length > 0 || this.#discarding;
    if (this.#idleMs > 0 && pending) this.#timer = setTimeout(() => this.#endByIdle(), this.#idleMs);
  }

  #clearIdleTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
