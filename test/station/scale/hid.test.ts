import { afterEach, describe, expect, it } from 'vitest';
import { Backoff } from '../../../common/backoff.js';
import { SimulatedHidScale } from '../../../firmware-sim/scale/hid.js';
import { HidScale } from '../../../station/scale/hid.js';
import { stableAt, statusOf } from './helpers.js';

const opened: HidScale[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((scale) => scale.close()));
});

function driverFor(sim: SimulatedHidScale): HidScale {
  const scale = new HidScale({ vendorId: sim.vendorId, productId: sim.productId, opener: sim.opener, backoff: new Backoff(1, 5) });
  opened.push(scale);
  return scale;
}

describe('HidScale over the HID fake', () => {
  it('reads Scale Data Reports: in motion, then stable by the scale’s own flag', async () => {
    let now = 0;
    const sim = new SimulatedHidScale({ settleMs: 500, now: () => now });
    const scale = driverFor(sim);
    await scale.open();
    expect(scale.status()).toMatchObject({ state: 'ok', detail: '0922:8003 scale' });
    sim.place(1250);
    now = 100;
    sim.report();
    expect(scale.latest()).toMatchObject({ stable: false, source: 'hid' });
    now = 600;
    sim.report();
    expect(stableAt(1250)(scale.latest()!)).toBe(true);
    expect(scale.stats()).toMatchObject({ frames: 2, readings: 2 });
  });

  it('counts foreign reports, bad lengths and faults; none is a weight', async () => {
    const sim = new SimulatedHidScale();
    const scale = driverFor(sim);
    await scale.open();
    sim.send(Uint8Array.of(0x04, 0x04, 0x02, 0x00, 0xe2, 0x04));
    sim.send(Uint8Array.of(0x03, 0x04, 0x02));
    sim.send(Uint8Array.of(0x03, 0x01, 0x02, 0x00, 0x00, 0x00));
    expect(scale.latest()).toBeUndefined();
    expect(scale.stats().rejected).toMatchObject({ 'foreign-report': 1, 'bad-length': 1, 'not-ready': 1 });
  });

  it('an unplug is a fault and forgets the weight; a replug reads again', async () => {
    const sim = new SimulatedHidScale({ settleMs: 0 });
    const scale = driverFor(sim);
    await scale.open();
    sim.place(700);
    sim.report();
    expect(scale.latest()?.reading.grams).toBe(700);
    sim.unplug();
    expect(scale.status()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/could not read from HID device/) });
    expect(scale.latest()).toBeUndefined();
    sim.plug();
    await statusOf(scale, 'ok');
    sim.report();
    expect(scale.latest()?.reading.grams).toBe(700);
  });

  it('a scale not plugged in at start is absent, with the reason', async () => {
    const sim = new SimulatedHidScale();
    sim.unplug();
    const scale = driverFor(sim);
    await scale.open();
    expect(scale.status()).toMatchObject({ state: 'absent', detail: expect.stringMatching(/no HID device 0922:8003/) });
  });
});
