import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ingest } from '../hub/ingest/ingest.js';
import { History, type HistoryRecord } from '../hub/store/history.js';
import { siteTopics } from '../protocol/index.js';
import { generateSegments, LARGE_EVENTS } from './history-large.js';
import { entryFor, latencies, orderOf, QUERIES, randomInt, round, STATIONS, time } from './history-data.js';
import type { Benchmark } from './benchmark.js';

/** How many stored events the single-file history is measured at (`PACKGATE_BENCH_HISTORY_EVENTS`). */
const EVENTS = Number(process.env.PACKGATE_BENCH_HISTORY_EVENTS ?? 1_000_000);
const APPENDS = 20_000;

/**
 * The event history at scale, in two shapes. First today's single file: `EVENTS` scan events
 * (about 420 bytes each, three index keys each) written directly, opened with segments off and
 * queried as the hub would, then opened with segments on, which seals it (the migration of an
 * existing history). Then `LARGE_EVENTS` (default 10,000,000: a year of a busy site) written
 * straight into sealed day segments by the store's own index writer, opened and queried in a
 * fresh process (`history-large-open.ts`) so that its memory is the store's, not the generator's.
 */
export const historyBenchmark: Benchmark = {
  name: 'history',
  async run() {
    return { ...singleFile(), ...segmented() };
  },
};

function singleFile(): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-history-'));
  const path = join(dir, 'history.jsonl');
  try {
    const generated = time(() => writeEvents(path, EVENTS));
    const opened = time(() => History.open(path, { checkpointEvery: Infinity, segments: false }));
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
    for (let i = 0; i < APPENDS; i += 1) history.append(entryFor(history.lastSeq + 1), new Date(Date.UTC(2026, 10, 22)));
    const appendUs = Number(process.hrtime.bigint() - appendStart) / 1000 / APPENDS;
    const { keys, postings } = history.stats;
    history.close();
    const fileMb = statSync(path).size / 2 ** 20;
    const checkpointMb = statSync(`${path}.idx`).size / 2 ** 20;
    const reopened = time(() => History.open(path, { segments: false }));
    reopened.value.close();
    // Its records are of 2026-11-22, a closed day: opening with segments seals the whole file.
    const migrated = time(() => History.open(path));
    migrated.value.close();

    return {
      events: EVENTS,
      generate_s: round(generated.ms / 1000, 1),
      open_full_scan_ms: round(opened.ms, 0),
      checkpoint_save_ms: round(checkpoint.ms, 0),
      open_from_checkpoint_ms: round(reopened.ms, 0),
      ingest_rebuild_ms: round(ingest.ms, 0),
      rss_after_open_mb: round(memory.rss / 2 ** 20, 0),
      heap_used_after_open_mb: round(memory.heapUsed / 2 ** 20, 0),
      file_mb: round(fileMb, 0),
      checkpoint_mb: round(checkpointMb, 0),
      bytes_per_record: round((fileMb * 2 ** 20) / (EVENTS + APPENDS), 0),
      index_keys: keys,
      index_postings: postings,
      append_us_per_op: round(appendUs, 1),
      timeline_p50_ms: round(timeline.p50, 3),
      timeline_p99_ms: round(timeline.p99, 3),
      timeline_station_newest_1000_p99_ms: round(station.p99, 3),
      since_100_p99_ms: round(since.p99, 3),
      has_event_id_miss_p99_ms: round(dedup.p99, 3),
      has_event_id_hit_p99_ms: round(dedupHit.p99, 3),
      migrate_open_and_seal_ms: round(migrated.ms, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function segmented(): Record<string, number> {
  if (LARGE_EVENTS <= 0) return {};
  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-history-large-'));
  try {
    const generated = generateSegments(join(dir, 'history.jsonl'), LARGE_EVENTS);
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('./history-large-open.js', import.meta.url)), join(dir, 'history.jsonl'), String(LARGE_EVENTS)], {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`history benchmark: the 10M open failed: ${child.stderr}`);
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    return {
      large_events: LARGE_EVENTS,
      large_segments: generated.segments,
      large_generate_s: round(generated.ms / 1000, 1),
      large_index_write_ms_per_day: round(generated.indexMs / generated.segments, 1),
      large_disk_mb: round(generated.bytes / 2 ** 20, 0),
      ...Object.fromEntries(Object.entries(figures).map(([key, value]) => [`large_${key}`, value])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
