import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../protocol/schemas.js';
import { SimulatedScanner } from '../../../station/scanner/sim.js';

describe('SimulatedScanner unplug and plug', () => {
  it('reports a fault while unplugged, refuses scans, and is ready again when plugged', async () => {
    const scanner = new SimulatedScanner();
    const statuses: DeviceStatus[] = [];
    const scans: string[] = [];
    scanner.onStatus((status) => statuses.push(status));
    scanner.onScan((scan) => scans.push(Buffer.from(scan.bytes).toString('utf8')));
    await scanner.open();
    scanner.unplug('cable pulled');
    expect(scanner.status()).toEqual({ kind: 'sim', state: 'fault', detail: 'cable pulled' });
    expect(() => scanner.scan('4006381333931')).toThrow(/not ready/);
    scanner.plug();
    scanner.scan('4006381333931');
    await scanner.close();
    expect(statuses.map((status) => status.state)).toEqual(['ok', 'fault', 'ok', 'absent']);
    expect(scans).toEqual(['4006381333931']);
  });

  it('a closed scanner is neither unplugged nor plugged back', async () => {
    const scanner = new SimulatedScanner();
    scanner.unplug();
    scanner.plug();
    expect(scanner.status().state).toBe('absent');
  });
});
