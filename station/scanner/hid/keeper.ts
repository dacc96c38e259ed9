import { Backoff } from '../../../common/backoff.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import type { Logger } from '../../../common/log.js';
import type { DeviceStatus } from '../../../protocol/schemas.js';
import { formatIds, type HidDevice, type HidDeviceOpener, type HidDeviceSelector } from './device.js';

const MAX_DETAIL = 200;

export interface HidKeeperOptions {
  readonly selector: HidDeviceSelector;
  readonly opener: HidDeviceOpener;
  /** Delays between reopen attempts. */
  readonly backoff?: Backoff;
  /** What the `ok` status says after the ids, e.g. the scanner's mode. */
  readonly label: string;
}

/** What a driver does with its HID device: take each report, let go, say its state. */
export interface HidKeeperHooks {
  onReport(report: Uint8Array): void;
  /** The device was let go (lost, or closing): drop what belonged to it. */
  onRelease(): void;
  report(state: DeviceStatus['state'], detail: string): void;
  readonly log: Logger;
}

/**
 * A HID device kept open: opened through the opener, reopened with backoff after it goes
 * away, until `close()`. Losing it is a `fault` status, never an error; only a missing HID
 * library (`HID_UNAVAILABLE`) makes `open()` reject. Shared by the HID scanner and scale.
 */
export class HidKeeper {
  readonly #backoff: Backoff;
  #device: HidDevice | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = true;
  #state: DeviceStatus['state'] = 'absent';
  #detail: string | undefined;
  /** Bumped whenever a device is let go, so late events from it are ignored. */
  #generation = 0;

  constructor(
    private readonly options: HidKeeperOptions,
    private readonly hooks: HidKeeperHooks,
  ) {
    this.#backoff = options.backoff ?? new Backoff(500, 10_000);
  }

  /** Opens the device now, or keeps trying in the background while it is absent. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#connect();
  }

  /** Lets go of the device and stops retrying; the driver says `closed` itself. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#release();
    this.#state = 'absent';
    this.#detail = 'closed';
  }

  async #connect(): Promise<void> {
    const ids = formatIds(this.options.selector);
    let device: HidDevice;
    try {
      device = await this.options.opener(this.options.selector);
    } catch (err) {
      if (err instanceof PackgateError && err.code === 'HID_UNAVAILABLE') {
        this.#report('fault', err.message);
        throw err;
      }
      if (this.#closed) return;
      this.#report(this.#state === 'fault' ? 'fault' : 'absent', `${ids}: ${errorMessage(err)}; retrying`);
      this.#scheduleReconnect();
      return;
    }
    if (this.#closed) {
      await this.#closeQuietly(device);
      return;
    }
    const generation = ++this.#generation;
    device.on('data', (report) => {
      if (generation !== this.#generation) return;
      try {
        this.hooks.onReport(report);
      } catch (err) {
        // node-hid turns an exception in a data listener into a device error; keep the device.
        this.hooks.log.error({ err: errorMessage(err) }, 'report handler failed');
      }
    });
    device.on('error', (err) => {
      if (generation === this.#generation) this.#onDeviceError(err);
    });
    this.#device = device;
    this.#backoff.reset();
    this.#report('ok', `${ids} ${this.options.label}`);
    this.hooks.log.info({ device: ids, label: this.options.label }, 'HID device open');
  }

  #onDeviceError(err: unknown): void {
    const ids = formatIds(this.options.selector);
    this.hooks.log.warn({ device: ids, err: errorMessage(err) }, 'HID device lost');
    void this.#release();
    this.#report('fault', `${ids}: ${errorMessage(err)}; reopening`);
    this.#scheduleReconnect();
  }

  async #release(): Promise<void> {
    this.#generation += 1;
    const device = this.#device;
    this.#device = undefined;
    this.hooks.onRelease();
    if (device) await this.#closeQuietly(device);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#closed) return;
      this.#connect().catch((err: unknown) => this.hooks.log.error({ err: errorMessage(err) }, 'HID device gave up'));
    }, this.#backoff.next());
  }

  /** Tells the driver of a state only when it changes, so retries do not flood the hub. */
  #report(state: DeviceStatus['state'], text: string): void {
    const detail = text.slice(0, MAX_DETAIL);
    if (this.#state === state && this.#detail === detail) return;
    this.#state = state;
    this.#detail = detail;
    this.hooks.report(state, detail);
  }

  async #closeQuietly(device: HidDevice): Promise<void> {
    try {
      await device.close();
    } catch (err) {
      this.hooks.log.debug({ err: errorMessage(err) }, 'closing HID device failed');
    }
  }
}
