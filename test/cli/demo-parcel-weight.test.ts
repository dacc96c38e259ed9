import { describe, expect, it } from 'vitest';
import { demoParcelGrams, demoUnitGrams } from '../../cli/commands/demo-parcel-weight.js';
import type { PackSession } from '../../station/pack/index.js';

const order = { task: { lines: [{ masterSku: 'DRESS-RED-M', quantity: 2 }, { masterSku: 'BABY-SH-01', quantity: 1 }] } };
const session = (phase: PackSession['phase'], withOrder = true) => ({ phase, order: withOrder ? order : null }) as unknown as PackSession;

describe('what the demo packer puts on the scale', () => {
  it('a unit weighs the same every time, 150 to 900 g', () => {
    expect(demoUnitGrams('DRESS-RED-M')).toBe(demoUnitGrams('DRESS-RED-M'));
    for (const sku of ['A', 'DRESS-RED-M', 'BABY-SH-01', 'SOCK-01']) {
      expect(demoUnitGrams(sku)).toBeGreaterThanOrEqual(150);
      expect(demoUnitGrams(sku)).toBeLessThanOrEqual(900);
    }
  });

  it('the verified parcel, units and box; nothing while packing or between orders', () => {
    const grams = 260 + 2 * demoUnitGrams('DRESS-RED-M') + demoUnitGrams('BABY-SH-01');
    expect(demoParcelGrams(session('verified'))).toBe(grams);
    expect(demoParcelGrams(session('printed'))).toBe(grams);
    expect(demoParcelGrams(session('packing'))).toBe(0);
    expect(demoParcelGrams(session('idle', false))).toBe(0);
  });
});
