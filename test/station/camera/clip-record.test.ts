import { describe, expect, it } from 'vitest';
import { clipVerdict } from '../../../station/camera/clip-record.js';

const whole = { camera: true, coveredMs: 10_000, gaps: [], restarted: false, ending: 'printed' as const };

describe('clipVerdict', () => {
  it('is complete when the recording covers the clip', () => {
    expect(clipVerdict(whole)).toEqual({ status: 'complete', reason: null, detail: null });
  });

  it('is missing without a camera, a recording or a cut, and says why', () => {
    expect(clipVerdict({ ...whole, camera: false }).reason).toBe('no_camera');
    expect(clipVerdict({ ...whole, coveredMs: 0 })).toMatchObject({ status: 'missing', reason: 'camera_down' });
    expect(clipVerdict({ ...whole, cutError: 'ffmpeg exited with 1: x' })).toMatchObject({ status: 'missing', reason: 'cut_failed' });
    expect(clipVerdict({ ...whole, cutError: 'No space left on device' })).toMatchObject({ status: 'missing', reason: 'disk_full' });
  });

  it('is partial with a gap, or an end a restarted agent never saw', () => {
    expect(clipVerdict({ ...whole, gaps: [{ from: 0, to: 2500 }] })).toMatchObject({ status: 'partial', reason: 'camera_gap', detail: '1 gap(s), 2.5 s not recorded' });
    expect(clipVerdict({ ...whole, restarted: true, ending: 'unknown' })).toMatchObject({ status: 'partial', reason: 'agent_restarted' });
    expect(clipVerdict({ ...whole, restarted: true })).toMatchObject({ status: 'complete' });
  });
});
