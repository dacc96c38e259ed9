import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeContinuous } from '../firmware-sim/scale/encoders.js';
import { PtyLink } from '../firmware-sim/scanner/pty-link.js';
import { SerialScale } from '../station/scale/serial.js';
import type { WeightSample } from '../station/scale/source.js';
import { checkWeight } from '../station/scale/weight-check.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const TRIALS = 100;
const WARMUP = 5;
const EXPECTED_GRAMS = 1250;

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * From the first frame of a settled weight written to the pty, to the weight check's verdict
 * on the stable reading the driver emits. `st-gs` carries the scale's stable flag (its first
 * `ST` frame is stable); `xk3190-eq` has none, so N = 5 equal readings over T = 500 ms decide,
 * at the indicator's usual 10 frames a second.
 */
async function trials(format: 'st-gs' | 'xk3190-eq', frameMs: number): Promise<number[]> {
  const link = await PtyLink.create(join(tmpdir(), `packgate-bench-scale-${randomUUID()}`));
  const scale = new SerialScale({ target: { path: link.path }, baudRate: 9600, format, silenceMs: 0 });
  let waiter: ((sample: WeightSample, at: number) => void) | undefined;
  scale.onWeight((sample) => waiter?.(sample, performance.now()));
  await scale.open();
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARMUP + TRIALS; i += 1) {
      const grams = EXPECTED_GRAMS + (i % 2 === 0 ? 0 : -310);
      // The parcel lands: the scale swings, then shows the load steady.
      for (const swing of [37, -21]) link.write(encodeContinuous(format, { grams: grams + swing, stable: false, overload: false }));
      await sleep(frameMs);
      const verdict = new Promise<number>((resolve) => {
        waiter = (sample, at) => {
          if (!sample.stable || sample.reading.grams !== grams) return;
          checkWeight(EXPECTED_GRAMS, sample.reading.grams);
          waiter = undefined;
          resolve(at);
        };
      });
      let done = false;
      void verdict.then(() => (done = true));
      const firstAt = performance.now();
      while (!done) {
        link.write(encodeContinuous(format, { grams, stable: true, overload: false }));
        await Promise.race([verdict, sleep(frameMs)]);
      }
      if (i >= WARMUP) samples.push((await verdict) - firstAt);
      // The parcel comes off.
      link.write(encodeContinuous(format, { grams: 0, stable: true, overload: false }));
      await sleep(frameMs);
    }
  } finally {
    await scale.close();
    await link.close();
  }
  return samples;
}

/** Scale to verdict over a real tty: a settled weight's first frame to the weight check's answer. */
export const scaleVerdictBenchmark: Benchmark = {
  name: 'scale-verdict',
  async run() {
    const flagged = await trials('st-gs', 100);
    const counted = await trials('xk3190-eq', 100);
    return {
      trials: TRIALS,
      stgs_settled_frame_to_verdict_p50_ms: round(percentile(flagged, 50)),
      stgs_settled_frame_to_verdict_p99_ms: round(percentile(flagged, 99)),
      xk3190eq_settled_frame_to_verdict_p50_ms: round(percentile(counted, 50)),
      xk3190eq_settled_frame_to_verdict_p99_ms: round(percentile(counted, 99)),
    };
  },
};
