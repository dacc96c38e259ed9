import { describe, expect, it } from 'vitest';
import { anchorOf, coverage, expiredSegments, parseSegmentList, type Segment } from '../../../station/camera/segments.js';

const T0 = 1_800_000_000_000;
/** Segments of 2 s from T0, with `missing` indexes left out (a gap). */
function segments(count: number, missing: number[] = []): Segment[] {
  return Array.from({ length: count }, (_, i) => i)
    .filter((i) => !missing.includes(i))
    .map((i) => ({ file: `/seg-${i}.ts`, start: T0 + i * 2000, end: T0 + (i + 1) * 2000 }));
}

describe('parseSegmentList', () => {
  it('reads ffmpeg CSV lines and skips a torn or foreign one', () => {
    const text = 'seg-000000.ts,0.000000,2.000000\nseg-000001.ts,2.000000,4.000000\n../x.ts,4,6\nseg-000002.ts,4.0000';
    expect(parseSegmentList(text)).toEqual([
      { name: 'seg-000000.ts', startS: 0, endS: 2 },
      { name: 'seg-000001.ts', startS: 2, endS: 4 },
    ]);
  });
});

describe('anchorOf', () => {
  it('keeps the smallest offset seen: the delay is never negative', () => {
    let anchor = anchorOf(undefined, T0 + 2300, 2);
    expect(anchor).toBe(T0 + 300);
    anchor = anchorOf(anchor, T0 + 4100, 4);
    expect(anchor).toBe(T0 + 100);
    expect(anchorOf(anchor, T0 + 6900, 6)).toBe(T0 + 100);
  });
});

describe('coverage', () => {
  it('cuts the first segment at the in point and the last at the out point', () => {
    const found = coverage(segments(5), T0 + 700, T0 + 5300);
    expect(found.parts).toEqual([
      { file: '/seg-0.ts', inpoint: 0.7 },
      { file: '/seg-1.ts' },
      { file: '/seg-2.ts', outpoint: 1.3 },
    ]);
    expect(found.coveredMs).toBe(4600);
    expect(found.gaps).toEqual([]);
  });

  it('reports a hole between segments and one after the recording ends', () => {
    const found = coverage(segments(4, [1]), T0, T0 + 10_000);
    expect(found.parts.map((part) => part.file)).toEqual(['/seg-0.ts', '/seg-2.ts', '/seg-3.ts']);
    expect(found.gaps).toEqual([
      { from: T0 + 2000, to: T0 + 4000 },
      { from: T0 + 8000, to: T0 + 10_000 },
    ]);
    expect(found.coveredMs).toBe(6000);
  });

  it('finds nothing when no segment overlaps, and says the whole span is a gap', () => {
    const found = coverage(segments(2), T0 + 10_000, T0 + 12_000);
    expect(found).toEqual({ parts: [], coveredMs: 0, gaps: [{ from: T0 + 10_000, to: T0 + 12_000 }] });
  });

  it('trims two runs that overlap so no moment is shown twice, and ignores a hole under the tolerance', () => {
    const runs: Segment[] = [
      { file: '/a.ts', start: T0, end: T0 + 2000 },
      { file: '/b.ts', start: T0 + 1800, end: T0 + 3800 },
      { file: '/c.ts', start: T0 + 4000, end: T0 + 6000 },
    ];
    const found = coverage(runs, T0, T0 + 6000);
    expect(found.parts).toEqual([{ file: '/a.ts' }, { file: '/b.ts', inpoint: 0.2 }, { file: '/c.ts' }]);
    expect(found.gaps).toEqual([]);
  });
});

describe('expiredSegments', () => {
  it('lets go of segments older than the buffer unless an open clip holds them', () => {
    const all = segments(10);
    const now = T0 + 20_000;
    expect(expiredSegments(all, now, 10_000).map((s) => s.file)).toEqual(['/seg-0.ts', '/seg-1.ts', '/seg-2.ts', '/seg-3.ts']);
    expect(expiredSegments(all, now, 10_000, T0 + 4500).map((s) => s.file)).toEqual(['/seg-0.ts', '/seg-1.ts']);
  });
});
