import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DomainStore } from '../hub/control/domain-store.js';
import { INGEST_CHECKPOINT_FILE } from '../hub/ingest/checkpoint.js';
import { Ingest } from '../hub/ingest/ingest.js';
import { TabletTally } from '../hub/push/tablet-tally.js';
import { ACK_LEDGER_FILE, AckLedger } from '../hub/store/ack-ledger.js';
import { History } from '../hub/store/history.js';
import { segmentFolders } from '../hub/store/segments.js';
import { HISTORY_FILE } from '../hub/store/state.js';
import { siteTopics, type StationEvent } from '../protocol/index.js';
import { writeEvents } from './history.js';
import { entryFor, round } from './history-data.js';
import { generateSegments } from './history-large.js';
import { percentile } from './stats.js';
import type { Benchmark } from './benchmark.js';

/** How many stored events the hub starts on (`PACKGATE_BENCH_HUB_START_EVENTS`). */
const EVENTS = Number(process.env.PACKGATE_BENCH_HUB_START_EVENTS ?? 1_000_000);
/**
 * How they are laid out (`PACKGATE_BENCH_HUB_START_LAYOUT`): `segments` (default), a year of
 * sealed day segments in `history.d/` as bench/history-large.ts writes them, ending the day before
 * today; or `file`, one `history.jsonl` of a single day (the layout before segments, sealed by
 * the first start).
 */
const LAYOUT = process.env.PACKGATE_BENCH_HUB_START_LAYOUT ?? 'segments';
/**
 * A data folder to use and keep (`PACKGATE_BENCH_HUB_START_DIR`): generated there if it holds no
 * history yet, else started on as it is (a second run skips the generation). Default: a
 * temporary folder, removed afterwards.
 */
const KEEP_DIR = process.env.PACKGATE_BENCH_HUB_START_DIR;
const DAY_MS = 24 * 60 * 60 * 1000;
const run = promisify(execFile);

/** What one start measured (in its own process, so that its RSS is its own). */
interface StartFigures {
  start_ms: number;
  history_open_ms: number;
  ledger_ms: number;
  domain_ms: number;
  tally_ms: number;
  ingest_ms: number;
  /** The history sequence ingest read from (0: every record). */
  ingest_from: number;
  rss_mb: number;
  heap_used_mb: number;
  /** Sealed segments in the live window after the start. */
  segments: number;
  /** With `measureIngest`: one new event's `Ingest.handle` (validate, dedup, store), p50 and p99, and a repeat's. */
  ingest_new_p50_ms?: number;
  ingest_new_p99_ms?: number;
  ingest_repeat_p99_ms?: number;
}

/** New events (each station's next sequences) and repeats (stored events sent again) fed to ingest after the last start. */
const INGEST_NEW = 2000;
const INGEST_REPEATS = 200;

/**
 * The hub's start on a data folder with a large history (`EVENTS` scan events of 20 stations,
 * written straight to disk as bench/history.ts does, in `LAYOUT`): the parts hub/hub.ts opens
 * before it listens (history, ack ledger, domain, tablet tally, ingest), each start in a new
 * process, then closed the hub's way (which saves the checkpoints). Three starts in one run: the
 * first (no checkpoint of any kind, no `domain.json`), one without the ingest checkpoint (deleted:
 * the baseline) and one with it (the normal restart).
 */
export const hubStartBenchmark: Benchmark = {
  name: 'hub-start',
  async run() {
    if (LAYOUT !== 'segments' && LAYOUT !== 'file') throw new Error(`hub-start: PACKGATE_BENCH_HUB_START_LAYOUT is ${LAYOUT}, not segments or file`);
    const dir = KEEP_DIR ?? mkdtempSync(join(tmpdir(), 'packgate-bench-hub-start-'));
    try {
      const generated = performance.now();
      const fresh = generate(dir);
      const generateS = (performance.now() - generated) / 1000;
      const first = fresh ? await startInChild(dir) : undefined;
      rmSync(join(dir, INGEST_CHECKPOINT_FILE), { force: true });
      const without = await startInChild(dir);
      const withCheckpoint = await startInChild(dir, true);
      if (without.ingest_from !== 0 || withCheckpoint.ingest_from === 0) throw new Error('hub-start: the ingest checkpoint was not used as measured');
      return {
        events: EVENTS,
        layout: LAYOUT,
        segments: withCheckpoint.segments,
        ...(fresh ? { generate_s: Number(generateS.toFixed(1)), first_start_ms: first!.start_ms } : {}),
        start_ms_without_ingest_checkpoint: without.start_ms,
        start_ms_with_ingest_checkpoint: withCheckpoint.start_ms,
        ingest_ms_without_checkpoint: without.ingest_ms,
        ingest_ms_with_checkpoint: withCheckpoint.ingest_ms,
        history_open_ms_without_ingest_checkpoint: without.history_open_ms,
        history_open_ms: withCheckpoint.history_open_ms,
        ledger_ms: withCheckpoint.ledger_ms,
        domain_ms: withCheckpoint.domain_ms,
        tally_ms: withCheckpoint.tally_ms,
        rss_mb_without_ingest_checkpoint: without.rss_mb,
        rss_mb_with_ingest_checkpoint: withCheckpoint.rss_mb,
        heap_used_mb_with_ingest_checkpoint: withCheckpoint.heap_used_mb,
        ingest_new_event_p50_ms: withCheckpoint.ingest_new_p50_ms!,
        ingest_new_event_p99_ms: withCheckpoint.ingest_new_p99_ms!,
        ingest_repeat_p99_ms: withCheckpoint.ingest_repeat_p99_ms!,
        target_start_ms_at_10m: 3000,
        target_rss_mb_at_10m: 250,
      };
    } finally {
      if (KEEP_DIR === undefined) rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Writes the history into `dir` unless it holds one already; returns whether it wrote it. */
function generate(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  const historyPath = join(dir, HISTORY_FILE);
  const { sealed } = segmentFolders(historyPath);
  if (existsSync(historyPath) || (existsSync(sealed) && readdirSync(sealed).length > 0)) return false;
  if (LAYOUT === 'file') {
    writeEvents(historyPath, EVENTS);
  } else {
    // 365 closed days ending yesterday (UTC): all sealed, all in the live window.
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    generateSegments(historyPath, EVENTS, today - 365 * DAY_MS);
  }
  return true;
}

async function startInChild(dir: string, measureIngest = false): Promise<StartFigures> {
  const args = [fileURLToPath(import.meta.url), dir, ...(measureIngest ? ['--measure-ingest'] : [])];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as StartFigures;
}

/**
 * One start in this process, as hub/hub.ts opens the data folder; prints its figures as JSON.
 * With `measureIngest`, then feeds ingest new events and repeats, timing each.
 */
async function startOnce(dir: string, measureIngest: boolean): Promise<StartFigures> {
  const started = performance.now();
  const lap = (() => {
    let last = started;
    return () => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    };
  })();
  const history = History.open(join(dir, HISTORY_FILE));
  const historyOpenMs = lap();
  const ledger = AckLedger.open(join(dir, ACK_LEDGER_FILE));
  const ledgerMs = lap();
  const domain = await DomainStore.open(history, join(dir, 'domain.json'));
  const domainMs = lap();
  // The hub also makes a Feed here: its constructor reads nothing.
  new TabletTally(history).catchUp();
  const tallyMs = lap();
  const ingest = new Ingest({ topics: siteTopics('bench'), history, onStored: () => {}, sendAck: () => {}, checkpointPath: join(dir, INGEST_CHECKPOINT_FILE) });
  const ingestMs = lap();
  const startMs = Math.round(performance.now() - started);
  const { rss, heapUsed } = process.memoryUsage();
  const { segments } = history.stats;
  const ingestFigures = measureIngest ? await measureIngestAt(history, ingest) : {};
  ingest.close();
  await ingest.checkpoint();
  await domain.close();
  ledger.close();
  history.close();
  return {
    start_ms: startMs,
    history_open_ms: historyOpenMs,
    ledger_ms: ledgerMs,
    domain_ms: domainMs,
    tally_ms: tallyMs,
    ingest_ms: ingestMs,
    ingest_from: ingest.startedFrom,
    rss_mb: Math.round(rss / 2 ** 20),
    heap_used_mb: Math.round(heapUsed / 2 ** 20),
    segments,
    ...ingestFigures,
  };
}

/** Times `Ingest.handle` for new events (each station's next sequences, round robin) and for repeats of stored events. */
async function measureIngestAt(history: History, ingest: Ingest): Promise<Pick<StartFigures, 'ingest_new_p50_ms' | 'ingest_new_p99_ms' | 'ingest_repeat_p99_ms'>> {
  const topics = siteTopics('bench');
  const next = new Map<string, number>();
  for (const record of history.since(Math.max(0, history.lastSeq - 1000))) {
    if (record.kind === 'event') next.set(record.station, Math.max(next.get(record.station) ?? 0, record.event.seq + 1));
  }
  const stations = [...next.keys()];
  const handle = (event: StationEvent) => {
    const payload = Buffer.from(JSON.stringify(event));
    const start = process.hrtime.bigint();
    ingest.handle(topics.stationEvents(event.station), payload);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const fresh: number[] = [];
  for (let i = 0; i < INGEST_NEW; i += 1) {
    const station = stations[i % stations.length]!;
    const seq = next.get(station)!;
    next.set(station, seq + 1);
    const { event } = entryFor(i + 1) as { event: StationEvent };
    fresh.push(handle({ ...event, station, seq, at: new Date().toISOString() }));
    // A burst at a time, as from the broker: acks and the history's sync run between bursts.
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  const repeats: number[] = [];
  const before = ingest.stats().duplicates;
  for (let i = 0; i < INGEST_REPEATS; i += 1) {
    const record = history.since(Math.floor(Math.random() * (history.lastSeq - INGEST_NEW)), 1)[0]!;
    if (record.kind === 'event') repeats.push(handle(record.event));
  }
  if (ingest.stats().duplicates - before !== repeats.length) throw new Error('hub-start: a repeat was not taken as a duplicate');
  await history.synced();
  return {
    ingest_new_p50_ms: round(percentile(fresh, 50), 3),
    ingest_new_p99_ms: round(percentile(fresh, 99), 3),
    ingest_repeat_p99_ms: round(percentile(repeats, 99), 3),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await startOnce(process.argv[2]!, process.argv.includes('--measure-ingest'))));
}
