import { describe, expect, it } from 'vitest';
import { DomainError, getOwn, onHandOf, stockView } from '../../../hub/domain/index.js';
import { Harness, ofType, types } from './harness.js';

describe('on-hand stock', () => {
  it('counts lots per SKU, batch and warehouse; a count starts tracking the SKU', () => {
    const h = new Harness();
    expect(onHandOf(h.state, 'A')).toBeUndefined();
    const events = h.ok({ type: 'setOnHand', sku: 'A', batch: 'L1', warehouse: 'WH1', quantity: 4, note: 'cycle count' });
    expect(events).toMatchObject([
      { type: 'stock.changed', sku: 'A', batch: 'L1', warehouse: 'WH1', previous: 0, onHand: 4, cause: 'set', audit: { reason: 'cycle count' } },
    ]);
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 2 });
    h.ok({ type: 'adjustOnHand', sku: 'A', batch: 'L1', warehouse: 'WH1', delta: 3 });
    expect(getOwn(h.state.stock, 'A')).toEqual([
      { batch: 'L1', warehouse: 'WH1', onHand: 7 },
      { onHand: 2 },
    ]);
    expect(onHandOf(h.state, 'A')).toBe(9);
  });

  it('tracks a SKU counted at zero, and ignores a count that changes nothing', () => {
    const h = new Harness();
    expect(types(h.ok({ type: 'setOnHand', sku: 'A', quantity: 0 }))).toEqual(['stock.changed']);
    expect(onHandOf(h.state, 'A')).toBe(0);
    expect(h.ok({ type: 'setOnHand', sku: 'A', quantity: 0 })).toEqual([]);
  });

  it('refuses a negative count, a zero adjustment, or one below zero: BAD_QUANTITY', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 2 });
    expect(h.refused({ type: 'setOnHand', sku: 'A', quantity: -1 })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'adjustOnHand', sku: 'A', delta: 0 })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'adjustOnHand', sku: 'A', delta: -3 })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'adjustOnHand', sku: 'A', batch: 'L9', delta: -1 })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'adjustOnHand', sku: 'A', delta: 0.5 })).toBe(DomainError.BadQuantity);
    expect(h.refused({ type: 'setOnHand', sku: '-A', quantity: 1 })).toBe(DomainError.BadCommand);
  });

  it('takes a label’s units from the lots in the order they were counted, never below zero', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', batch: 'L1', quantity: 1 });
    h.ok({ type: 'setOnHand', sku: 'A', batch: 'L2', quantity: 5 });
    const id = h.order('1', [['A', 3], ['UNTRACKED', 1]]);
    h.verify(id);
    const events = h.ok({ type: 'labelPrinted', taskId: id, station: 'S1' });
    expect(ofType(events, 'stock.changed')).toMatchObject([
      { sku: 'A', batch: 'L1', previous: 1, onHand: 0, cause: 'label' },
      { sku: 'A', batch: 'L2', previous: 5, onHand: 3, cause: 'label' },
    ]);
    expect(getOwn(h.state.tasks, id)!.consumed).toEqual([
      { sku: 'A', batch: 'L1', quantity: 1 },
      { sku: 'A', batch: 'L2', quantity: 2 },
    ]);
    expect(getOwn(h.state.stock, 'UNTRACKED')).toBeUndefined();
  });
});

describe('stockView', () => {
  it('shows on hand, reserved by active tasks, frozen, available and blocked per SKU', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 10 });
    h.ok({ type: 'setOnHand', sku: 'B', batch: 'L1', quantity: 3 });
    h.order('1', [['A', 2]]);
    h.order('2', [['A', 3], ['B', 1]]);
    h.order('3', [['C', 4]]);
    expect(stockView(h.state)).toEqual([
      { sku: 'A', tracked: true, onHand: 10, reserved: 5, frozen: 0, available: 5, blocked: 0, lots: [{ onHand: 10 }] },
      { sku: 'B', tracked: true, onHand: 3, reserved: 1, frozen: 0, available: 2, blocked: 0, lots: [{ batch: 'L1', onHand: 3 }] },
      { sku: 'C', tracked: false, onHand: null, reserved: 4, frozen: 0, available: null, blocked: 0, lots: [] },
    ]);
    // A freeze of order 2 holds its own units (no double count) plus 4 more of A.
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', sku: 'A', quantity: 7 });
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 10, reserved: 2, frozen: 7, available: 1 });
    // A partial freeze: 1 of the order's 3 frozen, 2 still reserved by the stopped task.
    h.ok({ type: 'rejectFreeze', freezeId: 'F1' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', sku: 'A', quantity: 1 });
    expect(stockView(h.state)[0]).toMatchObject({ reserved: 4, frozen: 1, available: 5 });
  });

  it('does not reserve labelled or cancelled tasks', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 10 });
    const labelled = h.order('1', [['A', 2]]);
    h.order('2', [['A', 3]]);
    h.verify(labelled);
    h.ok({ type: 'labelPrinted', taskId: labelled, station: 'S1' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2' });
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 8, reserved: 0, frozen: 0, available: 8 });
  });
});
