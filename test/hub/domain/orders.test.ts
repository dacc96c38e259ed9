import { describe, expect, it } from 'vitest';
import { DomainError, findTaskByWaybill, getOwn, heldOrders, taskOfOrder } from '../../../hub/domain/index.js';
import { Harness, T0, alerts, malformed, ofType, orderCommand, types } from './harness.js';

describe('createOrder', () => {
  it('releases an order whose lines all resolve as a pack task, merging lines of one master SKU', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: 'DRESS-RED-M' });
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-RED-M-2601-GIFT', masterSku: 'DRESS-RED-M' });
    const events = h.ok(orderCommand('9001', [['DY-RED-M-2601', 1], ['DY-RED-M-2601-GIFT', 2]], 'douyin'));

    expect(types(events)).toEqual(['order.created', 'order.released', 'task.released']);
    const order = getOwn(h.state.orders, 'douyin:9001')!;
    expect(order).toMatchObject({ status: 'released', taskId: 'T1', waybill: 'WB9001', createdAt: T0.toISOString() });
    expect(order.label).toEqual({ name: 'Wang Fang', phone: '13800000000', address: '1 Nanjing Rd, Shanghai' });
    expect(taskOfOrder(h.state, 'douyin:9001')).toMatchObject({
      id: 'T1',
      no: 1,
      progress: 'released',
      lines: [{ sku: 'DRESS-RED-M', quantity: 3 }],
      releasedAt: T0.toISOString(),
    });
  });

  it('holds an order with any unresolved line, naming the lines and codes, with a warning alert', () => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'pinduoduo', channelSku: 'PDD26R001', masterSku: 'DRESS-RED-M' });
    const events = h.ok(orderCommand('77', [['PDD26R001', 1], ['PDD-BABY-SH-01', 2], ['PDD-X', 1]], 'pinduoduo'));

    expect(types(events)).toEqual(['order.created', 'order.held', 'alert.raised']);
    const order = getOwn(h.state.orders, 'pinduoduo:77')!;
    expect(order.status).toBe('held');
    expect(order.taskId).toBeUndefined();
    expect(order.hold).toEqual({
      since: T0.toISOString(),
      unresolved: [
        { line: 1, channelSku: 'PDD-BABY-SH-01' },
        { line: 2, channelSku: 'PDD-X' },
      ],
    });
    expect(alerts(events)[0]).toMatchObject({
      kind: 'order-held',
      severity: 'warning',
      target: { orderId: 'pinduoduo:77', channelSku: 'PDD-BABY-SH-01' },
    });
    expect(Object.keys(h.state.tasks)).toEqual([]);
    expect(heldOrders(h.state).map((o) => o.id)).toEqual(['pinduoduo:77']);
  });

  it('refuses a second order with the same channel order number: ORDER_EXISTS', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['A', 1]]));
    expect(h.refused({ ...orderCommand('1', [['A', 1]]), waybill: 'OTHER' })).toBe(DomainError.OrderExists);
    // The same number on another channel is another order.
    h.ok({ ...orderCommand('1', [['A', 1]], 'douyin'), waybill: 'WB-DY-1' });
  });

  it('refuses a waybill a live order already has: WAYBILL_EXISTS', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['A', 1]]));
    expect(h.refused({ ...orderCommand('2', [['A', 1]]), waybill: 'WB1' })).toBe(DomainError.WaybillExists);
  });

  it('refuses non-positive or fractional quantities: BAD_QUANTITY', () => {
    const h = new Harness();
    expect(h.refused(orderCommand('1', [['A', 0]]))).toBe(DomainError.BadQuantity);
    expect(h.refused(orderCommand('1', [['A', 1.5]]))).toBe(DomainError.BadQuantity);
    expect(h.refused(orderCommand('1', [['A', -2]]))).toBe(DomainError.BadQuantity);
  });

  it('refuses an unknown channel, no lines, or a missing label: BAD_COMMAND', () => {
    const h = new Harness();
    expect(h.refused(malformed({ ...orderCommand('1', [['A', 1]]), channel: 'jd' }))).toBe(DomainError.BadCommand);
    expect(h.refused(orderCommand('1', []))).toBe(DomainError.BadCommand);
    const { label: _label, ...noLabel } = orderCommand('1', [['A', 1]]);
    expect(h.refused(malformed(noLabel))).toBe(DomainError.BadCommand);
  });
});

describe('resolveHeldOrders', () => {
  it('releases a held order once its mapping appears', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['DY-BT-002', 1]], 'douyin'));
    h.advance(60_000);
    // A mapping alone does not release anything: re-resolution is its own command.
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
    expect(getOwn(h.state.orders, 'douyin:1')!.status).toBe('held');

    const events = h.ok({ type: 'resolveHeldOrders' });
    expect(types(events)).toEqual(['order.released', 'alert.closed', 'task.released']);
    const order = getOwn(h.state.orders, 'douyin:1')!;
    expect(order).toMatchObject({ status: 'released', taskId: 'T1', releasedAt: h.now.toISOString() });
    expect(order.hold).toBeUndefined();
    expect(order.lines[0]!.masterSku).toBe('BT-002');
    expect(heldOrders(h.state)).toEqual([]);
  });

  it('keeps an order held while lines are missing, updating the reason without a new alert', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['A', 1], ['B', 1]]));
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'A', masterSku: 'SKU-A' });
    const events = h.ok({ type: 'resolveHeldOrders', orderIds: ['taobao:1'] });
    expect(types(events)).toEqual(['order.held']);
    expect(getOwn(h.state.orders, 'taobao:1')!.hold).toEqual({ since: T0.toISOString(), unresolved: [{ line: 1, channelSku: 'B' }] });
    // Nothing new resolves: nothing changes.
    expect(h.ok({ type: 'resolveHeldOrders' })).toEqual([]);
  });

  it('releases held orders oldest first, so the older gets the lower task number', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['A', 1]]));
    h.ok(orderCommand('2', [['A', 1]]));
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'A', masterSku: 'SKU-A' });
    h.ok({ type: 'resolveHeldOrders' });
    expect(getOwn(h.state.orders, 'taobao:1')!.taskId).toBe('T1');
    expect(getOwn(h.state.orders, 'taobao:2')!.taskId).toBe('T2');
  });

  it('refuses unknown or not-held orders: ORDER_NOT_FOUND, ORDER_NOT_HELD', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    expect(h.refused({ type: 'resolveHeldOrders', orderIds: ['taobao:404'] })).toBe(DomainError.OrderNotFound);
    expect(h.refused({ type: 'resolveHeldOrders', orderIds: ['taobao:1'] })).toBe(DomainError.OrderNotHeld);
  });
});

describe('findTaskByWaybill', () => {
  it('finds the live order task, and a cancelled one only when no live order has the waybill', () => {
    const h = new Harness();
    const first = h.order('1', [['A', 1]]);
    expect(findTaskByWaybill(h.state, 'WB1')?.id).toBe(first);
    const freeze = ofType(h.ok({ type: 'createFreeze', orderId: 'taobao:1' }), 'freeze.created')[0]!;
    h.ok({ type: 'approveFreeze', freezeId: freeze.freezeId });
    expect(findTaskByWaybill(h.state, 'WB1')?.cancelled).toBeDefined();
    // The waybill is free again once its order is cancelled.
    h.ok({ ...orderCommand('2', [['taobao-A', 1]]), waybill: 'WB1' });
    expect(findTaskByWaybill(h.state, 'WB1')?.orderId).toBe('taobao:2');
    expect(findTaskByWaybill(h.state, 'nope')).toBeUndefined();
  });
});
