/**
 * The weight check's arithmetic, purely: what an order should weigh, how far off it may be,
 * and the verdict on a stable reading. The pack session applies it at the label
 * (station/pack/weighing.ts, docs/pack-session.md).
 */

import { DEFAULT_WEIGHT_TOLERANCE, type WeightTolerance } from '../../protocol/pack-vocabulary.js';

export { DEFAULT_WEIGHT_TOLERANCE, type WeightTolerance };

/** One line of what goes in the parcel, with its catalog unit weight (undefined: not known). */
export interface WeighedLine {
  readonly masterSku: string;
  readonly quantity: number;
  readonly unitGrams: number | undefined;
}

/** What a parcel should weigh: its units and its box; undefined when a unit weight is missing. */
export type Expected = { readonly ok: true; readonly grams: number } | { readonly ok: false; readonly missing: readonly string[] };

export function expectedWeight(lines: readonly WeighedLine[], boxGrams: number): Expected {
  const missing = lines.filter((line) => line.unitGrams === undefined || !(line.unitGrams >= 0)).map((line) => line.masterSku);
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, grams: lines.reduce((sum, line) => sum + line.quantity * line.unitGrams!, boxGrams) };
}

/**
 * The band either side of `expectedGrams` a parcel may weigh, to the milligram: the figure the
 * check uses is the one the parcel's record carries (`1234 g × 1.7 %` is 20.978, not 20.977999…).
 */
export function allowedDifference(expectedGrams: number, tolerance: WeightTolerance = DEFAULT_WEIGHT_TOLERANCE): number {
  return Math.max(tolerance.grams, Math.round(Math.abs(expectedGrams) * tolerance.percent * 10) / 1000);
}

/** The verdict on one stable reading, with what the packer's screen shows. */
export interface WeightVerdict {
  readonly ok: boolean;
  readonly expectedGrams: number;
  readonly actualGrams: number;
  /** Actual minus expected: negative when the parcel is light (a unit missing). */
  readonly differenceGrams: number;
  /** The tolerance applied, and the margin it gives this parcel (grams either side of expected). */
  readonly tolerance: WeightTolerance;
  readonly allowedGrams: number;
}

/** Within tolerance (the band's edge included) or not. */
export function checkWeight(expectedGrams: number, actualGrams: number, tolerance: WeightTolerance = DEFAULT_WEIGHT_TOLERANCE): WeightVerdict {
  const allowedGrams = allowedDifference(expectedGrams, tolerance);
  const differenceGrams = Math.round((actualGrams - expectedGrams) * 10) / 10;
  return {
    ok: Math.abs(differenceGrams) <= allowedGrams,
    expectedGrams,
    actualGrams,
    differenceGrams,
    tolerance: { grams: tolerance.grams, percent: tolerance.percent },
    allowedGrams,
  };
}
