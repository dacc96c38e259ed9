import { MAX_SCAN_BYTES } from '../../../protocol/wire.js';

/** One complete scan framed from HID reports. */
export interface DecodedScan {
  /** What the scanner sent, at most `maxBytes` (in HID-POS mode the AIM id comes first). */
  readonly bytes: Uint8Array;
  /** The scanner sent more than `maxBytes`; the rest was dropped. */
  readonly truncated: boolean;
  /** HID-POS only: the AIM symbology id the report carried, e.g. `]C1`. */
  readonly aim?: string;
}

/** Whole reports dropped: each counts once against the report that caused it. */
export const REPORT_REJECTIONS = ['bad-length', 'foreign-report', 'bad-header', 'rollover-error'] as const;
/** Parts of a scan dropped: a key, or a partial scan. */
export const CONTENT_REJECTIONS = [
  'unmapped-key',
  'unsupported-modifier',
  'empty-scan',
  'damaged',
  'unterminated',
  'incomplete',
] as const;

/** Report rejections that mean the stream is corrupt: a scan in progress is dropped as `damaged`. */
const CORRUPTING: readonly RejectReason[] = ['bad-length', 'bad-header'];

export type ReportRejection = (typeof REPORT_REJECTIONS)[number];
export type RejectReason = ReportRejection | (typeof CONTENT_REJECTIONS)[number];

export interface DecoderStats {
  /** Reports pushed. Every one is either accepted or counted under a report rejection. */
  readonly reports: number;
  readonly accepted: number;
  readonly scans: number;
  readonly truncated: number;
  readonly rejected: Readonly<Record<RejectReason, number>>;
}

export interface ReportDecoderOptions {
  /** Longest scan kept; longer ones are cut and flagged. Default MAX_SCAN_BYTES. */
  readonly maxBytes?: number;
  /**
   * A partial scan older than this when the next report arrives is dropped as `unterminated`
   * (a lost Enter or a lost last report). Default 500 ms; scanners send a scan's reports
   * milliseconds apart. Applies only when reports are pushed with a time.
   */
  readonly idleMs?: number;
  /** Told about every rejection as it is counted (the driver logs them). */
  readonly onReject?: (reason: RejectReason) => void;
}

export const DEFAULT_IDLE_MS = 500;

/** A pure HID report decoder: bytes in, complete scans out; never throws on device input. */
export interface HidReportDecoder {
  /** Decodes one input report (as node-hid delivers it) received at `atMs`. */
  push(report: Uint8Array, atMs?: number): DecodedScan[];
  /** Forgets any partial scan (device gone, driver closing), counting it as `incomplete`. */
  reset(): void;
  /** Bytes held for the scan in progress; never more than `maxBytes`. */
  readonly pendingBytes: number;
  stats(): DecoderStats;
}

/**
 * What both decoders share: the bounded scan buffer, the counters and the idle rule. A
 * subclass decodes one report at a time through `append`, `damage`, `finish` and `abandon`.
 */
export abstract class ReportDecoderBase implements HidReportDecoder {
  readonly #buffer: Uint8Array;
  #length = 0;
  #overflow = false;
  #started = false;
  #damaged = false;
  #lastAt: number | undefined;
  readonly #idleMs: number;
  readonly #onReject: ((reason: RejectReason) => void) | undefined;
  #reports = 0;
  #scans = 0;
  #truncated = 0;
  readonly #rejected = Object.fromEntries(
    [...REPORT_REJECTIONS, ...CONTENT_REJECTIONS].map((reason) => [reason, 0]),
  ) as Record<RejectReason, number>;

  constructor(options: ReportDecoderOptions = {}) {
    this.#buffer = new Uint8Array(Math.max(1, options.maxBytes ?? MAX_SCAN_BYTES));
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#onReject = options.onReject;
  }

  push(report: Uint8Array, atMs?: number): DecodedScan[] {
    this.#reports += 1;
    if (atMs !== undefined) {
      if (this.#started && this.#lastAt !== undefined && atMs - this.#lastAt > this.#idleMs) this.abandon('unterminated');
      this.#lastAt = atMs;
    }
    const scans: DecodedScan[] = [];
    const rejection = this.decode(report, scans);
    if (rejection) {
      this.#count(rejection);
      if (this.#started && CORRUPTING.includes(rejection)) this.#damaged = true;
    }
    return scans;
  }

  reset(): void {
    this.abandon('incomplete');
    this.resetReportState();
  }

  get pendingBytes(): number {
    return this.#length;
  }

  stats(): DecoderStats {
    const reportRejections = REPORT_REJECTIONS.reduce((sum, reason) => sum + this.#rejected[reason], 0);
    return {
      reports: this.#reports,
      accepted: this.#reports - reportRejections,
      scans: this.#scans,
      truncated: this.#truncated,
      rejected: { ...this.#rejected },
    };
  }

  /** Decodes one report, pushing finished scans; returns a reason when the whole report is rejected. */
  protected abstract decode(report: Uint8Array, scans: DecodedScan[]): ReportRejection | undefined;

  /** Clears state a subclass keeps across reports (held keys). */
  protected resetReportState(): void {}

  protected get started(): boolean {
    return this.#started;
  }

  /** Marks a scan as begun even before its first byte (a HID-POS report announcing more). */
  protected begin(): void {
    this.#started = true;
  }

  protected append(bytes: Uint8Array): void {
    this.#started = true;
    const room = this.#buffer.length - this.#length;
    if (bytes.length > room) this.#overflow = true;
    const kept = Math.min(room, bytes.length);
    this.#buffer.set(bytes.subarray(0, kept), this.#length);
    this.#length += kept;
  }

  protected appendByte(byte: number): void {
    this.#started = true;
    if (this.#length === this.#buffer.length) this.#overflow = true;
    else this.#buffer[this.#length++] = byte;
  }

  /** Counts a dropped part of the scan in progress; the scan is then dropped whole as `damaged` when it ends. */
  protected damage(reason: RejectReason): void {
    this.#count(reason);
    this.#started = true;
    this.#damaged = true;
  }

  /** Ends the scan in progress and hands it out, unless it is empty or damaged. */
  protected finish(scans: DecodedScan[], aim?: string): void {
    if (this.#damaged) {
      this.#count('damaged');
    } else if (this.#length === 0) {
      this.#count('empty-scan');
    } else {
      const truncated = this.#overflow;
      scans.push({ bytes: this.#buffer.slice(0, this.#length), truncated, ...(aim === undefined ? {} : { aim }) });
      this.#scans += 1;
      if (truncated) this.#truncated += 1;
    }
    this.#clear();
  }

  /** Drops the scan in progress, if any, under `reason`. */
  protected abandon(reason: RejectReason): void {
    if (this.#started) this.#count(reason);
    this.#clear();
  }

  #count(reason: RejectReason): void {
    this.#rejected[reason] += 1;
    this.#onReject?.(reason);
  }

  #clear(): void {
    this.#length = 0;
    this.#overflow = false;
    this.#started = false;
    this.#damaged = false;
  }
}
