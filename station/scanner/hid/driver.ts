import { Backoff } from '../../../common/backoff.js';
import { errorMessage } from '../../../common/errors.js';
import { createLogger } from '../../../common/log.js';
import { MAX_SCAN_BYTES } from '../../../protocol/wire.js';
import { ScannerBase } from '../listeners.js';
import type { ScannerSource } from '../source.js';
import { type DecoderStats, type HidReportDecoder, type RejectReason } from './decoder-base.js';
import { type HidDevice, type HidDeviceOpener, type HidDeviceSelector, type HidMode } from './device.js';
import { HidKeeper } from './keeper.js';
import { PosReportDecoder } from './pos-decoder.js';
import { POS_USAGE_PAGE } from './pos-layout.js';
import { WedgeReportDecoder } from './wedge-decoder.js';

const log = createLogger('station.scanner.hid');

export type { HidMode };

const GENERIC_DESKTOP_USAGE_PAGE = 0x01;
/** Rejections that lose a whole scan: the packer must scan again, so they are worth a warning. */
const SCAN_DROPS: readonly RejectReason[] = ['damaged', 'unterminated', 'incomplete'];

export interface HidScannerOptions {
  readonly vendorId: number;
  readonly productId: number;
  /** Default `wedge`, the mode every USB scanner ships in. */
  readonly mode?: HidMode;
  readonly path?: string;
  /** Default 0x8C for `pos`, 0x01 (Generic Desktop, the keyboard) for `wedge`. */
  readonly usagePage?: number;
  /** Default: node-hid, imported on first open. */
  readonly opener?: HidDeviceOpener;
  /** Delays between reopen attempts. */
  readonly backoff?: Backoff;
  /** Report timestamps for the decoder's idle rule; default `Date.now`. */
  readonly now?: () => number;
  /** See `ReportDecoderOptions.idleMs`. */
  readonly idleMs?: number;
}

/** node-hid's opener, imported on first open so stations without HID devices never load it. */
export async function openWithNodeHid(selector: HidDeviceSelector): Promise<HidDevice> {
  const { openNodeHid } = await import('./node-hid-opener.js');
  return openNodeHid(selector);
}

/**
 * A USB HID scanner read through node-hid, in keyboard-wedge or HID-POS mode. Losing the
 * device (unplug, read error) is a `fault` status, not an error: the driver drops the
 * partial scan, reopens with backoff until the device is back (`HidKeeper`), then reports
 * `ok` again. Only a missing HID library (`HID_UNAVAILABLE`) makes `open()` reject.
 */
export class HidScanner extends ScannerBase implements ScannerSource {
  readonly #mode: HidMode;
  readonly #now: () => number;
  readonly #decoder: HidReportDecoder;
  readonly #keeper: HidKeeper;

  constructor(options: HidScannerOptions) {
    super('hid');
    this.#mode = options.mode ?? 'wedge';
    const selector: HidDeviceSelector = {
      vendorId: options.vendorId,
      productId: options.productId,
      ...(options.path === undefined ? {} : { path: options.path }),
      usagePage: options.usagePage ?? (this.#mode === 'pos' ? POS_USAGE_PAGE : GENERIC_DESKTOP_USAGE_PAGE),
    };
    this.#now = options.now ?? Date.now;
    const decoderOptions = {
      // One byte past the limit: the agent flags a scan longer than MAX_SCAN_BYTES as truncated
      // and cuts it, and RawScan has no flag of its own.
      maxBytes: MAX_SCAN_BYTES + 1,
      onReject: (reason: RejectReason) => this.#onReject(reason),
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    };
    this.#decoder = this.#mode === 'pos' ? new PosReportDecoder(decoderOptions) : new WedgeReportDecoder(decoderOptions);
    this.#keeper = new HidKeeper(
      { selector, opener: options.opener ?? openWithNodeHid, label: this.#mode, ...(options.backoff ? { backoff: options.backoff } : {}) },
      {
        log,
        onReport: (report) => this.#onReport(report),
        onRelease: () => this.#decoder.reset(),
        report: (state, detail) => this.setStatus(state, detail),
      },
    );
  }

  /** Opens the device now, or keeps trying in the background while it is absent. */
  open(): Promise<void> {
    return this.#keeper.open();
  }

  async close(): Promise<void> {
    await this.#keeper.close();
    this.setStatus('absent', 'closed');
  }

  /** What the report decoder has counted since the driver was made. */
  decoderStats(): DecoderStats {
    return this.#decoder.stats();
  }

  #onReport(report: Uint8Array): void {
    for (const scan of this.#decoder.push(report, this.#now())) {
      if (scan.bytes.length > MAX_SCAN_BYTES) log.warn({ bytes: MAX_SCAN_BYTES }, 'scan truncated');
      try {
        this.emitScan(scan.bytes);
      } catch (err) {
        // node-hid turns an exception in a data listener into a device error; keep the device.
        log.error({ err: errorMessage(err) }, 'scan listener failed');
      }
    }
  }

  #onReject(reason: RejectReason): void {
    if (SCAN_DROPS.includes(reason)) log.warn({ reason, mode: this.#mode }, 'HID scan dropped');
    else log.debug({ reason, mode: this.#mode }, 'HID report rejected');
  }
}
