import { describe, expect, it } from 'vitest';
import { getOwn, stockView, taskStatus } from '../../../hub/domain/index.js';
import { Harness, T0, alerts, ofType, types } from './harness.js';

function blocked(h: Harness): string[] {
  return Object.values(h.state.tasks)
    .filter((task) => task.block)
    .map((task) => task.id);
}

/** On hand 10 of A; four tasks needing 2, 3, 3, 2 (T1 oldest). */
function fourTasks(h = new Harness()): Harness {
  h.ok({ type: 'setOnHand', sku: 'A', quantity: 10 });
  h.order('1', [['A', 2]]);
  h.order('2', [['A', 3]]);
  h.order('3', [['A', 3]]);
  h.order('4', [['A', 2]]);
  return h;
}

describe('blocking on frozen stock', () => {
  it('does not block anything when a freeze holds only the order’s own units', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(blocked(h)).toEqual([]);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 10, reserved: 8, frozen: 2, available: 0 });
  });

  it('blocks the newest task a shortfall leaves uncovered, and only that one', () => {
    const h = fourTasks();
    h.ok({ type: 'taskLoaded', taskId: 'T4', station: 'S2' });
    // The refund freezes the order's 2 units and 1 more of the batch: 3 frozen, 7 left for T2–T4 (8).
    const events = h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 3 });
    expect(ofType(events, 'task.blocked')).toMatchObject([{ taskId: 'T4', orderId: 'taobao:4', reason: 'frozen-stock', skus: ['A'] }]);
    expect(alerts(events).map((a) => a.kind)).toEqual(['freeze-created', 'task-blocked']);
    expect(alerts(events)[1]).toMatchObject({
      severity: 'warning',
      target: { orderId: 'taobao:4', taskId: 'T4', sku: 'A', station: 'S2' },
    });
    expect(blocked(h)).toEqual(['T4']);
    expect(getOwn(h.state.tasks, 'T4')!.block).toEqual({ reason: 'frozen-stock', skus: ['A'], since: T0.toISOString() });
    expect(taskStatus(h.state, getOwn(h.state.tasks, 'T4')!)).toBe('blocked');
    expect(h.state.stopList.entries).toEqual([
      { taskId: 'T1', orderId: 'taobao:1', reason: 'refund', since: T0.toISOString() },
      { taskId: 'T4', orderId: 'taobao:4', reason: 'frozen-stock', since: T0.toISOString() },
    ]);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 10, reserved: 6, frozen: 3, available: 1, blocked: 2 });
  });

  it('blocks newest first until the rest is covered', () => {
    const h = fourTasks();
    // 6 frozen: 4 left for T2 (3), T3 (3), T4 (2): T2 fits, T3 and T4 do not.
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 6 });
    expect(blocked(h)).toEqual(['T3', 'T4']);
  });

  it('never lets a newer task overtake an older blocked one, even if it would fit', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 8 });
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 3]]);
    h.order('3', [['A', 3]]);
    h.order('4', [['A', 1]]);
    // 3 frozen, 5 left: T2 takes 3; T3 (3) does not fit, so T4 waits behind it.
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 3 });
    expect(blocked(h)).toEqual(['T3', 'T4']);
  });

  it('unblocks when the freeze is rejected', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 6 });
    const events = h.ok({ type: 'rejectFreeze', freezeId: 'F1' });
    expect(ofType(events, 'task.unblocked').map((e) => e.taskId)).toEqual(['T3', 'T4']);
    expect(blocked(h)).toEqual([]);
    expect(h.state.stopList.entries).toEqual([]);
  });

  it('unblocks when the freeze is approved (the order’s units and the rest come back)', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 6 });
    const events = h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(ofType(events, 'task.unblocked').map((e) => e.taskId)).toEqual(['T3', 'T4']);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 10, reserved: 8, frozen: 0, available: 2 });
  });

  it('unblocks as receiving covers the tasks again, oldest first', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 6 });
    expect(ofType(h.ok({ type: 'adjustOnHand', sku: 'A', delta: 2 }), 'task.unblocked').map((e) => e.taskId)).toEqual(['T3']);
    expect(types(h.ok({ type: 'adjustOnHand', sku: 'A', delta: 1 }))).toEqual(['stock.changed']);
    expect(ofType(h.ok({ type: 'adjustOnHand', sku: 'A', delta: 1 }), 'task.unblocked').map((e) => e.taskId)).toEqual(['T4']);
  });

  it('blocks on a cycle count that leaves frozen stock short, and keeps a block’s start time', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 3 });
    expect(blocked(h)).toEqual(['T4']);
    h.advance(1000);
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 8 });
    expect(blocked(h)).toEqual(['T3', 'T4']);
    expect(getOwn(h.state.tasks, 'T4')!.block!.since).toBe(T0.toISOString());
    expect(getOwn(h.state.tasks, 'T3')!.block!.since).toBe(h.now.toISOString());
  });

  it('drops the block of a task labelled anyway, and blocks the next one its units were for', () => {
    const h = fourTasks();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 3 });
    h.verify('T4');
    // T4 is packed despite its block (a station with a stale list): its 2 units leave the shelf.
    const events = h.ok({ type: 'labelPrinted', taskId: 'T4', station: 'S1' });
    expect(alerts(events).map((a) => a.kind)).toEqual(['label-while-held', 'task-blocked']);
    expect(ofType(events, 'task.unblocked').map((e) => e.taskId)).toEqual(['T4']);
    expect(ofType(events, 'task.blocked').map((e) => e.taskId)).toEqual(['T3']);
    expect(blocked(h)).toEqual(['T3']);
  });
});

describe('blocks across SKUs', () => {
  it('keeps a block to the SKUs with frozen stock, and lists a stopped, blocked task under both reasons', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 2 });
    h.ok({ type: 'setOnHand', sku: 'B', quantity: 2 });
    h.order('1', [['A', 1], ['B', 1]]);
    const id = h.order('2', [['A', 1], ['B', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', warehouse: 'WH1' });
    expect(blocked(h)).toEqual([]);
    h.ok({ type: 'rejectFreeze', freezeId: 'F1' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 2 });
    expect(getOwn(h.state.tasks, id)!.block!.skus).toEqual(['A']);
    h.ok({ type: 'adjustOnHand', sku: 'B', delta: -2 });
    expect(getOwn(h.state.tasks, id)!.block!.skus).toEqual(['A']);
    h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'manual' });
    expect(taskStatus(h.state, getOwn(h.state.tasks, id)!)).toBe('stopped');
    expect(h.state.stopList.entries.filter((e) => e.taskId === id).map((e) => e.reason)).toEqual(['frozen-stock', 'manual']);
  });

  it('blocks on each SKU whose frozen stock falls short', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 2 });
    h.ok({ type: 'setOnHand', sku: 'B', quantity: 2 });
    h.order('1', [['A', 1]]);
    h.order('2', [['B', 1]]);
    const id = h.order('3', [['A', 1], ['B', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', quantity: 2 });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', quantity: 2 });
    expect(getOwn(h.state.tasks, id)!.block).toEqual({ reason: 'frozen-stock', skus: ['A', 'B'], since: T0.toISOString() });
    expect(h.state.stopList.entries.filter((e) => e.taskId === id)).toHaveLength(1);
  });
});

describe('short stock without a freeze', () => {
  it('blocks nothing by default: stock figures may be stale', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 1 });
    h.order('1', [['A', 2]]);
    expect(blocked(h)).toEqual([]);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 1, reserved: 2, available: -1 });
  });

  it('blocks `short-stock` under blockOnShortStock, and `frozen-stock` where a freeze is the cause', () => {
    const h = new Harness({ config: { blockOnShortStock: true } });
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 4 });
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 2]]);
    h.order('3', [['A', 2]]);
    expect(getOwn(h.state.tasks, 'T3')!.block!.reason).toBe('short-stock');
    h.ok({ type: 'adjustOnHand', sku: 'A', delta: 1 });
    expect(blocked(h)).toEqual([]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 2 });
    expect(getOwn(h.state.tasks, 'T3')!.block!.reason).toBe('frozen-stock');
  });

  it('never blocks a SKU whose stock is not tracked', () => {
    const h = new Harness({ config: { blockOnShortStock: true } });
    h.order('1', [['A', 2]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 50 });
    expect(blocked(h)).toEqual([]);
    expect(stockView(h.state)[0]).toMatchObject({ sku: 'A', tracked: false, onHand: null, available: null, frozen: 50 });
  });
});
