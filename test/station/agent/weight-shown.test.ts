import { describe, expect, it } from 'vitest';
import type { PackSession } from '../../../station/pack/index.js';
import type { WeightSample } from '../../../station/scale/source.js';
import { nextShownWeight, reweighDue } from '../../../station/agent/weight-shown.js';

const sample = (grams: number, stable: boolean): WeightSample => ({ reading: { grams } as WeightSample['reading'], stable, at: 0, source: 'sim' });

describe('nextShownWeight', () => {
  it('follows a weight that settles, settles elsewhere or leaves', () => {
    expect(nextShownWeight(undefined, sample(500, true))).toEqual({ stable: true, grams: 500 });
    expect(nextShownWeight({ stable: true, grams: 500 }, sample(700, true))).toEqual({ stable: true, grams: 700 });
    expect(nextShownWeight({ stable: true, grams: 500 }, sample(480, false))).toEqual({ stable: false, grams: 480 });
  });

  it('passes over the same settled weight and every swinging reading after the first', () => {
    expect(nextShownWeight({ stable: true, grams: 500 }, sample(500, true))).toBeUndefined();
    expect(nextShownWeight({ stable: false, grams: 480 }, sample(530, false))).toBeUndefined();
  });
});

describe('reweighDue', () => {
  const held = { phase: 'blocked', block: { reason: 'weight_mismatch' } } as unknown as PackSession;
  const awaitingSeal = { phase: 'verified', order: { flow: 'verify-preprinted' } } as unknown as PackSession;
  const packing = { phase: 'verified', order: { flow: 'print-at-pack' } } as unknown as PackSession;

  it('hands a settled weight to a parcel held on weight_mismatch and to a pre-printed order awaiting its seal', () => {
    expect(reweighDue(held, sample(500, true))).toBe(true);
    expect(reweighDue(awaitingSeal, sample(500, true))).toBe(true);
  });

  it('keeps a swinging weight, and any weight nobody waits for, from the session', () => {
    expect(reweighDue(held, sample(500, false))).toBe(false);
    expect(reweighDue(packing, sample(500, true))).toBe(false);
  });
});
