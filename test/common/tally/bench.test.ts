import { describe, expect, it } from 'vitest';
import { benchAfter, benchStatus, type BenchState } from '../../../common/tally/bench.js';
import type { FeedRecordOf, StationEventBody } from '../../../common/tally/records.js';
import { StationBook } from '../../../common/tally/stations.js';

const ORDER = { taskId: 'T1', orderId: 'taobao:TB1', orderNo: 'TB1', channel: 'taobao' };
const NEXT = { taskId: 'T2', orderId: 'taobao:TB2', orderNo: 'TB2', channel: 'taobao' };

/** A pack event's body with what the derivation reads (the rest of the protocol's fields do not matter to it). */
const ev = (type: string, fields: Omit<StationEventBody, 'type'> = {}): StationEventBody => ({ type, order: ORDER, ...fields });
const LOADED = ev('pack.order_loaded');
const VERIFIED = ev('pack.order_verified');
const REQUESTED = ev('pack.label_requested', { reprint: false });
const PRINTED = ev('pack.label_printed', { reprint: false });
const closed = (index: number) => ev('pack.parcel_closed', { parcel: { index, waybill: `SF1-${index}` } });
const blocked = (reason: string, cause: string, detail: string | null = null) => ev('pack.blocked', { reason, cause, detail });

/** The bench after these events, from none. */
const after = (...bodies: StationEventBody[]): BenchState | null => bodies.reduce<BenchState | null>(benchAfter, null);
/** Its status, and what stands beside it (a block, the label, the gate's refusal). */
function shown(...bodies: StationEventBody[]) {
  const bench = after(...bodies);
  return bench && { status: benchStatus(bench), block: bench.block, label: bench.label, refused: bench.refused };
}
const plain = (status: string) => ({ status, block: null, label: null, refused: null });

describe('the order at a bench, from its station’s pack events', () => {
  it('packing, verified, label requested, labelled: each phase in the task’s words', () => {
    expect(shown(LOADED)).toEqual(plain('loaded'));
    expect(shown(LOADED, ev('pack.verdict', { verdict: 'counted' }))).toEqual(plain('loaded'));
    expect(shown(LOADED, VERIFIED)).toEqual(plain('verified'));
    expect(shown(LOADED, VERIFIED, REQUESTED)).toEqual({ ...plain('verified'), label: 'requested' });
    expect(shown(LOADED, VERIFIED, REQUESTED, PRINTED)).toEqual(plain('labelled'));
  });

  it('stays labelled after the label (a reprint says it prints) until the next order is loaded', () => {
    const labelled = [LOADED, VERIFIED, REQUESTED, PRINTED];
    expect(shown(...labelled, ev('pack.packer_signed_out'), ev('pack.order_requested'))).toEqual(plain('labelled'));
    expect(shown(...labelled, ev('pack.label_requested', { reprint: true }))).toEqual({ ...plain('labelled'), label: 'requested' });
    expect(shown(...labelled, ev('pack.label_requested', { reprint: true }), ev('pack.label_printed', { reprint: true }))).toEqual(plain('labelled'));
    expect(shown(...labelled, { ...LOADED, order: NEXT })).toEqual(plain('loaded'));
  });

  it('an order of several parcels is labelled by its last parcel’s label', () => {
    const verified = [LOADED, closed(1), closed(2), VERIFIED];
    expect(shown(...verified, REQUESTED, PRINTED)).toEqual(plain('verified'));
    expect(shown(...verified, REQUESTED, PRINTED, REQUESTED)).toEqual({ ...plain('verified'), label: 'requested' });
    expect(shown(...verified, REQUESTED, PRINTED, REQUESTED, PRINTED)).toEqual(plain('labelled'));
  });

  it('sealed (the pre-printed flow): by the seal of its last parcel; the labels printed before picking release nothing', () => {
    const sealed = (index: number, parcels: number) => ev('pack.sealed', { parcel: { index, waybill: `SF1-${index}` }, parcels });
    expect(shown(LOADED, VERIFIED, sealed(1, 1))).toEqual(plain('sealed'));
    expect(shown(LOADED, VERIFIED, ev('pack.seal_refused', { reason: 'hub_silent' }))).toEqual({ ...plain('verified'), refused: 'hub_silent' });
    expect(shown(LOADED, closed(1), closed(2), VERIFIED, sealed(1, 2))).toEqual(plain('verified'));
    expect(shown(LOADED, closed(1), closed(2), VERIFIED, sealed(1, 2), sealed(2, 2))).toEqual(plain('sealed'));
    expect(shown(LOADED, VERIFIED, ev('pack.label_printed', { reprint: true }))).toEqual(plain('verified'));
  });

  it('blocked: the block’s reason, and the phase under it back once cleared', () => {
    const wrong = blocked('wrong_item', 'scan');
    expect(shown(LOADED, wrong)).toEqual({ ...plain('blocked'), block: { reason: 'wrong_item', detail: null, hold: false } });
    expect(shown(LOADED, wrong, ev('pack.block_cleared', { reason: 'wrong_item' }))).toEqual(plain('loaded'));
  });

  it('stopped or frozen: a hold from the hub’s lists, blocked still once lifted until a supervisor clears it', () => {
    const stop = blocked('order_stopped', 'stop_list', 'refund');
    expect(shown(LOADED, VERIFIED, stop)).toEqual({ ...plain('stopped'), block: { reason: 'order_stopped', detail: 'refund', hold: true } });
    expect(shown(LOADED, blocked('frozen_stock', 'freeze_list', 'B1'))).toEqual({ ...plain('stopped'), block: { reason: 'frozen_stock', detail: 'B1', hold: true } });
    const lifted = [LOADED, VERIFIED, stop, ev('pack.hold_lifted', { reason: 'order_stopped' })];
    expect(shown(...lifted)).toEqual({ ...plain('blocked'), block: { reason: 'order_stopped', detail: 'refund', hold: false } });
    expect(shown(...lifted, ev('pack.block_cleared', { reason: 'order_stopped' }))).toEqual(plain('verified'));
    // A hold on an order labelled at this bench: the parcel is to be taken out.
    expect(shown(LOADED, VERIFIED, REQUESTED, PRINTED, stop)).toMatchObject({ status: 'stopped' });
  });

  it('weighed: waiting for a weight, a weight outside tolerance, weighed again within it and labelled', () => {
    const waiting = [LOADED, VERIFIED, ev('pack.label_refused', { reason: 'awaiting_weight', reprint: false })];
    expect(shown(...waiting)).toEqual({ ...plain('verified'), refused: 'awaiting_weight' });
    const mismatch = [...waiting, blocked('weight_mismatch', 'weight', 'expected 1100 g, weighed 700 g')];
    expect(shown(...mismatch)).toEqual({ ...plain('blocked'), block: { reason: 'weight_mismatch', detail: 'expected 1100 g, weighed 700 g', hold: false }, refused: 'awaiting_weight' });
    const reweighed = [...mismatch, ev('pack.block_cleared', { reason: 'weight_mismatch' }), ev('pack.label_requested', { reprint: false, weightGrams: 1090, expectedGrams: 1100 })];
    expect(shown(...reweighed)).toEqual({ ...plain('verified'), label: 'requested' });
    expect(shown(...reweighed, PRINTED)).toEqual(plain('labelled'));
  });

  it('a label that failed says so until the next request', () => {
    const failed = [LOADED, VERIFIED, REQUESTED, ev('pack.label_failed', { reprint: false })];
    expect(shown(...failed)).toEqual({ ...plain('verified'), label: 'failed' });
    expect(shown(...failed, REQUESTED)).toEqual({ ...plain('verified'), label: 'requested' });
  });

  it('put aside or cancelled: no order on the bench; events of an order the feed never told of change nothing', () => {
    expect(after(LOADED, ev('pack.order_aside', { reason: 'other' }))).toBeNull();
    expect(after(LOADED, VERIFIED, ev('pack.order_cancelled'))).toBeNull();
    expect(after(VERIFIED, REQUESTED, PRINTED)).toBeNull();
  });

  it('the station book keeps each station’s bench beside its order, and sends it in its snapshot', () => {
    const book = new StationBook();
    const record = (seq: number, station: string, body: StationEventBody): FeedRecordOf => ({
      kind: 'event', seq, at: '2026-12-06T08:00:00.000Z', station, event: { station, seq, at: '2026-12-06T08:00:00.000Z', body },
    });
    [LOADED, VERIFIED, REQUESTED, PRINTED].forEach((body, i) => book.apply(record(i + 1, 'P1', body)));
    book.apply(record(5, 'P2', LOADED));
    expect(book.get('P1')).toMatchObject({ order: ORDER, bench: { progress: 'labelled', label: null } });
    expect(book.get('P2')?.bench?.progress).toBe('loaded');
    const reloaded = new StationBook();
    reloaded.load(book.snapshot(), null);
    expect(reloaded.get('P1')?.bench).toEqual(book.get('P1')?.bench);
  });
});
