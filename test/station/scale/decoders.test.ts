import { describe, expect, it } from 'vitest';
import { decodeHidScaleReport } from '../../../station/scale/formats/hid-pos.js';
import { decodeSics } from '../../../station/scale/formats/mt-sics.js';
import { decodeStGs } from '../../../station/scale/formats/st-gs.js';
import { decodeXk3190Eq, decodeXk3190Stx } from '../../../station/scale/formats/xk3190.js';
import type { Decoded } from '../../../station/scale/reading.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const bytes = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex');

function ok(decoded: Decoded) {
  if (!decoded.ok) throw new Error(`rejected: ${decoded.reason} ${decoded.detail ?? ''}`);
  return decoded.reading;
}
const reason = (decoded: Decoded) => (decoded.ok ? 'accepted' : decoded.reason);

describe('ST,GS lines (A&D data format)', () => {
  it('reads stable, unstable, net, negative and overload lines', () => {
    expect(ok(decodeStGs(ascii('ST,GS,+0001.250kg')))).toEqual({ grams: 1250, value: 1.25, unit: 'kg', stable: true, negative: false, overload: false, zero: false });
    expect(ok(decodeStGs(ascii('US,GS,+0001.248kg')))).toMatchObject({ grams: 1248, stable: false });
    expect(ok(decodeStGs(ascii('ST,NT,-0000.020kg')))).toMatchObject({ grams: -20, negative: true, net: true, stable: true });
    expect(ok(decodeStGs(ascii('ST,GS,+0000.000kg')))).toMatchObject({ grams: 0, zero: true });
    expect(ok(decodeStGs(ascii('ST,+00123.45  g')))).toMatchObject({ grams: 123.5, unit: 'g' });
    expect(ok(decodeStGs(ascii('ST,GS,+  2.750lb')))).toMatchObject({ grams: 1247.4, unit: 'lb' });
    expect(ok(decodeStGs(ascii('ST,GS,+ 44.000oz')))).toMatchObject({ grams: 1247.4, unit: 'oz' });
    expect(ok(decodeStGs(ascii('OL,GS,        kg')))).toMatchObject({ overload: true, stable: false, grams: 0 });
  });

  it('rejects garbled lines, counting and other units, tare lines, impossible weights', () => {
    expect(reason(decodeStGs(ascii('ST,GS,+00x1.250kg')))).toBe('garbled');
    expect(reason(decodeStGs(ascii('XX,GS,+0001.250kg')))).toBe('garbled');
    expect(reason(decodeStGs(Uint8Array.of(0x53, 0x54, 0xff)))).toBe('garbled');
    expect(reason(decodeStGs(ascii('QT,+00012345PC')))).toBe('unit');
    expect(reason(decodeStGs(ascii('ST,GS,+0001.250 t')))).toBe('unit');
    expect(reason(decodeStGs(ascii('ST,TR,+0000.120kg')))).toBe('garbled');
    expect(reason(decodeStGs(ascii('ST,GS,+9999999kg')))).toBe('impossible');
  });
});

describe('MT-SICS S / SI responses', () => {
  it('reads stable and dynamic weights, overload and underload', () => {
    expect(ok(decodeSics(ascii('S S      1.250 kg')))).toMatchObject({ grams: 1250, stable: true, unit: 'kg' });
    expect(ok(decodeSics(ascii('S D      1.248 kg')))).toMatchObject({ grams: 1248, stable: false });
    expect(ok(decodeSics(ascii('S S     -0.020 kg')))).toMatchObject({ grams: -20, negative: true });
    expect(ok(decodeSics(ascii('S S    100.00 g')))).toMatchObject({ grams: 100 });
    expect(ok(decodeSics(ascii('S +')))).toMatchObject({ overload: true, stable: false });
    expect(ok(decodeSics(ascii('S -')))).toMatchObject({ overload: true });
  });

  it('counts not-ready answers and errors, and rejects what is not a weight', () => {
    expect(reason(decodeSics(ascii('S I')))).toBe('not-ready');
    expect(reason(decodeSics(ascii('ES')))).toBe('not-ready');
    expect(reason(decodeSics(ascii('EL')))).toBe('not-ready');
    expect(reason(decodeSics(ascii('S X      1.250 kg')))).toBe('garbled');
    expect(reason(decodeSics(ascii('S S      1.2x0 kg')))).toBe('garbled');
    expect(reason(decodeSics(ascii('S S      1.250 ct')))).toBe('unit');
    expect(reason(decodeSics(ascii('I4 A "B021002593"')))).toBe('garbled');
  });
});

describe('XK3190 STX frames (continuous format tF=0)', () => {
  it('reads a frame with its decimals and checksum, byte for byte', () => {
    const frame = bytes('02 2b 30 30 31 32 35 30 33 31 45 03'); // STX +001250 3 1E ETX
    expect(ok(decodeXk3190Stx(frame))).toEqual({ grams: 1250, value: 1.25, unit: 'kg', stable: undefined, negative: false, overload: false, zero: false });
    expect(ok(decodeXk3190Stx(ascii(`\x02-0000201${xorOf('-0000201')}\x03`)))).toMatchObject({ grams: -2000, negative: true });
  });

  it('rejects a wrong checksum, a cut frame and bad digits', () => {
    expect(reason(decodeXk3190Stx(bytes('02 2b 30 30 31 32 35 30 33 31 46 03')))).toBe('checksum');
    expect(reason(decodeXk3190Stx(bytes('02 2b 30 30 31 32 35 30 33 31 45')))).toBe('garbled');
    expect(reason(decodeXk3190Stx(ascii(`\x02+00x2503${xorOf('+00x2503')}\x03`)))).toBe('garbled');
    expect(reason(decodeXk3190Stx(ascii(`\x02+0012509${xorOf('+0012509')}\x03`)))).toBe('garbled');
  });
});

describe('XK3190 = frames (reversed digits)', () => {
  it('reads the manual examples', () => {
    expect(ok(decodeXk3190Eq(ascii('=000.3000')))).toMatchObject({ grams: 3000, stable: undefined });
    expect(ok(decodeXk3190Eq(ascii('=00.1000-')))).toMatchObject({ grams: -1000, negative: true });
    expect(ok(decodeXk3190Eq(ascii('=052.1000')))).toMatchObject({ grams: 1250, value: 1.25 });
    expect(ok(decodeXk3190Eq(ascii('=0000000' + '0')))).toMatchObject({ grams: 0, zero: true });
  });

  it('rejects bad signs, digits and lengths', () => {
    expect(reason(decodeXk3190Eq(ascii('=052.100+')))).toBe('garbled');
    expect(reason(decodeXk3190Eq(ascii('=05x.1000')))).toBe('garbled');
    expect(reason(decodeXk3190Eq(ascii('=052.100')))).toBe('garbled');
  });
});

describe('HID POS Scale Data Report (usage page 0x8D)', () => {
  it('reads status, unit, exponent and weight', () => {
    expect(ok(decodeHidScaleReport(bytes('03 04 02 00 e2 04')))).toEqual({ grams: 1250, value: 1250, unit: 'g', stable: true, negative: false, overload: false, zero: false });
    expect(ok(decodeHidScaleReport(bytes('03 03 02 00 e0 04')))).toMatchObject({ grams: 1248, stable: false });
    expect(ok(decodeHidScaleReport(bytes('03 04 0b ff b8 01')))).toMatchObject({ value: 44, unit: 'oz', grams: 1247.4 });
    expect(ok(decodeHidScaleReport(bytes('03 04 03 fd e2 04')))).toMatchObject({ grams: 1250, unit: 'kg' });
    expect(ok(decodeHidScaleReport(bytes('03 02 02 00 00 00')))).toMatchObject({ grams: 0, zero: true, stable: true });
    expect(ok(decodeHidScaleReport(bytes('03 05 02 00 14 00')))).toMatchObject({ grams: -20, negative: true });
    expect(ok(decodeHidScaleReport(bytes('03 06 02 00 00 00')))).toMatchObject({ overload: true, stable: false });
    expect(ok(decodeHidScaleReport(bytes('03 04 0c ff 1b 00')))).toMatchObject({ unit: 'lb', grams: 1224.7 });
  });

  it('counts foreign reports, bad lengths, faults and unknown units', () => {
    expect(reason(decodeHidScaleReport(bytes('04 04 02 00 e2 04')))).toBe('foreign-report');
    expect(reason(decodeHidScaleReport(bytes('03 04 02 00 e2')))).toBe('bad-length');
    expect(reason(decodeHidScaleReport(bytes('03 01 02 00 00 00')))).toBe('not-ready');
    expect(reason(decodeHidScaleReport(bytes('03 08 02 00 00 00')))).toBe('not-ready');
    expect(reason(decodeHidScaleReport(bytes('03 04 01 00 e2 04')))).toBe('unit');
    expect(reason(decodeHidScaleReport(bytes('03 09 02 00 e2 04')))).toBe('garbled');
    expect(reason(decodeHidScaleReport(bytes('03 04 03 05 ff ff')))).toBe('impossible');
  });
});

/** The two ASCII hex nibbles of the XOR of `text`, as an XK3190 sends them. */
function xorOf(text: string): string {
  let xor = 0;
  for (const byte of Buffer.from(text, 'latin1')) xor ^= byte;
  return xor.toString(16).toUpperCase().padStart(2, '0');
}
