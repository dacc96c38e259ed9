import { describe, expect, it } from 'vitest';
import { chooseRetention, type RetainedClip } from '../../../station/camera/retention.js';

const DAY = 24 * 3600 * 1000;
const NOW = 1_800_000_000_000;
const clip = (clipId: string, daysOld: number, bytes: number, pinned = false): RetainedClip => ({ clipId, storedAt: NOW - daysOld * DAY, bytes, pinned });

describe('chooseRetention', () => {
  it('deletes clips older than the days, never a pinned one', () => {
    const clips = [clip('new', 1, 10), clip('old', 40, 10), clip('old-pinned', 50, 10, true)];
    expect(chooseRetention(clips, { maxDays: 30, maxBytes: 0 }, NOW)).toEqual(['old']);
  });

  it('deletes the oldest unpinned clips until the rest fit the bytes', () => {
    const clips = [clip('c', 3, 100), clip('a', 5, 100, true), clip('b', 4, 100), clip('d', 2, 100)];
    expect(chooseRetention(clips, { maxDays: 0, maxBytes: 250 }, NOW)).toEqual(['b', 'c']);
  });

  it('keeps pinned clips even when they alone exceed the bytes', () => {
    const clips = [clip('a', 5, 500, true), clip('b', 1, 10)];
    expect(chooseRetention(clips, { maxDays: 0, maxBytes: 100 }, NOW)).toEqual(['b']);
  });

  it('deletes nothing within both limits', () => {
    expect(chooseRetention([clip('a', 1, 10)], { maxDays: 30, maxBytes: 100 }, NOW)).toEqual([]);
  });
});
