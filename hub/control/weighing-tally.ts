import { Histogram } from 'prom-client';
import type { StationEvent } from '../../protocol/index.js';
import { PACK_WEIGHT_CHECKS, type PackWeightCheck } from '../../protocol/pack-vocabulary.js';

type WeighedBody = Extract<StationEvent['body'], { type: 'pack.label_requested' | 'pack.sealed' }>;

/** The deviation histogram's buckets, in percent of the expected weight: the default tolerance is 3 %. */
export const DEVIATION_BUCKETS = [0.5, 1, 2, 3, 5, 10, 20, 50] as const;

/** The weighings and weight blocks the hub has stored since it started, for `/metrics`. */
export interface WeighingStats {
  /** Parcels let go with a weighing, by how its check ended. */
  readonly weighed: Readonly<Record<PackWeightCheck, number>>;
  /** `weight_mismatch` blocks raised at the stations. */
  readonly mismatches: number;
}

/**
 * Counts the weight checks in the station events the hub stores: each parcel let go with a
 * weighing (a first label, or the first parcel's seal) by `weightCheck`, each `weight_mismatch`
 * block, and for every checked weighing how far it was off (|actual − expected| / expected, in
 * percent: `packgate_weight_deviation_percent`). Counts since the hub started, like ingest's.
 */
export class WeighingTally {
  readonly #weighed = Object.fromEntries(PACK_WEIGHT_CHECKS.map((check) => [check, 0])) as Record<PackWeightCheck, number>;
  #mismatches = 0;
  /** Registered in the metrics registry by `/metrics` (no registry of its own). */
  readonly deviation = new Histogram({
    name: 'packgate_weight_deviation_percent',
    help: 'How far checked parcel weights were off what they should weigh, in percent of the expected weight.',
    buckets: [...DEVIATION_BUCKETS],
    registers: [],
  });

  /** A `weight_mismatch` block raised at a station (hub/ingest/handlers/pack-blocked.ts). */
  mismatch(): void {
    this.#mismatches += 1;
  }

  /** A label request or a seal: counted when it let a parcel go with a weighing (a first label, or the first parcel's seal). */
  weighed(body: WeighedBody): void {
    if (body.weightCheck === undefined || body.weightGrams === undefined) return;
    if (body.type === 'pack.label_requested' ? body.reprint : body.parcel.index !== 1) return;
    this.#weighed[body.weightCheck] += 1;
    if (body.expectedGrams !== undefined && body.expectedGrams > 0) {
      this.deviation.observe((Math.abs(body.weightGrams - body.expectedGrams) / body.expectedGrams) * 100);
    }
  }

  stats(): WeighingStats {
    return { weighed: { ...this.#weighed }, mismatches: this.#mismatches };
  }
}
