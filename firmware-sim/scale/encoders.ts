import { SCALE_DATA_REPORT_ID, SCALE_STATUS } from '../../station/scale/formats/hid-pos.js';
import type { SerialScaleFormatName } from '../../station/scale/formats/index.js';
import { ETX, STX, xk3190Checksum } from '../../station/scale/formats/xk3190.js';
import type { ScaleShows } from './model.js';

const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/** `ST,GS,+0001.250kg` CR LF; overload `OL,GS,` with the figures blank. */
export function encodeStGs(shows: ScaleShows): Uint8Array {
  if (shows.overload) return latin1('OL,GS,         kg\r\n');
  const sign = shows.grams < 0 ? '-' : '+';
  return latin1(`${shows.stable ? 'ST' : 'US'},GS,${sign}${(Math.abs(shows.grams) / 1000).toFixed(3).padStart(8, '0')}kg\r\n`);
}

/** STX, sign, 6 digits of grams, `3` decimals (kg), XOR, ETX. An overloaded XK3190 shows OFL and sends no frame. */
export function encodeXk3190Stx(shows: ScaleShows): Uint8Array {
  if (shows.overload) return new Uint8Array(0);
  const body = `${shows.grams < 0 ? '-' : '+'}${String(Math.round(Math.abs(shows.grams))).padStart(6, '0')}3`;
  return Uint8Array.from([STX, ...latin1(body), ...latin1(xk3190Checksum(latin1(body))), ETX]);
}

/** `=`, the kg figure with its point last digit first, then `0` or `-`. */
export function encodeXk3190Eq(shows: ScaleShows): Uint8Array {
  if (shows.overload) return new Uint8Array(0);
  const shown = (Math.abs(shows.grams) / 1000).toFixed(3).padStart(7, '0');
  return latin1(`=${[...shown].reverse().join('')}${shows.grams < 0 ? '-' : '0'}`);
}

/** MT-SICS answer to `SI` (or to `S`, which waits for stability: `S I` when there is none). */
export function encodeSics(shows: ScaleShows, command: 'S' | 'SI'): Uint8Array {
  if (shows.overload) return latin1('S +\r\n');
  if (command === 'S' && !shows.stable) return latin1('S I\r\n');
  return latin1(`S ${shows.stable ? 'S' : 'D'} ${(shows.grams / 1000).toFixed(3).padStart(10)} kg\r\n`);
}

/** One frame of a continuous format. */
export function encodeContinuous(format: Exclude<SerialScaleFormatName, 'sics'>, shows: ScaleShows): Uint8Array {
  switch (format) {
    case 'st-gs':
      return encodeStGs(shows);
    case 'xk3190':
      return encodeXk3190Stx(shows);
    case 'xk3190-eq':
      return encodeXk3190Eq(shows);
  }
}

/** A HID POS Scale Data Report in grams: `03 status 02 00 LSB MSB`. */
export function encodeHidScaleReport(shows: ScaleShows): Uint8Array {
  const grams = Math.min(0xffff, Math.round(Math.abs(shows.grams)));
  const status = shows.overload
    ? SCALE_STATUS.overWeight
    : shows.grams < 0
      ? SCALE_STATUS.underZero
      : !shows.stable
        ? SCALE_STATUS.inMotion
        : grams === 0
          ? SCALE_STATUS.stableAtZero
          : SCALE_STATUS.stable;
  return Uint8Array.of(SCALE_DATA_REPORT_ID, status, 2, 0, grams & 0xff, grams >> 8);
}
