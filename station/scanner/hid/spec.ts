import { PackgateError } from '../../../common/errors.js';
import type { HidMode } from './device.js';
import { isUsbId } from '../../usb-id.js';

/** A parsed `hid:` scanner spec. */
export interface HidScannerSpec {
  readonly kind: 'hid';
  readonly vendorId: number;
  readonly productId: number;
  readonly mode: HidMode;
}

/** Keyboard wedge is what every USB scanner sends out of the box; `pos` needs the scanner reprogrammed. */
export const DEFAULT_HID_MODE: HidMode = 'wedge';

/** The `hid:` form, for `--scanner` help. */
export const HID_SPEC_SYNTAX = 'hid:VID:PID[:wedge|pos]';

/** What the `hid:` form means, one help line each. */
export const HID_SPEC_DETAILS: readonly string[] = [
  `or ${HID_SPEC_SYNTAX}: a USB HID scanner (setup in docs/hardware.md)`,
  'hid VID:PID: hex USB ids (05e0:1200); wedge: keyboard mode (default); pos: HID-POS',
];

const MODES: readonly HidMode[] = ['wedge', 'pos'];

/** Parses what follows `hid:` in `--scanner`, e.g. `05e0:1200` or `0c2e:0b87:pos`. */
export function parseHidSpec(text: string): HidScannerSpec {
  const [vendorId = '', productId = '', mode = DEFAULT_HID_MODE, ...extra] = text.split(':');
  if (!isUsbId(vendorId) || !isUsbId(productId) || extra.length > 0) {
    throw new PackgateError('BAD_SCANNER_SPEC', `bad HID scanner "${text}": expected ${HID_SPEC_SYNTAX}, 4 hex digits each id`);
  }
  if (!MODES.includes(mode as HidMode)) {
    throw new PackgateError('BAD_SCANNER_SPEC', `bad HID scanner "${text}": mode must be wedge or pos`);
  }
  return { kind: 'hid', vendorId: parseInt(vendorId, 16), productId: parseInt(productId, 16), mode: mode as HidMode };
}
