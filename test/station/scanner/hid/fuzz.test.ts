import { describe, expect, it } from 'vitest';
import { encodePos } from '../../../../firmware-sim/hid/pos-encoder.js';
import { encodeWedge } from '../../../../firmware-sim/hid/wedge-encoder.js';
import { REPORT_REJECTIONS, type HidReportDecoder } from '../../../../station/scanner/hid/decoder-base.js';
import { PosReportDecoder } from '../../../../station/scanner/hid/pos-decoder.js';
import { WedgeReportDecoder } from '../../../../station/scanner/hid/wedge-decoder.js';
import { seededRandom } from '../../../../common/random.js';

const SEQUENCES = 100_000;
const MAX_BYTES = 512;

const random = seededRandom(0x5ca11e7);
const int = (n: number): number => Math.floor(random() * n);
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256));
const barcode = (): string =>
  String.fromCharCode(...Array.from({ length: 1 + int(random() < 0.9 ? 30 : 150) }, () => 0x20 + int(0x5f)));

/** Report-sized random chunks: mostly 8 or 64 bytes, sometimes any length. */
function randomReports(): Uint8Array[] {
  return Array.from({ length: 1 + int(6) }, () => {
    const roll = random();
    return bytes(roll < 0.4 ? 8 : roll < 0.8 ? 64 : int(80));
  });
}

/** A valid scan with a few bytes flipped, reports dropped or repeated, or cut short. */
function mutatedReports(): Uint8Array[] {
  const clean = random() < 0.5 ? encodeWedge(barcode(), { style: random() < 0.5 ? 'tap' : 'rollover' }) : encodePos(barcode());
  const reports = clean.map((report) => report.slice());
  for (let flips = int(4); flips > 0; flips -= 1) {
    const report = reports[int(reports.length)]!;
    report[int(report.length)] = int(256);
  }
  if (random() < 0.2) reports.splice(int(reports.length), 1);
  if (random() < 0.2) reports.push(reports[int(reports.length)] ?? new Uint8Array(0));
  if (random() < 0.2) reports.length = int(reports.length + 1);
  return reports;
}

interface Tally {
  failures: string[];
  scans: number;
  rejections: number;
}

function run(decoder: HidReportDecoder, sequence: Uint8Array[], at: number, tally: Tally): void {
  const before = decoder.stats();
  for (const report of sequence) {
    for (const scan of decoder.push(report, at)) {
      tally.scans += 1;
      if (scan.bytes.length > MAX_BYTES || scan.bytes.length === 0) tally.failures.push(`scan of ${scan.bytes.length} bytes`);
    }
    if (decoder.pendingBytes > MAX_BYTES) tally.failures.push(`${decoder.pendingBytes} bytes pending`);
  }
  const pending = decoder.pendingBytes;
  const incomplete = decoder.stats().rejected.incomplete;
  decoder.reset();
  if (decoder.pendingBytes !== 0) tally.failures.push('bytes pending after reset');
  if (pending > 0 && decoder.stats().rejected.incomplete !== incomplete + 1) tally.failures.push('partial scan not counted');
  const after = decoder.stats();
  if (after.reports - before.reports !== sequence.length) tally.failures.push('report not counted');
  tally.rejections += Object.values(after.rejected).reduce((a, b) => a + b, 0) - Object.values(before.rejected).reduce((a, b) => a + b, 0);
}

describe('HID report decoders under fuzzing', () => {
  it(`survive ${SEQUENCES.toLocaleString('en')} random and mutated sequences with bounded memory`, () => {
    const decoders = { wedge: new WedgeReportDecoder({ maxBytes: MAX_BYTES }), pos: new PosReportDecoder({ maxBytes: MAX_BYTES }) };
    const tallies = { wedge: { failures: [], scans: 0, rejections: 0 }, pos: { failures: [], scans: 0, rejections: 0 } } satisfies Record<
      string,
      Tally
    >;
    let at = 0;
    for (let i = 0; i < SEQUENCES; i += 1) {
      const sequence = random() < 0.5 ? randomReports() : mutatedReports();
      at += int(1000);
      for (const mode of ['wedge', 'pos'] as const) {
        try {
          run(decoders[mode], sequence, at, tallies[mode]);
        } catch (err) {
          (tallies[mode].failures as string[]).push(`sequence ${i} threw: ${String(err)}`);
        }
      }
    }
    for (const mode of ['wedge', 'pos'] as const) {
      const stats = decoders[mode].stats();
      const reportRejections = REPORT_REJECTIONS.reduce((sum, reason) => sum + stats.rejected[reason], 0);
      expect(tallies[mode].failures.slice(0, 5), mode).toEqual([]);
      expect(stats.accepted + reportRejections).toBe(stats.reports);
      // Both outcomes occur: the fuzzer reaches scans and every kind of rejection path.
      expect(tallies[mode].scans, mode).toBeGreaterThan(1000);
      expect(tallies[mode].rejections, mode).toBeGreaterThan(1000);
    }
  });

  it('hold a never-terminated stream to maxBytes', () => {
    const wedge = new WedgeReportDecoder({ maxBytes: MAX_BYTES });
    const pos = new PosReportDecoder({ maxBytes: MAX_BYTES });
    const endless = encodeWedge('0123456789', { enter: false });
    const chunk = encodePos('X'.repeat(56 * 2)).map((report) => report.fill(1, 63));
    for (let i = 0; i < 20_000; i += 1) {
      for (const report of endless) wedge.push(report, i);
      for (const report of chunk) pos.push(report, i);
    }
    expect(wedge.pendingBytes).toBe(MAX_BYTES);
    expect(pos.pendingBytes).toBe(MAX_BYTES);
    expect(wedge.push(encodeWedge('')[0]!, 20_000)[0]).toMatchObject({ truncated: true });
  });
});
