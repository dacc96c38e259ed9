import { describe, expect, it } from 'vitest';
import { stationViews } from '../../../hub/api/routes/stations.js';
import { ordersHeldBy } from '../../../hub/mapping/breaker.js';
import { stationFacts } from '../../helpers/station-events.js';
import { getOwn } from '../../../hub/domain/index.js';
import type { StationEvent } from '../../../protocol/index.js';
import { Harness } from './harness.js';

const order = (taskId: string) => ({ taskId, orderId: 'taobao:1', orderNo: '1', channel: 'taobao' });

/** A station's pack event as stored, for `stationFacts`. */
function packEvent(body: Record<string, unknown>): StationEvent {
  return { v: 1, id: 'e1', station: 'S1', seq: 1, at: '2026-03-02T08:00:00.000Z', body: { at: '2026-03-02T08:00:00.000Z', station: 'S1', packer: 'W1', mappingVersion: 1, ...body } } as unknown as StationEvent;
}

describe('a task put aside or cancelled at the bench (issue #17, item 12)', () => {
  it('is a fact: pack.order_aside and pack.order_cancelled become taskUnloaded with the reason', () => {
    const aside = stationFacts(packEvent({ type: 'pack.order_aside', order: order('T1'), reason: 'damaged', lines: [], block: null }));
    expect(aside.map((fact) => fact.command)).toEqual([{ type: 'taskUnloaded', taskId: 'T1', station: 'S1', reason: 'damaged' }]);
    const cancelled = stationFacts(packEvent({ type: 'pack.order_cancelled', order: order('T1'), lines: [], block: null, label: 'none' }));
    expect(cancelled.map((fact) => fact.command)).toEqual([{ type: 'taskUnloaded', taskId: 'T1', station: 'S1', reason: 'cancelled' }]);
  });

  it('leaves the station: released again, so the board shows the next order and any bench may load it', () => {
    const h = new Harness();
    const first = h.order('1', [['A', 1]]);
    const second = h.order('2', [['B', 1]]);
    h.verify(first, 'S1');
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'fraud' });
    expect(h.ok({ type: 'taskUnloaded', taskId: first, station: 'S1', reason: 'other' })).toMatchObject([
      { type: 'task.unloaded', taskId: first, orderId: 'taobao:1', station: 'S1', reason: 'other', progress: 'verified' },
    ]);
    const task = getOwn(h.state.tasks, first)!;
    expect(task.progress).toBe('released');
    expect(task.station).toBeUndefined();
    h.ok({ type: 'taskLoaded', taskId: second, station: 'S1' });
    // The station's bench holds the order it loaded next, not the stopped one it put aside.
    expect(stationViews(h.state).find((station) => station.id === 'S1')?.tasks.map((t) => t.orderId)).toEqual(['taobao:2']);
    // Put aside after it was verified, it can be loaded at another bench (and counted again there).
    h.ok({ type: 'liftStop', stopId: Object.keys(h.state.stops)[0]! });
    expect(h.ok({ type: 'taskLoaded', taskId: first, station: 'S2' })).toMatchObject([{ type: 'task.loaded', station: 'S2' }]);
  });

  it('changes nothing when repeated, or when the task is at another station or finished', () => {
    const h = new Harness();
    const id = h.order('1', [['A', 1]]);
    expect(h.ok({ type: 'taskUnloaded', taskId: id, station: 'S1', reason: 'short_pick' })).toEqual([]);
    h.ok({ type: 'taskLoaded', taskId: id, station: 'S2' });
    expect(h.ok({ type: 'taskUnloaded', taskId: id, station: 'S1', reason: 'short_pick' })).toEqual([]);
    h.ok({ type: 'taskVerified', taskId: id, station: 'S2' });
    h.ok({ type: 'labelPrinted', taskId: id, station: 'S2' });
    expect(h.ok({ type: 'taskUnloaded', taskId: id, station: 'S2', reason: 'other' })).toEqual([]);
    expect(getOwn(h.state.tasks, id)!.progress).toBe('labelled');
  });
});

describe('who decided, and which orders a pending change holds (issue #17, item 17)', () => {
  it('a freeze approved or rejected records who decided it; an expired one names nobody', () => {
    const h = new Harness({ config: { onFreezeExpiry: 'release' } });
    h.order('1', [['A', 1]]);
    h.order('2', [['B', 1]]);
    h.order('3', [['C', 1]]);
    const ids = ['taobao:1', 'taobao:2', 'taobao:3'].map((orderId) => {
      h.ok({ type: 'createFreeze', orderId, ttlSeconds: 60 });
      return Object.values(h.state.freezes).find((freeze) => freeze.orderId === orderId)!.id;
    });
    h.ok({ type: 'approveFreeze', freezeId: ids[0]! });
    h.ok({ type: 'rejectFreeze', freezeId: ids[1]! }, { actor: { kind: 'token', id: 'tok-2' } });
    h.advance(120_000).ok({ type: 'tick' }, { actor: { kind: 'system', id: 'clock' } });
    const [approved, rejected, expired] = ids.map((id) => getOwn(h.state.freezes, id)!);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'Li Na', closedAt: '2026-03-02T08:00:00.000Z' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'tok-2' });
    expect(expired).toMatchObject({ status: 'expired', closedAt: '2026-03-02T08:02:00.000Z' });
    expect(expired!.decidedBy).toBeUndefined();
  });

  it('a pending mapping change names the orders it holds', () => {
    const h = new Harness();
    const hat = h.order('1', [['HAT-01', 1]], 'douyin');
    h.order('2', [['DRESS', 1]], 'douyin');
    h.order('3', [['HAT-01', 1]], 'douyin');
    h.ok({ type: 'taskLoaded', taskId: hat, station: 'S1' });
    h.ok({ type: 'setCatalogItem', masterSku: 'HAT-02', barcodes: [{ code: '6900000000029', multiplier: 1 }] });
    h.ok({ type: 'setMapping', channel: 'douyin', channelSku: 'douyin-HAT-01', masterSku: 'HAT-02' });
    const pending = Object.values(h.state.pendingMappings)[0]!;
    expect(ordersHeldBy(h.state, pending.skus)).toEqual(['douyin:1', 'douyin:3']);
    expect(ordersHeldBy(h.state, ['DRESS'])).toEqual([]);
  });
});
