import { createDomainState, openBatchOf, orderOfWaybill, ordersOfOrderNo, parcelOfWaybill, waybillKey, type DomainState, type HandoverBatch, type Order } from '../hub/domain/index.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SIZE = Number(process.env.PACKGATE_BENCH_WAYBILL_ORDERS ?? 100_000);
const PER_BATCH = 100;
const QUERIES = 2000;
const AT = '2026-11-22T10:00:00.000Z';

/**
 * `count` orders of one parcel each, handed over in closed batches of PER_BATCH but for the last
 * batch, still open. Built directly, not through commands: the lookups read orders, the waybill
 * index and the batches.
 */
function site(count: number): DomainState {
  const state = createDomainState();
  for (let i = 0; i < count; i++) {
    const id = `taobao:W${i}`;
    const waybill = `SF${String(i).padStart(10, '0')}`;
    const order: Order = {
      id,
      channel: 'taobao',
      orderNo: `W${i}`,
      waybill,
      label: { name: 'n', phone: 'p', address: 'a' },
      lines: [{ channelSku: 'C', quantity: 1, masterSku: 'A' }],
      parcels: [{ waybill }],
      status: 'released',
      createdAt: AT,
    };
    state.orders[id] = order;
    state.waybills[waybillKey(waybill)] = [id];
    const batchId = `H${Math.floor(i / PER_BATCH) + 1}`;
    const batch: HandoverBatch = (state.handovers[batchId] ??= { id: batchId, carrier: 'sf-express', openedAt: AT, openedBy: 'Zhao Lei', parcels: [] });
    batch.parcels.push({ waybill, orderId: id, index: 1, at: AT });
  }
  const last = `H${Math.ceil(count / PER_BATCH)}`;
  for (const batch of Object.values(state.handovers)) if (batch.id !== last) batch.closed = { at: AT, by: 'Zhao Lei', count: batch.parcels.length };
  return state;
}

/** The open batch of a waybill as the hub found it before the index: every batch, every parcel. */
function scanBatches(state: DomainState, waybill: string): HandoverBatch | undefined {
  const key = waybillKey(waybill);
  for (const batch of Object.values(state.handovers)) {
    if (!batch.closed && batch.parcels.some((parcel) => waybillKey(parcel.waybill) === key)) return batch;
  }
  return undefined;
}

function timed(queries: readonly string[], lookup: (waybill: string) => unknown): { p50: number; p99: number } {
  const samples: number[] = [];
  for (const waybill of queries) {
    const start = process.hrtime.bigint();
    lookup(waybill);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * Lookups at SIZE orders: the order and parcel of a waybill (the saved waybill index), the open
 * batch holding it through the derived index (its first read builds it) and through the scan of
 * every batch it replaced; the orders of a channel order number (a station's order-number scan)
 * through the derived index and through the walk over every order it replaced.
 */
export const waybillLookupBenchmark: Benchmark = {
  name: 'waybill-lookup',
  async run() {
    const state = site(SIZE);
    const queries = Array.from({ length: QUERIES }, (_, i) => `sf${String((i * 7919) % SIZE).padStart(10, '0')}`);
    const build = process.hrtime.bigint();
    openBatchOf(state, queries[0]!);
    const buildMs = Number(process.hrtime.bigint() - build) / 1e6;
    const order = timed(queries, (waybill) => orderOfWaybill(state, waybill));
    const parcel = timed(queries, (waybill) => parcelOfWaybill(state, waybill));
    const indexed = timed(queries, (waybill) => openBatchOf(state, waybill));
    const scanned = timed(queries, (waybill) => scanBatches(state, waybill));
    const numbers = queries.map((_, i) => `w${(i * 7919) % SIZE}`);
    const numberBuild = process.hrtime.bigint();
    ordersOfOrderNo(state, numbers[0]!);
    const numberBuildMs = Number(process.hrtime.bigint() - numberBuild) / 1e6;
    const byNumber = timed(numbers, (orderNo) => ordersOfOrderNo(state, orderNo));
    const walked = timed(numbers.slice(0, 200), (orderNo) => Object.values(state.orders).filter((order) => order.orderNo.toUpperCase() === orderNo.toUpperCase()));
    for (const waybill of queries) if (openBatchOf(state, waybill)?.id !== scanBatches(state, waybill)?.id) throw new Error(`the index and the scan disagree on ${waybill}`);
    return {
      orders: SIZE,
      batches: Object.keys(state.handovers).length,
      queries: QUERIES,
      orderOfWaybillP50Ms: order.p50,
      parcelOfWaybillP50Ms: parcel.p50,
      openBatchIndexBuildMs: buildMs,
      openBatchOfP50Ms: indexed.p50,
      openBatchOfP99Ms: indexed.p99,
      openBatchScanP50Ms: scanned.p50,
      openBatchScanP99Ms: scanned.p99,
      orderNoIndexBuildMs: numberBuildMs,
      ordersOfOrderNoP50Ms: byNumber.p50,
      orderNoWalkP50Ms: walked.p50,
    };
  },
};
