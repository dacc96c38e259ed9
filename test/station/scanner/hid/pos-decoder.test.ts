import { describe, expect, it } from 'vitest';
import { PosReportDecoder } from '../../../../station/scanner/hid/pos-decoder.js';

interface ReportFields {
  id?: number;
  n?: number;
  aim?: readonly number[];
  data: string | readonly number[];
  vendor?: number;
  flags?: number;
}

/** A 64-byte report written out field by field: id, n, AIM (bytes 2–4), data (5–60), 61, 62, flags (63). */
function report(fields: ReportFields): Uint8Array {
  const data = typeof fields.data === 'string' ? Array.from(Buffer.from(fields.data, 'latin1')) : fields.data;
  const bytes = new Uint8Array(64);
  bytes[0] = fields.id ?? 0x02;
  bytes[1] = fields.n ?? data.length;
  bytes.set(fields.aim ?? [0x5d, 0x45, 0x30], 2); // ]E0
  bytes.set(data, 5);
  bytes[61] = fields.vendor ?? 0;
  bytes[63] = fields.flags ?? 0;
  return bytes;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('PosReportDecoder', () => {
  it('decodes one report byte for byte: AIM id then data', () => {
    const bytes = [
      0x02, 0x0d, 0x5d, 0x45, 0x30, 0x36, 0x39, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x32,
      ...Array<number>(43).fill(0), 0x64, 0x00, 0x00,
    ];
    expect(bytes).toHaveLength(64);
    const decoder = new PosReportDecoder();
    const [scan, ...rest] = decoder.push(Uint8Array.from(bytes));
    expect(rest).toEqual([]);
    expect(text(scan!.bytes)).toBe(']E06901234567892');
    expect(scan!.aim).toBe(']E0');
    expect(scan!.truncated).toBe(false);
  });

  it('joins a scan split over reports by the continuation bit', () => {
    const data = '0123456789ABCDEFGHIJ'.repeat(3);
    expect(data).toHaveLength(60);
    const aim = [0x5d, 0x51, 0x30]; // ]Q0
    const decoder = new PosReportDecoder();
    expect(decoder.push(report({ aim, data: data.slice(0, 56), vendor: 0x73, flags: 0x01 }))).toEqual([]);
    expect(decoder.pendingBytes).toBe(59);
    const [scan] = decoder.push(report({ aim, data: data.slice(56), vendor: 0x73, flags: 0x00 }));
    expect(text(scan!.bytes)).toBe(`]Q0${data}`);
    expect(decoder.stats()).toMatchObject({ reports: 2, accepted: 2, scans: 1 });
  });

  it('keeps GS inside GS1-128 data and reads three or more reports', () => {
    const gs1 = Buffer.concat([Buffer.from('0106901234567892'), Buffer.of(0x1d), Buffer.from('10LOT42')]);
    const long = 'X'.repeat(150);
    const aim = [0x5d, 0x43, 0x31]; // ]C1
    const decoder = new PosReportDecoder();
    const first = decoder.push(report({ aim, data: Array.from(gs1) }));
    expect(Array.from(first[0]!.bytes)).toEqual([0x5d, 0x43, 0x31, ...gs1]);
    const parts = [long.slice(0, 56), long.slice(56, 112), long.slice(112)];
    const scans = parts.flatMap((part, i) => decoder.push(report({ aim, data: part, flags: i < 2 ? 1 : 0 })));
    expect(scans.map((scan) => text(scan.bytes))).toEqual([`]C1${long}`]);
  });

  it('reads a scanner sending no AIM id (three zero bytes) as data only', () => {
    const decoder = new PosReportDecoder();
    const [scan] = decoder.push(report({ aim: [0, 0, 0], data: 'ORDER:TB20261122001' }));
    expect(text(scan!.bytes)).toBe('ORDER:TB20261122001');
    expect(scan!.aim).toBeUndefined();
  });

  it('ignores padding after n and the reserved flag bits', () => {
    const decoder = new PosReportDecoder();
    const padded = report({ data: 'ABCDEFGH', n: 3, flags: 0xfe });
    const [scan] = decoder.push(padded);
    expect(text(scan!.bytes)).toBe(']E0ABC');
  });

  it('counts garbage reports and never throws', () => {
    const decoder = new PosReportDecoder();
    const garbage = [
      Uint8Array.of(0x02, 3, 0x5d),
      new Uint8Array(65),
      report({ id: 0x04, data: 'status' }),
      report({ data: 'x', n: 57 }),
      report({ data: 'x', aim: [0x41, 0x42, 0x43] }),
      report({ data: 'x', aim: [0x5d, 0x00, 0x30] }),
      new Uint8Array(0),
    ];
    for (const bytes of garbage) expect(decoder.push(bytes)).toEqual([]);
    expect(decoder.stats()).toMatchObject({ reports: 7, accepted: 0, scans: 0 });
    expect(decoder.stats().rejected).toMatchObject({ 'bad-length': 3, 'foreign-report': 1, 'bad-header': 3 });
  });

  it('lets a foreign report pass a scan in progress but drops a scan a malformed report lands in', () => {
    const decoder = new PosReportDecoder();
    decoder.push(report({ data: 'AB', flags: 1 }));
    decoder.push(report({ id: 0x05, data: '' }));
    expect(decoder.push(report({ data: 'CD' })).map((scan) => text(scan.bytes))).toEqual([']E0ABCD']);
    decoder.push(report({ data: 'AB', flags: 1 }));
    decoder.push(report({ data: 'x', n: 200 }));
    expect(decoder.push(report({ data: 'CD' }))).toEqual([]);
    expect(decoder.stats().rejected.damaged).toBe(1);
  });

  it('starts over when the AIM id changes mid-scan (the last report was lost)', () => {
    const decoder = new PosReportDecoder();
    decoder.push(report({ data: 'LOST-TAIL', flags: 1 }));
    const [scan] = decoder.push(report({ aim: [0x5d, 0x43, 0x30], data: 'NEXT' }));
    expect(text(scan!.bytes)).toBe(']C0NEXT');
    expect(decoder.stats().rejected.incomplete).toBe(1);
  });

  it('drops a partial scan older than idleMs as unterminated', () => {
    const decoder = new PosReportDecoder({ idleMs: 100 });
    decoder.push(report({ data: 'LOST-TAIL', flags: 1 }), 1000);
    const [scan] = decoder.push(report({ data: 'NEXT' }), 2000);
    expect(text(scan!.bytes)).toBe(']E0NEXT');
    expect(decoder.stats().rejected.unterminated).toBe(1);
  });

  it('counts a final report carrying nothing as an empty scan', () => {
    const decoder = new PosReportDecoder();
    expect(decoder.push(report({ data: '' }))).toEqual([]);
    expect(decoder.stats().rejected['empty-scan']).toBe(1);
  });

  it('keeps at most maxBytes of a never-ending scan and flags it', () => {
    const decoder = new PosReportDecoder({ maxBytes: 100 });
    for (let i = 0; i < 1000; i += 1) {
      decoder.push(report({ data: 'Y'.repeat(56), flags: 1 }));
      expect(decoder.pendingBytes).toBeLessThanOrEqual(100);
    }
    const [scan] = decoder.push(report({ data: 'Z' }));
    expect(scan!.bytes).toHaveLength(100);
    expect(text(scan!.bytes.subarray(0, 4))).toBe(']E0Y');
    expect(scan!.truncated).toBe(true);
  });

  it('accepts another report id when told to', () => {
    const decoder = new PosReportDecoder({ reportId: 0x07 });
    expect(decoder.push(report({ id: 0x07, data: '42' }))).toHaveLength(1);
    expect(decoder.push(report({ id: 0x02, data: '42' }))).toEqual([]);
  });
});
