/** `wedge`: keyboard boot reports, one scan per Enter. `pos`: HID-POS scanned-data reports. */
export type HidMode = 'wedge' | 'pos';

/**
 * The part of node-hid's device surface the driver uses (`HID`/`HIDAsync` from node-hid 3),
 * so tests and the simulator can stand in for a device.
 */
export interface HidDevice {
  /** One input report per event, report id first when the device numbers its reports. */
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  /** A read failed; on an unplug node-hid reports "could not read from HID device". */
  on(event: 'error', listener: (err: unknown) => void): unknown;
  close(): void | Promise<void>;
}

/** Which device to open: vendor and product id, optionally one interface by path or usage page. */
export interface HidDeviceSelector {
  readonly vendorId: number;
  readonly productId: number;
  /** A node-hid device path (e.g. `/dev/hidraw3`); wins over `usagePage`. */
  readonly path?: string;
  /** Open the interface with this usage page when the device lists one (0x8C for HID-POS). */
  readonly usagePage?: number;
}

/**
 * Opens a device or rejects: `HID_UNAVAILABLE` when the HID library cannot load (final),
 * anything else (not plugged in, no permission) is worth another try later.
 */
export type HidDeviceOpener = (selector: HidDeviceSelector) => Promise<HidDevice>;

/** `05e0:1200`, the way lsusb and udev write ids. */
export function formatIds(selector: Pick<HidDeviceSelector, 'vendorId' | 'productId'>): string {
  const hex = (id: number): string => id.toString(16).padStart(4, '0');
  return `${hex(selector.vendorId)}:${hex(selector.productId)}`;
}
