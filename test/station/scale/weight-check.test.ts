import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHT_TOLERANCE, allowedDifference, checkWeight, expectedWeight } from '../../../station/scale/weight-check.js';

describe('weight check', () => {
  it('expects the units plus the box, and says which unit weight is missing', () => {
    expect(expectedWeight([{ masterSku: 'DRESS', quantity: 2, unitGrams: 310 }, { masterSku: 'SHOES', quantity: 1, unitGrams: 420 }], 180)).toEqual({ ok: true, grams: 1220 });
    expect(expectedWeight([{ masterSku: 'DRESS', quantity: 2, unitGrams: 310 }, { masterSku: 'BOOK', quantity: 1, unitGrams: undefined }], 180)).toEqual({ ok: false, missing: ['BOOK'] });
  });

  it('the default tolerance is max(20 g, 3 %)', () => {
    expect(DEFAULT_WEIGHT_TOLERANCE).toEqual({ grams: 20, percent: 3 });
    expect(allowedDifference(300)).toBe(20);
    expect(allowedDifference(1000)).toBe(30);
    expect(allowedDifference(10_000, { grams: 50, percent: 1 })).toBe(100);
    expect(allowedDifference(1234, { grams: 0, percent: 1.7 })).toBe(20.978);
  });

  it('passes within the band, edge included; a missing unit fails with the difference', () => {
    expect(checkWeight(1220, 1246.6)).toMatchObject({ ok: true, differenceGrams: 26.6, allowedGrams: 36.6 });
    expect(checkWeight(1220, 1256.6).ok).toBe(true);
    expect(checkWeight(1220, 1256.7).ok).toBe(false);
    expect(checkWeight(1220, 910)).toEqual({ ok: false, expectedGrams: 1220, actualGrams: 910, differenceGrams: -310, tolerance: { grams: 20, percent: 3 }, allowedGrams: 36.6 });
  });

  it('the verdict names the tolerance applied and the weight margin it gives the parcel', () => {
    expect(checkWeight(1250, 1234, { grams: 10, percent: 3 })).toMatchObject({ ok: true, tolerance: { grams: 10, percent: 3 }, allowedGrams: 37.5 });
    expect(checkWeight(200, 215, { grams: 10, percent: 3 })).toMatchObject({ ok: false, tolerance: { grams: 10, percent: 3 }, allowedGrams: 10 });
  });
});
