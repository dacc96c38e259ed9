import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DomainStore } from '../hub/control/domain-store.js';
import { INGEST_CHECKPOINT_FILE } from '../hub/ingest/checkpoint.js';
import { Ingest } from '../hub/ingest/ingest.js';
import { Feed } from '../hub/push/feed.js';
import { ACK_LEDGER_FILE, AckLedger } from '../hub/store/ack-ledger.js';
import { History } from '../hub/store/history.js';
import { HISTORY_FILE } from '../hub/store/state.js';
import { siteTopics } from '../protocol/index.js';
import { writeEvents } from './history.js';
import type { Benchmark } from './index.js';

/** How many stored events the hub starts on (`PACKGATE_BENCH_HUB_START_EVENTS`). */
const EVENTS = Number(process.env.PACKGATE_BENCH_HUB_START_EVENTS ?? 1_000_000);
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
}

/**
 * The hub's start on a data folder with a large history (`EVENTS` scan events of 20 stations,
 * written straight to the file as bench/history.ts does): the parts hub/hub.ts opens before it
 * listens (history, ack ledger, domain, tablet tally, ingest), each start in a new process,
 * then closed the hub's way (which saves the checkpoints). Three starts in one run: the first
 * (no checkpoint of any kind), one without the ingest checkpoint (deleted: the baseline) and
 * one with it.
 */
export const hubStartBenchmark: Benchmark = {
  name: 'hub-start',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-hub-start-'));
    try {
      const generated = performance.now();
      writeEvents(join(dir, HISTORY_FILE), EVENTS);
      const generateS = (performance.now() - generated) / 1000;
      const first = await startInChild(dir);
      rmSync(join(dir, INGEST_CHECKPOINT_FILE));
      const without = await startInChild(dir);
      const withCheckpoint = await startInChild(dir);
      if (without.ingest_from !== 0 || withCheckpoint.ingest_from === 0) throw new Error('hub-start: the ingest checkpoint was not used as measured');
      return {
        events: EVENTS,
        generate_s: Number(generateS.toFixed(1)),
        first_start_ms: first.start_ms,
        start_ms_without_ingest_checkpoint: without.start_ms,
        start_ms_with_ingest_checkpoint: withCheckpoint.start_ms,
        ingest_ms_without_checkpoint: without.ingest_ms,
        ingest_ms_with_checkpoint: withCheckpoint.ingest_ms,
        history_open_ms: withCheckpoint.history_open_ms,
        domain_ms: withCheckpoint.domain_ms,
        tally_ms: withCheckpoint.tally_ms,
        rss_mb_without_ingest_checkpoint: without.rss_mb,
        rss_mb_with_ingest_checkpoint: withCheckpoint.rss_mb,
        target_start_ms_at_10m: 3000,
        target_rss_mb_at_10m: 250,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function startInChild(dir: string): Promise<StartFigures> {
  const { stdout } = await run(process.execPath, [fileURLToPath(import.meta.url), dir], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as StartFigures;
}

/** One start in this process, as hub/hub.ts opens the data folder; prints its figures as JSON. */
async function startOnce(dir: string): Promise<StartFigures> {
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
  new Feed(history);
  const tallyMs = lap();
  const ingest = new Ingest({ topics: siteTopics('bench'), history, onStored: () => {}, sendAck: () => {}, checkpointPath: join(dir, INGEST_CHECKPOINT_FILE) });
  const ingestMs = lap();
  const startMs = Math.round(performance.now() - started);
  const rss = process.memoryUsage().rss;
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
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await startOnce(process.argv[2]!)));
}
