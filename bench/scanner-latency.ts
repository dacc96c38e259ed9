import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { DEFAULT_FIRMWARE, planScan, type FirmwareConfig } from '../firmware-sim/scanner/firmware.js';
import { playScan } from '../firmware-sim/scanner/player.js';
import { PtyLink } from '../firmware-sim/scanner/pty-link.js';
import { SerialScanner } from '../station/scanner/serial.js';
import type { RawScan } from '../station/scanner/source.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SCANS = 300;
const WARMUP = 20;
const CODE = '6901234567892';
const FIRMWARE: FirmwareConfig = { ...DEFAULT_FIRMWARE, baudRate: 9600, terminator: 'crlf' };

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Bare SerialPort on the pty: from the last byte written to the 'data' event that carries it.
 * What any reader of this pty pays; the driver's figure includes it.
 */
async function baseline(link: PtyLink): Promise<number[]> {
  const plan = planScan(CODE, FIRMWARE);
  const port = new SerialPort({ path: link.path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let received = 0;
  let waiter: ((at: number) => void) | undefined;
  port.on('data', (chunk: Buffer) => {
    const at = performance.now();
    received += chunk.length;
    if (received >= plan.wire.length) {
      received = 0;
      waiter?.(at);
    }
  });
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SCANS; i += 1) {
    const arrived = new Promise<number>((resolve) => (waiter = resolve));
    const { lastWriteAt } = await playScan(plan, (bytes) => link.write(bytes));
    const at = await arrived;
    if (i >= WARMUP) samples.push(at - lastWriteAt);
  }
  await new Promise<void>((resolve) => port.close(() => resolve()));
  return samples;
}

/** The real driver: from the last byte written to the RawScan it emits. */
async function driver(link: PtyLink): Promise<number[]> {
  const plan = planScan(CODE, FIRMWARE);
  const scanner = new SerialScanner({ target: { path: link.path }, baudRate: 9600, terminator: 'crlf', idleMs: 100 });
  let waiter: ((scan: RawScan, at: number) => void) | undefined;
  scanner.onScan((scan) => waiter?.(scan, performance.now()));
  await scanner.open();
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARMUP + SCANS; i += 1) {
      const arrived = new Promise<[RawScan, number]>((resolve) => (waiter = (scan, at) => resolve([scan, at])));
      const { lastWriteAt } = await playScan(plan, (bytes) => link.write(bytes));
      const [scan, at] = await arrived;
      if (Buffer.from(scan.bytes).toString('latin1') !== CODE) throw new Error('bench scan arrived corrupted');
      if (i >= WARMUP) samples.push(at - lastWriteAt);
    }
  } finally {
    await scanner.close();
  }
  return samples;
}

/**
 * Scanner latency over a real tty: a socat pseudo-terminal fed by the firmware simulator at
 * 9600 baud (a 13-digit EAN + CR LF is 15.6 ms on the wire), read by the serial driver.
 */
export const scannerLatencyBenchmark: Benchmark = {
  name: 'scanner-latency',
  async run() {
    const link = await PtyLink.create(join(tmpdir(), `packgate-bench-${randomUUID()}`));
    try {
      const bare = (await baseline(link)).sort((a, b) => a - b);
      const framed = (await driver(link)).sort((a, b) => a - b);
      const wireMs = planScan(CODE, FIRMWARE).durationMs;
      return {
        scans: SCANS,
        baud: FIRMWARE.baudRate,
        scan_wire_ms: round(wireMs),
        driver_last_byte_to_scan_p50_ms: round(percentile(framed, 50)),
        driver_last_byte_to_scan_p99_ms: round(percentile(framed, 99)),
        driver_p50_fraction_of_wire_time: round(percentile(framed, 50) / wireMs),
        driver_p99_fraction_of_wire_time: round(percentile(framed, 99) / wireMs),
        baseline_last_byte_to_data_p50_ms: round(percentile(bare, 50)),
        baseline_last_byte_to_data_p99_ms: round(percentile(bare, 99)),
        driver_over_baseline_p50_ms: round(percentile(framed, 50) - percentile(bare, 50)),
      };
    } finally {
      await link.close();
    }
  },
};
