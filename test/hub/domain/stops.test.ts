import { describe, expect, it } from 'vitest';
import { DomainError, getOwn, stopsOfOrder, taskStatus } from '../../../hub/domain/index.js';
import { Harness, T0, alerts, malformed, ofType, orderCommand, types } from './harness.js';

describe('stopTask and liftStop', () => {
  it('stops a task with a reason and lifts the stop again', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    const stopped = h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'address-change', note: 'customer moved' });
    expect(types(stopped)).toEqual(['task.stopped', 'alert.raised', 'stop-list.changed']);
    expect(ofType(stopped, 'task.stopped')[0]).toMatchObject({ stopId: 'S1', orderId: 'taobao:1', taskId: id, reason: 'address-change' });
    expect(alerts(stopped)[0]).toMatchObject({ kind: 'task-stopped', severity: 'warning', target: { orderId: 'taobao:1', taskId: id, stopId: 'S1' } });
    expect(getOwn(h.state.stops, 'S1')).toEqual({ id: 'S1', orderId: 'taobao:1', reason: 'address-change', since: T0.toISOString(), note: 'customer moved' });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');
    expect(h.state.stopList.entries).toEqual([{ taskId: id, orderId: 'taobao:1', reason: 'address-change', since: T0.toISOString() }]);

    h.advance(5000);
    const lifted = h.ok({ type: 'liftStop', stopId: 'S1', note: 'address confirmed' });
    expect(types(lifted)).toEqual(['task.stop-lifted', 'alert.closed', 'stop-list.changed']);
    expect(lifted[0]!.audit.reason).toBe('address confirmed');
    expect(stopsOfOrder(h.state, 'taobao:1')).toEqual([]);
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('released');
    expect(h.state.stopList.entries).toEqual([]);
  });

  it('raises a critical alert for fraud, or for a task already at a station', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    const id = h.order('2', [['A', 1]]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S3' });
    expect(alerts(h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'fraud' }))[0]!.severity).toBe('critical');
    const atStation = alerts(h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'manual' }))[0]!;
    expect(atStation).toMatchObject({ severity: 'critical', target: { station: 'S3', taskId: id } });
  });

  it('keeps several stops of different reasons; the task runs again only when all are lifted', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'cancel' });
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    h.ok({ type: 'liftStop', stopId: 'S1' });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');
    h.ok({ type: 'liftStop', stopId: 'S2' });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('released');
  });

  it('stops a held order, so its task is born stopped', () => {
    const h = new Harness();
    h.ok(orderCommand('1', [['X', 1]]));
    expect(ofType(h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'fraud' }), 'task.stopped')[0]!.taskId).toBeUndefined();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'X', masterSku: 'SKU-X' });
    h.ok({ type: 'resolveHeldOrders' });
    expect(h.state.stopList.entries).toMatchObject([{ taskId: 'T1', reason: 'fraud' }]);
  });

  it('refuses with a code for each case', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 1]]);
    expect(h.refused({ type: 'stopTask', orderId: 'taobao:404', reason: 'manual' })).toBe(DomainError.OrderNotFound);
    expect(h.refused(malformed({ type: 'stopTask', orderId: 'taobao:1', reason: 'refund' }))).toBe(DomainError.BadCommand);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    expect(h.refused({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' })).toBe(DomainError.StopExists);
    expect(h.refused({ type: 'liftStop', stopId: 'S99' })).toBe(DomainError.StopNotFound);
    h.ok({ type: 'liftStop', stopId: 'S1' });
    expect(h.refused({ type: 'liftStop', stopId: 'S1' })).toBe(DomainError.StopNotFound);

    h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'manual' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2' });
    const refundStop = stopsOfOrder(h.state, 'taobao:2').find((stop) => stop.reason === 'refund')!;
    expect(h.refused({ type: 'liftStop', stopId: refundStop.id })).toBe(DomainError.StopHeldByFreeze);
    h.ok({ type: 'approveFreeze', freezeId: refundStop.freezeId! });
    expect(h.refused({ type: 'liftStop', stopId: 'S2' })).toBe(DomainError.OrderCancelled);
    expect(h.refused({ type: 'stopTask', orderId: 'taobao:2', reason: 'fraud' })).toBe(DomainError.OrderCancelled);
  });
});
