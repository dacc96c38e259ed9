import { describe, expect, it } from 'vitest';
import { overlayMark, overlaySrt } from '../../../station/camera/overlay.js';

const T0 = Date.parse('2026-12-05T08:00:00.000Z');
const header = { orderNo: 'TB1001', waybill: 'SF123', station: 'P1', packer: 'alice' };

describe('overlaySrt', () => {
  it('makes a cue a second and one at each verdict, with the order, waybill, station, packer, time and the verdicts so far', () => {
    const srt = overlaySrt(header, [{ at: T0 + 1500, text: 'OK counted SKU-1 1/2' }], T0, T0 + 3000, 'Asia/Shanghai');
    const cues = srt.trim().split('\n\n');
    expect(cues).toHaveLength(4);
    expect(cues[0]).toBe('1\n00:00:00,000 --> 00:00:01,000\nTB1001 | SF123 | P1 | alice\n2026-12-05 16:00:00');
    expect(cues[1]).toBe('2\n00:00:01,000 --> 00:00:01,500\nTB1001 | SF123 | P1 | alice\n2026-12-05 16:00:01');
    expect(cues[2]).toBe('3\n00:00:01,500 --> 00:00:02,000\nTB1001 | SF123 | P1 | alice\n2026-12-05 16:00:01\nOK counted SKU-1 1/2');
    expect(cues[3]).toContain('00:00:02,000 --> 00:00:03,000');
  });

  it('keeps the newest three marks and cleans what would break SubRip', () => {
    const marks = [1, 2, 3, 4].map((n) => ({ at: T0 + n, text: `m${n}\n\n-->x` }));
    const last = overlaySrt(header, marks, T0, T0 + 1000, 'UTC').trim().split('\n\n').at(-1)!;
    expect(last).toContain('m2 ->x\nm3 ->x\nm4 ->x');
    expect(last).not.toContain('m1');
  });

  it('bounds the cues of a very long clip', () => {
    const srt = overlaySrt(header, [], T0, T0 + 10 * 3600 * 1000, 'UTC');
    expect(srt.trim().split('\n\n').length).toBeLessThanOrEqual(7200);
  });
});

describe('overlayMark', () => {
  it('shows a verdict with its line count, and nothing for events the overlay does not show', () => {
    const common = { at: new Date(T0).toISOString(), station: 'P1', packer: 'alice', order: null, mappingVersion: 1 };
    const verdict = { ...common, type: 'pack.verdict' as const, verdict: 'counted' as const, units: 1, code: '0690', sku: 'SKU-1', via: 'task' as const, line: { index: 0, masterSku: 'SKU-1', counted: 1, quantity: 2 }, detail: null, blocks: false };
    expect(overlayMark(verdict, T0)).toEqual({ at: T0, text: 'OK counted SKU-1 1/2' });
    expect(overlayMark({ ...verdict, verdict: 'wrong_item', line: null, blocks: true }, T0)?.text).toBe('NO wrong_item SKU-1');
    expect(overlayMark({ type: 'scan', data: 'x', raw: 'eA==', source: 'sim' }, T0)).toBeUndefined();
  });
});
