/** What the printer's input parser found in its byte stream. */
export type ZplToken =
  | { readonly type: 'control'; readonly command: string }
  | { readonly type: 'format-start' }
  | { readonly type: 'format'; readonly zpl: Buffer };

const CARET = 0x5e;
const TILDE = 0x7e;

/**
 * The input side of a ZPL printer, incremental over chunks as they arrive. ZPL II Programming
 * Guide, "Control commands": a `~` command is acted on as soon as it is received, even in the
 * middle of a format; `^XA` opens a format and `^XZ` ends it. So every `~` is a command — which
 * is why field data must never contain one — and the bytes between ^XA and ^XZ are one format.
 * Only `~HQ` takes a parameter we read (two letters: `~HQOD`).
 */
export class ZplStream {
  #input: Buffer = Buffer.alloc(0);
  #format: Buffer[] | undefined;

  /** A format has started (^XA) and not ended: ~HS "partial format in progress". */
  get inFormat(): boolean {
    return this.#format !== undefined;
  }

  push(bytes: Uint8Array): void {
    this.#input = this.#input.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.#input, bytes]);
  }

  /** The next token, or undefined until more bytes arrive. */
  next(): ZplToken | undefined {
    const input = this.#input;
    let i = 0;
    let plainStart = 0;
    const keepPlain = (end: number) => {
      if (this.#format && end > plainStart) this.#format.push(input.subarray(plainStart, end));
    };
    while (i < input.length) {
      const byte = input[i]!;
      if (byte !== TILDE && byte !== CARET) {
        i += 1;
        continue;
      }
      keepPlain(i);
      const needed = byte === TILDE && input.subarray(i + 1, i + 3).toString('latin1').toUpperCase() === 'HQ' ? 5 : 3;
      if (input.length - i < needed) {
        this.#input = input.subarray(i);
        return undefined;
      }
      const name = input.subarray(i + 1, i + needed).toString('latin1').toUpperCase();
      const rest = input.subarray(i + needed);
      if (byte === TILDE) {
        this.#input = rest;
        return { type: 'control', command: name };
      }
      if (name === 'XA' && !this.#format) {
        this.#format = [];
        this.#input = rest;
        return { type: 'format-start' };
      }
      if (name === 'XZ' && this.#format) {
        const zpl = Buffer.concat(this.#format);
        this.#format = undefined;
        this.#input = rest;
        return { type: 'format', zpl };
      }
      // Any other format command is part of the format's text (outside a format, it is ignored).
      this.#format?.push(input.subarray(i, i + needed));
      i += needed;
      plainStart = i;
    }
    keepPlain(i);
    this.#input = Buffer.alloc(0);
    return undefined;
  }

  /** Forgets the rest of what has been pushed (a dropped connection's unread bytes). */
  discardInput(): void {
    this.#input = Buffer.alloc(0);
  }

  /** Forgets the format in progress (~JA, or a reset). */
  cancelFormat(): void {
    this.#format = undefined;
  }
}
