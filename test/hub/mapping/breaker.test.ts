import { describe, expect, it } from 'vitest';
import { getOwn, pendingSkus, taskStatus } from '../../../hub/domain/index.js';
import { pendingMappingOf } from '../../../hub/mapping/index.js';
import { Harness, alerts, ofType, orderCommand, types } from '../domain/harness.js';

/** The 217-parcel mistake: DY-BT-002 (a headset) set to the power bank, on a shift already packing. */
function shift(): Harness {
  const h = new Harness();
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'BT-002' });
  h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'TB-BT-002', masterSku: 'BT-002' });
  h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'DY-SOCK', masterSku: 'SOCK' });
  h.ok(orderCommand('1', [['DY-BT-002', 1]], 'douyin')); // T1, loaded at S1 below
  h.ok(orderCommand('2', [['DY-SOCK', 2]], 'douyin')); // T2, not affected
  h.ok(orderCommand('3', [['TB-BT-002', 1]], 'taobao')); // T3, same product on another channel
  h.ok({ type: 'taskLoaded', taskId: 'T1', station: 'S1' });
  return h;
}

const change = { type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-002', masterSku: 'PB-001', note: 'new rule' } as const;
const task = (h: Harness, id: string) => getOwn(h.state.tasks, id)!;

describe('mapping circuit breaker', () => {
  it('a new row is not a change: nothing is held', () => {
    const h = shift();
    expect(pendingSkus(h.state).size).toBe(0);
    expect(taskStatus(h.state, task(h, 'T1'))).toBe('loaded');
  });

  it('a change holds the old and new master SKUs: tasks blocked at the stations, an alert raised', () => {
    const h = shift();
    const events = h.ok(change);
    expect(types(events)).toEqual([
      'mapping.set',
      'mapping.pending',
      'alert.raised',
      'task.blocked',
      'alert.raised',
      'task.blocked',
      'alert.raised',
      'stop-list.changed',
    ]);
    expect(pendingMappingOf(h.state, 'douyin', 'DY-BT-002')).toEqual({
      channel: 'douyin',
      channelSku: 'DY-BT-002',
      previous: 'BT-002',
      masterSku: 'PB-001',
      skus: ['BT-002', 'PB-001'],
      since: h.now.toISOString(),
    });
    expect(alerts(events)).toMatchObject([
      { kind: 'mapping-pending', severity: 'critical', target: { channelSku: 'DY-BT-002', sku: 'PB-001' } },
      { kind: 'task-blocked', target: { taskId: 'T1', station: 'S1', sku: 'BT-002' } },
      { kind: 'task-blocked', target: { taskId: 'T3', sku: 'BT-002' } },
    ]);
    // Both BT-002 tasks are blocked, on every channel; the socks are not.
    expect(task(h, 'T1').block).toEqual({ reason: 'mapping-pending', skus: ['BT-002'], since: h.now.toISOString() });
    expect(task(h, 'T3').block?.reason).toBe('mapping-pending');
    expect(task(h, 'T2').block).toBeUndefined();
    expect(taskStatus(h.state, task(h, 'T1'))).toBe('blocked');
    expect(h.state.stopList.entries).toMatchObject([
      { taskId: 'T1', reason: 'mapping-pending' },
      { taskId: 'T3', reason: 'mapping-pending' },
    ]);
  });

  it('holds new orders of the held SKUs, with the reason, and releases others', () => {
    const h = shift();
    h.ok(change);
    const events = h.ok(orderCommand('4', [['DY-BT-002', 1], ['DY-SOCK', 1]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:4')).toMatchObject({
      status: 'held',
      hold: { unresolved: [{ line: 0, channelSku: 'DY-BT-002', pending: 'PB-001' }] },
      lines: [{ masterSku: 'PB-001' }, { masterSku: 'SOCK' }],
    });
    expect(alerts(events)[0]!.message).toContain('mapping pending for PB-001');
    h.ok(orderCommand('5', [['DY-SOCK', 1]], 'douyin'));
    expect(getOwn(h.state.orders, 'douyin:5')!.status).toBe('released');
    // Re-resolving does not release it while the change is pending.
    expect(h.ok({ type: 'resolveHeldOrders' })).toEqual([]);
  });

  it('confirming keeps the new row, lifts every block and releases the held orders', () => {
    const h = shift();
    h.ok(change);
    h.ok(orderCommand('4', [['DY-BT-002', 1]], 'douyin'));
    h.advance(60_000);
    const events = h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002', note: 'checked the listing' });
    expect(types(events)).toEqual([
      'mapping.confirmed',
      'alert.closed',
      'order.released',
      'alert.closed',
      'task.released',
      'task.unblocked',
      'alert.closed',
      'task.unblocked',
      'alert.closed',
      'stop-list.changed',
    ]);
    expect(ofType(events, 'mapping.confirmed')[0]).toMatchObject({ masterSku: 'PB-001', previous: 'BT-002', audit: { reason: 'checked the listing' } });
    expect(getOwn(h.state.mappings, 'douyin:DY-BT-002')!.masterSku).toBe('PB-001');
    expect(getOwn(h.state.orders, 'douyin:4')).toMatchObject({ status: 'released', lines: [{ masterSku: 'PB-001' }] });
    expect(task(h, 'T1').block).toBeUndefined();
    expect(pendingSkus(h.state).size).toBe(0);
    expect(h.state.stopList.entries).toEqual([]);
  });

  it('rolling back restores the confirmed row, even after several changes', () => {
    const h = shift();
    h.ok(change);
    h.ok({ ...change, masterSku: 'PB-002' });
    expect(pendingMappingOf(h.state, 'douyin', 'DY-BT-002')).toMatchObject({ previous: 'BT-002', masterSku: 'PB-002', skus: ['BT-002', 'PB-001', 'PB-002'] });
    h.ok(orderCommand('4', [['DY-BT-002', 1]], 'douyin'));
    const events = h.ok({ type: 'rollbackMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    expect(ofType(events, 'mapping.rolled-back')[0]).toMatchObject({ masterSku: 'BT-002', rejected: 'PB-002' });
    // The decision closes the pending alert: no second alert to acknowledge.
    expect(alerts(events)).toEqual([]);
    expect(h.state.alerts.filter((alert) => alert.kind === 'mapping-pending').map((alert) => alert.closed?.reason)).toEqual(['superseded', 'rolled-back']);
    expect(getOwn(h.state.mappings, 'douyin:DY-BT-002')!.masterSku).toBe('BT-002');
    // The held order resolves again, through the restored row.
    expect(getOwn(h.state.orders, 'douyin:4')).toMatchObject({ status: 'released', lines: [{ masterSku: 'BT-002' }] });
    expect(task(h, 'T1').block).toBeUndefined();
  });

  it('a label printed for a task the breaker holds is recorded, with a critical alert', () => {
    const h = shift();
    h.ok({ type: 'taskVerified', taskId: 'T1', station: 'S1' });
    h.ok(change);
    const events = h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
    expect(alerts(events)).toMatchObject([{ kind: 'label-while-held', severity: 'critical' }]);
  });

  it('gives way to nothing: a frozen-stock block becomes mapping-pending and comes back after', () => {
    const h = shift();
    h.ok({ type: 'setOnHand', sku: 'BT-002', quantity: 1 });
    h.ok({ type: 'createFreeze', orderId: 'douyin:1', sku: 'BT-002', quantity: 1 });
    expect(task(h, 'T3').block?.reason).toBe('frozen-stock');
    h.ok(change);
    expect(task(h, 'T3').block?.reason).toBe('mapping-pending');
    h.ok({ type: 'rollbackMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    expect(task(h, 'T3').block?.reason).toBe('frozen-stock');
  });

  it('refuses to decide a row with no pending change', () => {
    const h = shift();
    expect(h.refused({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002' })).toBe('MAPPING_NOT_PENDING');
    h.ok(change);
    h.ok({ type: 'confirmMapping', channel: 'douyin', channelSku: 'DY-BT-002' });
    expect(h.refused({ type: 'rollbackMapping', channel: 'douyin', channelSku: 'DY-BT-002' })).toBe('MAPPING_NOT_PENDING');
    expect(h.refused({ type: 'confirmMapping', channel: 'douyin', channelSku: 'constructor' })).toBe('MAPPING_NOT_PENDING');
  });
});
