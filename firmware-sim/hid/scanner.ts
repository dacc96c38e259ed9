import { EventEmitter } from 'node:events';
import { PackgateError } from '../../common/errors.js';
import {
  formatIds,
  type HidDevice,
  type HidDeviceOpener,
  type HidDeviceSelector,
  type HidMode,
} from '../../station/scanner/hid/device.js';
import { applyFaults, type ReportFault } from './faults.js';
import { encodePos, type PosEncodeOptions } from './pos-encoder.js';
import { encodeWedge, type WedgeEncodeOptions } from './wedge-encoder.js';

/** node-hid's message when a read fails because the device went away. */
export const UNPLUG_MESSAGE = 'could not read from HID device';

/** An open device with node-hid's surface: `data` and `error` events, `close()`. */
export class FakeHidDevice extends EventEmitter implements HidDevice {
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** Delivers one input report, as node-hid would (a Buffer), unless closed. */
  report(bytes: Uint8Array): boolean {
    if (this.#closed) return false;
    this.emit('data', Buffer.from(bytes));
    return true;
  }

  /** A failed read, as node-hid reports it. */
  fail(err: Error): void {
    if (!this.#closed) this.emit('error', err);
  }

  close(): void {
    this.#closed = true;
    this.removeAllListeners();
  }
}

export interface SimulatedHidScannerOptions {
  readonly mode: HidMode;
  readonly vendorId?: number;
  readonly productId?: number;
  /** Starts unplugged when false (default true). */
  readonly plugged?: boolean;
  readonly wedge?: WedgeEncodeOptions;
  readonly pos?: PosEncodeOptions;
}

export interface SimulatedScanOptions {
  readonly faults?: readonly ReportFault[];
  /** Send only this many reports of the scan, then pull the plug. */
  readonly unplugAfter?: number;
  /** Wedge mode: leave out the Enter (a scanner with no suffix, or a lost Enter). */
  readonly enter?: boolean;
}

/**
 * A USB HID scanner's firmware: byte-exact keyboard-wedge or HID-POS report streams for the
 * barcodes it is told to scan, with faults, delivered through devices its `opener` hands to
 * the real driver. Plugging and unplugging decide whether the opener finds it.
 */
export class SimulatedHidScanner {
  readonly vendorId: number;
  readonly productId: number;
  #plugged: boolean;
  #device: FakeHidDevice | undefined;
  #opens = 0;

  constructor(private readonly options: SimulatedHidScannerOptions) {
    this.vendorId = options.vendorId ?? 0x05e0;
    this.productId = options.productId ?? 0x1200;
    this.#plugged = options.plugged ?? true;
  }

  /** Pass to `HidScanner` as its `opener`. */
  readonly opener: HidDeviceOpener = async (selector: HidDeviceSelector) => {
    if (!this.#plugged || selector.vendorId !== this.vendorId || selector.productId !== this.productId) {
      throw new PackgateError('HID_NOT_FOUND', `no HID device ${formatIds(selector)}`);
    }
    this.#device?.close();
    this.#device = new FakeHidDevice();
    this.#opens += 1;
    return this.#device;
  };

  /** How many times the opener has handed out a device. */
  get opens(): number {
    return this.#opens;
  }

  get plugged(): boolean {
    return this.#plugged;
  }

  plug(): void {
    this.#plugged = true;
  }

  /** Pulls the plug: the open device's pending read fails and the opener finds nothing. */
  unplug(): void {
    this.#plugged = false;
    const device = this.#device;
    this.#device = undefined;
    device?.fail(new Error(UNPLUG_MESSAGE));
    device?.close();
  }

  /** The reports one scan of `data` produces, faults applied. */
  reports(data: string | Uint8Array, options: SimulatedScanOptions = {}): Uint8Array[] {
    const clean =
      this.options.mode === 'pos'
        ? encodePos(data, this.options.pos)
        : encodeWedge(data, { ...this.options.wedge, ...(options.enter === undefined ? {} : { enter: options.enter }) });
    return applyFaults(clean, options.faults ?? []);
  }

  /** Scans `data`: sends its reports to the open device. Returns how many were delivered. */
  scan(data: string | Uint8Array, options: SimulatedScanOptions = {}): number {
    const reports = this.reports(data, options);
    const sent = this.send(options.unplugAfter === undefined ? reports : reports.slice(0, options.unplugAfter));
    if (options.unplugAfter !== undefined) this.unplug();
    return sent;
  }

  /** Sends raw reports; those sent while no device is open are lost, as on a real bus. */
  send(reports: readonly Uint8Array[]): number {
    let sent = 0;
    for (const report of reports) if (this.#device?.report(report)) sent += 1;
    return sent;
  }
}
