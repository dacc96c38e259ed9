import { describe, expect, it } from 'vitest';
import { STUCK_NODES, FULFILMENT_NODES } from '../../../protocol/fulfilment-vocabulary.js';
import {
  buildNodeIndex,
  findStuck,
  findStuckByWalk,
  funnel,
  nodeIndexOf,
  restoreDomainState,
  stuckOrders,
  TimeSortedIds,
  type NodeIndex,
} from '../../../hub/domain/index.js';
import { buildNodeIndexInBackground } from '../../../hub/domain/node-index.js';
import { HOUR, Harness, T0, ofType } from './harness.js';

const LIMITS = { released: 4 * HOUR, labelled: 2 * HOUR, 'handed-over': 4 * HOUR };

/** Every entry of an index, node by node, oldest first. */
function entries(index: NodeIndex): Record<string, Array<[string, string]>> {
  const all: Record<string, Array<[string, string]>> = {};
  for (const node of FULFILMENT_NODES) {
    const list: Array<[string, string]> = (all[`reached:${node}`] = []);
    index.reached[node].forEachUpTo('9999', (id, time) => list.push([id, time]));
  }
  for (const node of STUCK_NODES) {
    const list: Array<[string, string]> = (all[`waiting:${node}`] = []);
    index.waiting[node].forEachUpTo('9999', (id, time) => list.push([id, time]));
  }
  return all;
}

/**
 * A shift: orders 1–6 released an hour apart; 2–5 labelled, 3–5 handed over in one batch, 4–5
 * picked up, 5 delivered; 6 stopped.
 */
function shift(h = new Harness()): Harness {
  for (let i = 1; i <= 6; i++) {
    h.order(String(i), [['A', 1]]);
    h.advance(HOUR);
  }
  for (let i = 2; i <= 5; i++) {
    h.verify(`T${i}`);
    h.ok({ type: 'labelPrinted', taskId: `T${i}`, station: 'S1' });
  }
  h.advance(HOUR);
  const batchId = ofType(h.ok({ type: 'openHandover', carrier: 'sf-express', station: 'DOCK1', operator: 'Zhao Lei' }), 'handover.opened')[0]!.batchId;
  for (let i = 3; i <= 5; i++) h.ok({ type: 'handoverScan', batchId, waybill: `WB${i}` });
  h.ok({ type: 'closeHandover', batchId, operator: 'Zhao Lei' });
  h.advance(HOUR);
  for (let i = 4; i <= 5; i++) h.ok({ type: 'carrierEvent', orderId: `taobao:${i}`, carrier: 'sf-express', eventId: `P${i}`, event: 'carrier.picked_up' });
  h.ok({ type: 'carrierEvent', orderId: 'taobao:5', carrier: 'sf-express', eventId: 'D5', event: 'carrier.delivered' });
  h.ok({ type: 'stopTask', orderId: 'taobao:6', reason: 'manual' });
  return h;
}

describe('TimeSortedIds', () => {
  it('keeps ids in time order, ties in insertion order, and counts a window with both ends included', () => {
    const sorted = new TimeSortedIds();
    sorted.add('2026-01-02', 'b');
    sorted.add('2026-01-01', 'a');
    sorted.add('2026-01-02', 'c');
    sorted.add('2026-01-03', 'd');
    const upTo = (cutoff: string) => {
      const ids: string[] = [];
      sorted.forEachUpTo(cutoff, (id) => ids.push(id));
      return ids;
    };
    expect(upTo('2026-01-02')).toEqual(['a', 'b', 'c']);
    expect(sorted.countIn('2026-01-02', '2026-01-03')).toBe(3);
    expect(sorted.countIn('2026-01-04', '2026-01-05')).toBe(0);
    sorted.delete('2026-01-02', 'b');
    sorted.delete('2026-01-02', 'nobody');
    expect(upTo('9999')).toEqual(['a', 'c', 'd']);
    expect(sorted.size).toBe(3);
  });
});

describe('the node index', () => {
  it('carried along a history equals the index rebuilt from the final state', () => {
    const h = new Harness();
    const first = nodeIndexOf(h.state); // indexed from the empty state on, so every later one is carried
    shift(h);
    expect(nodeIndexOf(h.state)).toBe(first);
    expect(entries(first)).toEqual(entries(buildNodeIndex(h.state)));
  });

  it('is carried command by command, and each step agrees with a rebuild and with the walk', () => {
    const h = new Harness();
    const first = nodeIndexOf(h.state);
    for (let i = 1; i <= 3; i++) {
      h.order(String(i), [['A', 1]]);
      h.advance(HOUR);
      expect(nodeIndexOf(h.state)).toBe(first);
    }
    h.verify('T2');
    h.ok({ type: 'labelPrinted', taskId: 'T2', station: 'S1' });
    h.ok({ type: 'stopTask', orderId: 'taobao:3', reason: 'manual' });
    h.advance(3 * HOUR);
    expect(nodeIndexOf(h.state)).toBe(first);
    expect(entries(first)).toEqual(entries(buildNodeIndex(h.state)));
    expect(entries(first)['waiting:labelled']).toEqual([['taobao:2', '2026-03-02T11:00:00.000Z']]);
    expect(findStuck(h.state, h.now, LIMITS)).toEqual([
      { orderId: 'taobao:1', node: 'released', since: T0.toISOString() },
      { orderId: 'taobao:2', node: 'labelled', since: '2026-03-02T11:00:00.000Z' },
    ]);
    expect(findStuck(h.state, h.now, LIMITS)).toEqual(findStuckByWalk(h.state, h.now, LIMITS));
  });

  it('finds what the full walk finds at every hour of a shift (stopped, moved and delivered orders left out)', () => {
    const h = shift();
    for (let hour = 0; hour <= 12; hour++) {
      const now = new Date(h.now.getTime() + hour * HOUR);
      const byNode = (list: ReturnType<typeof findStuck>) => [...list].sort((a, b) => a.orderId.localeCompare(b.orderId));
      expect(byNode(findStuck(h.state, now, LIMITS))).toEqual(byNode(findStuckByWalk(h.state, now, LIMITS)));
    }
    expect(findStuck(h.state, new Date(h.now.getTime() + 12 * HOUR), LIMITS).map((f) => f.orderId).sort()).toEqual(['taobao:1', 'taobao:2', 'taobao:3']);
  });

  it('a state saved and loaded again (no index) gets the same index, rebuilt from it', () => {
    const h = new Harness();
    nodeIndexOf(h.state);
    shift(h);
    const loaded = restoreDomainState(JSON.parse(JSON.stringify(h.state)));
    expect(entries(nodeIndexOf(loaded))).toEqual(entries(nodeIndexOf(h.state)));
    const later = new Date(h.now.getTime() + 12 * HOUR);
    expect(findStuck(loaded, later, LIMITS)).toEqual(findStuck(h.state, later, LIMITS));
  });

  it('a state left behind gets its own index, rebuilt when read, true to that state', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    const before = h.state;
    nodeIndexOf(before);
    h.verify('T1');
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
    expect(entries(nodeIndexOf(h.state))['waiting:labelled']).toHaveLength(1);
    expect(entries(nodeIndexOf(before))['waiting:labelled']).toEqual([]);
    expect(entries(nodeIndexOf(before))['waiting:released']).toEqual([['taobao:1', T0.toISOString()]]);
  });
});

describe('the funnel', () => {
  it('counts the orders that reached each node in the window, with the conversion from the node before', () => {
    const h = shift();
    const day = funnel(h.state, h.now, 1);
    expect(day.to).toBe(h.now.toISOString());
    expect(day.from).toBe(new Date(h.now.getTime() - 24 * HOUR).toISOString());
    expect(day.nodes.map(({ node, reached, conversion }) => [node, reached, conversion])).toEqual([
      ['released', 6, null],
      ['verified', 4, 0.6667],
      ['labelled', 4, 1],
      ['handed-over', 3, 0.75],
      ['picked-up', 2, 0.6667],
      ['delivered', 1, 0.5],
    ]);
  });

  it('leaves out what reached a node before the window, and gives null after a node nobody reached', () => {
    const h = shift();
    const later = new Date(h.now.getTime() - 2 * HOUR + 24 * HOUR); // the window starts when 2–5 were verified and labelled
    const nodes = funnel(h.state, later, 1).nodes;
    expect(nodes.map((n) => n.reached)).toEqual([0, 4, 4, 3, 2, 1]);
    expect(nodes.map((n) => n.conversion)).toEqual([null, null, 1, 0.75, 0.6667, 0.5]);
    expect(funnel(h.state, later, 7).nodes.map((n) => n.reached)).toEqual([6, 4, 4, 3, 2, 1]);
  });

  it('counts the stuck orders per node from the patrol, and lists them oldest first, at most `limit`', () => {
    const h = shift();
    h.advance(12 * HOUR);
    h.ok({ type: 'patrol' });
    expect(funnel(h.state, h.now, 1).nodes.map((n) => n.stuck)).toEqual([1, 0, 1, 1, 0, 0]);
    expect(stuckOrders(h.state, undefined, 10)).toEqual({
      total: 3,
      orders: [
        { orderId: 'taobao:1', node: 'released', since: T0.toISOString() },
        { orderId: 'taobao:2', node: 'labelled', since: '2026-03-02T14:00:00.000Z' },
        { orderId: 'taobao:3', node: 'handed-over', since: '2026-03-02T15:00:00.000Z' },
      ],
    });
    expect(stuckOrders(h.state, 'labelled', 10).orders.map((o) => o.orderId)).toEqual(['taobao:2']);
    expect(stuckOrders(h.state, undefined, 1)).toEqual({ total: 3, orders: [expect.objectContaining({ orderId: 'taobao:1' })] });
  });

  describe('built in the background', () => {
    it('a slice at a time equals the index built at once, ties in the same order', async () => {
      const h = shift();
      // Orders released at one instant: ties the merge sort must keep in insertion order.
      for (let i = 7; i <= 12; i++) h.order(String(i), [['A', 1]]);
      const loaded = restoreDomainState(JSON.parse(JSON.stringify(h.state)));
      const build = buildNodeIndexInBackground(loaded, 1);
      await build.done;
      expect(entries(nodeIndexOf(loaded))).toEqual(entries(buildNodeIndex(h.state)));
    });

    it('follows the commands applied while it builds, and a reader that cannot wait finishes it', async () => {
      const h = shift();
      const loaded = restoreDomainState(JSON.parse(JSON.stringify(h.state)));
      const live = new Harness();
      live.state = loaded;
      live.now = h.now;
      const build = buildNodeIndexInBackground(loaded, 1);
      // Commands go on during the build: a new order, a label, a stop.
      live.order('7', [['A', 1]]);
      live.verify('T1');
      live.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
      live.ok({ type: 'stopTask', orderId: 'taobao:2', reason: 'manual' });
      const later = new Date(live.now.getTime() + 12 * HOUR);
      // The patrol needs it now: the rest is built at once, for the newest state.
      const byOrder = (list: ReturnType<typeof findStuck>) => [...list].sort((a, b) => a.orderId.localeCompare(b.orderId));
      expect(byOrder(findStuck(live.state, later, LIMITS))).toEqual(byOrder(findStuckByWalk(live.state, later, LIMITS)));
      expect(entries(nodeIndexOf(live.state))).toEqual(entries(buildNodeIndex(live.state)));
      await build.done;
      // Carried on from there as any index.
      const index = nodeIndexOf(live.state);
      live.order('8', [['A', 1]]);
      expect(nodeIndexOf(live.state)).toBe(index);
      expect(entries(index)).toEqual(entries(buildNodeIndex(live.state)));
    });

    it('follows the commands to the end when nobody reads it before', async () => {
      const h = shift();
      const loaded = restoreDomainState(JSON.parse(JSON.stringify(h.state)));
      const live = new Harness();
      live.state = loaded;
      live.now = h.now;
      const build = buildNodeIndexInBackground(loaded, 1);
      live.order('7', [['A', 1]]);
      live.verify('T7');
      await build.done;
      live.ok({ type: 'labelPrinted', taskId: 'T7', station: 'S1' });
      expect(entries(nodeIndexOf(live.state))).toEqual(entries(buildNodeIndex(live.state)));
      expect(funnel(live.state, live.now, 1)).toEqual(funnel(restoreDomainState(JSON.parse(JSON.stringify(live.state))), live.now, 1));
    });
  });
});
