/**
 * Learned unit weights, purely (issue #15 part 4): what each master SKU really weighs, from
 * the stable weights of parcels that passed verification. Not yet fed by ingest: see
 * docs/domain.md, "Learned weights".
 */

/** One accepted parcel: what was in it, its box's weight, and its stable weight. */
export interface WeighedParcel {
  readonly lines: ReadonlyArray<{ readonly masterSku: string; readonly quantity: number }>;
  readonly boxGrams: number;
  readonly grams: number;
}

/** A SKU's learned unit weight. */
export interface LearnedWeight {
  /** The median of its per-unit samples, to 0.1 g. */
  readonly grams: number;
  readonly samples: number;
  /** Median absolute deviation of the samples: how much they agree. */
  readonly spreadGrams: number;
}

export interface LearnOptions {
  /** Elimination passes over multi-SKU parcels. Default 4. */
  readonly passes?: number;
}

/**
 * Each SKU's unit weight as a robust median: a parcel of one SKU gives (weight − box) / quantity
 * per unit; a parcel of several gives a sample for its one SKU not yet known, once the others
 * are (its weight less the box and their learned weights), pass after pass. Medians shrug off
 * the outliers that passed verification anyway (a unit too many, a heavy filler). A SKU only
 * ever packed with another unknown one stays unknown (the system has no unique solution).
 */
export function learnUnitWeights(parcels: readonly WeighedParcel[], options: LearnOptions = {}): Map<string, LearnedWeight> {
  let learned = new Map<string, LearnedWeight>();
  for (let pass = 0; pass <= (options.passes ?? 4); pass += 1) {
    const samples = new Map<string, number[]>();
    for (const parcel of parcels) {
      const lines = parcel.lines.filter((line) => line.quantity > 0);
      const unknown = lines.filter((line) => !learned.has(line.masterSku) || lines.length === 1);
      if (unknown.length !== 1 && lines.length !== 1) continue;
      const target = lines.length === 1 ? lines[0]! : unknown[0]!;
      const known = lines.filter((line) => line !== target).reduce((sum, line) => sum + line.quantity * learned.get(line.masterSku)!.grams, 0);
      const perUnit = (parcel.grams - parcel.boxGrams - known) / target.quantity;
      if (!Number.isFinite(perUnit)) continue;
      const list = samples.get(target.masterSku) ?? [];
      list.push(perUnit);
      samples.set(target.masterSku, list);
    }
    const next = new Map<string, LearnedWeight>();
    for (const [sku, list] of samples) {
      const grams = median(list);
      next.set(sku, { grams: round(grams), samples: list.length, spreadGrams: round(median(list.map((value) => Math.abs(value - grams)))) });
    }
    // Keep what an earlier pass knew but this one could not sample again (only from multi-SKU parcels).
    for (const [sku, weight] of learned) if (!next.has(sku)) next.set(sku, weight);
    const settled = next.size === learned.size && [...next].every(([sku, weight]) => learned.get(sku)?.grams === weight.grams);
    learned = next;
    if (settled) break;
  }
  return learned;
}

/** A catalog weight the learned one disagrees with: a suggestion a manager confirms or not. */
export interface WeightSuggestion {
  readonly masterSku: string;
  readonly catalogGrams: number | undefined;
  readonly learnedGrams: number;
  readonly samples: number;
}

/**
 * SKUs whose learned weight, from at least `minSamples` samples, differs from the catalog's by
 * more than `percent` (or has no catalog weight at all). Defaults: 20 samples, 5 %.
 */
export function weightSuggestions(
  catalog: ReadonlyMap<string, number>,
  learned: ReadonlyMap<string, LearnedWeight>,
  options: { readonly minSamples?: number; readonly percent?: number } = {},
): WeightSuggestion[] {
  const minSamples = options.minSamples ?? 20;
  const percent = options.percent ?? 5;
  const out: WeightSuggestion[] = [];
  for (const [masterSku, weight] of learned) {
    if (weight.samples < minSamples) continue;
    const catalogGrams = catalog.get(masterSku);
    if (catalogGrams !== undefined && Math.abs(weight.grams - catalogGrams) <= (catalogGrams * percent) / 100) continue;
    out.push({ masterSku, catalogGrams, learnedGrams: weight.grams, samples: weight.samples });
  }
  return out.sort((a, b) => a.masterSku.localeCompare(b.masterSku));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(grams: number): number {
  return Math.round(grams * 10) / 10;
}
