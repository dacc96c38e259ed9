import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Journal } from '../common/journal.js';
import type { StationEvent } from '../protocol/index.js';
import { PackDriver } from '../station/agent/pack-driver.js';
import { Recorder } from '../station/agent/recorder.js';
import { screenView } from '../station/http/view.js';
import { Outbox } from '../station/link/outbox.js';
import type { PackTask } from '../station/pack/index.js';
import { HubCopy } from '../station/store/hub-copy.js';
import { SessionStore } from '../station/store/session-store.js';
import { percentile } from './stats.js';

export const DRESS = '4006381333931';
export const BABY = '6901234567892';
const WARMUP = 500;
const at = new Date().toISOString();
const round = (ms: number) => Math.round(ms * 1000) / 1000;

export interface LatencyFigures {
  readonly scans: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

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
 * On real files: from a framed scan handed to the agent's pack driver until its verdict is on the
 * screen's wire (the view built and serialised, as the WebSocket sends it) and its events are
 * written ahead with the session and appended to the journal.
 */
export async function verdictLatency(dir: string, scans: number): Promise<LatencyFigures> {
  mkdirSync(dir, { recursive: true });
  const { journal } = Journal.open<StationEvent>(join(dir, 'journal.jsonl'));
  const { store } = SessionStore.open(join(dir, 'session.json'), 'B1');
  const copy = await HubCopy.open(undefined);
  copy.replaceStops({ v: 1, version: 1, at, entries: Array.from({ length: 50 }, (_, i) => ({ taskId: `S${i}`, orderId: `x:${i}`, reason: 'cancel', since: at })) });
  copy.replaceFreezes({ v: 1, version: 1, at, entries: [{ sku: 'OTHER', quantity: 1, exhausted: true }] });
  const barcodes = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`CODE-${i}`, { masterSku: `SKU-${i % 500}` }]));
  copy.replaceMapping({ v: 1, version: 1, at, barcodes });
  for (let i = 0; i < 500; i += 1) copy.addTask(task(i));
  const outbox = new Outbox([], 0);
  const recorder = new Recorder('B1', journal, outbox, () => undefined, 0);
  const driver = new PackDriver({ station: 'B1', session: SessionStore.open(undefined, 'B1').saved.session, label: null, store, copy, recorder, lastHeardAt: (now) => now });
  let wire = '';
  driver.onApplied((applied) => {
    const view = screenView({ station: 'B1', display: applied.display, printer: { kind: 'sim', state: 'ok' }, hub: { connected: true, live: true, lastHeardAt: Date.now() }, hubSilenceMs: 300_000 });
    wire = JSON.stringify({ type: 'view', view });
  });
  const samples: number[] = [];
  const timed = (text: string) => {
    const started = performance.now();
    driver.scan({ bytes: Buffer.from(text), receivedAt: Date.now(), source: 'bench' });
    samples.push(performance.now() - started);
    if (wire.length === 0) throw new Error('no view');
    outbox.ack(recorder.lastSeq);
  };
  timed('$PG:BADGE:W07');
  for (let i = 0; samples.length < scans + WARMUP; i += 1) {
    timed(`$PG:ORDER:TB${i % 500}`);
    for (const code of [DRESS, BABY, DRESS]) timed(code);
    driver.input({ type: 'label_requested' });
    driver.input({ type: 'label_printed' });
  }
  journal.close();
  await copy.close();
  const measured = samples.slice(WARMUP);
  return { scans: measured.length, p50: round(percentile(measured, 50)), p99: round(percentile(measured, 99)), max: round(Math.max(...measured)) };
}

// Run alone (`node [options] dist/bench/station-verdict-latency.js SCANS`), the bench measures the
// verdict path under the very V8 options the agent runs with; it prints the figures as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-verdict-'));
  try {
    console.log(JSON.stringify(await verdictLatency(dir, Number(process.argv[2] ?? 10_000))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
