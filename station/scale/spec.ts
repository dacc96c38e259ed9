import { PackgateError } from '../../common/errors.js';
import { DEFAULT_BAUD_RATE, STANDARD_BAUD_RATES, describeTarget, parseSerialTarget, type SerialTarget } from '../serial-target.js';
import { DEFAULT_SERIAL_SCALE_FORMAT, SERIAL_SCALE_FORMATS, type SerialScaleFormatName } from './formats/index.js';
import type { ScaleSource } from './source.js';
import { isUsbId } from '../usb-id.js';

/** Scale specs `--scale` accepts. */
export type ScaleSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'sim' }
  | { readonly kind: 'serial'; readonly target: SerialTarget; readonly baudRate: number; readonly format: SerialScaleFormatName }
  | { readonly kind: 'hid'; readonly vendorId: number; readonly productId: number };

export const DEFAULT_SCALE_SPEC = 'none';

/** Continuation lines line up under the option text of `packgate station --help`. */
const HELP_INDENT = `\n${' '.repeat(29)}`;

/** `--scale` in `packgate station --help`. */
export const SCALE_SPEC_HELP = [
  'none | sim | serial:TARGET[@BAUD][:FORMAT] | hid:VID:PID',
  `the bench scale (default ${DEFAULT_SCALE_SPEC}); setup in docs/hardware.md#scales`,
  `FORMAT: ${SERIAL_SCALE_FORMATS.join(' | ')} (default ${DEFAULT_SERIAL_SCALE_FORMAT}):`,
  '  st-gs: ST,GS,+0001.250kg lines; xk3190: STX frames;',
  '  xk3190-eq: =052.1000 reversed frames; sics: MT-SICS SI polls',
  'hid VID:PID: a USB HID POS scale (usage page 0x8D)',
  '',
].join(HELP_INDENT);


function bad(text: string, why: string): PackgateError {
  return new PackgateError('BAD_SCALE_SPEC', `bad scale "${text.slice(0, 80)}": ${why}`);
}

/** Parses `--scale`: `none`, `sim`, `serial:/dev/ttyUSB0@9600:xk3190`, `serial:usb:0403:6001:sics`, `hid:0922:8003`. */
export function parseScaleSpec(text: string): ScaleSpec {
  if (text === 'none' || text === 'sim') return { kind: text };
  if (text.startsWith('hid:')) {
    const [vendorId = '', productId = '', ...extra] = text.slice('hid:'.length).split(':');
    if (!isUsbId(vendorId) || !isUsbId(productId) || extra.length > 0) throw bad(text, 'expected hid:VID:PID, 4 hex digits each id');
    return { kind: 'hid', vendorId: parseInt(vendorId, 16), productId: parseInt(productId, 16) };
  }
  if (!text.startsWith('serial:')) throw bad(text, 'expected none, sim, serial:TARGET[@BAUD][:FORMAT] or hid:VID:PID');
  let rest = text.slice('serial:'.length);
  let format = DEFAULT_SERIAL_SCALE_FORMAT;
  const colon = rest.lastIndexOf(':');
  // usb:VID:PID has colons of its own; a path's last colon names the format.
  const usbColons = rest.startsWith('usb:') ? 2 : 0;
  if (colon !== -1 && rest.split(':').length - 1 > usbColons) {
    const named = rest.slice(colon + 1);
    if (!(SERIAL_SCALE_FORMATS as readonly string[]).includes(named)) throw bad(text, `format must be one of ${SERIAL_SCALE_FORMATS.join(', ')}`);
    format = named as SerialScaleFormatName;
    rest = rest.slice(0, colon);
  }
  const at = rest.lastIndexOf('@');
  let baudRate = DEFAULT_BAUD_RATE;
  if (at !== -1) {
    baudRate = Number(rest.slice(at + 1));
    if (!STANDARD_BAUD_RATES.includes(baudRate)) throw bad(text, `baud must be one of ${STANDARD_BAUD_RATES.join(', ')}`);
    rest = rest.slice(0, at);
  }
  return { kind: 'serial', target: parseSerialTarget(rest, (why) => bad(text, why)), baudRate, format };
}

/** The spec as a person reads it, for the start line and the status. */
export function describeScaleSpec(spec: ScaleSpec): string {
  switch (spec.kind) {
    case 'none':
    case 'sim':
      return spec.kind;
    case 'hid':
      return `hid:${spec.vendorId.toString(16).padStart(4, '0')}:${spec.productId.toString(16).padStart(4, '0')}`;
    case 'serial':
      return `serial:${describeTarget(spec.target)}@${spec.baudRate}:${spec.format}`;
  }
}

/** A scale spec this module drives: a device or none, never `sim` (the command line owns the simulator). */
export type DeviceScaleSpec = Exclude<ScaleSpec, { readonly kind: 'sim' }>;

/**
 * The driver for a spec, or undefined for `none`. Drivers with native dependencies are
 * imported only when asked for. A device that is not there is the driver's `absent` status,
 * never a simulated scale in its place: `sim` is started by the command line (cli/devices.ts).
 */
export async function createScale(spec: DeviceScaleSpec): Promise<ScaleSource | undefined> {
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'serial': {
      const { SerialScale } = await import('./serial.js');
      return new SerialScale({ target: spec.target, baudRate: spec.baudRate, format: spec.format });
    }
    case 'hid': {
      const { HidScale } = await import('./hid.js');
      return new HidScale({ vendorId: spec.vendorId, productId: spec.productId });
    }
  }
}
