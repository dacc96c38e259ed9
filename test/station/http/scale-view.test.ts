import { describe, expect, it } from 'vitest';
import { scaleView } from '../../../station/http/view.js';
import { reading } from '../../../station/scale/reading.js';
import type { WeightSample } from '../../../station/scale/source.js';

function sample(grams: number, stable: boolean): WeightSample {
  const decoded = reading({ value: grams, unit: 'g', stable });
  if (!decoded.ok) throw new Error(decoded.reason);
  return { reading: decoded.reading, stable, at: 0, source: 'sim' };
}

describe("the scale on the packer's screen", () => {
  it('shows its status and the newest weight, stable or not; no weight while there is none', () => {
    expect(scaleView({ status: () => ({ kind: 'serial', state: 'ok', detail: '/dev/ttyUSB0 @9600 st-gs' }), latest: () => sample(1250, true) })).toEqual({
      kind: 'serial',
      state: 'ok',
      detail: '/dev/ttyUSB0 @9600 st-gs',
      weight: { grams: 1250, stable: true },
    });
    expect(scaleView({ status: () => ({ kind: 'sim', state: 'ok' }), latest: () => sample(1212, false) }).weight).toEqual({ grams: 1212, stable: false });
    expect(scaleView({ status: () => ({ kind: 'hid', state: 'absent', detail: 'no HID device 0922:8003' }), latest: () => undefined })).toEqual({
      kind: 'hid',
      state: 'absent',
      detail: 'no HID device 0922:8003',
      weight: null,
    });
  });
});
