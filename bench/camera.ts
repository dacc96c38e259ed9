import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StationEvent, StationEventBody } from '../protocol/index.js';
import { setDefaultLogLevel } from '../common/log.js';
import { PAYLOAD_VERSION } from '../protocol/wire.js';
import { runFfmpeg } from '../station/camera/cutter.js';
import { EvidenceKeeper } from '../station/camera/evidence.js';
import { segmentArgs } from '../station/camera/ffmpeg-args.js';
import { CameraRecorder } from '../station/camera/recorder.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

/** Seconds of 720p the CPU figure records. */
const RECORD_S = 20;
const CLIPS = 10;
const LEAD_MS = 1000;
const TAIL_MS = 1000;
/** Linux's USER_HZ: /proc/PID/stat counts CPU time in these. */
const CLOCK_TICKS = 100;

/**
 * The camera's costs: the CPU one recording camera takes at 720p30 from its own H.264, copied
 * into segments (a file played at its own pace, `-re`, stands for the camera), as a share of one
 * core; and the time from an order's label printed (the clip's end, before its tail) to its
 * record made, p50 and p99, with the simulated camera: the tail, the wait for the segment that
 * holds it, the cut and the hashes.
 */
export const cameraBenchmark: Benchmark = {
  name: 'camera',
  async run() {
    // The keeper's log lines would go to stdout, which holds the figures.
    setDefaultLogLevel('warn');
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-camera-'));
    try {
      return { ...(await recordingCpu(dir)), ...(await clipLatency(dir)) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function recordingCpu(dir: string): Promise<Record<string, number>> {
  const source = join(dir, 'camera-720p.ts');
  await runFfmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30`, '-t', String(RECORD_S), '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-pix_fmt', 'yuv420p', source]);
  const child = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-i', source, '-map', '0:v', '-c:v', 'copy', ...segmentArgs(join(dir, 'list.csv'), join(dir, 'seg-%06d.ts'))], { stdio: 'ignore' });
  const started = Date.now();
  let ticks = 0;
  // Sampled until it ends: the last sample before exit is its CPU time.
  const sampler = setInterval(() => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }, 100);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wallS = (Date.now() - started) / 1000;
  return { recording720pCopyCorePercent: Math.round((ticks / CLOCK_TICKS / wallS) * 1000) / 10 };
}

async function clipLatency(dir: string): Promise<Record<string, number>> {
  const camera = new CameraRecorder({ spec: { kind: 'sim' }, dir: join(dir, 'station', 'camera'), pollMs: 100 });
  const latencies: number[] = [];
  let made: (() => void) | undefined;
  const keeper = new EvidenceKeeper({
    station: 'B1',
    dataDir: join(dir, 'station'),
    camera,
    leadMs: LEAD_MS,
    tailMs: TAIL_MS,
    timeZone: () => 'UTC',
    commit: () => made?.(),
    journaled: [],
    benchTaskId: null,
  });
  camera.start();
  try {
    await camera.reached(Date.now() + LEAD_MS, 15_000);
    for (let i = 0; i < CLIPS; i += 1) {
      const order = { taskId: `T${i}`, orderId: `taobao:TB${i}`, orderNo: `TB${i}`, channel: 'taobao' };
      const common = { station: 'B1', packer: 'W07', order, mappingVersion: 1 };
      const loadedAt = Date.now();
      keeper.onEvents([event({ ...common, at: iso(loadedAt), type: 'pack.order_loaded', ref: { type: 'order', id: order.orderNo }, source: 'hub', waybill: `SF${i}`, lines: [] })], 'packing');
      await camera.reached(Date.now() + 1000, 10_000);
      const printedAt = Date.now();
      const recorded = new Promise<void>((resolve) => (made = resolve));
      keeper.onEvents([event({ ...common, at: iso(printedAt), type: 'pack.label_printed', reprint: false })], 'printed');
      await recorded;
      latencies.push(Date.now() - printedAt);
    }
  } finally {
    keeper.close();
    await camera.close();
    await keeper.idle();
  }
  return {
    clips: CLIPS,
    clipTailMs: TAIL_MS,
    labelToClipP50Ms: percentile(latencies, 50),
    labelToClipP99Ms: percentile(latencies, 99),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function event(body: StationEventBody): StationEvent {
  return { v: PAYLOAD_VERSION, id: randomUUID(), station: 'B1', seq: 1, at: 'at' in body ? body.at : iso(Date.now()), body };
}
