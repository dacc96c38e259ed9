import { describe, expect, it } from 'vitest';
import { NEXT_PARCEL_CARD, RESOLVE_CARD, START, SUPERVISOR_CARD, nextMove, type BenchView, type PackerCursor } from '../../cli/commands/demo-packer-moves.js';
import type { PackerPlan } from '../../cli/commands/demo-plan.js';
import type { Block, LabelStatus, LoadedOrder, PackSession } from '../../station/pack/index.js';

const PLAN: PackerPlan = {
  badge: 'PACKER-01',
  orders: [
    { orderNo: 'TB1', scans: ['BOOK', 'DRESS', 'DRESS'], parcels: [{ waybill: 'YT1', platform: 'cainiao' }] },
    { orderNo: 'TB2', scans: ['SOCK'], parcels: [{ waybill: 'SF2' }] },
  ],
};

function loaded(orderNo: string, label: LabelStatus = 'none'): LoadedOrder {
  return { task: { orderNo }, parcels: [{ label: { status: label, printed: 0 } }] } as unknown as LoadedOrder;
}

function view(session: Partial<PackSession>, scannerReady = true): BenchView {
  return { scannerReady, session: { packer: 'PACKER-01', phase: 'idle', order: null, block: null, ...session } };
}

function blocked(scope: Block['scope'], clearBy: Block['clearBy']): Block {
  return { reason: scope === 'order' ? 'order_stopped' : 'wrong_item', scope, clearBy, since: 0, sku: null, code: null, detail: null, lifted: false };
}

const ON_TB1: PackerCursor = { order: 0, loaded: true, scan: 1, aside: false };

describe('a simulated packer', () => {
  it('signs in, then scans the first order and its units in turn', () => {
    expect(nextMove(PLAN, START, view({ packer: null }))).toEqual({ type: 'scan', code: '$PG:BADGE:PACKER-01', next: START });
    expect(nextMove(PLAN, START, view({}))).toEqual({ type: 'scan', code: '$PG:ORDER:TB1', next: { order: 0, loaded: true, scan: 0, aside: false } });
    expect(nextMove(PLAN, ON_TB1, view({ phase: 'packing', order: loaded('TB1') }))).toEqual({ type: 'scan', code: 'DRESS', next: { ...ON_TB1, scan: 2 } });
  });

  it('clears a wrong unit with RESOLVE and goes on with the order', () => {
    const move = nextMove(PLAN, ON_TB1, view({ phase: 'packing', order: loaded('TB1'), block: blocked('unit', 'resolve') }));
    expect(move).toEqual({ type: 'scan', code: RESOLVE_CARD, next: ON_TB1 });
  });

  it('puts an order aside when the hub holds it, then takes the next order', () => {
    const held = view({ phase: 'packing', order: loaded('TB1'), block: blocked('order', 'supervisor') });
    expect(nextMove(PLAN, ON_TB1, held)).toEqual({ type: 'aside', reason: 'other', next: ON_TB1 });
    expect(nextMove(PLAN, ON_TB1, view({}))).toMatchObject({ type: 'scan', code: '$PG:ORDER:TB2' });
  });

  it('has a supervisor clear a unit only a supervisor may clear, then puts the order aside', () => {
    const move = nextMove(PLAN, ON_TB1, view({ phase: 'packing', order: loaded('TB1'), block: blocked('unit', 'supervisor') }));
    expect(move).toEqual({ type: 'scan', code: SUPERVISOR_CARD, next: { ...ON_TB1, aside: true } });
    expect(nextMove(PLAN, { ...ON_TB1, aside: true }, view({ phase: 'packing', order: loaded('TB1') }))).toMatchObject({ type: 'aside', reason: 'other' });
  });

  it('waits while the scanner is unplugged, the hub is asked, or the label is printing', () => {
    expect(nextMove(PLAN, ON_TB1, view({ phase: 'packing', order: loaded('TB1') }, false))).toEqual({ type: 'wait', why: 'scanner' });
    expect(nextMove(PLAN, ON_TB1, view({ phase: 'awaiting_order' }))).toEqual({ type: 'wait', why: 'hub' });
    expect(nextMove(PLAN, ON_TB1, view({ phase: 'verified', order: loaded('TB1', 'requested') }))).toEqual({ type: 'wait', why: 'label' });
    // A stop that lands while the label is on its way: the queue gives it up (or prints it) first.
    const stopped = view({ phase: 'verified', order: loaded('TB1', 'requested'), block: blocked('order', 'supervisor') });
    expect(nextMove(PLAN, ON_TB1, stopped)).toEqual({ type: 'wait', why: 'label' });
  });

  it('puts aside an order whose label failed, and an order it did not plan (left by an earlier run)', () => {
    expect(nextMove(PLAN, ON_TB1, view({ phase: 'verified', order: loaded('TB1', 'failed') }))).toMatchObject({ type: 'aside', reason: 'label_problem' });
    expect(nextMove(PLAN, START, view({ phase: 'packing', order: loaded('OLD9') }))).toEqual({ type: 'aside', reason: 'other', next: START });
  });

  it('packs an order of two parcels: NEXT PARCEL between their units, then waits for each parcel\'s label', () => {
    const plan: PackerPlan = {
      badge: 'PACKER-01',
      orders: [{ orderNo: 'PDD1', scans: ['DRESS', NEXT_PARCEL_CARD, 'SOCK'], parcels: [{ waybill: 'ZT1', platform: 'pdd' }, { waybill: 'ZT1-2', platform: 'pdd' }] }],
    };
    const at = (scan: number): PackerCursor => ({ order: 0, loaded: true, scan, aside: false });
    const twoParcels = (first: LabelStatus, second: LabelStatus) =>
      ({ task: { orderNo: 'PDD1' }, parcels: [{ label: { status: first, printed: 0 } }, { label: { status: second, printed: 0 } }] }) as unknown as LoadedOrder;
    expect(nextMove(plan, at(1), view({ phase: 'packing', order: twoParcels('none', 'none') }))).toEqual({ type: 'scan', code: NEXT_PARCEL_CARD, next: at(2) });
    // The first parcel's label printed, the second's not yet asked for: the order is not done.
    expect(nextMove(plan, at(3), view({ phase: 'verified', order: twoParcels('printed', 'none') }))).toEqual({ type: 'wait', why: 'label' });
    expect(nextMove(plan, at(3), view({ phase: 'verified', order: twoParcels('printed', 'requested') }))).toEqual({ type: 'wait', why: 'label' });
    expect(nextMove(plan, at(3), view({ phase: 'printed', order: twoParcels('printed', 'printed') }))).toEqual({ type: 'done' });
  });

  it('moves on after a printed label and is done after the last order', () => {
    const printed = view({ phase: 'printed', order: loaded('TB2', 'printed') });
    expect(nextMove(PLAN, { order: 1, loaded: true, scan: 1, aside: false }, printed)).toEqual({ type: 'done' });
  });
});
