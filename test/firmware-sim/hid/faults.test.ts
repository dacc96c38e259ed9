import { describe, expect, it } from 'vitest';
import { GARBAGE_REPORT, applyFaults } from '../../../firmware-sim/hid/faults.js';
import { encodePos } from '../../../firmware-sim/hid/pos-encoder.js';
import { encodeWedge } from '../../../firmware-sim/hid/wedge-encoder.js';
import type { DecodedScan, HidReportDecoder } from '../../../station/scanner/hid/decoder-base.js';
import { PosReportDecoder } from '../../../station/scanner/hid/pos-decoder.js';
import { WedgeReportDecoder } from '../../../station/scanner/hid/wedge-decoder.js';

const reportsOf = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.of(i));
const ids = (reports: Uint8Array[]): number[] => reports.map((report) => report[0]!);
const texts = (scans: DecodedScan[]): string[] => scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'));
const feed = (decoder: HidReportDecoder, reports: Uint8Array[]): string[] =>
  texts(reports.flatMap((report) => decoder.push(report)));

describe('applyFaults', () => {
  it('drops, duplicates and inserts by index into the clean stream', () => {
    const out = applyFaults(reportsOf(4), [
      { kind: 'drop', index: 1 },
      { kind: 'duplicate', index: 2 },
      { kind: 'garbage', index: 0, bytes: Uint8Array.of(99) },
      { kind: 'garbage', index: 4 },
    ]);
    expect(out.map((report) => (report === GARBAGE_REPORT ? -1 : report[0]))).toEqual([99, 0, 2, 2, 3, -1]);
    expect(ids(applyFaults(reportsOf(3), []))).toEqual([0, 1, 2]);
  });
});

describe('faults through the wedge decoder', () => {
  it('absorbs a duplicated report: a repeated key-down is a held key', () => {
    const reports = applyFaults(encodeWedge('ABC'), [{ kind: 'duplicate', index: 2 }, { kind: 'duplicate', index: 3 }]);
    expect(feed(new WedgeReportDecoder(), reports)).toEqual(['ABC']);
  });

  it('loses a character to a dropped key-down, and to a dropped key-up between equal keys', () => {
    expect(feed(new WedgeReportDecoder(), applyFaults(encodeWedge('ABC'), [{ kind: 'drop', index: 2 }]))).toEqual(['AC']);
    expect(feed(new WedgeReportDecoder(), applyFaults(encodeWedge('AAB'), [{ kind: 'drop', index: 1 }]))).toEqual(['AB']);
    // A dropped key-up between different keys loses nothing.
    expect(feed(new WedgeReportDecoder(), applyFaults(encodeWedge('AB'), [{ kind: 'drop', index: 1 }]))).toEqual(['AB']);
  });

  it('drops the scan a garbage report lands in, and only that one', () => {
    const decoder = new WedgeReportDecoder();
    const reports = [...applyFaults(encodeWedge('BAD'), [{ kind: 'garbage', index: 3 }]), ...encodeWedge('GOOD')];
    expect(feed(decoder, reports)).toEqual(['GOOD']);
    expect(decoder.stats().rejected).toMatchObject({ 'bad-length': 1, damaged: 1 });
  });

  it('runs two scans together when an Enter is missing and nothing marks the gap', () => {
    const reports = [...encodeWedge('ONE', { enter: false }), ...encodeWedge('TWO')];
    expect(feed(new WedgeReportDecoder(), reports)).toEqual(['ONETWO']);
    const timed = new WedgeReportDecoder({ idleMs: 100 });
    const scans = [
      ...encodeWedge('ONE', { enter: false }).map((report, i) => timed.push(report, i)),
      ...encodeWedge('TWO').map((report, i) => timed.push(report, 1000 + i)),
    ].flat();
    expect(texts(scans)).toEqual(['TWO']);
    expect(timed.stats().rejected.unterminated).toBe(1);
  });
});

describe('faults through the POS decoder', () => {
  const long = 'L'.repeat(150); // three reports

  it('reads a duplicated single-report scan twice (the duplicate-read filter is downstream)', () => {
    const reports = applyFaults(encodePos('42'), [{ kind: 'duplicate', index: 0 }]);
    expect(feed(new PosReportDecoder(), reports)).toEqual([']C042', ']C042']);
  });

  it('cannot see a lost middle report, but drops a scan whose last report is lost', () => {
    const middle = applyFaults(encodePos('M'.repeat(150)), [{ kind: 'drop', index: 1 }]);
    expect(feed(new PosReportDecoder(), middle)).toEqual([`]C0${'M'.repeat(94)}`]);
    const decoder = new PosReportDecoder({ idleMs: 100 });
    const lastLost = applyFaults(encodePos(long), [{ kind: 'drop', index: 2 }]).map((report) => decoder.push(report, 0));
    const next = encodePos('NEXT').map((report) => decoder.push(report, 1000));
    expect(texts([...lastLost, ...next].flat())).toEqual([']C0NEXT']);
  });

  it('counts garbage and keeps the scan around it when the garbage is a foreign report', () => {
    const foreign = new Uint8Array(64).fill(0x09);
    const decoder = new PosReportDecoder();
    const reports = applyFaults(encodePos(long), [{ kind: 'garbage', index: 1, bytes: foreign }, { kind: 'garbage', index: 2 }]);
    expect(feed(decoder, reports)).toEqual([]);
    expect(decoder.stats().rejected).toMatchObject({ 'foreign-report': 1, 'bad-length': 1 });
    expect(feed(decoder, applyFaults(encodePos(long), [{ kind: 'garbage', index: 1, bytes: foreign }]))).toEqual([`]C0${long}`]);
  });
});
