import { describe, expect, it } from 'vitest';
import { findStuck, fulfilmentNodes, getOwn, type CommandOf } from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, alerts, ofType, types } from './harness.js';

const at = (h: Harness) => h.now.toISOString();
const order = (h: Harness, id = 'taobao:1') => getOwn(h.state.orders, id)!;
const carrier = (eventId: string, event: CommandOf<'carrierEvent'>['event'], extra: Partial<CommandOf<'carrierEvent'>> = {}): CommandOf<'carrierEvent'> => ({
  type: 'carrierEvent',
  orderId: 'taobao:1',
  carrier: 'sf-express',
  eventId,
  event,
  ...extra,
});

/** A labelled order `1` of one unit of A, labelled at S1. */
function labelled(h: Harness, orderNo = '1'): string {
  const taskId = h.order(orderNo, [['A', 1]]);
  h.verify(taskId);
  h.ok({ type: 'labelPrinted', taskId, station: 'S1' });
  return taskId;
}

/** Opens batch H{n} for sf-express; returns its id. */
function batch(h: Harness, carrierId = 'sf-express'): string {
  return ofType(h.ok({ type: 'openHandover', carrier: carrierId, station: 'DOCK1', operator: 'Zhao Lei' }), 'handover.opened')[0]!.batchId;
}

describe('fulfilment nodes', () => {
  it('records when the order reached each node, from release to delivery', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    const released = at(h);
    expect(fulfilmentNodes(h.state, order(h))).toEqual({ node: 'released', at: { released } });
    h.advance(HOUR);
    h.verify('T1');
    const verified = at(h);
    h.advance(HOUR);
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
    const labelledAt = at(h);
    h.advance(HOUR);
    const id = batch(h);
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'wb1' });
    h.ok({ type: 'closeHandover', batchId: id, operator: 'Zhao Lei' });
    const handed = at(h);
    h.advance(HOUR);
    h.ok(carrier('E1', 'carrier.picked_up', { occurredAt: '2026-03-02T20:30:00+08:00' }));
    h.ok(carrier('E2', 'carrier.delivered'));
    expect(fulfilmentNodes(h.state, order(h))).toEqual({
      node: 'delivered',
      at: { released, verified, labelled: labelledAt, 'handed-over': handed, 'picked-up': '2026-03-02T12:30:00.000Z', delivered: at(h) },
    });
  });

  it('is null for a held order, and a sealed parcel reaches labelled', () => {
    const h = new Harness();
    h.ok({ type: 'createOrder', channel: 'taobao', orderNo: '9', waybill: 'X9', label: { name: 'n', phone: 'p', address: 'a' }, lines: [{ channelSku: 'NOPE', quantity: 1 }] });
    expect(fulfilmentNodes(h.state, order(h, 'taobao:9')).node).toBeNull();
    h.order('1', [['A', 1]]);
    h.verify('T1');
    h.ok({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: { index: 1, waybill: 'WB1' } });
    expect(fulfilmentNodes(h.state, order(h)).at.labelled).toBe(at(h));
  });
});

describe('carrier events', () => {
  it('are stored once per carrier and event id: a repeat changes nothing', () => {
    const h = new Harness();
    labelled(h);
    expect(types(h.ok(carrier('E1', 'carrier.in_transit')))).toEqual(['order.carrier-event']);
    const state = h.state;
    expect(h.ok(carrier('E1', 'carrier.in_transit'))).toEqual([]);
    expect(h.state).toBe(state);
    // Another carrier's event id E1 is another event.
    expect(h.ok(carrier('E1', 'carrier.in_transit', { carrier: 'zto' }))).toHaveLength(1);
    expect(order(h).tracking).toEqual({ inTransit: at(h) });
  });

  it('move the order only the first time a node is reached, and name the node', () => {
    const h = new Harness();
    labelled(h);
    expect(ofType(h.ok(carrier('E1', 'carrier.picked_up')), 'order.carrier-event')[0]).toMatchObject({ node: 'picked-up', event: 'carrier.picked_up' });
    const first = at(h);
    h.advance(HOUR);
    expect(ofType(h.ok(carrier('E2', 'carrier.picked_up')), 'order.carrier-event')[0]).not.toHaveProperty('node');
    expect(order(h).tracking?.pickedUp).toBe(first);
  });

  it('raise a carrier-exception warning for an exception', () => {
    const h = new Harness();
    labelled(h);
    const raised = alerts(h.ok(carrier('E9', 'carrier.exception', { detail: 'address not found', waybill: 'WB1' })));
    expect(raised).toEqual([expect.objectContaining({ kind: 'carrier-exception', severity: 'warning', target: { orderId: 'taobao:1', carrier: 'sf-express', waybill: 'WB1' } })]);
    expect(order(h).tracking?.exception).toEqual({ at: at(h), detail: 'address not found' });
  });

  it('are refused for an unknown order (ORDER_NOT_FOUND) and a waybill the order lacks (PARCEL_NOT_FOUND)', () => {
    const h = new Harness();
    labelled(h);
    expect(h.refused(carrier('E1', 'carrier.picked_up', { orderId: 'taobao:404' }))).toBe('ORDER_NOT_FOUND');
    expect(h.refused(carrier('E1', 'carrier.picked_up', { waybill: 'OTHER' }))).toBe('PARCEL_NOT_FOUND');
    expect(h.refused(carrier('E1', 'carrier.picked_up', { carrier: 'SF Express' }))).toBe('BAD_COMMAND');
  });
});

describe('the patrol', () => {
  const patrol = (h: Harness) => h.ok({ type: 'patrol' });

  it('raises one order-stuck alert per order past its limit, and nothing more on the next pass', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.advance(4 * HOUR - 1);
    expect(patrol(h)).toEqual([]);
    h.advance(1);
    const raised = alerts(patrol(h));
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'order-stuck', severity: 'warning', target: { orderId: 'taobao:1', taskId: 'T1', node: 'released', since: T0.toISOString() } }),
    ]);
    expect(patrol(h)).toEqual([]);
    expect(getOwn(h.state.stuck, 'taobao:1')).toEqual({ alertSeq: raised[0]!.seq, node: 'released', since: T0.toISOString() });
  });

  it("puts the open order-stuck alert on the order's nodes, and takes it off when the order moves", () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.advance(4 * HOUR);
    const seq = alerts(patrol(h))[0]!.seq;
    expect(fulfilmentNodes(h.state, order(h)).stuck).toEqual({ node: 'released', since: T0.toISOString(), alertSeq: seq });
    h.verify('T1');
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
    expect(fulfilmentNodes(h.state, order(h))).not.toHaveProperty('stuck');
  });

  it('closes the alert when the order moves, and raises a new one when it stays at the next node', () => {
    const h = new Harness();
    labelled(h);
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' }); // a reprint moves nothing
    h.advance(2 * HOUR);
    const [stuck] = alerts(patrol(h));
    expect(stuck!.target.node).toBe('labelled');
    const id = batch(h);
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB1' });
    const closedEvents = h.ok({ type: 'closeHandover', batchId: id, operator: 'Zhao Lei' });
    expect(ofType(closedEvents, 'alert.closed')).toEqual([expect.objectContaining({ seq: stuck!.seq, orderId: 'taobao:1', reason: 'reached handed-over' })]);
    expect(h.state.alerts.find((alert) => alert.seq === stuck!.seq)?.closed).toEqual({ at: at(h), reason: 'reached handed-over' });
    expect(getOwn(h.state.stuck, 'taobao:1')).toBeUndefined();
    h.advance(4 * HOUR);
    expect(alerts(patrol(h)).map((alert) => alert.target.node)).toEqual(['handed-over']);
    expect(types(h.ok(carrier('E1', 'carrier.picked_up')))).toEqual(['order.carrier-event', 'alert.closed']);
    h.advance(100 * HOUR);
    expect(patrol(h)).toEqual([]);
  });

  it('closes the alert of an order that was stopped, and leaves stopped and cancelled orders alone', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.advance(5 * HOUR);
    patrol(h);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    expect(types(patrol(h))).toEqual(['alert.closed']);
    expect(patrol(h)).toEqual([]);
  });

  it('takes its limits from the config', () => {
    const h = new Harness({ config: { stuckLimits: { released: HOUR, labelled: 60_000, 'handed-over': HOUR } } });
    labelled(h);
    h.advance(60_000);
    expect(alerts(patrol(h)).map((alert) => alert.target.node)).toEqual(['labelled']);
    expect(findStuck(h.state, h.now, { released: HOUR, labelled: 2 * HOUR, 'handed-over': HOUR })).toEqual([]);
  });

  it('takes the limits a pass carries over the config (the hub puts its own in every pass)', () => {
    const h = new Harness();
    labelled(h);
    h.advance(10 * 60_000);
    const limits = { released: HOUR, labelled: 10 * 60_000, 'handed-over': HOUR };
    expect(h.ok({ type: 'patrol', limits }).map((event) => event.type)).toEqual(['alert.raised']);
    expect(h.refused({ type: 'patrol', limits: { ...limits, labelled: 999 } })).toBe('BAD_COMMAND');
  });
});

describe('dock handover', () => {
  it('scans packed parcels into a batch and hands them over when it closes, with count, time and operator', () => {
    const h = new Harness();
    labelled(h, '1');
    labelled(h, '2');
    const id = batch(h);
    expect(ofType(h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB1', station: 'DOCK1' }), 'handover.scanned')[0]).toMatchObject({ count: 1, parcelIndex: 1 });
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'wb2' });
    const events = h.ok({ type: 'closeHandover', batchId: id, operator: 'Zhao Lei' });
    expect(types(events)).toEqual(['handover.closed', 'order.handed-over', 'order.handed-over']);
    expect(ofType(events, 'handover.closed')[0]).toMatchObject({ count: 2, waybills: ['WB1', 'WB2'], operator: 'Zhao Lei', carrier: 'sf-express' });
    expect(getOwn(h.state.handovers, id)!.closed).toEqual({ at: at(h), by: 'Zhao Lei', count: 2 });
    expect(order(h).parcels[0]!.handedOver).toEqual({ at: at(h), batchId: id, station: 'DOCK1' });
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'WB1' })).toBe('HANDOVER_CLOSED');
    expect(h.refused({ type: 'handoverScan', batchId: batch(h), waybill: 'WB1' })).toBe('PARCEL_HANDED_OVER');
  });

  it('refuses a waybill no order has, a parcel not packed, a parcel scanned twice, and another carrier', () => {
    const h = new Harness();
    labelled(h, '1');
    h.order('2', [['A', 1]]);
    h.ok({ type: 'createOrder', channel: 'taobao', orderNo: '3', waybill: 'ZTO3', carrier: 'zto', label: { name: 'n', phone: 'p', address: 'a' }, lines: [{ channelSku: 'taobao-A', quantity: 1 }] });
    h.verify('T3');
    h.ok({ type: 'labelPrinted', taskId: 'T3', station: 'S1' });
    const id = batch(h);
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'NOBODY' })).toBe('WAYBILL_NOT_FOUND');
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'WB2' })).toBe('PARCEL_NOT_PACKED');
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'ZTO3' })).toBe('CARRIER_MISMATCH');
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB1' });
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'WB1' })).toBe('PARCEL_IN_BATCH');
    expect(h.refused({ type: 'handoverScan', batchId: batch(h), waybill: 'WB1' })).toBe('PARCEL_IN_BATCH');
    expect(h.refused({ type: 'handoverScan', batchId: 'H99', waybill: 'WB1' })).toBe('HANDOVER_NOT_FOUND');
    expect(h.refused({ type: 'openHandover', batchId: id, carrier: 'zto', operator: 'x' })).toBe('HANDOVER_EXISTS');
  });
});

describe('intercepts', () => {
  it('a refund after labelling raises an intercept naming the station, blocks the dock scan, and closes when the parcel is taken out', () => {
    const h = new Harness();
    labelled(h);
    const raised = alerts(h.ok({ type: 'createFreeze', orderId: 'taobao:1' }));
    const intercept = raised.find((alert) => alert.kind === 'parcel-intercepted')!;
    expect(intercept).toMatchObject({ severity: 'critical', target: { orderId: 'taobao:1', taskId: 'T1', waybill: 'WB1', station: 'S1' } });
    const id = batch(h);
    expect(h.refused({ type: 'handoverScan', batchId: id, waybill: 'WB1' })).toBe('PARCEL_INTERCEPTED');
    const out = h.ok({ type: 'withdrawParcel', waybill: 'WB1', station: 'DOCK1' });
    expect(types(out)).toEqual(['parcel.withdrawn', 'alert.closed']);
    expect(ofType(out, 'alert.closed')[0]).toMatchObject({ seq: intercept.seq, reason: 'withdrawn at DOCK1' });
    expect(getOwn(h.state.intercepts, 'taobao:1')).toBeUndefined();
  });

  it('names the open batch holding the parcel, and the batch cannot close until it is taken out', () => {
    const h = new Harness();
    labelled(h, '1');
    labelled(h, '2');
    const id = batch(h);
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB1' });
    h.ok({ type: 'handoverScan', batchId: id, waybill: 'WB2' });
    const raised = alerts(h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'address-change' }));
    expect(raised.find((alert) => alert.kind === 'parcel-intercepted')!.target).toEqual({ orderId: 'taobao:2', taskId: 'T2', waybill: 'WB2', batchId: id, carrier: 'sf-express' });
    expect(h.refused({ type: 'closeHandover', batchId: id, operator: 'Zhao Lei' })).toBe('HANDOVER_HAS_INTERCEPT');
    expect(ofType(h.ok({ type: 'withdrawParcel', waybill: 'WB2' }), 'parcel.withdrawn')[0]).toMatchObject({ batchId: id });
    expect(ofType(h.ok({ type: 'closeHandover', batchId: id, operator: 'Zhao Lei' }), 'handover.closed')[0]!.count).toBe(1);
  });

  it('closes when the stop is lifted, and none is raised for an order not yet labelled', () => {
    const h = new Harness();
    labelled(h);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    expect(types(h.ok({ type: 'liftStop', stopId: 'S1' }))).toContain('alert.closed');
    h.order('2', [['A', 1]]);
    expect(alerts(h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'manual' })).map((alert) => alert.kind)).toEqual(['task-stopped']);
  });
});
