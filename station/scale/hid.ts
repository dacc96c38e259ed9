import type { Backoff } from '../../common/backoff.js';
import { createLogger } from '../../common/log.js';
import type { HidDeviceOpener } from '../scanner/hid/device.js';
import { openWithNodeHid } from '../scanner/hid/driver.js';
import { HidKeeper } from '../scanner/hid/keeper.js';
import { ScaleBase } from './base.js';
import { SCALE_USAGE_PAGE, decodeHidScaleReport } from './formats/hid-pos.js';
import type { ScaleSource } from './source.js';
import type { StabilityOptions } from './stability.js';

const log = createLogger('station.scale.hid');

export interface HidScaleOptions {
  readonly vendorId: number;
  readonly productId: number;
  /** Default: node-hid, imported on first open. */
  readonly opener?: HidDeviceOpener;
  readonly backoff?: Backoff;
  readonly stability?: StabilityOptions;
  readonly now?: () => number;
}

/**
 * A USB HID POS scale (usage page 0x8D) read through node-hid: each Scale Data Report is one
 * reading. The device is kept like a HID scanner's (`HidKeeper`): an unplug is a `fault`, and
 * it is reopened with backoff.
 */
export class HidScale extends ScaleBase implements ScaleSource {
  readonly #keeper: HidKeeper;

  constructor(options: HidScaleOptions) {
    super('hid', options.stability, options.now);
    this.#keeper = new HidKeeper(
      {
        selector: { vendorId: options.vendorId, productId: options.productId, usagePage: SCALE_USAGE_PAGE },
        opener: options.opener ?? openWithNodeHid,
        label: 'scale',
        ...(options.backoff ? { backoff: options.backoff } : {}),
      },
      {
        log,
        onReport: (report) => this.take(decodeHidScaleReport(report)),
        onRelease: () => this.forget(),
        report: (state, detail) => this.report(state, detail),
      },
    );
  }

  open(): Promise<void> {
    return this.#keeper.open();
  }

  async close(): Promise<void> {
    await this.#keeper.close();
    this.report('absent', 'closed');
  }
}
