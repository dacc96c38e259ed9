/**
 * How a serial scale's byte stream is cut into frames: CR/LF-ended lines, or fixed-length
 * frames that open with a start byte (XK3190 `=` and STX frames, which have no terminator).
 */
export type Framing = { readonly kind: 'line' } | { readonly kind: 'fixed'; readonly start: number; readonly length: number };

/** Longest line taken; a scale's line is under 32 bytes, so longer is noise. */
export const MAX_LINE_BYTES = 64;

const CR = 0x0d;
const LF = 0x0a;

/** What one chunk of bytes produced: whole frames, and runs of bytes that belonged to none. */
export interface Split {
  readonly frames: Uint8Array[];
  /** Runs of noise or cut frames dropped, each counted once as `garbled`. */
  readonly garbled: number;
}

/** A pure, bounded frame splitter: bytes in, frames out; it holds at most one frame's bytes. */
export class FrameSplitter {
  #buffer: number[] = [];
  /** Bytes are being skipped until the next start byte or line end. */
  #skipping = false;

  constructor(private readonly framing: Framing) {}

  push(chunk: Uint8Array): Split {
    const frames: Uint8Array[] = [];
    let garbled = 0;
    const drop = (): void => {
      if (!this.#skipping) garbled += 1;
      this.#skipping = true;
      this.#buffer = [];
    };
    for (const byte of chunk) {
      if (this.framing.kind === 'line') {
        if (byte === CR || byte === LF) {
          if (!this.#skipping && this.#buffer.length > 0) frames.push(Uint8Array.from(this.#buffer));
          this.#buffer = [];
          this.#skipping = false;
        } else if (!this.#skipping) {
          this.#buffer.push(byte);
          if (this.#buffer.length > MAX_LINE_BYTES) drop();
        }
        continue;
      }
      const { start, length } = this.framing;
      if (byte === start) {
        // A start byte inside a frame: the frame before it was cut short.
        if (this.#buffer.length > 0) drop();
        this.#skipping = false;
        this.#buffer = [byte];
      } else if (this.#buffer.length > 0) {
        this.#buffer.push(byte);
      } else {
        drop();
        continue;
      }
      if (this.#buffer.length === length) {
        frames.push(Uint8Array.from(this.#buffer));
        this.#buffer = [];
      }
    }
    return { frames, garbled };
  }

  /** Forgets a partial frame (the port closed); says whether there was one. */
  reset(): boolean {
    const partial = this.#buffer.length > 0;
    this.#buffer = [];
    this.#skipping = false;
    return partial;
  }
}
