import type { DeviceStatus } from '../../../protocol/schemas.js';
import type { ScaleSource, WeightSample } from '../../../station/scale/source.js';

/** Resolves with the first weight the scale reports that `match` takes. */
export function nextWeight(scale: ScaleSource, match: (sample: WeightSample) => boolean): Promise<WeightSample> {
  return new Promise((resolve) => {
    const stop = scale.onWeight((sample) => {
      if (!match(sample)) return;
      stop();
      resolve(sample);
    });
  });
}

/** Resolves with the scale's status once it is `state` (at once if it is already). */
export function statusOf(scale: ScaleSource, state: DeviceStatus['state']): Promise<DeviceStatus> {
  if (scale.status().state === state) return Promise.resolve(scale.status());
  return new Promise((resolve) => {
    const stop = scale.onStatus((status) => {
      if (status.state !== state) return;
      stop();
      resolve(status);
    });
  });
}

/** A stable reading of exactly `grams`. */
export const stableAt = (grams: number) => (sample: WeightSample) => sample.stable && sample.reading.grams === grams;

/** Fast settling and stability for tests (a real bench: 600 ms to settle, 5 readings over 500 ms). */
export const FAST = { settleMs: 150, stability: { samples: 3, windowMs: 40 } } as const;
