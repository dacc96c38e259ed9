import { describe, expect, it } from 'vitest';
import { encodePos } from '../../../firmware-sim/hid/pos-encoder.js';
import { encodeWedge } from '../../../firmware-sim/hid/wedge-encoder.js';
import { PosReportDecoder } from '../../../station/scanner/hid/pos-decoder.js';
import { WedgeReportDecoder } from '../../../station/scanner/hid/wedge-decoder.js';
import { DEMO_SCANS } from '../../../firmware-sim/seed.js';

const hex = (reports: Uint8Array[]): string[] => reports.map((report) => Buffer.from(report).toString('hex'));
const GS = '\x1d';
const BARCODES = [
  ...Object.values(DEMO_SCANS).flat(),
  `]C1010690123456789217271231${GS}10LOT42`,
  'DRESS-2026-RED-M',
  'https://id.gs1.org/01/06901234567892/10/LOT42?17=271231',
  `[)>\x1e06${GS}1PDY-BT-002${GS}Q3\x1e\x04`,
  'A'.repeat(200),
];

describe('encodeWedge', () => {
  it('types each key down then all keys up, then Enter', () => {
    expect(hex(encodeWedge(`A1]${GS}`))).toEqual([
      '0200040000000000', '0000000000000000', // Shift+a
      '00001e0000000000', '0000000000000000', // 1
      '0000300000000000', '0000000000000000', // ]
      '0100300000000000', '0000000000000000', // Left Ctrl+] = GS
      '0000280000000000', '0000000000000000', // Enter
    ]);
  });

  it('overlaps keys in rollover style and releases a repeated key first', () => {
    expect(hex(encodeWedge('ab', { style: 'rollover' }))).toEqual([
      '0000040000000000',
      '0000040500000000',
      '0000050000000000',
      '0000052800000000',
      '0000280000000000',
      '0000000000000000',
    ]);
    expect(hex(encodeWedge('aa', { style: 'rollover', enter: false }))).toEqual([
      '0000040000000000',
      '0000000000000000',
      '0000040000000000',
      '0000000000000000',
    ]);
  });

  it('refuses bytes a US keyboard cannot type', () => {
    expect(() => encodeWedge('café')).toThrow(expect.objectContaining({ code: 'HID_UNENCODABLE' }));
  });

  it('round-trips every barcode through the decoder in both styles', () => {
    for (const style of ['tap', 'rollover'] as const) {
      const decoder = new WedgeReportDecoder();
      const scans = BARCODES.flatMap((code) => encodeWedge(code, { style }).flatMap((report) => decoder.push(report)));
      expect(scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(BARCODES);
      expect(Object.values(decoder.stats().rejected).every((count) => count === 0)).toBe(true);
    }
  });
});

describe('encodePos', () => {
  it('writes the report layout byte for byte', () => {
    const [report, ...rest] = encodePos('4006381333931', { aim: ']E0', vendorSymbology: 0x64 });
    expect(rest).toEqual([]);
    expect(Buffer.from(report!).toString('hex')).toBe(
      '020d5d4530' + Buffer.from('4006381333931').toString('hex') + '00'.repeat(43) + '640000',
    );
  });

  it('splits at 56 data bytes, repeats the AIM id and sets the continuation bit on all but the last', () => {
    const reports = encodePos('Z'.repeat(120), { aim: ']d2' });
    expect(reports.map((report) => [report.length, report[1], report[63]])).toEqual([
      [64, 56, 1],
      [64, 56, 1],
      [64, 8, 0],
    ]);
    expect(reports.every((report) => Buffer.from(report.subarray(2, 5)).toString() === ']d2')).toBe(true);
    expect(hex(encodePos('Z'.repeat(56)))).toHaveLength(1);
    expect(hex(encodePos(''))).toEqual(['02005d4330' + '00'.repeat(59)]);
  });

  it('round-trips every barcode through the decoder, AIM id first', () => {
    const decoder = new PosReportDecoder();
    const scans = BARCODES.flatMap((code) => encodePos(code, { aim: ']C0' }).flatMap((report) => decoder.push(report)));
    expect(scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(BARCODES.map((code) => `]C0${code}`));
    const bare = encodePos('NO-AIM', { aim: null });
    expect(Buffer.from(bare[0]!.subarray(2, 5))).toEqual(Buffer.alloc(3));
    expect(decoder.push(bare[0]!).map((scan) => Buffer.from(scan.bytes).toString())).toEqual(['NO-AIM']);
  });
});
