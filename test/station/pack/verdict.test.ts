import { describe, expect, it } from 'vitest';
import { Bench, CODES, GS, STATION, context, earbuds, packing, verified } from './helpers.js';

describe('item verdicts: exactly one per scan', () => {
  it('counted: the unit GTIN, a GTIN-14 case of 6, an internal code, and a GTIN in plain Code 128', () => {
    const bench = packing();
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({
      verdict: 'counted',
      units: 1,
      code: '04006381333931',
      sku: 'DRESS-2026-RED-M',
      via: 'task',
      line: { index: 0, masterSku: 'DRESS-2026-RED-M', counted: 1, quantity: 7 },
      blocks: false,
    });
    bench.scan(`]C0${CODES.dressInternal}`);
    bench.scan(`]C0${CODES.dressEan}`);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', line: { counted: 3 } });
    bench.scan(`]E0${CODES.dressEan}`);
    expect(bench.last.display.lines[0]).toEqual({ masterSku: 'DRESS-2026-RED-M', expected: 7, scanned: 4, complete: false });
  });

  it('counted: a case of 6 counts 6', () => {
    const bench = packing();
    bench.scan(CODES.dressCase);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', units: 6, line: { counted: 6 } });
  });

  it('counted: a barcode the mapping snapshot knows for a line SKU, with the mapping version in the event', () => {
    const bench = packing();
    bench.scan(CODES.dressIsbnViaMapping);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', via: 'mapping', sku: 'DRESS-2026-RED-M', mappingVersion: 42 });
  });

  it('counted: an SSCC label with AI 02 and AI 37 counts the units the label states', () => {
    const bench = packing();
    bench.scan(`]C10010614141123456789702${CODES.dressEan.padStart(14, '0')}376`);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', units: 6 });
  });

  it('over_quantity: a case of 6 when only 4 remain counts nothing and blocks', () => {
    const bench = packing();
    bench.scans(CODES.dressEan, CODES.dressEan, CODES.dressEan);
    bench.scan(CODES.dressCase);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'over_quantity', units: 6, line: { counted: 3, quantity: 7 }, blocks: true });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'over_quantity', scope: 'unit', clearBy: 'resolve', cause: 'scan' });
    expect(bench.last.display.lines[0]?.scanned).toBe(3);
    expect(bench.last.display.state).toBe('blocked');
  });

  it('over_quantity: one more unit of a complete line', () => {
    const bench = packing();
    bench.scans(CODES.dressCase, CODES.dressEan, CODES.dressEan);
    expect(bench.verdict).toBe('over_quantity');
  });

  it('wrong_item: a barcode the mapping knows for a SKU that is not in the order', () => {
    const bench = packing();
    bench.scan(CODES.sockEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'wrong_item', sku: 'SOCK-01', via: 'mapping', line: null, blocks: true });
  });

  it('unknown_barcode: a valid GTIN in no mapping, an SSCC, free text', () => {
    for (const scan of [CODES.unknownEan, ']C100106141412345678908', 'DY-BABY-SH-001']) {
      const bench = packing();
      bench.scan(scan);
      expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'unknown_barcode', sku: null, units: 0 });
    }
  });

  it('unreadable: a decoder rejection blocks with the decoder code', () => {
    const bench = packing();
    bench.scan('4006381333932');
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'unreadable', code: 'BAD_CHECK_DIGIT', blocks: true });
    expect(bench.event('pack.blocked')).toMatchObject({ reason: 'unreadable', code: 'BAD_CHECK_DIGIT' });
    expect(bench.last.events[0]?.scan?.decoded).toMatchObject({ ok: false, code: 'BAD_CHECK_DIGIT' });
  });

  it('unreadable without an order: logged with its code, shown, blocks nothing', () => {
    const bench = new Bench();
    bench.scan(Uint8Array.of(0x34, 0xff, 0x30));
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'unreadable', code: 'NOT_UTF8', blocks: false });
    expect(bench.last.display.notice).toEqual({ key: 'block.unreadable', params: { code: 'NOT_UTF8' } });
    expect(bench.state.block).toBeNull();
  });

  it('frozen_stock: a unit of a SKU frozen whole, or of a frozen batch (AI 10)', () => {
    const sock = packing(context({ freezeList: { version: 3, entries: [{ sku: 'SOCK-01', exhausted: true }] } }));
    sock.scan(CODES.sockEan);
    expect(sock.event('pack.verdict')).toMatchObject({ verdict: 'frozen_stock', sku: 'SOCK-01' });
    expect(sock.event('pack.blocked')).toMatchObject({ scope: 'unit', clearBy: 'supervisor', freezeListVersion: 3 });

    const lot = packing(context({ freezeList: { version: 4, entries: [{ sku: 'BT-001', batch: 'L42', exhausted: true }] } }));
    lot.scan(earbuds('SN-1', { lot: 'L41' }));
    expect(lot.verdict).toBe('counted');
    lot.scan(earbuds('SN-2', { lot: 'L42' }));
    expect(lot.event('pack.verdict')).toMatchObject({ verdict: 'frozen_stock', detail: 'L42', line: { counted: 1 } });
  });

  it('counted: a freeze that leaves units of its lot free (another order\'s refund) does not refuse this order\'s units', () => {
    const freezeList = {
      version: 5,
      entries: [
        { sku: 'DRESS-2026-RED-M', quantity: 1, exhausted: false },
        { sku: 'BT-001', batch: 'L42', quantity: 1, exhausted: false },
      ],
    };
    const bench = packing(context({ freezeList }));
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', sku: 'DRESS-2026-RED-M', line: { counted: 1 } });
    bench.scan(earbuds('SN-1', { lot: 'L42' }));
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'counted', sku: 'BT-001', line: { counted: 1 } });
    expect(bench.state.block).toBeNull();
  });

  it('frozen_stock: a freeze for another warehouse does not apply; an unknown batch is not a frozen batch', () => {
    const other = packing(context({ warehouse: 'SH-01', freezeList: { version: 2, entries: [{ sku: 'DRESS-2026-RED-M', warehouse: 'BJ-02', exhausted: true }] } }));
    other.scan(CODES.dressEan);
    expect(other.verdict).toBe('counted');
    const noLot = packing(context({ freezeList: { version: 2, entries: [{ sku: 'BT-001', batch: 'L42', exhausted: true }] } }));
    noLot.scan(earbuds('SN-9'));
    expect(noLot.verdict).toBe('counted');
  });

  it('expired: AI 17 before today; today itself is not expired; the station time zone decides the day', () => {
    const bench = packing();
    bench.scan(earbuds('SN-1', { expiry: '261122' }));
    expect(bench.verdict).toBe('counted');
    bench.scan(earbuds('SN-2', { expiry: '261121' }));
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'expired', detail: '2026-11-21', blocks: true });
    expect(bench.event('pack.blocked').clearBy).toBe('supervisor');

    // 2026-11-22T20:00Z is already 23 November in Shanghai.
    const late = packing(context({ now: Date.parse('2026-11-22T20:00:00Z'), policy: { ...context().policy, timeZone: 'Asia/Shanghai' } }));
    late.scan(earbuds('SN-3', { expiry: '261122' }));
    expect(late.verdict).toBe('expired');
  });

  it('duplicate_serial: a serial already counted in this order', () => {
    const bench = packing();
    bench.scans(earbuds('SN-1'), earbuds('SN-1'));
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'duplicate_serial', detail: `${CODES.earbudsGtin}/SN-1` });
  });

  it('duplicate_serial: a serial shipped in an earlier order at this station', () => {
    const bench = verified();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.scan('$PG:TASK:T17');
    bench.scan(earbuds('SN-0002'));
    expect(bench.verdict).toBe('duplicate_serial');
  });

  it('duplicate_serial: serials of a cancelled order are free again', () => {
    const bench = packing();
    bench.scans(earbuds('SN-1'), '$PG:CANCEL', '$PG:ORDER:880001', earbuds('SN-1'));
    expect(bench.verdict).toBe('counted');
  });

  it('order_stopped: the task on the stop list makes the scan order_stopped, an order-scope block', () => {
    const bench = packing();
    bench.with({ stopList: { version: 2, entries: [{ taskId: 'T17', orderId: 'taobao:880001', reason: 'refund' }] } });
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'order_stopped', units: 0, detail: 'refund', blocks: true });
    expect(bench.event('pack.blocked')).toMatchObject({ scope: 'order', cause: 'stop_list', stopListVersion: 2 });
    expect(bench.state.order?.counted).toEqual([0, 0]);
  });

  it('mapping_pending: the unit resolves to a SKU whose mapping awaits confirmation', () => {
    const bench = packing(context({ pendingSkus: ['DRESS-2026-RED-M'] }));
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'mapping_pending', sku: 'DRESS-2026-RED-M' });
    expect(bench.event('pack.blocked').clearBy).toBe('supervisor');
  });

  it('tracking_missing: a serial-tracked line needs AI 21 on each unit', () => {
    const plain = packing();
    plain.scan(CODES.earbudsGtin);
    expect(plain.event('pack.verdict')).toMatchObject({ verdict: 'tracking_missing', detail: 'serial', sku: 'BT-001' });
    expect(plain.event('pack.blocked').clearBy).toBe('resolve');
  });

  it('the most serious verdict wins: a frozen, expired wrong item is frozen_stock', () => {
    const bench = packing(context({ freezeList: { version: 1, entries: [{ sku: 'SOCK-01', exhausted: true }] }, pendingSkus: ['SOCK-01'] }));
    bench.scan(CODES.sockEan);
    expect(bench.verdict).toBe('frozen_stock');
  });

  it('every verdict event carries raw bytes, the decoded form, packer, station, order, mapping version and time', () => {
    const bench = packing();
    bench.scan(`${earbuds('SN-7', { lot: 'L1', expiry: '271231' })}`);
    const event = bench.event('pack.verdict');
    expect(event).toMatchObject({
      at: '2026-11-22T10:00:00.000Z',
      station: STATION,
      packer: 'P-001',
      order: { taskId: 'T17', orderId: 'taobao:880001', orderNo: '880001', channel: 'taobao' },
      mappingVersion: 42,
      scan: {
        raw: Buffer.from(`]C101${CODES.earbudsGtin}1727123110L1${GS}21SN-7`).toString('base64'),
        decoded: { ok: true, kind: 'gs1', gtin14: CODES.earbudsGtin, batch: 'L1', serial: 'SN-7', expiry: '2027-12-31' },
      },
    });
  });
});

describe('product scans that are not judged', () => {
  it('no_packer: nothing counts before a badge', () => {
    const bench = new Bench();
    bench.scan(CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'no_packer', blocks: false, packer: null });
    expect(bench.last.display.prompt).toBe('prompt.scan_badge');
  });

  it('no_order: a product scan before an order', () => {
    const bench = new Bench();
    bench.scans('$PG:BADGE:P-001', CODES.dressEan);
    expect(bench.verdict).toBe('no_order');
    expect(bench.last.display.notice?.key).toBe('scan.no_order');
  });

  it('while_blocked: a correct unit scanned while blocked does not count', () => {
    const bench = packing();
    bench.scans(CODES.sockEan, CODES.dressEan);
    expect(bench.event('pack.verdict')).toMatchObject({ verdict: 'while_blocked', blocks: false });
    expect(bench.state.order?.counted).toEqual([0, 0]);
    expect(bench.state.block?.reason).toBe('wrong_item');
  });
});
