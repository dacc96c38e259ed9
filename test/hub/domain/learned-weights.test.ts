import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom, type Random } from '../../../common/random.js';
import { learnUnitWeights, weightSuggestions, type WeighedParcel } from '../../../hub/domain/learned-weights.js';

/** A normal deviate (Box–Muller) from a seeded source. */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A simulated shift: 24 SKUs of 80 g to 2.5 kg, three box types, 3000 accepted parcels (55 % of
 * one SKU, the rest two or three SKUs), weighed on a 2 g-division scale with 0.4 % load-cell
 * noise, boxes ±2 % off their nominal weight, and 1 % of parcels with a unit too many that
 * verification missed.
 */
function shift(seed: number): { truth: Map<string, number>; parcels: WeighedParcel[] } {
  const random = seededRandom(seed);
  const truth = new Map<string, number>();
  for (let i = 0; i < 24; i += 1) truth.set(`SKU-${String(i).padStart(2, '0')}`, Math.round(80 + random() * 2420));
  const skus = [...truth.keys()];
  const boxes = [120, 260, 480];
  const parcels: WeighedParcel[] = [];
  for (let n = 0; n < 3000; n += 1) {
    const kinds = random() < 0.55 ? 1 : 2 + randomInt(random, 2);
    const chosen = new Set<string>();
    while (chosen.size < kinds) chosen.add(skus[randomInt(random, skus.length)]!);
    const lines = [...chosen].map((masterSku) => ({ masterSku, quantity: 1 + randomInt(random, 3) }));
    const boxGrams = boxes[randomInt(random, boxes.length)]!;
    let grams = boxGrams * (1 + (random() * 2 - 1) * 0.02) + lines.reduce((sum, line) => sum + line.quantity * truth.get(line.masterSku)!, 0);
    if (random() < 0.01) grams += truth.get(lines[0]!.masterSku)!;
    grams *= 1 + gaussian(random) * 0.004;
    parcels.push({ lines, boxGrams, grams: Math.round(grams / 2) * 2 });
  }
  return { truth, parcels };
}

describe('learned unit weights', () => {
  it.each([1, 2, 3, 4, 5])('converge to within 1 % of the truth over a simulated shift (seed %i)', (seed) => {
    const { truth, parcels } = shift(seed);
    const learned = learnUnitWeights(parcels);
    expect([...learned.keys()].sort()).toEqual([...truth.keys()].sort());
    for (const [sku, weight] of learned) {
      const error = Math.abs(weight.grams - truth.get(sku)!) / truth.get(sku)!;
      expect(error, `${sku}: learned ${weight.grams} g, true ${truth.get(sku)} g`).toBeLessThan(0.01);
    }
  });

  it('solves a SKU that is never packed alone from the ones that are', () => {
    const parcels: WeighedParcel[] = [
      ...Array.from({ length: 5 }, () => ({ lines: [{ masterSku: 'A', quantity: 2 }], boxGrams: 100, grams: 700 })),
      ...Array.from({ length: 5 }, () => ({ lines: [{ masterSku: 'A', quantity: 1 }, { masterSku: 'B', quantity: 3 }], boxGrams: 100, grams: 1000 })),
    ];
    const learned = learnUnitWeights(parcels);
    expect(learned.get('A')).toEqual({ grams: 300, samples: 5, spreadGrams: 0 });
    expect(learned.get('B')).toEqual({ grams: 200, samples: 5, spreadGrams: 0 });
  });

  it('leaves unknown what has no unique solution', () => {
    const learned = learnUnitWeights([{ lines: [{ masterSku: 'A', quantity: 1 }, { masterSku: 'B', quantity: 1 }], boxGrams: 100, grams: 600 }]);
    expect(learned.size).toBe(0);
  });

  it('suggests catalog updates where the learned weight disagrees, with enough samples', () => {
    const learned = new Map([
      ['A', { grams: 300, samples: 40, spreadGrams: 2 }],
      ['B', { grams: 260, samples: 40, spreadGrams: 2 }],
      ['C', { grams: 500, samples: 5, spreadGrams: 2 }],
      ['D', { grams: 90, samples: 25, spreadGrams: 1 }],
    ]);
    const catalog = new Map([
      ['A', 310],
      ['B', 200],
      ['C', 100],
    ]);
    expect(weightSuggestions(catalog, learned)).toEqual([
      { masterSku: 'B', catalogGrams: 200, learnedGrams: 260, samples: 40 },
      { masterSku: 'D', catalogGrams: undefined, learnedGrams: 90, samples: 25 },
    ]);
  });
});
