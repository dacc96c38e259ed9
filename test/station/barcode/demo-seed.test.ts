import { describe, expect, it } from 'vitest';
import { DEMO_SCANS } from '../../../firmware-sim/seed.js';
import { decoded } from './helpers.js';

describe('the demo shift', () => {
  it.each(Object.entries(DEMO_SCANS))('%s: every scan decodes, starting with an order label', (_, scans) => {
    const kinds = scans.map((scan) => decoded(scan).kind);
    expect(kinds[0]).toBe('order');
    expect(kinds.every((kind) => kind === 'order' || kind === 'gtin' || kind === 'gs1')).toBe(true);
  });
});
