import { describe, expect, it } from 'vitest';
import { deriveFreezeList, deriveStopList, stopListEntries } from '../../../hub/domain/index.js';
import { Harness, T0, ofType } from './harness.js';

function listEvents(h: Harness) {
  return h.events.filter((e) => e.type === 'stop-list.changed' || e.type === 'freeze-list.changed');
}

describe('stop list', () => {
  it('starts empty at version 0', () => {
    const h = new Harness();
    expect(h.state.stopList).toEqual({ version: 0, entries: [] });
    expect(h.state.freezeList).toEqual({ version: 0, entries: [] });
  });

  it('gains a version on every change of its entries, and only then', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 10 });
    const t1 = h.order('1', [['A', 2]]);
    const t2 = h.order('2', [['A', 3]]);
    expect(h.state.stopList.version).toBe(0);

    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    expect(ofType(h.events, 'stop-list.changed')).toMatchObject([{ version: 1 }]);

    // Things that do not touch the list leave its version alone.
    h.ok({ type: 'taskLoaded', taskId: t1, station: 'S1' });
    h.ok({ type: 'adjustOnHand', sku: 'A', delta: 5 });
    h.ok({ type: 'stationFault', station: 'S1', device: 'printer', detail: 'paper out' });
    h.ok({ type: 'acknowledgeAlert', alertSeq: 1, manager: 'Li Na' });
    expect(listEvents(h)).toEqual([]);
    h.ok({ type: 'tick' });
    expect(h.state.stopList.version).toBe(1);

    h.advance(1000);
    h.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'fraud' });
    expect(h.state.stopList).toEqual({
      version: 2,
      entries: [
        { taskId: t1, orderId: 'taobao:1', reason: 'manual', since: T0.toISOString() },
        { taskId: t2, orderId: 'taobao:2', reason: 'fraud', since: '2026-03-02T08:00:01.000Z' },
      ],
    });
    h.ok({ type: 'liftStop', stopId: 'S1' });
    expect(h.state.stopList.version).toBe(3);
    // The same stop again is a new entry (a new `since`), so a new version.
    h.advance(1000);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'manual' });
    expect(h.state.stopList.version).toBe(4);
  });

  it('lists blocks, and a released task as cancelled', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 4 });
    h.order('1', [['A', 2]]);
    h.order('2', [['A', 2]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', sku: 'A', quantity: 3 });
    expect(h.state.stopList).toMatchObject({
      version: 1,
      entries: [
        { taskId: 'T1', reason: 'refund' },
        { taskId: 'T2', reason: 'frozen-stock' },
      ],
    });
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(h.state.stopList).toEqual({
      version: 2,
      entries: [{ taskId: 'T1', orderId: 'taobao:1', reason: 'refund', since: T0.toISOString(), cancelled: true }],
    });
  });

  it('derives the list purely: the previous list itself when nothing changed, else version + 1', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'cancel' });
    expect(deriveStopList(h.state)).toBe(h.state.stopList);
    const published = { version: 41, entries: [] };
    expect(deriveStopList(h.state, published)).toEqual({ version: 42, entries: stopListEntries(h.state) });
    expect(deriveStopList(h.state, deriveStopList(h.state, published)).version).toBe(42);
  });
});

describe('freeze list', () => {
  it('sums pending freezes per SKU, batch and warehouse, versioned like the stop list', () => {
    const h = new Harness();
    h.order('1', [['A', 2]]);
    h.order('2', [['A', 1]]);
    h.order('3', [['A', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', batch: 'L1', quantity: 2 });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', batch: 'L1', quantity: 3 });
    h.ok({ type: 'createFreeze', orderId: 'taobao:3' });
    expect(h.state.freezeList).toEqual({
      version: 3,
      entries: [
        { sku: 'A', quantity: 1, exhausted: false },
        { sku: 'A', batch: 'L1', quantity: 5, exhausted: false },
      ],
    });
    h.ok({ type: 'rejectFreeze', freezeId: 'F2' });
    expect(h.state.freezeList).toMatchObject({ version: 4, entries: [{ sku: 'A', quantity: 1 }, { sku: 'A', batch: 'L1', quantity: 2 }] });
    expect(deriveFreezeList(h.state)).toBe(h.state.freezeList);
    // An escalation keeps the freeze in force: the list does not change.
    h.advance(25 * 3600_000);
    h.ok({ type: 'tick' });
    expect(ofType(h.events, 'freeze-list.changed')).toEqual([]);
  });

  it('a freeze of 1 of 100 on hand is not exhausted; a freeze of all of them is', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 100 });
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 100]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(h.state.freezeList.entries).toEqual([{ sku: 'A', quantity: 1, exhausted: false }]);
    h.ok({ type: 'rejectFreeze', freezeId: 'F1' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2' });
    expect(h.state.freezeList.entries).toEqual([{ sku: 'A', quantity: 100, exhausted: true }]);
  });

  it('a SKU without a stock record is not known to be exhausted', () => {
    const h = new Harness();
    h.order('1', [['A', 3]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(h.state.freezeList.entries).toEqual([{ sku: 'A', quantity: 3, exhausted: false }]);
  });

  it('a batch entry is judged on its batch\'s lots; a whole-SKU entry on every lot, counting the batch entries within it', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', batch: 'L1', quantity: 2 });
    h.ok({ type: 'setOnHand', sku: 'A', batch: 'L2', quantity: 3 });
    h.order('1', [['A', 2]]);
    h.order('2', [['A', 3]]);
    h.order('3', [['A', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', batch: 'L1' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:3', batch: 'L9' });
    expect(h.state.freezeList.entries).toEqual([
      // Both units of L1 are frozen; L2's are free. L9 was never counted: not known.
      { sku: 'A', batch: 'L1', quantity: 2, exhausted: true },
      { sku: 'A', batch: 'L9', quantity: 1, exhausted: false },
    ]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:2' });
    // 3 + 2 + 1 frozen within the SKU's 5 on hand.
    expect(h.state.freezeList.entries[0]).toEqual({ sku: 'A', quantity: 3, exhausted: true });
  });

  it('a warehouse entry is judged on that warehouse\'s lots only', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', warehouse: 'SH', quantity: 1 });
    h.ok({ type: 'setOnHand', sku: 'A', warehouse: 'BJ', quantity: 50 });
    h.order('1', [['A', 1]]);
    h.order('2', [['A', 1]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1', warehouse: 'SH' });
    h.ok({ type: 'createFreeze', orderId: 'taobao:2', warehouse: 'GZ' });
    expect(h.state.freezeList.entries).toEqual([
      { sku: 'A', warehouse: 'GZ', quantity: 1, exhausted: false },
      { sku: 'A', warehouse: 'SH', quantity: 1, exhausted: true },
    ]);
  });

  it('stock adjusted down flips the entry to exhausted and raises the version; receiving flips it back', () => {
    const h = new Harness();
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 10 });
    h.order('1', [['A', 2]]);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(h.state.freezeList).toEqual({ version: 1, entries: [{ sku: 'A', quantity: 2, exhausted: false }] });

    // A change of stock that leaves units free keeps the list and its version.
    h.ok({ type: 'adjustOnHand', sku: 'A', delta: -5 });
    expect(ofType(h.events, 'freeze-list.changed')).toEqual([]);
    h.ok({ type: 'adjustOnHand', sku: 'A', delta: -3 });
    expect(ofType(h.events, 'freeze-list.changed')).toMatchObject([{ version: 2 }]);
    expect(h.state.freezeList).toEqual({ version: 2, entries: [{ sku: 'A', quantity: 2, exhausted: true }] });
    h.ok({ type: 'adjustOnHand', sku: 'A', delta: 1 });
    expect(h.state.freezeList).toEqual({ version: 3, entries: [{ sku: 'A', quantity: 2, exhausted: false }] });
  });
});
