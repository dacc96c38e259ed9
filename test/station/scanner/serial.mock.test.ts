import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MockLink } from '../../../firmware-sim/scanner/mock-link.js';
import { ScannerSimulator } from '../../../firmware-sim/scanner/simulator.js';
import { SerialScanner } from '../../../station/scanner/serial.js';
import { Collector } from './collector.js';
import { testSerialScanner } from './serial-driver.suite.js';

testSerialScanner({
  name: 'the serialport mock binding',
  createLink: async () => {
    const link = new MockLink(`/dev/mock-${randomUUID()}`);
    return { link, binding: link.binding };
  },
});

describe('SerialScanner by USB id (mock binding)', () => {
  let scanner: SerialScanner | undefined;
  let sim: ScannerSimulator | undefined;

  afterEach(async () => {
    await scanner?.close();
    await sim?.close();
  });

  it('opens the port whose vendor and product ids match', async () => {
    const link = new MockLink(`/dev/mock-${randomUUID()}`, { vendorId: '05e0', productId: '1200' });
    sim = new ScannerSimulator(link);
    scanner = new SerialScanner({
      target: { vendorId: '05e0', productId: '1200' },
      baudRate: 115200,
      terminator: 'any',
      idleMs: 250,
      binding: link.binding,
    });
    const seen = new Collector(scanner);
    await scanner.open();
    expect(scanner.status()).toMatchObject({ state: 'ok', detail: `${link.path} @115200` });
    await sim.scan('6901234567892');
    await seen.scanCount(1);
    expect(Buffer.from(seen.scans[0]!.bytes).toString('latin1')).toBe('6901234567892');
  });

  it('reports a missing USB id as absent, with the id in the detail', async () => {
    const link = new MockLink(`/dev/mock-${randomUUID()}`, { vendorId: '05e0', productId: '1200' });
    sim = new ScannerSimulator(link);
    scanner = new SerialScanner({ target: { vendorId: '0c2e', productId: '0b61' }, baudRate: 9600, terminator: 'any', idleMs: 250, binding: link.binding });
    await scanner.open();
    expect(scanner.status()).toMatchObject({ state: 'absent', detail: expect.stringContaining('0c2e:0b61') });
  });
});
