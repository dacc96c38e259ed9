import { isUsbId } from './usb-id.js';

/** The serial line's speed when a spec names none, and the speeds a spec may name (scanners and scales). */
export const DEFAULT_BAUD_RATE = 9600;
export const STANDARD_BAUD_RATES: readonly number[] = [
  1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600,
];

/** Where a serial device (scanner or scale) is: a device path or Windows port name (`COM3`), or the first port whose USB ids match (via `SerialPort.list()`). */
export type SerialTarget = { readonly path: string } | { readonly vendorId: string; readonly productId: string };


/** A device path, or `usb:VID:PID`; `fail` makes the error for what cannot be read (the serial scale has its own code). */
export function parseSerialTarget(raw: string, fail: (why: string) => Error): SerialTarget {
  if (raw.length === 0) throw fail('no device path or usb:VID:PID');
  if (!raw.startsWith('usb:')) return { path: raw };
  const [vendorId, productId, ...extra] = raw.slice('usb:'.length).split(':');
  if (vendorId === undefined || productId === undefined || extra.length > 0 || !isUsbId(vendorId) || !isUsbId(productId)) {
    throw fail('usb target must be usb:VID:PID with 4 hex digits each, e.g. usb:05e0:1200');
  }
  return { vendorId: vendorId.toLowerCase(), productId: productId.toLowerCase() };
}

/** The target as a person reads it: the path, or `usb:VID:PID`. */
export function describeTarget(target: SerialTarget): string {
  return 'path' in target ? target.path : `usb:${target.vendorId}:${target.productId}`;
}
