import { describe, expect, it } from 'vitest';
import type { DecodedScan } from '../../../../station/scanner/hid/decoder-base.js';
import { WedgeReportDecoder } from '../../../../station/scanner/hid/wedge-decoder.js';

/** A boot report: modifier, reserved 0, then up to six key usages. */
function r(modifier: number, ...keys: number[]): Uint8Array {
  return Uint8Array.of(modifier, 0, ...keys, ...Array<number>(6 - keys.length).fill(0));
}
const UP = r(0);
const SHIFT = 0x02;
const CTRL = 0x01;
const ENTER = 0x28;

function texts(scans: DecodedScan[]): string[] {
  return scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'));
}

function decodeAll(decoder: WedgeReportDecoder, reports: Uint8Array[]): string[] {
  return reports.flatMap((report) => texts(decoder.push(report)));
}

describe('WedgeReportDecoder', () => {
  it('decodes letters with Shift, digits and Enter, ignoring key-up reports', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [
      Uint8Array.of(0x02, 0, 0x04, 0, 0, 0, 0, 0), // Shift+a
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0x20, 0, 0x05, 0, 0, 0, 0, 0), // Right Shift+b
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0, 0, 0x06, 0, 0, 0, 0, 0), // c
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0, 0, 0x1e, 0, 0, 0, 0, 0), // 1
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0, 0, 0x27, 0, 0, 0, 0, 0), // 0
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0), // Enter
      Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
    ];
    expect(decodeAll(decoder, reports)).toEqual(['ABc10']);
    expect(decoder.stats()).toMatchObject({ reports: 12, accepted: 12, scans: 1, truncated: 0 });
  });

  it('decodes the punctuation of human-readable GS1 and order codes', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [
      r(SHIFT, 0x26), UP, // (
      r(0, 0x27), UP, // 0
      r(0, 0x1e), UP, // 1
      r(SHIFT, 0x27), UP, // )
      r(0, 0x2d), UP, // -
      r(0, 0x38), UP, // /
      r(SHIFT, 0x33), UP, // :
      r(0, 0x37), UP, // .
      r(SHIFT, 0x22), UP, // %
      r(SHIFT, 0x2e), UP, // +
      r(0, 0x30), UP, // ]
      r(0, 0x58), UP, // keypad Enter
    ];
    expect(decodeAll(decoder, reports)).toEqual(['(01)-/:.%+]']);
  });

  it('turns Left Ctrl + ] into GS', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [r(0, 0x1e), UP, r(0, 0x27), UP, r(CTRL, 0x30), UP, r(0, 0x1e), UP, r(0, 0x27), UP, r(0, ENTER), UP];
    const [scan] = reports.flatMap((report) => decoder.push(report));
    expect(Array.from(scan!.bytes)).toEqual([0x31, 0x30, 0x1d, 0x31, 0x30]);
  });

  it('types a held key once, however many reports repeat it', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [r(0, 0x04), r(0, 0x04), r(0, 0x04), UP, r(0, 0x04), UP, r(0, ENTER), r(0, ENTER), UP];
    expect(decodeAll(decoder, reports)).toEqual(['aa']);
  });

  it('follows rollover: a key new to a report is a press, a key still listed is held', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [
      r(0, 0x04), // a down
      r(0, 0x04, 0x05), // b down while a held
      r(0, 0x05), // a up
      r(SHIFT, 0x05, 0x06), // C down while b held
      r(0, 0x06, 0x04), // b up, a down again
      r(0, 0x04, 0x06, ENTER),
      UP,
    ];
    expect(decodeAll(decoder, reports)).toEqual(['abCa']);
  });

  it('rejects a phantom-state report and keeps the held keys', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [r(0, 0x04), r(0, 1, 1, 1, 1, 1, 1), r(0, 0x04), UP, r(0, ENTER), UP];
    expect(decodeAll(decoder, reports)).toEqual(['a']);
    expect(decoder.stats().rejected['rollover-error']).toBe(1);
  });

  it('counts garbage reports and drops the scan they land in', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [
      Uint8Array.of(1, 2, 3), // wrong length, no scan in progress
      r(0, 0x04), UP,
      Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0), // wrong length mid-scan
      r(0, 0x05), UP, r(0, ENTER), UP,
      r(0, 0x06), UP, r(0, ENTER), UP,
    ];
    expect(decodeAll(decoder, reports)).toEqual(['c']);
    expect(decoder.stats()).toMatchObject({ reports: 12, accepted: 10, scans: 1 });
    expect(decoder.stats().rejected).toMatchObject({ 'bad-length': 2, damaged: 1 });
  });

  it('drops a scan with an unmapped key or an Alt-numpad press, counting both', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [
      r(0, 0x04), UP, r(0, 0x3a), UP, r(0, ENTER), UP, // a F1 Enter
      r(0x04, 0x62), UP, r(0, ENTER), UP, // Alt+keypad 0
      r(0, 0x05), UP, r(0, ENTER), UP,
    ];
    expect(decodeAll(decoder, reports)).toEqual(['b']);
    expect(decoder.stats().rejected).toMatchObject({ 'unmapped-key': 1, 'unsupported-modifier': 1, damaged: 2 });
  });

  it('counts an Enter with nothing before it', () => {
    const decoder = new WedgeReportDecoder();
    expect(decodeAll(decoder, [r(0, ENTER), UP])).toEqual([]);
    expect(decoder.stats().rejected['empty-scan']).toBe(1);
  });

  it('drops a partial scan older than idleMs as unterminated (a lost Enter)', () => {
    const decoder = new WedgeReportDecoder({ idleMs: 100 });
    const at = [0, 5, 10, 15];
    const first = [r(0, 0x04), UP, r(0, 0x05), UP].flatMap((report, i) => decoder.push(report, at[i]));
    const second = [r(0, 0x06), UP, r(0, ENTER), UP].flatMap((report, i) => decoder.push(report, 500 + i * 5));
    expect(texts([...first, ...second])).toEqual(['c']);
    expect(decoder.stats().rejected.unterminated).toBe(1);
  });

  it('keeps at most maxBytes and flags the scan truncated', () => {
    const decoder = new WedgeReportDecoder({ maxBytes: 4 });
    const reports = [0x04, 0x05, 0x06, 0x07, 0x08, 0x09].flatMap((key) => [r(0, key), UP]);
    reports.forEach((report) => decoder.push(report));
    expect(decoder.pendingBytes).toBe(4);
    const [scan] = decoder.push(r(0, ENTER));
    expect(Buffer.from(scan!.bytes).toString()).toBe('abcd');
    expect(scan!.truncated).toBe(true);
    expect(decoder.stats().truncated).toBe(1);
  });

  it('forgets a partial scan and held keys on reset', () => {
    const decoder = new WedgeReportDecoder();
    decoder.push(r(0, 0x04));
    decoder.reset();
    expect(decoder.stats().rejected.incomplete).toBe(1);
    // The key still down after a replug is a new press, not a held key.
    expect(decodeAll(decoder, [r(0, 0x04), UP, r(0, ENTER), UP])).toEqual(['a']);
  });
});
