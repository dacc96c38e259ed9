import { randomUUID } from 'node:crypto';
import type { HistoryEntry } from '../hub/store/history.js';
import { PAYLOAD_VERSION } from '../protocol/index.js';
import { percentile } from './stats.js';

/** The benchmark's data set (bench/history.ts, bench/history-large.ts): scan events over 20 stations. */
export const STATIONS = 20;
const EVENTS_PER_ORDER = 5;
/** An order's events lie this many records apart, so a timeline is scattered reads, not one run. */
const ORDER_SPREAD = 1000;
const SKUS = 2000;
/** How many of each query a figure is measured over. */
export const QUERIES = 2000;

export function orderOf(seq: number): string {
  const index = seq - 1;
  const block = Math.floor(index / (ORDER_SPREAD * EVENTS_PER_ORDER));
  return `TB${String(block * ORDER_SPREAD + (index % ORDER_SPREAD)).padStart(8, '0')}`;
}

export function entryFor(seq: number): HistoryEntry {
  const station = `S${String((seq % STATIONS) + 1).padStart(2, '0')}`;
  const data = `0104012345678901${String(seq).padStart(10, '0')}`;
  const sku = `SKU-${String(seq % SKUS).padStart(5, '0')}`;
  return {
    kind: 'event',
    station,
    event: {
      v: PAYLOAD_VERSION,
      id: randomUUID(),
      station,
      seq: Math.floor(seq / STATIONS) + 1,
      at: new Date(Date.UTC(2026, 10, 22) + seq * 100).toISOString(),
      body: { type: 'scan', data, raw: Buffer.from(data).toString('base64'), source: 'sim' },
    },
    keys: [`order:${orderOf(seq)}`, `station:${station}`, `sku:${sku}`],
  };
}

export function latencies(count: number, query: () => boolean): { p50: number; p99: number } {
  const ms: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    if (!query()) throw new Error('history benchmark: a query returned the wrong answer');
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

export function time<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export function randomInt(max: number): number {
  return 1 + Math.floor(Math.random() * max);
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
