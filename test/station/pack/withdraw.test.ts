import { describe, expect, it } from 'vitest';
import { restoreSession, type StopList } from '../../../station/pack/index.js';
import { Bench, CODES, STATION, context, packing, preprinted, verified } from './helpers.js';

/*
 * Withdraw at the bench (issue #14, intercepts): `$PG:WITHDRAW` then the waybill of a parcel whose
 * order the newest lists hold records it taken out here; anything else is refused and changes nothing.
 */
const STOPPED: StopList = { version: 2, entries: [{ taskId: 'T17', orderId: 'taobao:880001', reason: 'refund' }] };
const SOCK_STOPPED: StopList = { version: 3, entries: [{ taskId: 'T18', orderId: 'douyin:DY-5501', reason: 'refund' }] };

/** TASK labelled at this bench and still on screen. */
function printed(): Bench {
  const bench = verified();
  bench.input({ type: 'label_requested' });
  bench.input({ type: 'label_printed' });
  expect(bench.state.phase).toBe('printed');
  return bench;
}

/** The session but for what a refused withdrawal may change: the notice. */
const withoutNotice = (bench: Bench) => ({ ...bench.state, notice: null });

describe('withdraw at the bench', () => {
  it('takes out the labelled parcel of the order on screen once a refund stopped it; the hold stays until CANCEL', () => {
    const bench = printed();
    bench.with({ stopList: STOPPED }).input({ type: 'lists_updated' });
    expect(bench.last.display).toMatchObject({ state: 'blocked', prompt: 'action.withdraw_parcel', block: { action: 'action.withdraw_parcel' } });

    bench.scan('$PG:WITHDRAW');
    expect(bench.state.withdrawing).toBe(true);
    expect(bench.last.events).toEqual([]);
    expect(bench.last.display).toMatchObject({ prompt: 'action.withdraw_armed', block: { action: 'action.withdraw_armed' } });

    bench.scan('sf1234567890');
    expect(bench.types).toEqual(['pack.parcel_withdrawn']);
    expect(bench.event('pack.parcel_withdrawn')).toMatchObject({
      packer: 'P-001',
      order: { taskId: 'T17', orderId: 'taobao:880001', orderNo: '880001', channel: 'taobao' },
      parcel: { index: 1, waybill: 'SF1234567890' },
      hold: 'order_stopped',
      detail: 'refund',
      stopListVersion: 2,
      freezeListVersion: 1,
    });
    expect(bench.state.withdrawing).toBeUndefined();
    expect(bench.state.notice).toEqual({ key: 'notice.withdrawn', params: { waybill: 'SF1234567890', ref: '880001' } });
    expect(bench.state.block).toMatchObject({ reason: 'order_stopped', scope: 'order' });

    bench.scan('$PG:CANCEL');
    expect(bench.event('pack.order_cancelled')).toMatchObject({ block: 'order_stopped', label: 'printed' });
  });

  it("takes out another order's parcel (one labelled here earlier) without touching the order on screen", () => {
    const bench = packing(context({ stopList: SOCK_STOPPED }));
    bench.scan(CODES.dressCase);
    const before = bench.state.order;
    bench.scans('$PG:WITHDRAW', 'YT9988776655');
    expect(bench.event('pack.parcel_withdrawn')).toMatchObject({
      order: { taskId: 'T18', orderId: 'douyin:DY-5501' },
      parcel: { index: 1, waybill: 'YT9988776655' },
      hold: 'order_stopped',
    });
    expect(bench.state.order).toEqual(before);
    expect(bench.state.phase).toBe('packing');
    // The next scan is a unit again.
    bench.scan(CODES.dressEan);
    expect(bench.verdict).toBe('counted');
  });

  it('takes out a parcel of an order held by an exhausted freeze of one of its SKUs', () => {
    const bench = new Bench(context({ freezeList: { version: 4, entries: [{ sku: 'SOCK-01', quantity: 1, exhausted: true }] } }));
    bench.scans('$PG:BADGE:P-001', '$PG:WITHDRAW', 'YT9988776655');
    expect(bench.event('pack.parcel_withdrawn')).toMatchObject({ hold: 'frozen_stock', detail: null, freezeListVersion: 4 });
  });

  it('names the parcel of a multi-parcel order by its own waybill', () => {
    const bench = new Bench(context({ stopList: { version: 2, entries: [{ taskId: 'T30', reason: 'cancel' }] } }));
    bench.scans('$PG:BADGE:P-001', '$PG:WITHDRAW', 'yt3000000002');
    expect(bench.event('pack.parcel_withdrawn')).toMatchObject({ parcel: { index: 2, waybill: 'YT3000000002' }, detail: 'cancel' });
  });

  it('refuses a waybill no task at the station has: a stable code, the waybill on screen, nothing else changed', () => {
    const bench = packing(context({ stopList: STOPPED }));
    bench.scan('$PG:WITHDRAW');
    const before = withoutNotice(bench);
    bench.scan('NOBODY123');
    expect(bench.types).toEqual(['pack.refused']);
    expect(bench.event('pack.refused')).toMatchObject({ act: 'withdraw', reason: 'waybill_not_found', scan: { decoded: { text: 'NOBODY123' } } });
    expect(bench.state.notice).toEqual({ key: 'refusal.waybill_not_found', params: { waybill: 'NOBODY123' } });
    expect({ ...withoutNotice(bench), withdrawing: true }).toEqual(before);
    expect(bench.state.withdrawing).toBeUndefined();
  });

  it('refuses the parcel of an order nothing holds: it may ship', () => {
    const bench = printed();
    bench.scans('$PG:WITHDRAW', 'SF1234567890');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'withdraw', reason: 'not_intercepted' });
    expect(bench.state.notice).toEqual({ key: 'refusal.not_intercepted', params: { waybill: 'SF1234567890' } });
    expect(bench.state).toMatchObject({ phase: 'printed', block: null });
  });

  it('refuses a product scanned instead of the parcel, and does not count it', () => {
    const bench = packing(context({ stopList: SOCK_STOPPED }));
    bench.scans('$PG:WITHDRAW', CODES.dressEan);
    expect(bench.event('pack.refused')).toMatchObject({ act: 'withdraw', reason: 'not_a_waybill' });
    expect(bench.state.order?.counted).toEqual([0, 0]);
  });

  it('CANCEL gives the withdrawal up and leaves the order on screen; WITHDRAW again keeps waiting', () => {
    const bench = packing(context({ stopList: SOCK_STOPPED }));
    bench.scans('$PG:WITHDRAW', '$PG:WITHDRAW');
    expect(bench.state.withdrawing).toBe(true);
    bench.scan('$PG:CANCEL');
    expect(bench.last.events).toEqual([]);
    expect(bench.state.notice).toEqual({ key: 'notice.withdraw_cancelled', params: {} });
    expect(bench.state).toMatchObject({ phase: 'packing', order: { task: { taskId: 'T17' } } });
    expect(bench.state.withdrawing).toBeUndefined();
  });

  it('needs a packer, and not a unit in hand; signing out ends it', () => {
    const nobody = new Bench(context({ stopList: SOCK_STOPPED }));
    nobody.scan('$PG:WITHDRAW');
    expect(nobody.event('pack.refused')).toMatchObject({ act: 'withdraw', reason: 'no_packer' });
    expect(nobody.state.withdrawing).toBeUndefined();

    const bench = packing(context({ stopList: SOCK_STOPPED }));
    bench.scan(CODES.sockEan);
    expect(bench.state.block).toMatchObject({ scope: 'unit' });
    bench.scan('$PG:WITHDRAW');
    expect(bench.event('pack.refused')).toMatchObject({ act: 'withdraw', reason: 'clear_block_first' });

    const signed = packing(context({ stopList: SOCK_STOPPED }));
    signed.scan('$PG:WITHDRAW');
    signed.input({ type: 'sign_out', reason: 'screen' });
    expect(signed.state.withdrawing).toBeUndefined();
    signed.input({ type: 'tick' });
    expect(signed.state.withdrawing).toBeUndefined();
  });

  it('in the verify-preprinted flow the waybill after WITHDRAW is the parcel taken out, not an order to open', () => {
    const bench = new Bench(preprinted({ stopList: SOCK_STOPPED }));
    bench.scans('$PG:BADGE:P-001', '$PG:WITHDRAW', 'YT9988776655');
    expect(bench.types).toEqual(['pack.parcel_withdrawn']);
    expect(bench.state).toMatchObject({ phase: 'idle', order: null });
  });

  it('is kept across a restart while armed, and a damaged flag is refused', () => {
    const bench = packing(context({ stopList: SOCK_STOPPED }));
    bench.scan('$PG:WITHDRAW');
    const stored = JSON.parse(JSON.stringify(bench.state));
    expect(restoreSession(stored, STATION)?.withdrawing).toBe(true);
    expect(restoreSession({ ...stored, withdrawing: 'yes' }, STATION)).toBeNull();
  });
});
