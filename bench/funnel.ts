import { createDomainState, funnel, nodeIndexOf, type DomainState, type Order, type Task } from '../hub/domain/index.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SIZE = Number(process.env.PACKGATE_BENCH_FUNNEL_SIZE ?? 1_000_000);
const QUERIES = 200;
const HOUR = 3_600_000;
const NOW = new Date('2026-11-22T18:00:00.000Z');

/**
 * `count` orders released over the last 30 days, each a step further than the one before it
 * (released, verified, labelled, handed over, picked up, delivered in turn), an hour between
 * nodes. Built directly, not through commands: the funnel reads only orders and tasks.
 */
function orders(count: number): DomainState {
  const state = createDomainState();
  const span = 30 * 24 * HOUR;
  for (let i = 0; i < count; i++) {
    const id = `taobao:F${i}`;
    const taskId = `T${i + 1}`;
    const base = NOW.getTime() - span + Math.floor((i / count) * span);
    const step = i % 6;
    const at = (n: number) => new Date(base + n * HOUR).toISOString();
    const order: Order = {
      id,
      channel: 'taobao',
      orderNo: `F${i}`,
      waybill: `SF${i}`,
      label: { name: 'n', phone: 'p', address: 'a' },
      lines: [{ channelSku: 'C', quantity: 1, masterSku: 'A' }],
      parcels: [{ waybill: `SF${i}`, ...(step >= 2 ? { labelled: { at: at(2), station: 'S1' } } : {}), ...(step >= 3 ? { handedOver: { at: at(3), batchId: 'H1' } } : {}) }],
      status: 'released',
      createdAt: at(0),
      taskId,
      releasedAt: at(0),
      ...(step >= 4 ? { tracking: { pickedUp: at(4), ...(step >= 5 ? { delivered: at(5) } : {}) } } : {}),
    };
    const task: Task = {
      id: taskId,
      no: i + 1,
      orderId: id,
      lines: [{ sku: 'A', quantity: 1 }],
      progress: step >= 2 ? 'labelled' : 'released',
      releasedAt: at(0),
      ...(step >= 1 ? { station: 'S1', verifiedAt: at(1) } : {}),
      ...(step >= 2 ? { labelledAt: at(2) } : {}),
    };
    state.orders[id] = order;
    state.tasks[taskId] = task;
  }
  state.counters.task = count;
  return state;
}

/** The funnel query (`funnel`, pure, over the node index) for 1 and 7 days, over SIZE orders; and the index's build on load. */
export const funnelBenchmark: Benchmark = {
  name: 'funnel',
  async run() {
    const state = orders(SIZE);
    let started = performance.now();
    nodeIndexOf(state);
    const indexBuildMs = performance.now() - started;
    const times: number[] = [];
    let reached7 = 0;
    for (let i = 0; i < QUERIES; i++) {
      const days = i % 2 === 0 ? 1 : 7;
      started = performance.now();
      const result = funnel(state, NOW, days);
      times.push(performance.now() - started);
      if (days === 7) reached7 = result.nodes[0]!.reached;
    }
    return {
      funnelOrders: SIZE,
      funnelReleased7Days: reached7,
      funnelQueryMedianMs: Number(percentile(times, 50).toFixed(3)),
      funnelQueryP99Ms: Number(percentile(times, 99).toFixed(3)),
      funnelQueryGoalP99Ms: 100,
      funnelIndexBuildMs: Number(indexBuildMs.toFixed(0)),
    };
  },
};
