import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../common/journal.js';
import { packageRoot } from '../common/paths.js';
import type { CommandContext } from '../hub/domain/audit.js';
import type { DomainCommand } from '../hub/domain/schemas.js';
import { Hub } from '../hub/hub.js';
import type { StationEvent } from '../protocol/index.js';
import { PackDriver } from '../station/agent/pack-driver.js';
import { Recorder } from '../station/agent/recorder.js';
import { screenView } from '../station/http/view.js';
import { Outbox } from '../station/link/outbox.js';
import type { PackTask } from '../station/pack/index.js';
import { HubCopy } from '../station/store/hub-copy.js';
import { SessionStore } from '../station/store/session-store.js';
import type { Benchmark } from './index.js';
import { percentile } from './stats.js';

const SCANS = Number(process.env.PACKGATE_BENCH_STATION_SCANS ?? 10_000);
const WARMUP = 500;
const DRESS = '4006381333931';
const BABY = '6901234567892';
const at = new Date().toISOString();
const round = (ms: number) => Math.round(ms * 1000) / 1000;
/**
 * How long the agent is left idle after the scans before its memory is read again: a packer
 * pauses between orders, and V8 gives memory back only once allocation has calmed down.
 */
const SETTLE_MS = 20_000;
/** The node options docs/operations.md suggests for a station (NODE_OPTIONS). */
const SMALL_HEAP = '--max-semi-space-size=1';

function task(i: number): PackTask {
  return {
    taskId: `T${i}`,
    orderId: `taobao:TB${i}`,
    orderNo: `TB${i}`,
    channel: 'taobao',
    waybill: `SF${i}`,
    label: { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' },
    lines: [
      { masterSku: 'DRESS-RED-M', quantity: 2, barcodes: [{ code: DRESS, multiplier: 1 }] },
      { masterSku: 'BABY-SH-01', quantity: 1, barcodes: [{ code: BABY, multiplier: 1 }] },
    ],
  };
}

/**
 * In process, on real files: from a framed scan handed to the agent's pack driver until its
 * verdict is on the screen's wire (the view built and serialised, as the WebSocket sends it)
 * and its events are written ahead with the session and appended to the journal.
 */
async function verdictLatency(dir: string): Promise<number[]> {
  const { journal } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'));
  const { store } = SessionStore.open(join(dir, 'session.json'), 'B1');
  const copy = await HubCopy.open(undefined);
  copy.replaceStops({ v: 1, version: 1, at, entries: Array.from({ length: 50 }, (_, i) => ({ taskId: `S${i}`, orderId: `x:${i}`, reason: 'cancel', since: at })) });
  copy.replaceFreezes({ v: 1, version: 1, at, entries: [{ sku: 'OTHER', quantity: 1, exhausted: true }] });
  const barcodes = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`CODE-${i}`, { masterSku: `SKU-${i % 500}` }]));
  copy.replaceMapping({ v: 1, version: 1, at, barcodes });
  const orders = Math.ceil(SCANS / 4) + WARMUP;
  for (let i = 0; i < Math.min(orders, 500); i += 1) copy.addTask(task(i));
  const outbox = new Outbox([], 0);
  const recorder = new Recorder('B1', journal, outbox, () => undefined, 0);
  const driver = new PackDriver({ station: 'B1', session: SessionStore.open(undefined, 'B1').saved.session, label: null, store, copy, recorder, lastHeardAt: (now) => now });
  let wire = '';
  driver.onApplied((applied) => {
    const view = screenView({ station: 'B1', display: applied.display, printer: { kind: 'sim', state: 'ok' }, hub: { connected: true, live: true, lastHeardAt: Date.now() }, hubSilenceMs: 300_000 });
    wire = JSON.stringify({ type: 'view', view });
  });
  const scan = (text: string) => driver.scan({ bytes: Buffer.from(text), receivedAt: Date.now(), source: 'bench' });
  const samples: number[] = [];
  const timed = (text: string) => {
    const started = performance.now();
    scan(text);
    samples.push(performance.now() - started);
    if (wire.length === 0) throw new Error('no view');
    outbox.ack(recorder.lastSeq);
  };
  timed('$PG:BADGE:W07');
  for (let i = 0; samples.length < SCANS + WARMUP; i += 1) {
    timed(`$PG:ORDER:TB${i % 500}`);
    for (const code of [DRESS, BABY, DRESS]) timed(code);
    driver.input({ type: 'label_requested' });
    driver.input({ type: 'label_printed' });
  }
  journal.close();
  return samples.slice(WARMUP);
}

interface ResidentKb {
  readonly rss: number;
  /** Anonymous pages: the JS heap, native allocations, stacks. */
  readonly anon: number;
  /** File-backed pages: mostly the node binary's own code and data (shared, clean). */
  readonly file: number;
}

/** The agent's resident memory (kB) from /proc, or NaN off Linux. */
function residentKb(pid: number): ResidentKb {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // Not Linux: NaN below.
  }
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
}

/**
 * The built agent as its own process, started as `packgate station` starts it (the bin's
 * `node dist/cli/main.js station …`, stdin scanner, file printer), packing real orders against
 * a hub in this process: its resident memory after SCANS scans, and once it has idled SETTLE_MS.
 */
async function agentMemory(dir: string, nodeOptions = ''): Promise<{ start: ResidentKb; end: ResidentKb; settled: ResidentKb; journalBytes: number; scans: number; seconds: number }> {
  const began = performance.now();
  const hub = await Hub.start({ site: 'bench', host: '127.0.0.1', port: 0, mqttPort: 0 });
  const context: CommandContext = { now: new Date(), actor: { kind: 'system', id: 'bench' } };
  const run = (command: DomainCommand) => {
    const result = hub.execute(command, context);
    if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
  };
  run({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: DRESS, multiplier: 1 }] });
  run({ type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BABY, multiplier: 1 }] });
  run({ type: 'setMapping', channel: 'taobao', channelSku: 'DRESS', masterSku: 'DRESS-RED-M' });
  run({ type: 'setMapping', channel: 'taobao', channelSku: 'BABY', masterSku: 'BABY-SH-01' });
  const orders = Math.ceil((SCANS - 1) / 4);
  for (let i = 0; i < orders; i += 1) {
    const lines = [{ channelSku: 'DRESS', quantity: 2 }, { channelSku: 'BABY', quantity: 1 }];
    run({ type: 'createOrder', channel: 'taobao', orderNo: `TB${i}`, waybill: `SF${i}`, label: { name: '王芳', phone: '13800001234', address: '上海市' }, lines });
  }
  mkdirSync(dir, { recursive: true });
  const login = await hub.provisionStation('B1');
  writeFileSync(join(dir, 'b1.pass'), login.password, { mode: 0o600 });
  const child = spawn(process.execPath, [
    join(packageRoot(), 'dist', 'cli', 'main.js'), 'station', '--id', 'B1', '--site', 'bench', '--hub', hub.mqttUrl, '--scanner', 'stdin',
    '--printer', `file:${join(dir, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir, 'B1'), '--mqtt-password-file', join(dir, 'b1.pass'),
  ], { env: { ...process.env, PACKGATE_LOG_LEVEL: 'error', NODE_OPTIONS: nodeOptions }, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Station B1 running') && resolve());
      child.on('exit', (code) => reject(new Error(`station exited ${code}`)));
    });
    const start = residentKb(child.pid!);
    // Pace like a packer: the next order once the label of the last one printed.
    let waiter: { type: string; resolve: () => void } | undefined;
    const unsubscribe = hub.subscribe(hub.health().lastSeq, (record) => {
      if (record.kind === 'event' && waiter && (record.event.body.type === waiter.type || record.event.body.type === 'pack.order_unavailable')) waiter.resolve();
    });
    const expect = (type: string) => new Promise<void>((resolve) => (waiter = { type, resolve }));
    const write = (line: string) => child.stdin.write(`${line}\n`);
    let scans = 1;
    write('$PG:BADGE:W07');
    for (let i = 0; scans < SCANS; i += 1) {
      const loaded = expect('pack.order_loaded');
      write(`$PG:ORDER:TB${i}`);
      await loaded;
      const printed = expect('pack.label_printed');
      for (const code of [DRESS, BABY, DRESS]) write(code);
      await printed;
      scans += 4;
    }
    unsubscribe();
    const end = residentKb(child.pid!);
    const seconds = (performance.now() - began) / 1000;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const settled = residentKb(child.pid!);
    const journalBytes = statSync(join(dir, 'B1', 'journal.jsonl')).size;
    return { start, end, settled, journalBytes, scans, seconds };
  } finally {
    child.kill('SIGINT');
    await exited;
    await hub.close();
  }
}

/**
 * The station's verdict path (target p99 under 1 ms) and its memory after 10,000 scans (target
 * under 80 MB resident). `PACKGATE_BENCH_STATION_SCANS` changes the count.
 */
export const stationVerdictBenchmark: Benchmark = {
  name: 'station-verdict',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-station-'));
    try {
      const samples = await verdictLatency(dir);
      const memory = await agentMemory(join(dir, 'default'));
      // A station is small: V8's young generation (up to 3 × 16 MB semi-spaces by default) need not be.
      const tuned = await agentMemory(join(dir, 'tuned'), SMALL_HEAP);
      const mb = (kb: number) => Math.round(kb / 102.4) / 10;
      return {
        scans: samples.length,
        scan_to_verdict_shown_and_journaled_p50_ms: round(percentile(samples, 50)),
        scan_to_verdict_shown_and_journaled_p99_ms: round(percentile(samples, 99)),
        scan_to_verdict_shown_and_journaled_max_ms: round(Math.max(...samples)),
        target_p99_ms_max: 1,
        agent_scans: memory.scans,
        agent_rss_at_start_mb: mb(memory.start.rss),
        agent_rss_after_scans_mb: mb(memory.end.rss),
        agent_rss_anon_after_scans_mb: mb(memory.end.anon),
        agent_rss_file_after_scans_mb: mb(memory.end.file),
        agent_rss_settled_mb: mb(memory.settled.rss),
        agent_small_heap_options: SMALL_HEAP,
        agent_small_heap_rss_at_start_mb: mb(tuned.start.rss),
        agent_small_heap_rss_after_scans_mb: mb(tuned.end.rss),
        agent_small_heap_rss_anon_after_scans_mb: mb(tuned.end.anon),
        agent_small_heap_rss_settled_mb: mb(tuned.settled.rss),
        agent_settle_s: SETTLE_MS / 1000,
        target_rss_mb_max: 80,
        agent_journal_bytes: memory.journalBytes,
        agent_run_s: Math.round(memory.seconds * 10) / 10,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
