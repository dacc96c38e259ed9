import { PackgateError } from '../../common/errors.js';
import { formatIds, type HidDeviceOpener, type HidDeviceSelector } from '../../station/scanner/hid/device.js';
import { FakeHidDevice, UNPLUG_MESSAGE } from '../hid/scanner.js';
import { encodeHidScaleReport } from './encoders.js';
import { ScaleModel, type ScaleModelOptions } from './model.js';

export interface SimulatedHidScaleOptions extends ScaleModelOptions {
  readonly vendorId?: number;
  readonly productId?: number;
  readonly now?: () => number;
}

/**
 * A USB HID POS scale's firmware: byte-exact Scale Data Reports of what is on its platform,
 * delivered through fake devices its `opener` hands to the real driver (as the HID scanner
 * simulator does). `report()` sends one reading; a real scale sends one whenever it changes.
 */
export class SimulatedHidScale {
  readonly vendorId: number;
  readonly productId: number;
  readonly model: ScaleModel;
  readonly #now: () => number;
  #plugged = true;
  #device: FakeHidDevice | undefined;

  constructor(options: SimulatedHidScaleOptions = {}) {
    this.vendorId = options.vendorId ?? 0x0922;
    this.productId = options.productId ?? 0x8003;
    this.model = new ScaleModel(options);
    this.#now = options.now ?? Date.now;
  }

  /** Pass to `HidScale` as its `opener`. */
  readonly opener: HidDeviceOpener = async (selector: HidDeviceSelector) => {
    if (!this.#plugged || selector.vendorId !== this.vendorId || selector.productId !== this.productId) {
      throw new PackgateError('HID_NOT_FOUND', `no HID device ${formatIds(selector)}`);
    }
    this.#device?.close();
    this.#device = new FakeHidDevice();
    return this.#device;
  };

  place(grams: number): void {
    this.model.place(grams, this.#now());
  }

  /** Sends the reading now; false when no device is open. */
  report(): boolean {
    return this.send(encodeHidScaleReport(this.model.sample(this.#now())));
  }

  /** Sends raw bytes as one report. */
  send(report: Uint8Array): boolean {
    return this.#device?.report(report) ?? false;
  }

  plug(): void {
    this.#plugged = true;
  }

  unplug(): void {
    this.#plugged = false;
    const device = this.#device;
    this.#device = undefined;
    device?.fail(new Error(UNPLUG_MESSAGE));
    device?.close();
  }
}
