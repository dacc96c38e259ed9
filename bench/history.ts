import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ingest } from '../hub/ingest/ingest.js';
import { History, type HistoryEntry, type HistoryRecord } from '../hub/store/history.js';
import { PAYLOAD_VERSION, siteTopics } from '../protocol/index.js';
import type { Benchmark } from './index.js';
import { percentile } from './stats.js';

/** How many stored events the history is measured at (`PACKGATE_BENCH_HISTORY_EVENTS`). */
const EVENTS = Number(process.env.PACKGATE_BENCH_HISTORY_EVENTS ?? 1_000_000);
const STATIONS = 20;
const EVENTS_PER_ORDER = 5;
/** An order's events lie this many records apart, so a timeline is scattered reads, not one run. */
const ORDER_SPREAD = 1000;
const SKUS = 2000;
const QUERIES = 2000;
const APPENDS = 20_000;

/**
 * The event history at scale: a file of `EVENTS` scan events (about 420 bytes each, three
 * index keys each) is written directly, then opened and queried as the hub would.
 */
export const historyBenchmark: Benchmark = {
  name: 'history',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-history-'));
    const path = join(dir, 'history.jsonl');
    try {
      const generated = time(() => writeEvents(path, EVENTS));
      const opened = time(() => History.open(path, { checkpointEvery: Infinity }));
      const history = opened.value;
      const memory = process.memoryUsage();
      const checkpoint = time(() => history.checkpoint());
      const ingest = time(() => new Ingest({ topics: siteTopics('bench'), history, onStored: () => {}, sendAck: () => {} }));
      ingest.value.close();

      const timeline = latencies(QUERIES, () => history.byKey(`order:${orderOf(randomInt(EVENTS))}`).length > 0);
      const station = latencies(200, () => history.byKey(`station:S${String(randomInt(STATIONS)).padStart(2, '0')}`).length > 0);
      const since = latencies(QUERIES, () => history.since(randomInt(EVENTS - 100), 100).length === 100);
      const known = history.since(randomInt(EVENTS - 1), 1)[0];
      const dedup = latencies(QUERIES, () => !history.hasEventId(randomUUID()));
      const dedupHit = latencies(100, () => known?.kind === 'event' && history.hasEventId(known.event.id));

      const appendStart = process.hrtime.bigint();
      for (let i = 0; i < APPENDS; i += 1) history.append(entryFor(history.lastSeq + 1));
      const appendUs = Number(process.hrtime.bigint() - appendStart) / 1000 / APPENDS;
      const { keys, postings } = history.stats;
      history.close();
      const reopened = time(() => History.open(path));
      reopened.value.close();

      return {
        events: EVENTS,
        generate_s: round(generated.ms / 1000, 1),
        open_full_scan_ms: round(opened.ms, 0),
        checkpoint_save_ms: round(checkpoint.ms, 0),
        open_from_checkpoint_ms: round(reopened.ms, 0),
        ingest_rebuild_ms: round(ingest.ms, 0),
        rss_after_open_mb: round(memory.rss / 2 ** 20, 0),
        heap_used_after_open_mb: round(memory.heapUsed / 2 ** 20, 0),
        file_mb: round(statSync(path).size / 2 ** 20, 0),
        checkpoint_mb: round(statSync(`${path}.idx`).size / 2 ** 20, 0),
        bytes_per_record: round(statSync(path).size / (EVENTS + APPENDS), 0),
        index_keys: keys,
        index_postings: postings,
        append_us_per_op: round(appendUs, 1),
        timeline_p50_ms: round(timeline.p50, 3),
        timeline_p99_ms: round(timeline.p99, 3),
        timeline_station_newest_1000_p99_ms: round(station.p99, 3),
        since_100_p99_ms: round(since.p99, 3),
        has_event_id_miss_p99_ms: round(dedup.p99, 3),
        has_event_id_hit_p99_ms: round(dedupHit.p99, 3),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function orderOf(seq: number): string {
  const index = seq - 1;
  const block = Math.floor(index / (ORDER_SPREAD * EVENTS_PER_ORDER));
  return `TB${String(block * ORDER_SPREAD + (index % ORDER_SPREAD)).padStart(8, '0')}`;
}

function entryFor(seq: number): HistoryEntry {
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

/** Writes the file as the history would, a batch at a time (the append path is measured apart; bench/hub-start.ts reuses it). */
export function writeEvents(path: string, count: number): void {
  const at = new Date(Date.UTC(2026, 10, 22)).toISOString();
  for (let first = 1; first <= count; first += 10_000) {
    const lines: string[] = [];
    for (let seq = first; seq < Math.min(first + 10_000, count + 1); seq += 1) {
      lines.push(JSON.stringify({ ...entryFor(seq), seq, at } satisfies HistoryRecord));
    }
    appendFileSync(path, lines.join('\n') + '\n');
  }
}

function latencies(count: number, query: () => boolean): { p50: number; p99: number } {
  const ms: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    if (!query()) throw new Error('history benchmark: a query returned the wrong answer');
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

function time<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function randomInt(max: number): number {
  return 1 + Math.floor(Math.random() * max);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
