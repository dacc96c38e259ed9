import type { Decoded } from '../reading.js';
import type { Framing } from './framing.js';
import { SICS_POLL, decodeSics } from './mt-sics.js';
import { decodeStGs } from './st-gs.js';
import { EQ_FRAME_BYTES, STX, STX_FRAME_BYTES, decodeXk3190Eq, decodeXk3190Stx } from './xk3190.js';

/** The serial formats `--scale serial:PATH[@BAUD][:FORMAT]` takes. */
export const SERIAL_SCALE_FORMATS = ['st-gs', 'xk3190', 'xk3190-eq', 'sics'] as const;
export type SerialScaleFormatName = (typeof SERIAL_SCALE_FORMATS)[number];
export const DEFAULT_SERIAL_SCALE_FORMAT: SerialScaleFormatName = 'st-gs';

/** How a serial scale talks: its framing, its decoder and, in command mode, the poll it answers. */
export interface SerialScaleFormat {
  readonly name: SerialScaleFormatName;
  readonly framing: Framing;
  decode(frame: Uint8Array): Decoded;
  /** Command mode: sent every poll interval; the scale answers each with one frame. */
  readonly poll?: Uint8Array;
}

export const SERIAL_SCALE_FORMAT: Readonly<Record<SerialScaleFormatName, SerialScaleFormat>> = {
  'st-gs': { name: 'st-gs', framing: { kind: 'line' }, decode: decodeStGs },
  xk3190: { name: 'xk3190', framing: { kind: 'fixed', start: STX, length: STX_FRAME_BYTES }, decode: (frame) => decodeXk3190Stx(frame) },
  'xk3190-eq': { name: 'xk3190-eq', framing: { kind: 'fixed', start: 0x3d, length: EQ_FRAME_BYTES }, decode: (frame) => decodeXk3190Eq(frame) },
  sics: { name: 'sics', framing: { kind: 'line' }, decode: decodeSics, poll: SICS_POLL },
};
