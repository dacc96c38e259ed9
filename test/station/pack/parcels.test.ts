import { describe, expect, it } from 'vitest';
import { display } from '../../../station/pack/index.js';
import { Bench, CODES, context, packedInTwo, preprinted, verified } from './helpers.js';

const P1 = { index: 1, waybill: 'YT3000000001' };
const P2 = { index: 2, waybill: 'YT3000000002' };

/** A signed-in packer with TWO_PARCELS loaded, parcel 1 open. */
function twoParcels(ctx = context()): Bench {
  const bench = new Bench(ctx);
  bench.scans('$PG:BADGE:P-001', '$PG:TASK:T30');
  return bench;
}

describe('multi-parcel orders (一单多包)', () => {
  it('records each parcel\'s units as it closes: NEXT PARCEL closes parcel 1, the order completing closes the last', () => {
    const bench = twoParcels();
    expect(bench.last.display).toMatchObject({ prompt: 'prompt.scan_items_parcel', promptParams: { parcel: '1', parcels: '2' }, parcel: { current: 1, count: 2 } });
    bench.scan(CODES.dressEan);
    bench.scan('$PG:PARCEL');
    expect(bench.types).toEqual(['pack.parcel_closed']);
    expect(bench.event('pack.parcel_closed')).toMatchObject({ parcel: P1, lines: [{ masterSku: 'DRESS-2026-RED-M', quantity: 2, counted: 1 }] });
    expect(bench.last.display).toMatchObject({ notice: { key: 'notice.parcel_opened', params: { parcel: '2', parcels: '2' } }, parcel: { current: 2 } });
    bench.scans(CODES.dressEan, CODES.sockEan);
    expect(bench.types).toEqual(['pack.verdict', 'pack.parcel_closed', 'pack.order_verified']);
    expect(bench.event('pack.parcel_closed')).toMatchObject({
      parcel: P2,
      lines: [
        { masterSku: 'DRESS-2026-RED-M', quantity: 2, counted: 1 },
        { masterSku: 'SOCK-01', quantity: 1, counted: 1 },
      ],
    });
    expect(bench.state.order?.units.map((unit) => unit.parcel)).toEqual([1, 2, 2]);
    expect(bench.last.display.parcels.map((p) => [p.index, p.units, p.closed, p.label])).toEqual([
      [1, 1, true, 'none'],
      [2, 2, true, 'none'],
    ]);
  });

  it('prints no label for any parcel until the whole order is verified, then each parcel\'s once, in order', () => {
    const bench = twoParcels();
    bench.scans(CODES.dressEan, '$PG:PARCEL', CODES.dressEan);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_refused')).toMatchObject({ reason: 'not_verified', parcel: P1 });
    bench.scan(CODES.sockEan);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: false, parcel: P1 });
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_requested', reason: 'label_in_progress' });
    bench.input({ type: 'label_printed', parcel: 1 });
    expect(bench.event('pack.label_printed')).toMatchObject({ reprint: false, parcel: P1 });
    expect(bench.state.phase).toBe('verified');
    expect(bench.last.display.label).toMatchObject({ status: 'none', printed: 1 });
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: false, parcel: P2 });
    bench.input({ type: 'label_printed', parcel: 2 });
    expect(bench.event('pack.label_printed')).toMatchObject({ reprint: false, parcel: P2 });
    expect(bench.last.display).toMatchObject({ state: 'printed', prompt: 'prompt.next_order', label: { status: 'printed', printed: 2 } });
    expect(bench.events.filter((e) => e.type === 'pack.label_printed' && !e.reprint)).toHaveLength(2);
  });

  it('a printer report about another parcel than the one requested is refused', () => {
    const bench = packedInTwo();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed', parcel: 2 });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_printed', reason: 'no_label_requested' });
    bench.input({ type: 'label_failed', reason: 'JAM', parcel: 2 });
    expect(bench.event('pack.refused')).toMatchObject({ act: 'label_failed', reason: 'no_label_requested' });
    expect(bench.state.order?.parcels.map((p) => p.label.status)).toEqual(['requested', 'none']);
  });

  it('a parcel\'s failed label is asked again by REPRINT, as a first print of that parcel', () => {
    const bench = packedInTwo();
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_printed' });
    bench.input({ type: 'label_requested' });
    bench.input({ type: 'label_failed', reason: 'PAPER_OUT' });
    expect(bench.event('pack.label_failed')).toMatchObject({ reprint: false, parcel: P2, reason: 'PAPER_OUT' });
    expect(bench.last.display).toMatchObject({ prompt: 'prompt.label_failed', label: { status: 'failed' } });
    bench.scan('$PG:REPRINT');
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: false, parcel: P2 });
  });

  it('once printed, NEXT PARCEL selects the parcel a REPRINT reprints', () => {
    const bench = packedInTwo();
    for (let i = 0; i < 2; i++) bench.input({ type: 'label_requested' }), bench.input({ type: 'label_printed' });
    expect(bench.state.order?.parcel).toBe(2);
    bench.scan('$PG:PARCEL');
    expect(bench.last.display).toMatchObject({ notice: { key: 'notice.parcel_selected', params: { parcel: '1', parcels: '2' } }, parcel: { current: 1 } });
    bench.scan('$PG:REPRINT');
    expect(bench.event('pack.label_requested')).toMatchObject({ reprint: true, parcel: P1 });
    bench.input({ type: 'label_printed' });
    expect(bench.state.order?.parcels.map((p) => p.label.printed)).toEqual([2, 1]);
  });

  describe('NEXT PARCEL edge cases', () => {
    it('an empty parcel is never closed', () => {
      const bench = twoParcels();
      bench.scan('$PG:PARCEL');
      expect(bench.event('pack.refused')).toMatchObject({ act: 'parcel', reason: 'parcel_empty' });
      expect(bench.last.display.notice?.key).toBe('refusal.parcel_empty');
      expect(bench.state.order?.parcel).toBe(1);
    });

    it('no parcel past the order\'s last', () => {
      const bench = twoParcels();
      bench.scans(CODES.dressEan, '$PG:PARCEL', CODES.dressEan, '$PG:PARCEL');
      expect(bench.event('pack.refused')).toMatchObject({ act: 'parcel', reason: 'no_more_parcels' });
      const single = new Bench();
      single.scans('$PG:BADGE:P-001', '$PG:ORDER:DY-5501', '$PG:PARCEL');
      expect(single.event('pack.refused').reason).toBe('no_more_parcels');
    });

    it('needs a packer, an order, and no block', () => {
      const bench = new Bench();
      bench.scan('$PG:PARCEL');
      expect(bench.event('pack.refused').reason).toBe('no_packer');
      bench.scan('$PG:BADGE:P-001');
      bench.scan('$PG:PARCEL');
      expect(bench.event('pack.refused').reason).toBe('no_order');
      bench.scans('$PG:TASK:T30', CODES.dressEan, CODES.unknownEan, '$PG:PARCEL');
      expect(bench.event('pack.refused').reason).toBe('blocked');
    });

    it('every unit in fewer parcels than the order has: verified, but the gate refuses (parcel_empty) until it is packed again', () => {
      const bench = twoParcels();
      bench.scans(CODES.dressEan, CODES.dressEan, CODES.sockEan);
      expect(bench.types).toEqual(['pack.verdict', 'pack.parcel_closed', 'pack.order_verified']);
      expect(bench.last.display).toMatchObject({ state: 'verified', prompt: 'prompt.label_blocked', label: { gate: 'parcel_empty' } });
      bench.input({ type: 'label_requested' });
      expect(bench.event('pack.label_refused')).toMatchObject({ reason: 'parcel_empty', parcel: P1 });
      bench.scan('$PG:CANCEL');
      expect(bench.event('pack.order_cancelled').label).toBe('none');
    });
  });

  it('the order may not be put aside once one parcel\'s label printed, nor while one prints', () => {
    const bench = packedInTwo();
    bench.input({ type: 'label_requested' });
    bench.scan('$PG:ASIDE');
    expect(bench.event('pack.refused').reason).toBe('label_in_progress');
    bench.input({ type: 'label_printed' });
    bench.scan('$PG:ASIDE');
    expect(bench.event('pack.refused').reason).toBe('already_printed');
  });

  it('an order of one parcel records no parcel_closed, and its label events name its parcel', () => {
    const bench = verified();
    expect(bench.events.some((e) => e.type === 'pack.parcel_closed')).toBe(false);
    bench.input({ type: 'label_requested' });
    expect(bench.event('pack.label_requested').parcel).toEqual({ index: 1, waybill: 'SF1234567890' });
    expect(display(bench.state, bench.ctx).parcels).toEqual([
      { index: 1, waybill: 'SF1234567890', units: 9, current: true, closed: true, label: 'requested', printed: 0, sealed: false },
    ]);
  });

  describe('verify-preprinted: a parcel\'s waybill switches to that parcel', () => {
    it('opened by parcel 2\'s waybill, packed in any order; a closed parcel is not opened again; sealed, every parcel', () => {
      const bench = new Bench(preprinted());
      bench.scans('$PG:BADGE:P-001', 'YT3000000002');
      expect(bench.event('pack.order_loaded')).toMatchObject({ ref: { type: 'waybill', id: 'YT3000000002' }, source: 'local' });
      expect(bench.state.order?.parcel).toBe(2);
      bench.scan('YT3000000002');
      expect(bench.event('pack.refused')).toMatchObject({ act: 'parcel', reason: 'same_parcel' });
      // An empty parcel is left, not closed.
      bench.scan('yt3000000001');
      expect(bench.types).toEqual([]);
      expect(bench.state.order?.parcels.map((p) => p.closedAt)).toEqual([null, null]);
      bench.scans(CODES.dressEan, 'YT3000000002');
      expect(bench.event('pack.parcel_closed')).toMatchObject({ parcel: P1 });
      bench.scan('YT3000000001');
      expect(bench.event('pack.refused')).toMatchObject({ act: 'parcel', reason: 'parcel_closed' });
      bench.scans(CODES.dressEan, CODES.sockEan);
      expect(bench.types).toEqual(['pack.verdict', 'pack.parcel_closed', 'pack.order_verified', 'pack.sealed', 'pack.sealed']);
      expect(bench.last.events.filter((e) => e.type === 'pack.sealed').map((e) => [e.parcel, e.parcels])).toEqual([
        [P1, 2],
        [P2, 2],
      ]);
      expect(bench.last.display).toMatchObject({ state: 'sealed', prompt: 'prompt.sealed' });
      expect(bench.last.display.parcels.map((p) => p.sealed)).toEqual([true, true]);
    });

    it('once sealed, a parcel\'s waybill selects it for a REPRINT', () => {
      const bench = new Bench(preprinted());
      bench.scans('$PG:BADGE:P-001', 'YT3000000001', CODES.dressEan, 'YT3000000002', CODES.dressEan, CODES.sockEan);
      expect(bench.state.phase).toBe('sealed');
      bench.scan('YT3000000001');
      expect(bench.last.display).toMatchObject({ notice: { key: 'notice.parcel_selected' }, parcel: { current: 1 } });
      bench.scan('$PG:REPRINT');
      expect(bench.event('pack.label_requested')).toMatchObject({ reprint: true, parcel: P1 });
    });
  });
});
