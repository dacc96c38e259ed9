import { readLabel, type LabelContent } from './label-reader.js';
import { hostStatusReply, odometerReply } from './replies.js';
import { ZplStream } from './zpl-stream.js';

/** A label the simulated printer printed. */
export interface PrintedLabel extends LabelContent {
  /** The format as received, between ^XA and ^XZ. */
  readonly zpl: string;
  /** 1, 2, 3 … in print order. */
  readonly number: number;
}

/** Conditions a person fixes at the printer. */
export interface PrinterConditions {
  readonly paperOut: boolean;
  readonly paused: boolean;
  readonly headOpen: boolean;
  readonly ribbonOut: boolean;
}

/**
 * One-shot faults, armed ahead and sprung by the next label:
 * - `paper-out-before-label`: the roll runs out; the label waits in the buffer until refilled.
 * - `silent-after-label`: the label prints, then the printer answers no query until `recover()`.
 * - `hang-before-label`: the firmware hangs at ^XA; everything it receives is lost and nothing is
 *   answered until `recover()`.
 * - `drop-after-label`: the label prints, then the connection drops; the rest of the chunk is lost.
 * - `drop-mid-label`: the connection drops right after ^XA: a partial format stays in progress.
 */
export type PrinterFault = 'paper-out-before-label' | 'silent-after-label' | 'hang-before-label' | 'drop-after-label' | 'drop-mid-label';
export const PRINTER_FAULTS: readonly PrinterFault[] = ['paper-out-before-label', 'silent-after-label', 'hang-before-label', 'drop-after-label', 'drop-mid-label'];

export interface FirmwareOptions {
  /** Answer `~HQOD` (default true); printers without ~HQ ignore it. */
  readonly odometer?: boolean;
  /** Label length when a format sets no ^LL (default 1218 dots: 6 inches at 203 dpi). */
  readonly labelLengthDots?: number;
  /** Formats the receive buffer holds before ~HS reports it full (default 100). */
  readonly bufferCapacity?: number;
}

/** What one chunk of input made the printer do on the connection it came from. */
export interface FeedResult {
  readonly replies: readonly Buffer[];
  /** Drop this connection (an armed drop fault sprang). */
  readonly drop: boolean;
}

const DOTS_PER_INCH = 203;

/**
 * A ZPL label printer's behaviour without I/O: it parses input as a printer does, keeps formats
 * in a receive buffer while it cannot print (paper out, paused, head open, ribbon out — a real
 * Zebra keeps them, it does not drop them), prints them in order when it can, answers `~HS` and
 * `~HQOD` byte for byte, and cancels its buffer on `~JA`. The parser state is the printer's, not
 * a connection's: a format cut off by a dropped connection is still in progress afterwards.
 */
export class PrinterFirmware {
  readonly printed: PrintedLabel[] = [];
  readonly #stream = new ZplStream();
  readonly #buffer: Buffer[] = [];
  readonly #armed: PrinterFault[] = [];
  #conditions: PrinterConditions = { paperOut: false, paused: false, headOpen: false, ribbonOut: false };
  #silent = false;
  #hung = false;
  #odometerDots = 0;
  readonly #listeners = new Set<(label: PrintedLabel) => void>();

  constructor(private readonly options: FirmwareOptions = {}) {}

  get conditions(): PrinterConditions {
    return this.#conditions;
  }

  /** Formats received and waiting to print. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Whether a format is half received. */
  get partialFormat(): boolean {
    return this.#stream.inFormat;
  }

  /** Calls `listener` for each label printed; returns its removal. */
  onPrinted(listener: (label: PrintedLabel) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets conditions as a person at the printer would (refill paper, close the head, press pause); prints what it can. */
  setConditions(change: Partial<PrinterConditions>): void {
    this.#conditions = { ...this.#conditions, ...change };
    this.#drain();
  }

  /** Arms a fault for the next label (faults spring in the order armed). */
  arm(fault: PrinterFault): void {
    this.#armed.push(fault);
  }

  /** Ends a silence or a hang; a hang's half-received format is gone, as after a power cycle. */
  recover(): void {
    if (this.#hung) this.#stream.cancelFormat();
    this.#silent = false;
    this.#hung = false;
    this.#stream.discardInput();
    this.#drain();
  }

  /** Takes one chunk of input from a connection. */
  feed(bytes: Uint8Array): FeedResult {
    const replies: Buffer[] = [];
    if (this.#hung) return { replies, drop: false };
    this.#stream.push(bytes);
    for (let token = this.#stream.next(); token; token = this.#stream.next()) {
      if (token.type === 'control') {
        const reply = this.#control(token.command);
        if (reply && !this.#silent) replies.push(reply);
      } else if (token.type === 'format-start') {
        if (this.#spring('hang-before-label')) {
          this.#hung = true;
          this.#stream.discardInput();
          return { replies, drop: false };
        }
        if (this.#spring('drop-mid-label')) return this.#drop(replies);
      } else {
        this.#buffer.push(token.zpl);
        if (this.#spring('paper-out-before-label')) this.#conditions = { ...this.#conditions, paperOut: true };
        this.#drain();
        if (this.#spring('silent-after-label')) this.#silent = true;
        if (this.#spring('drop-after-label')) return this.#drop(replies);
      }
    }
    return { replies, drop: false };
  }

  /** The `~HS` reply for the present state. */
  hostStatus(): Buffer {
    return hostStatusReply({
      paperOut: this.#conditions.paperOut,
      paused: this.#conditions.paused,
      headUp: this.#conditions.headOpen,
      ribbonOut: this.#conditions.ribbonOut,
      labelLengthDots: this.options.labelLengthDots ?? 1218,
      formatsInBuffer: this.#buffer.length,
      bufferFull: this.#buffer.length >= (this.options.bufferCapacity ?? 100),
      partialFormat: this.#stream.inFormat,
    });
  }

  /** Total printed length in whole inches, as `~HQOD` reports it. */
  get odometerInches(): number {
    return Math.floor(this.#odometerDots / DOTS_PER_INCH);
  }

  #control(command: string): Buffer | undefined {
    switch (command) {
      case 'HS':
        return this.hostStatus();
      case 'HQOD':
        return this.options.odometer === false ? undefined : odometerReply(this.odometerInches);
      case 'JA':
        // ZPL II ~JA (cancel all): every format in the buffer, and the one in progress, is dropped.
        this.#buffer.length = 0;
        this.#stream.cancelFormat();
        return undefined;
      default:
        return undefined;
    }
  }

  #spring(fault: PrinterFault): boolean {
    if (this.#armed[0] !== fault) return false;
    this.#armed.shift();
    return true;
  }

  #drop(replies: Buffer[]): FeedResult {
    this.#stream.discardInput();
    return { replies, drop: true };
  }

  #ready(): boolean {
    const { paperOut, paused, headOpen, ribbonOut } = this.#conditions;
    return !paperOut && !paused && !headOpen && !ribbonOut && !this.#hung;
  }

  #drain(): void {
    while (this.#ready() && this.#buffer.length > 0) {
      const zpl = this.#buffer.shift()!;
      const content = readLabel(zpl);
      const label: PrintedLabel = { ...content, zpl: zpl.toString('utf8'), number: this.printed.length + 1 };
      this.printed.push(label);
      this.#odometerDots += content.lengthDots ?? this.options.labelLengthDots ?? 1218;
      for (const listener of this.#listeners) listener(label);
    }
  }
}
