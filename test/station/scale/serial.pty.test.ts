import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backoff } from '../../../common/backoff.js';
import { SerialScaleSimulator } from '../../../firmware-sim/scale/serial.js';
import { PtyLink } from '../../../firmware-sim/scanner/pty-link.js';
import { SERIAL_SCALE_FORMATS, type SerialScaleFormatName } from '../../../station/scale/formats/index.js';
import { SerialScale } from '../../../station/scale/serial.js';
import { FAST, nextWeight, stableAt, statusOf } from './helpers.js';

// Real serial I/O: each format's simulated indicator on a socat pseudo-terminal, read by the real driver.
describe.each(SERIAL_SCALE_FORMATS)('SerialScale (%s) over a pseudo-terminal', (format: SerialScaleFormatName) => {
  let sim: SerialScaleSimulator | undefined;
  let scale: SerialScale | undefined;

  afterEach(async () => {
    await scale?.close();
    await sim?.close();
    scale = sim = undefined;
  });

  async function start(options: { silenceMs?: number } = {}) {
    const link = await PtyLink.create(join(tmpdir(), `packgate-scale-${randomUUID()}`));
    sim = new SerialScaleSimulator(link, { format, intervalMs: 20, settleMs: FAST.settleMs, swingGrams: 30 });
    sim.start();
    scale = new SerialScale({ target: { path: link.path }, baudRate: 9600, format, pollMs: 20, stability: FAST.stability, backoff: new Backoff(10, 40), ...options });
    await scale.open();
    return { sim, scale };
  }

  it('reads a parcel put on the scale: swinging first, then one stable weight', async () => {
    const { sim, scale } = await start();
    expect(scale.status()).toMatchObject({ state: 'ok', kind: 'serial' });
    await nextWeight(scale, stableAt(0));
    sim.place(1250);
    const settled = await nextWeight(scale, stableAt(1250));
    expect(settled.reading).toMatchObject({ grams: 1250, unit: 'kg', negative: false, overload: false });
    expect(scale.latest()?.stable).toBe(true);
    expect(scale.stats().rejected.garbled).toBe(0);
  });

  it('counts line noise as garbled and still reads the weight; never a stable reading from it', async () => {
    const { sim, scale } = await start();
    sim.place(800);
    await nextWeight(scale, stableAt(800));
    sim.sendRaw(Uint8Array.of(0xff, 0xfe, 0x0d, 0x0a, 0x02, 0x3d));
    sim.place(900);
    await nextWeight(scale, stableAt(900));
    expect(scale.stats().rejected.garbled).toBeGreaterThanOrEqual(1);
  });

  it('an unplug is a fault with no current weight; the replugged scale reads again', async () => {
    const { sim, scale } = await start();
    sim.place(500);
    await nextWeight(scale, stableAt(500));
    await sim.unplug();
    const fault = await statusOf(scale, 'fault');
    expect(fault.detail).toMatch(/gone|closed|disconnected|error/);
    expect(scale.latest()).toBeUndefined();
    await sim.replug();
    await statusOf(scale, 'ok');
    await nextWeight(scale, stableAt(500));
  });
});

describe('SerialScale silence', () => {
  it('an open port with no frames is a fault that says why, and ok once frames come', async () => {
    const link = await PtyLink.create(join(tmpdir(), `packgate-scale-${randomUUID()}`));
    const sim = new SerialScaleSimulator(link, { format: 'st-gs', intervalMs: 20, settleMs: 0 });
    const scale = new SerialScale({ target: { path: link.path }, baudRate: 9600, format: 'st-gs', silenceMs: 100, stability: FAST.stability });
    try {
      await scale.open();
      const fault = await statusOf(scale, 'fault');
      expect(fault.detail).toMatch(/no data from the scale/);
      sim.start();
      await statusOf(scale, 'ok');
    } finally {
      await scale.close();
      await sim.close();
    }
  });

  it('a scale that is not there is absent with the reason', async () => {
    const scale = new SerialScale({ target: { path: join(tmpdir(), `no-scale-${randomUUID()}`) }, baudRate: 9600, format: 'st-gs' });
    try {
      await scale.open();
      expect(scale.status()).toMatchObject({ state: 'absent', detail: expect.stringMatching(/no-scale-.*(No such file|ENOENT)/) });
    } finally {
      await scale.close();
    }
  });
});
