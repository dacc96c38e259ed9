import { PackgateError } from '../common/errors.js';
import { describeTarget, type SerialTarget } from './serial-target.js';

/** What `SerialPort.list()` says of a port, as far as locating one needs. */
export interface PortListing {
  readonly path: string;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/**
 * The device path for a target: a path as given, or the first port (by path order) whose
 * USB vendor and product ids match. Throws `SERIAL_PORT_NOT_FOUND` when none does.
 */
export async function locatePort(target: SerialTarget, list: () => Promise<readonly PortListing[]>): Promise<string> {
  if ('path' in target) return target.path;
  const ports = await list();
  const matches = ports
    .filter((port) => port.vendorId?.toLowerCase() === target.vendorId && port.productId?.toLowerCase() === target.productId)
    .map((port) => port.path)
    .sort();
  const path = matches[0];
  if (path === undefined) {
    throw new PackgateError('SERIAL_PORT_NOT_FOUND', `no serial port with USB id ${describeTarget(target).slice('usb:'.length)}`);
  }
  return path;
}
