import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScanPlan } from './firmware.js';

/** What happened when a plan was played. */
export interface PlayResult {
  /** Every write went out (the device was present throughout). */
  readonly delivered: boolean;
  /** `performance.now()` just before the last write. */
  readonly lastWriteAt: number;
}

/**
 * Plays a scan plan in real time: each write at its offset from now. Pacing is by absolute
 * deadline, so timer lateness does not add up across a scan. Rejects with an AbortError when
 * `signal` aborts.
 */
export async function playScan(plan: ScanPlan, write: (bytes: Uint8Array) => boolean, signal?: AbortSignal): Promise<PlayResult> {
  const start = performance.now();
  let delivered = true;
  let lastWriteAt = start;
  for (const step of plan.writes) {
    const wait = start + step.atMs - performance.now();
    if (wait >= 1) await sleep(wait, undefined, signal ? { signal } : {});
    signal?.throwIfAborted();
    lastWriteAt = performance.now();
    if (!write(step.bytes)) delivered = false;
  }
  return { delivered, lastWriteAt };
}
