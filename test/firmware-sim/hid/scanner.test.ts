import { describe, expect, it } from 'vitest';
import { FakeHidDevice, SimulatedHidScanner, UNPLUG_MESSAGE } from '../../../firmware-sim/hid/scanner.js';

const hex = (report: Uint8Array): string => Buffer.from(report).toString('hex');

describe('SimulatedHidScanner', () => {
  it('opens only while plugged in and only for its own ids', async () => {
    const sim = new SimulatedHidScanner({ mode: 'pos', vendorId: 0x0c2e, productId: 0x0b87, plugged: false });
    const ids = { vendorId: 0x0c2e, productId: 0x0b87 };
    await expect(sim.opener(ids)).rejects.toMatchObject({ code: 'HID_NOT_FOUND' });
    sim.plug();
    await expect(sim.opener({ ...ids, productId: 1 })).rejects.toMatchObject({ code: 'HID_NOT_FOUND' });
    await expect(sim.opener(ids)).resolves.toBeInstanceOf(FakeHidDevice);
    expect(sim.opens).toBe(1);
  });

  it('sends a scan as node-hid would: one Buffer per report', async () => {
    const sim = new SimulatedHidScanner({ mode: 'wedge' });
    const device = await sim.opener({ vendorId: sim.vendorId, productId: sim.productId });
    const seen: string[] = [];
    device.on('data', (report) => {
      expect(Buffer.isBuffer(report)).toBe(true);
      seen.push(hex(report));
    });
    expect(sim.scan('a')).toBe(4);
    expect(seen).toEqual(['0000040000000000', '0000000000000000', '0000280000000000', '0000000000000000']);
  });

  it('leaves out the Enter when told to', () => {
    const sim = new SimulatedHidScanner({ mode: 'wedge' });
    expect(sim.reports('a', { enter: false }).map(hex)).toEqual(['0000040000000000', '0000000000000000']);
  });

  it('splits a scan and pulls the plug: a read error, then nothing is delivered', async () => {
    const sim = new SimulatedHidScanner({ mode: 'pos' });
    const device = (await sim.opener({ vendorId: sim.vendorId, productId: sim.productId })) as FakeHidDevice;
    const events: string[] = [];
    device.on('data', () => events.push('data'));
    device.on('error', (err) => events.push(`error: ${(err as Error).message}`));
    expect(sim.scan('X'.repeat(200), { unplugAfter: 2 })).toBe(2);
    expect(events).toEqual(['data', 'data', `error: ${UNPLUG_MESSAGE}`]);
    expect(device.closed).toBe(true);
    expect(sim.plugged).toBe(false);
    expect(sim.scan('lost')).toBe(0);
  });
});
