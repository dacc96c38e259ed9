import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../../../../common/backoff.js';
import { PackgateError } from '../../../../common/errors.js';
import { SimulatedHidScanner } from '../../../../firmware-sim/hid/scanner.js';
import { DEMO_SCANS } from '../../../../firmware-sim/seed.js';
import type { DeviceStatus } from '../../../../protocol/schemas.js';
import { MAX_SCAN_BYTES } from '../../../../protocol/wire.js';
import type { HidDevice, HidDeviceOpener, HidMode } from '../../../../station/scanner/hid/device.js';
import { HidScanner } from '../../../../station/scanner/hid/driver.js';

const GS = '\x1d';
const BARCODES = [
  ...Object.values(DEMO_SCANS).flat(),
  `010690123456789217271231${GS}10LOT42`,
  'https://id.gs1.org/01/06901234567892/10/LOT42?17=271231&3103=000189',
];

const opened: HidScanner[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((scanner) => scanner.close()));
});

function driverFor(sim: SimulatedHidScanner, mode: HidMode, opener: HidDeviceOpener = sim.opener): HidScanner {
  const scanner = new HidScanner({
    vendorId: sim.vendorId,
    productId: sim.productId,
    mode,
    opener,
    backoff: new Backoff(1, 5),
  });
  opened.push(scanner);
  return scanner;
}

function record(scanner: HidScanner): { scans: string[]; states: DeviceStatus['state'][] } {
  const scans: string[] = [];
  const states: DeviceStatus['state'][] = [];
  scanner.onScan((scan) => scans.push(Buffer.from(scan.bytes).toString('latin1')));
  scanner.onStatus((status) => {
    if (states.at(-1) !== status.state) states.push(status.state);
  });
  return { scans, states };
}

function nextStatus(scanner: HidScanner, state: DeviceStatus['state']): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const stop = scanner.onStatus((status) => {
      if (status.state !== state) return;
      stop();
      resolve(status);
    });
  });
}

describe.each(['wedge', 'pos'] as const)('HidScanner in %s mode', (mode) => {
  const prefix = mode === 'pos' ? ']C0' : '';

  it('delivers every scan once and intact, across an unplug mid-scan and a replug', async () => {
    const sim = new SimulatedHidScanner({ mode });
    const scanner = driverFor(sim, mode);
    const { scans, states } = record(scanner);
    await scanner.open();
    expect(scanner.status()).toEqual({ kind: 'hid', state: 'ok', detail: `05e0:1200 ${mode}` });

    const half = Math.floor(BARCODES.length / 2);
    for (const code of BARCODES.slice(0, half)) sim.scan(code);
    // Long enough to span several HID-POS reports; the plug is pulled after its first report.
    const interrupted = `${'A'.repeat(60)}${GS}${'B'.repeat(60)}`;
    expect(sim.scan(interrupted, { unplugAfter: mode === 'pos' ? 1 : 7 })).toBeGreaterThan(0);
    expect(scanner.status().state).toBe('fault');
    expect(scanner.status().detail).toContain('could not read from HID device');

    // Retries fail while the device is away, then one succeeds once it is back.
    const back = nextStatus(scanner, 'ok');
    sim.plug();
    await back;
    expect(sim.opens).toBeGreaterThanOrEqual(2);
    const rest = [interrupted, ...BARCODES.slice(half)];
    for (const code of rest) sim.scan(code);

    const expected = [...BARCODES.slice(0, half), ...rest];
    expect(scans).toEqual(expected.map((code) => prefix + code));
    expect(states).toEqual(['ok', 'fault', 'ok']);
    expect(scanner.decoderStats()).toMatchObject({ scans: expected.length });
    expect(scanner.decoderStats().rejected.incomplete).toBe(1);
  });

  it('waits for a device absent at open and reports it when it arrives', async () => {
    const sim = new SimulatedHidScanner({ mode, plugged: false });
    const scanner = driverFor(sim, mode);
    const { scans, states } = record(scanner);
    await scanner.open();
    expect(scanner.status().state).toBe('absent');
    expect(scanner.status().detail).toContain('no HID device 05e0:1200');
    const ok = nextStatus(scanner, 'ok');
    sim.plug();
    await ok;
    sim.scan('6901234567892');
    expect(scans).toEqual([`${prefix}6901234567892`]);
    expect(states).toEqual(['absent', 'ok']);
  });
});

describe('HidScanner', () => {
  it('rejects open with HID_UNAVAILABLE when the HID library cannot load', async () => {
    const sim = new SimulatedHidScanner({ mode: 'pos' });
    const scanner = driverFor(sim, 'pos', () =>
      Promise.reject(new PackgateError('HID_UNAVAILABLE', 'cannot load node-hid (libusb-1.0.so.0: cannot open)')),
    );
    await expect(scanner.open()).rejects.toMatchObject({ code: 'HID_UNAVAILABLE' });
    expect(scanner.status().state).toBe('fault');
  });

  it('stops retrying and leaves no timer behind on close', async () => {
    vi.useFakeTimers();
    const sim = new SimulatedHidScanner({ mode: 'wedge', plugged: false });
    const opener = vi.fn(sim.opener);
    const scanner = driverFor(sim, 'wedge', opener);
    await scanner.open();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(opener.mock.calls.length).toBeGreaterThan(2);
    await scanner.close();
    expect(vi.getTimerCount()).toBe(0);
    const calls = opener.mock.calls.length;
    sim.plug();
    await vi.advanceTimersByTimeAsync(1000);
    expect(opener.mock.calls.length).toBe(calls);
    expect(scanner.status()).toEqual({ kind: 'hid', state: 'absent', detail: 'closed' });
  });

  it('closes a device whose open finishes after close()', async () => {
    const sim = new SimulatedHidScanner({ mode: 'wedge' });
    let finish: (device: HidDevice) => void = () => undefined;
    const pending = new Promise<HidDevice>((resolve) => (finish = resolve));
    const scanner = driverFor(sim, 'wedge', () => pending);
    const opening = scanner.open();
    await scanner.close();
    const device = await sim.opener({ vendorId: sim.vendorId, productId: sim.productId });
    finish(device);
    await opening;
    expect((device as { closed?: boolean }).closed).toBe(true);
    expect(scanner.status().state).toBe('absent');
  });

  it('keeps the device when a scan listener throws', async () => {
    const sim = new SimulatedHidScanner({ mode: 'wedge' });
    const scanner = driverFor(sim, 'wedge');
    const { scans } = record(scanner);
    scanner.onScan(() => {
      throw new Error('listener bug');
    });
    await scanner.open();
    sim.scan('ONE');
    sim.scan('TWO');
    expect(scans).toEqual(['ONE', 'TWO']);
    expect(scanner.status().state).toBe('ok');
  });

  it('hands the agent one byte past MAX_SCAN_BYTES for an over-long scan, so it is flagged truncated', async () => {
    const sim = new SimulatedHidScanner({ mode: 'pos' });
    const scanner = driverFor(sim, 'pos');
    const lengths: number[] = [];
    scanner.onScan((scan) => lengths.push(scan.bytes.length));
    await scanner.open();
    sim.scan('Z'.repeat(MAX_SCAN_BYTES * 2));
    sim.scan('Z'.repeat(MAX_SCAN_BYTES - 3));
    expect(lengths).toEqual([MAX_SCAN_BYTES + 1, MAX_SCAN_BYTES]);
    expect(scanner.decoderStats().truncated).toBe(1);
  });

  it('drops the garbage and faults it is sent and keeps reading', async () => {
    const sim = new SimulatedHidScanner({ mode: 'wedge' });
    const scanner = driverFor(sim, 'wedge');
    const { scans } = record(scanner);
    await scanner.open();
    sim.scan('BAD', { faults: [{ kind: 'garbage', index: 2 }] });
    sim.scan('DUP', { faults: [{ kind: 'duplicate', index: 0 }] });
    sim.send([new Uint8Array(3), new Uint8Array(100)]);
    sim.scan('GOOD');
    expect(scans).toEqual(['DUP', 'GOOD']);
    expect(scanner.decoderStats().rejected).toMatchObject({ 'bad-length': 3, damaged: 1 });
    expect(scanner.status().state).toBe('ok');
  });
});
