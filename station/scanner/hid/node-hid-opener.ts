import { PackgateError, errorMessage } from '../../../common/errors.js';
import { createLogger } from '../../../common/log.js';
import { formatIds, type HidDevice, type HidDeviceSelector } from './device.js';

const log = createLogger('station.scanner.hid.node-hid');

type NodeHid = typeof import('node-hid');
type Importer = () => Promise<NodeHid>;

let shared: Promise<NodeHid> | undefined;

/**
 * Loads node-hid and its native binding, which needs libusb-1.0 (`libusb-1.0.so.0`) on Linux
 * (on Windows it uses the system's own HID API).
 * Only the HID driver calls this, so every other path runs where libusb is missing.
 * Rejects with `HID_UNAVAILABLE` naming the library when the binding cannot load.
 */
export function loadNodeHid(importer?: Importer): Promise<NodeHid> {
  if (importer) return load(importer);
  shared ??= load(() => import('node-hid'));
  shared.catch(() => (shared = undefined));
  return shared;
}

async function load(importer: Importer): Promise<NodeHid> {
  try {
    const hid = await importer();
    // node-hid loads its binding lazily; ask for the hidapi version to load it now.
    const version = hid.getHidapiVersion();
    log.debug({ version }, 'node-hid loaded');
    return hid;
  } catch (err) {
    throw new PackgateError('HID_UNAVAILABLE', `cannot load node-hid (${errorMessage(err)}); ${hidHint('load', process.platform)}`, { cause: err });
  }
}

/** What to do when node-hid cannot load, or cannot open a device, on this operating system. */
export function hidHint(failure: 'load' | 'open', platform: NodeJS.Platform): string {
  if (failure === 'load') {
    return platform === 'win32'
      ? "node-hid's Windows build is missing: reinstall packgate (docs/operations.md, A station on Windows)"
      : 'HID scanners need libusb-1.0 (Debian: apt-get install libusb-1.0-0)';
  }
  return platform === 'win32'
    ? 'Windows keeps a scanner in keyboard mode for itself: switch it to HID-POS (docs/hardware.md)'
    : 'see docs/hardware.md for the udev rule';
}

/** The default opener: node-hid's `HIDAsync`, chosen by ids and then path or usage page. */
export async function openNodeHid(selector: HidDeviceSelector): Promise<HidDevice> {
  const hid = await loadNodeHid();
  const ids = formatIds(selector);
  const candidates = await hid.devicesAsync(selector.vendorId, selector.productId);
  const match = candidates.find((info) =>
    selector.path !== undefined
      ? info.path === selector.path
      : selector.usagePage === undefined || !info.usagePage || info.usagePage === selector.usagePage,
  );
  if (!match?.path) {
    throw new PackgateError('HID_NOT_FOUND', `no HID device ${ids}${selector.path ? ` at ${selector.path}` : ''}`);
  }
  try {
    return await hid.HIDAsync.open(match.path);
  } catch (err) {
    throw new PackgateError('HID_OPEN_FAILED', `cannot open HID device ${ids} at ${match.path} (${errorMessage(err)}); ${hidHint('open', process.platform)}`, {
      cause: err,
    });
  }
}
