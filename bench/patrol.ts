import { applyCommand, buildNodeIndex, createDomainState, findStuck, findStuckByWalk, nodeIndexOf, type DomainState, type Order, type Task } from '../hub/domain/index.js';
import { buildNodeIndexInBackground } from '../hub/domain/node-index.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';
import { MAPPING_WING } from '../hub/mapping/mapping-wing.js';

const SIZE = Number(process.env.PACKGATE_BENCH_PATROL_SIZE ?? 100_000);
const PASSES = 30;
const HOUR = 3_600_000;
const NOW = new Date('2026-11-22T18:00:00.000Z');
const LIMITS = { released: 4 * HOUR, labelled: 2 * HOUR, 'handed-over': 4 * HOUR };

/**
 * A state of `count` open orders spread over the nodes the patrol watches: a third released,
 * a third labelled, a third handed over, at times over the last 8 hours (so about half are past
 * their limit). Built directly, not through commands: the patrol reads only orders, tasks, stops.
 */
function openOrders(count: number): DomainState {
  const state = createDomainState();
  for (let i = 0; i < count; i++) {
    const id = `taobao:P${i}`;
    const taskId = `T${i + 1}`;
    const at = new Date(NOW.getTime() - ((i * 7919) % (8 * HOUR))).toISOString();
    const node = i % 3;
    const order: Order = {
      id,
      channel: 'taobao',
      orderNo: `P${i}`,
      waybill: `SF${i}`,
      label: { name: 'n', phone: 'p', address: 'a' },
      lines: [{ channelSku: 'C', quantity: 1, masterSku: 'A' }],
      parcels: [{ waybill: `SF${i}`, ...(node >= 1 ? { labelled: { at, station: 'S1' } } : {}), ...(node === 2 ? { handedOver: { at, batchId: 'H1' } } : {}) }],
      status: 'released',
      createdAt: at,
      taskId,
      releasedAt: at,
    };
    const task: Task = {
      id: taskId,
      no: i + 1,
      orderId: id,
      lines: [{ sku: 'A', quantity: 1 }],
      progress: node >= 1 ? 'labelled' : 'released',
      releasedAt: at,
      ...(node >= 1 ? { station: 'S1', verifiedAt: at, labelledAt: at } : {}),
    };
    state.orders[id] = order;
    state.tasks[taskId] = task;
  }
  state.counters.task = count;
  return state;
}

/**
 * The hub's build of the index after start (`buildNodeIndexInBackground`): how long until it is
 * done, and the longest the event loop waited for one turn meanwhile (a probe runs every turn).
 */
async function backgroundBuild(state: DomainState): Promise<{ totalMs: number; longestTurnMs: number }> {
  const started = performance.now();
  let last = started;
  let longestTurnMs = 0;
  let probing = true;
  const probe = () => {
    const now = performance.now();
    longestTurnMs = Math.max(longestTurnMs, now - last);
    last = now;
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  await buildNodeIndexInBackground(state).done;
  probing = false;
  const totalMs = performance.now() - started;
  return { totalMs, longestTurnMs };
}

function medianOf(pass: () => number): { median: number; p99: number; found: number } {
  for (let i = 0; i < 5; i++) pass();
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < PASSES; i++) {
    const started = performance.now();
    found = pass();
    times.push(performance.now() - started);
  }
  return { median: percentile(times, 50), p99: percentile(times, 99), found };
}

/**
 * One patrol pass over SIZE open orders, measured twice in the same run: the full walk over the
 * orders (`findStuckByWalk`, the baseline) and the node index (`findStuck`); then the index's
 * build (on load), the `patrol` command's first pass (raising the alerts) and a quiet repeat.
 */
export const patrolBenchmark: Benchmark = {
  name: 'patrol',
  async run() {
    const state = openOrders(SIZE);
    let started = performance.now();
    buildNodeIndex(state);
    const indexBuildMs = performance.now() - started;
    nodeIndexOf(state);
    const background = await backgroundBuild(openOrders(SIZE));
    const walk = medianOf(() => findStuckByWalk(state, NOW, LIMITS).length);
    const indexed = medianOf(() => findStuck(state, NOW, LIMITS).length);
    if (walk.found !== indexed.found) throw new Error(`the index found ${indexed.found} stuck orders, the walk ${walk.found}`);
    const stuck = indexed.found;
    const context = { now: NOW, actor: { kind: 'system', id: 'patrol' } } as const;
    started = performance.now();
    const first = applyCommand(state, { type: 'patrol', limits: LIMITS }, context, { mapping: MAPPING_WING });
    const firstPassMs = performance.now() - started;
    if (!first.ok) throw new Error(`patrol refused: ${first.code}`);
    started = performance.now();
    const quiet = applyCommand(first.state, { type: 'patrol', limits: LIMITS }, context, { mapping: MAPPING_WING });
    const quietPassMs = performance.now() - started;
    if (!quiet.ok || quiet.events.length > 0) throw new Error('a repeated patrol pass changed something');
    return {
      patrolOpenOrders: SIZE,
      patrolStuckOrders: stuck,
      patrolPassMedianMs: Number(indexed.median.toFixed(2)),
      patrolPassP99Ms: Number(indexed.p99.toFixed(2)),
      patrolWalkPassMedianMs: Number(walk.median.toFixed(2)),
      patrolWalkPassP99Ms: Number(walk.p99.toFixed(2)),
      patrolIndexBuildMs: Number(indexBuildMs.toFixed(1)),
      patrolIndexBackgroundBuildMs: Number(background.totalMs.toFixed(1)),
      patrolIndexLongestSliceMs: Number(background.longestTurnMs.toFixed(1)),
      patrolPassGoalMs: 50,
      patrolCommandFirstPassMs: Number(firstPassMs.toFixed(1)),
      patrolCommandQuietPassMs: Number(quietPassMs.toFixed(1)),
    };
  },
};
