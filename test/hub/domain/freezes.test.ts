import { describe, expect, it } from 'vitest';
import { DomainError, getOwn, pendingFreezeOf, stockView, taskStatus } from '../../../hub/domain/index.js';
import { HOUR, Harness, T0, alerts, ofType, orderCommand, types } from './harness.js';

function freeze(h: Harness, orderId: string, extra: Record<string, unknown> = {}): string {
  const events = h.ok({ type: 'createFreeze', orderId, ...extra });
  return ofType(events, 'freeze.created')[0]!.freezeId;
}

function row(h: Harness, sku: string) {
  return stockView(h.state).find((r) => r.sku === sku)!;
}

describe('createFreeze', () => {
  it('stops a task loaded at a station at once, and puts it on the stop list', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'DRESS', quantity: 10 });
    const id = h.order('1001', [['DRESS', 2]]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S7' });
    const versionBefore = h.state.stopList.version;

    const events = h.ok({ type: 'createFreeze', orderId: 'taobao:1001' }, { origin: '10.0.0.7', reason: 'refund-only request' });
    expect(types(events)).toEqual(['task.stopped', 'freeze.created', 'alert.raised', 'stop-list.changed', 'freeze-list.changed']);
    expect(ofType(events, 'task.stopped')[0]).toMatchObject({ reason: 'refund', taskId: id, station: 'S7', stopId: 'S1' });
    expect(alerts(events)[0]).toMatchObject({
      kind: 'freeze-created',
      severity: 'critical',
      target: { station: 'S7', orderId: 'taobao:1001', taskId: id, sku: 'DRESS', freezeId: 'F1', stopId: 'S1' },
    });
    expect(getOwn(h.state.freezes, 'F1')).toMatchObject({
      status: 'pending',
      lines: [{ sku: 'DRESS', quantity: 2 }],
      createdAt: T0.toISOString(),
      expiresAt: new Date(T0.getTime() + 24 * HOUR).toISOString(),
    });
    expect(h.state.stopList).toEqual({
      version: versionBefore + 1,
      entries: [{ taskId: id, orderId: 'taobao:1001', reason: 'refund', since: T0.toISOString() }],
    });
    expect(h.state.freezeList.entries).toEqual([{ sku: 'DRESS', quantity: 2, exhausted: false }]);
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');
    // The task keeps its place: it is still loaded at S7, only held.
    expect(getOwn(h.state.tasks, id)).toMatchObject({ progress: 'loaded', station: 'S7' });
    // Its own units move from reserved to frozen; available does not count them twice.
    expect(row(h, 'DRESS')).toMatchObject({ onHand: 10, reserved: 0, frozen: 2, available: 8 });
  });

  it('raises a warning, not a critical alert, for a task no station has loaded', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    const events = h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(alerts(events)[0]).toMatchObject({ kind: 'freeze-created', severity: 'warning' });
    expect(alerts(events)[0]!.target.station).toBeUndefined();
  });

  it('freezes every SKU of the order by default, one SKU on request, and a batch with a quantity', () => {
    const h = new Harness();
    h.order('1', [['A', 2], ['B', 3]]);
    h.order('2', [['A', 1], ['B', 1]]);
    h.order('3', [['C', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', warehouse: 'WH1' });
    expect(getOwn(h.state.freezes, 'F1')!.lines).toEqual([
      { sku: 'A', quantity: 2, warehouse: 'WH1' },
      { sku: 'B', quantity: 3, warehouse: 'WH1' },
    ]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', sku: 'B' });
    expect(getOwn(h.state.freezes, 'F2')!.lines).toEqual([{ sku: 'B', quantity: 1 }]);
    // A single-SKU order needs no SKU for a batch freeze.
    h.ok({ type: 'createFreeze', orderId: 'taobao:3', batch: 'L2603', quantity: 6 });
    expect(getOwn(h.state.freezes, 'F3')!.lines).toEqual([{ sku: 'C', quantity: 6, batch: 'L2603' }]);
    expect(h.state.freezeList.entries).toEqual([
      { sku: 'A', quantity: 2, warehouse: 'WH1', exhausted: false },
      { sku: 'B', quantity: 1, exhausted: false },
      { sku: 'B', quantity: 3, warehouse: 'WH1', exhausted: false },
      { sku: 'C', quantity: 6, batch: 'L2603', exhausted: false },
    ]);
  });

  it('takes a time to live in seconds, and refuses one out of range: BAD_TTL', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', ttlSeconds: 0 })).toBe(DomainError.BadTtl);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', ttlSeconds: 31 * 24 * 3600 })).toBe(DomainError.BadTtl);
    freeze(h, 'taobao:1', { ttlSeconds: 3600 });
    expect(getOwn(h.state.freezes, 'F1')!.expiresAt).toBe(new Date(T0.getTime() + HOUR).toISOString());
  });

  it('uses the configured default time to live', () => {
    const h = new Harness({ config: { freezeTtlMs: 2 * HOUR } });
    h.order('1', [['A', 1]]);
    freeze(h, 'taobao:1');
    expect(getOwn(h.state.freezes, 'F1')!.expiresAt).toBe(new Date(T0.getTime() + 2 * HOUR).toISOString());
  });

  it('refuses what it cannot freeze, with a code for each case', () => {
    const h = new Harness();
    h.order('1', [['A', 2], ['B', 1]]);
    h.order('2', [['A', 1]]);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:404' })).toBe(DomainError.OrderNotFound);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', quantity: 1 })).toBe(DomainError.FreezeSkuRequired);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', batch: 'L1' })).toBe(DomainError.FreezeSkuRequired);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', sku: 'Z' })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 0 })).toBe(DomainError.BadQuantity);
    freeze(h, 'taobao:1');
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1' })).toBe(DomainError.OrderAlreadyFrozen);
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(h.refused({ type: 'createFreeze', orderId: 'taobao:1' })).toBe(DomainError.OrderCancelled);
  });

  it('freezes a held order: its task is born stopped when the mapping appears', () => {
    const h = new Harness();
    h.ok(orderCommand('5', [['NEW-SKU', 1]]));
    const events = h.ok({ type: 'createFreeze', orderId: 'taobao:5' });
    expect(ofType(events, 'task.stopped')[0]!.taskId).toBeUndefined();
    expect(h.state.stopList.entries).toEqual([]);
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'NEW-SKU', masterSku: 'N' });
    h.ok({ type: 'resolveHeldOrders' });
    expect(h.state.stopList.entries).toMatchObject([{ taskId: 'T1', orderId: 'taobao:5', reason: 'refund' }]);
  });
});

describe('approveFreeze', () => {
  it('releases the task: cancelled, reservation released, goods available again, never ships', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 5 });
    const id = h.order('1', [['A', 2]]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S1' });
    const freezeId = freeze(h, 'taobao:1');
    h.advance(HOUR);

    const events = h.ok({ type: 'approveFreeze', freezeId, note: 'refund approved by channel' });
    expect(types(events)).toEqual(['freeze.approved', 'alert.closed', 'order.cancelled', 'task.cancelled', 'stop-list.changed', 'freeze-list.changed']);
    expect(ofType(events, 'task.cancelled')[0]).toMatchObject({ unreserved: [{ sku: 'A', quantity: 2 }], returned: [] });
    expect(events[0]!.audit.reason).toBe('refund approved by channel');
    expect(getOwn(h.state.freezes, freezeId)).toMatchObject({ status: 'approved', closedAt: h.now.toISOString() });
    expect(getOwn(h.state.orders, 'taobao:1')).toMatchObject({ status: 'cancelled', cancelledAt: h.now.toISOString() });
    expect(getOwn(h.state.tasks, id)!.cancelled).toEqual({ at: h.now.toISOString(), freezeId });
    expect(row(h, 'A')).toMatchObject({ onHand: 5, reserved: 0, frozen: 0, available: 5 });
    // Stations keep the task on their stop list, now marked cancelled.
    expect(h.state.stopList.entries).toEqual([
      { taskId: id, orderId: 'taobao:1', reason: 'refund', since: T0.toISOString(), cancelled: true },
    ]);
    expect(h.state.freezeList.entries).toEqual([]);
    expect(pendingFreezeOf(h.state, 'taobao:1')).toBeUndefined();
  });

  it('puts a labelled parcel back: its consumed units return to the lot they came from', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', batch: 'L1', quantity: 3 });
    const id = h.order('1', [['A', 2]]);
    h.verify(id);
    h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(row(h, 'A')).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    const freezeId = freeze(h, 'taobao:1');
    // The parcel's units are not on the shelf, so the freeze takes nothing more from it.
    expect(row(h, 'A')).toMatchObject({ onHand: 1, frozen: 0, available: 1 });

    const events = h.ok({ type: 'approveFreeze', freezeId });
    expect(ofType(events, 'task.cancelled')[0]).toMatchObject({
      unreserved: [],
      returned: [{ sku: 'A', batch: 'L1', quantity: 2 }],
    });
    expect(ofType(events, 'stock.changed')).toMatchObject([{ sku: 'A', batch: 'L1', previous: 1, onHand: 3, cause: 'release' }]);
    expect(row(h, 'A')).toMatchObject({ onHand: 3, available: 3 });
  });

  it('cancels a held order for good: it is never released', () => {
    const h = new Harness();
    h.ok(orderCommand('5', [['NEW-SKU', 1]]));
    h.ok({ type: 'approveFreeze', freezeId: freeze(h, 'taobao:5') });
    expect(getOwn(h.state.orders, 'taobao:5')).toMatchObject({ status: 'cancelled' });
    expect(getOwn(h.state.orders, 'taobao:5')!.hold).toBeUndefined();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'NEW-SKU', masterSku: 'N' });
    expect(h.ok({ type: 'resolveHeldOrders' })).toEqual([]);
    expect(h.refused({ type: 'resolveHeldOrders', orderIds: ['taobao:5'] })).toBe(DomainError.OrderNotHeld);
  });

  it('refuses unknown and decided freezes: FREEZE_NOT_FOUND, FREEZE_NOT_PENDING', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 1]]);
    expect(h.refused({ type: 'approveFreeze', freezeId: 'F9' })).toBe(DomainError.FreezeNotFound);
    expect(h.refused({ type: 'rejectFreeze', freezeId: 'F9' })).toBe(DomainError.FreezeNotFound);
    const approved = freeze(h, 'taobao:1');
    h.ok({ type: 'approveFreeze', freezeId: approved });
    expect(h.refused({ type: 'approveFreeze', freezeId: approved })).toBe(DomainError.FreezeNotPending);
    expect(h.refused({ type: 'rejectFreeze', freezeId: approved })).toBe(DomainError.FreezeNotPending);
    const rejected = freeze(h, 'taobao:2');
    h.ok({ type: 'rejectFreeze', freezeId: rejected });
    expect(h.refused({ type: 'approveFreeze', freezeId: rejected })).toBe(DomainError.FreezeNotPending);
  });
});

describe('rejectFreeze', () => {
  it('unfreezes at once: the stop is lifted and the task resumes where it was', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 5 });
    const id = h.order('1', [['A', 2]]);
    h.verify(id);
    const freezeId = freeze(h, 'taobao:1');
    const events = h.ok({ type: 'rejectFreeze', freezeId });
    expect(types(events)).toEqual(['freeze.rejected', 'alert.closed', 'task.stop-lifted', 'stop-list.changed', 'freeze-list.changed']);
    expect(ofType(events, 'task.stop-lifted')[0]).toMatchObject({ reason: 'refund', taskId: id });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('verified');
    expect(h.state.stopList.entries).toEqual([]);
    expect(row(h, 'A')).toMatchObject({ reserved: 2, frozen: 0, available: 3 });
    expect(getOwn(h.state.freezes, freezeId)!.status).toBe('rejected');
  });

  it('lifts only the refund stop; a manual stop stays', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'fraud' });
    h.ok({ type: 'rejectFreeze', freezeId: freeze(h, 'taobao:1') });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');
    expect(h.state.stopList.entries.map((e) => e.reason)).toEqual(['fraud']);
  });
});

describe('tick: freeze expiry', () => {
  it('escalates an expired freeze once, with a critical alert; the freeze stays in force', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    const freezeId = freeze(h, 'taobao:1');
    h.advance(24 * HOUR - 1);
    expect(h.ok({ type: 'tick' })).toEqual([]);

    h.advance(1);
    const events = h.ok({ type: 'tick' }, { actor: { kind: 'system', id: 'clock' } });
    expect(types(events)).toEqual(['freeze.escalated', 'alert.closed', 'alert.raised']);
    expect(events[0]!.audit.actor).toEqual({ kind: 'system', id: 'clock' });
    expect(alerts(events)[0]).toMatchObject({ kind: 'freeze-expired', severity: 'critical', target: { orderId: 'taobao:1', freezeId } });
    expect(getOwn(h.state.freezes, freezeId)).toMatchObject({ status: 'pending', escalatedAt: h.now.toISOString() });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');

    h.advance(HOUR);
    expect(h.ok({ type: 'tick' })).toEqual([]);
    // A supervisor can still decide after escalation.
    h.ok({ type: 'approveFreeze', freezeId });
    expect(getOwn(h.state.freezes, freezeId)!.status).toBe('approved');
  });

  it('releases an expired freeze when configured to, with a warning alert', () => {
    const h = new Harness({ config: { onFreezeExpiry: 'release' } });
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 3 });
    const id = h.order('1', [['A', 1]]);
    const freezeId = freeze(h, 'taobao:1', { ttlSeconds: 600 });
    h.advance(600_000);
    const events = h.ok({ type: 'tick' });
    expect(types(events)).toEqual([
      'freeze.expired',
      'alert.closed',
      'order.cancelled',
      'task.cancelled',
      'alert.raised',
      'stop-list.changed',
      'freeze-list.changed',
    ]);
    expect(alerts(events)[0]).toMatchObject({ kind: 'freeze-released', severity: 'warning' });
    expect(getOwn(h.state.freezes, freezeId)!.status).toBe('expired');
    expect(getOwn(h.state.tasks, id)!.cancelled).toBeDefined();
    expect(row(h, 'A')).toMatchObject({ available: 3 });
    expect(h.ok({ type: 'tick' })).toEqual([]);
  });

  it('processes every expired freeze in one tick, leaving the others', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 1]]);
    freeze(h, 'taobao:1', { ttlSeconds: 60 });
    freeze(h, 'taobao:2', { ttlSeconds: 120 });
    h.advance(90_000);
    expect(ofType(h.ok({ type: 'tick' }), 'freeze.escalated').map((e) => e.freezeId)).toEqual(['F1']);
    h.advance(3600_000);
    expect(ofType(h.ok({ type: 'tick' }), 'freeze.escalated').map((e) => e.freezeId)).toEqual(['F2']);
  });
});
