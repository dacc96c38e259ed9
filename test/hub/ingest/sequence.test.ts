import { describe, expect, it } from 'vitest';
import { StationSequence } from '../../../hub/ingest/sequence.js';

describe('StationSequence', () => {
  it('advances the contiguous mark only over a gap-free run', () => {
    const sequence = new StationSequence();
    expect(sequence.add(1)).toBe(true);
    expect(sequence.add(3)).toBe(true);
    expect(sequence.contiguous).toBe(1);
    expect(sequence.firstGap()).toBe(2);
    expect(sequence.add(2)).toBe(true);
    expect(sequence.contiguous).toBe(3);
    expect(sequence.firstGap()).toBeUndefined();
  });

  it('reports a sequence it already holds', () => {
    const sequence = new StationSequence();
    sequence.add(1);
    sequence.add(5);
    expect(sequence.add(1)).toBe(false);
    expect(sequence.add(5)).toBe(false);
    expect(sequence.has(4)).toBe(false);
  });
});
