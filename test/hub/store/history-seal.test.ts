import { describe, expect, it } from 'vitest';
import { sealReason } from '../../../hub/store/history-seal.js';

const NOON = new Date('2026-03-02T12:00:00Z');
const TODAY = '2026-03-02';
const open = (openDay: string | undefined, retryAt = 0) => ({ openDay, segmentRecords: 100, retryAt });

describe('sealReason', () => {
  it('seals an open segment whose first day is over', () => {
    expect(sealReason(open('2026-03-01'), 5, NOON, TODAY)).toBe('day closed');
  });

  it('seals a full segment within its day', () => {
    expect(sealReason(open(TODAY), 100, NOON, TODAY)).toBe('segment full');
  });

  it('leaves a segment of today under its size, and an empty one', () => {
    expect(sealReason(open(TODAY), 99, NOON, TODAY)).toBeUndefined();
    expect(sealReason(open('2026-03-01'), 0, NOON, TODAY)).toBeUndefined();
  });

  it('waits after a failed seal until its retry time', () => {
    expect(sealReason(open('2026-03-01', NOON.getTime() + 1), 5, NOON, TODAY)).toBeUndefined();
    expect(sealReason(open('2026-03-01', NOON.getTime()), 5, NOON, TODAY)).toBe('day closed');
  });
});
