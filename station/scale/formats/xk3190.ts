import { rejected, reading, type Decoded, type ScaleUnit } from '../reading.js';
import { asciiText, parseDecimal } from './ascii.js';

export const STX = 0x02;
export const ETX = 0x03;
/** `=` frames: `=`, the displayed weight's 7 characters (decimal point included) last digit first, then `0` or `-`. */
export const EQ_FRAME_BYTES = 9;
/** STX frames: STX, sign, 6 digits, decimals, XOR high and low nibble in ASCII hex, ETX. */
export const STX_FRAME_BYTES = 12;

/** Neither XK3190 frame names a unit; the indicator's is set on it, kg unless the spec says. */
export const XK3190_DEFAULT_UNIT: ScaleUnit = 'kg';

/** The XOR of bytes 2 to 9 as the indicator sends it: two upper-case ASCII hex nibbles. */
export function xk3190Checksum(body: Uint8Array): string {
  let xor = 0;
  for (const byte of body) xor ^= byte;
  return xor.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * XK3190 continuous format `tF=0` (XK3190-A9/A9+/A12/A23 manuals): 12 bytes, e.g. 1.250 kg is
 * STX `+001250` `3` `1E` ETX. No stable flag: N equal readings decide.
 */
export function decodeXk3190Stx(frame: Uint8Array, unit: ScaleUnit = XK3190_DEFAULT_UNIT): Decoded {
  if (frame.length !== STX_FRAME_BYTES || frame[0] !== STX || frame[11] !== ETX) return rejected('garbled', 'not STX … ETX of 12 bytes');
  const body = frame.subarray(1, 9);
  const text = asciiText(body);
  const check = asciiText(frame.subarray(9, 11));
  if (text === undefined || check === undefined) return rejected('garbled', 'not ASCII');
  if (check !== xk3190Checksum(body)) return rejected('checksum', `${check} for ${text}`);
  const sign = text[0];
  const digits = text.slice(1, 7);
  const decimals = Number(text[7]);
  if ((sign !== '+' && sign !== '-') || !/^\d{6}$/.test(digits) || !(decimals >= 0 && decimals <= 4)) return rejected('garbled', text);
  const value = Number(digits) / 10 ** decimals;
  return reading({ value: sign === '-' ? -value : value, unit, stable: undefined });
}

/**
 * XK3190 `=` frames (continuous format 1 or 2, "reversed"): 1.250 kg is `=052.1000`, and
 * -1.00 is `=00.1000-`. They follow each other with no terminator. No stable flag.
 */
export function decodeXk3190Eq(frame: Uint8Array, unit: ScaleUnit = XK3190_DEFAULT_UNIT): Decoded {
  const text = asciiText(frame);
  if (text === undefined || text.length !== EQ_FRAME_BYTES || text[0] !== '=') return rejected('garbled', 'not = and 8 characters');
  const sign = text[8];
  const shown = [...text.slice(1, 8)].reverse().join('');
  const value = parseDecimal(shown);
  if ((sign !== '0' && sign !== '-') || Number.isNaN(value)) return rejected('garbled', text);
  return reading({ value: sign === '-' ? -value : value, unit, stable: undefined });
}
