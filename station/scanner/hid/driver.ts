import { Backoff } from '../../../common/backoff.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import { createLogger } from '../../../common/log.js';
import type { DeviceStatus } from '../../../protocol/schemas.js';
import { MAX_SCAN_BYTES } from '../../../protocol/wire.js';
import { ScannerBase } from '../listeners.js';
import type { ScannerSource } from '../source.js';
import { type DecoderStats, type HidReportDecoder, type RejectReason } from './decoder-base.js';
import { formatIds, type HidDevice, type HidDeviceOpener, type HidDeviceSelector, type HidMode } from './device.js';
import { PosReportDecoder } from './pos-decoder.js';
import { POS_USAGE_PAGE } from './pos-layout.js';
import { WedgeReportDecoder } from './wedge-decoder.js';

const log = createLogger('station.scanner.hid');

export type { HidMode };

const GENERIC_DESKTOP_USAGE_PAGE = 0x01;
/** Rejections that lose a whole scan: the packer must scan again, so they are worth a warning. */
const SCAN_DROPS: readonly RejectReason[] = ['damaged', 'unterminated', 'incomplete'];
const MAX_DETAIL = 200;

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

async function openWithNodeHid(selector: HidDeviceSelector): Promise<HidDevice> {
  const { openNodeHid } = await import('./node-hid-opener.js');
  return openNodeHid(selector);
}

/**
 * A USB HID scanner read through node-hid, in keyboard-wedge or HID-POS mode. Losing the
 * device (unplug, read error) is a `fault` status, not an error: the driver drops the
 * partial scan, reopens with backoff until the device is back, then reports `ok` again.
 * Only a missing HID library (`HID_UNAVAILABLE`) makes `open()` reject.
 */
export class HidScanner extends ScannerBase implements ScannerSource {
  readonly #selector: HidDeviceSelector;
  readonly #mode: HidMode;
  readonly #opener: HidDeviceOpener;
  readonly #backoff: Backoff;
  readonly #now: () => number;
  readonly #decoder: HidReportDecoder;
  #device: HidDevice | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = true;
  /** Bumped whenever a device is let go, so late events from it are ignored. */
  #generation = 0;

  constructor(options: HidScannerOptions) {
    super('hid');
    this.#mode = options.mode ?? 'wedge';
    this.#selector = {
      vendorId: options.vendorId,
      productId: options.productId,
      ...(options.path === undefined ? {} : { path: options.path }),
      usagePage: options.usagePage ?? (this.#mode === 'pos' ? POS_USAGE_PAGE : GENERIC_DESKTOP_USAGE_PAGE),
    };
    this.#opener = options.opener ?? openWithNodeHid;
    this.#backoff = options.backoff ?? new Backoff(500, 10_000);
    this.#now = options.now ?? Date.now;
    const decoderOptions = {
      // One byte past the limit: the agent flags a scan longer than MAX_SCAN_BYTES as truncated
      // and cuts it, and RawScan has no flag of its own.
      maxBytes: MAX_SCAN_BYTES + 1,
      onReject: (reason: RejectReason) => this.#onReject(reason),
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    };
    this.#decoder = this.#mode === 'pos' ? new PosReportDecoder(decoderOptions) : new WedgeReportDecoder(decoderOptions);
  }

  /** Opens the device now, or keeps trying in the background while it is absent. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#release();
    this.setStatus('absent', 'closed');
  }

  /** What the report decoder has counted since the driver was made. */
  decoderStats(): DecoderStats {
    return this.#decoder.stats();
  }

  async #connect(): Promise<void> {
    let device: HidDevice;
    try {
      device = await this.#opener(this.#selector);
    } catch (err) {
      if (err instanceof PackgateError && err.code === 'HID_UNAVAILABLE') {
        this.#report('fault', err.message);
        throw err;
      }
      if (this.#closed) return;
      const state = this.status().state === 'fault' ? 'fault' : 'absent';
      this.#report(state, `${formatIds(this.#selector)}: ${errorMessage(err)}; retrying`);
      this.#scheduleReconnect();
      return;
    }
    if (this.#closed) {
      await closeQuietly(device);
      return;
    }
    const generation = ++this.#generation;
    device.on('data', (report) => {
      if (generation === this.#generation) this.#onReport(report);
    });
    device.on('error', (err) => {
      if (generation === this.#generation) this.#onDeviceError(err);
    });
    this.#device = device;
    this.#backoff.reset();
    this.#report('ok', `${formatIds(this.#selector)} ${this.#mode}`);
    log.info({ device: formatIds(this.#selector), mode: this.#mode }, 'HID scanner open');
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

  #onDeviceError(err: unknown): void {
    log.warn({ device: formatIds(this.#selector), err: errorMessage(err) }, 'HID device lost');
    void this.#release();
    this.#report('fault', `${formatIds(this.#selector)}: ${errorMessage(err)}; reopening`);
    this.#scheduleReconnect();
  }

  #onReject(reason: RejectReason): void {
    if (SCAN_DROPS.includes(reason)) log.warn({ reason, mode: this.#mode }, 'HID scan dropped');
    else log.debug({ reason, mode: this.#mode }, 'HID report rejected');
  }

  /** Lets go of the device and any partial scan. */
  async #release(): Promise<void> {
    this.#generation += 1;
    const device = this.#device;
    this.#device = undefined;
    this.#decoder.reset();
    if (device) await closeQuietly(device);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#closed) return;
      this.#connect().catch((err: unknown) => log.error({ err: errorMessage(err) }, 'HID scanner gave up'));
    }, this.#backoff.next());
  }

  /** Sets the status only when it changes, so retries do not flood the hub. */
  #report(state: DeviceStatus['state'], text: string): void {
    const detail = text.slice(0, MAX_DETAIL);
    const current = this.status();
    if (current.state !== state || current.detail !== detail) this.setStatus(state, detail);
  }
}

async function closeQuietly(device: HidDevice): Promise<void> {
  try {
    await device.close();
  } catch (err) {
    log.debug({ err: errorMessage(err) }, 'closing HID device failed');
  }
}
