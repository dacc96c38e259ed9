import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MockLink } from '../../../firmware-sim/scanner/mock-link.js';
import { ScannerSimulator } from '../../../firmware-sim/scanner/simulator.js';
import { SerialScanner, defaultWatchMs } from '../../../station/scanner/serial.js';
import { locatePort } from '../../../station/serial-locate.js';
import { SCANNER_SPEC_HELP, parseScannerSpec } from '../../../station/scanner/spec.js';
import { Collector } from './collector.js';

/** A COM port name of its own: binding-mock's port table is shared by the whole test file. */
const comPort = () => `COM${randomInt(10, 256)}`;

describe('serial scanners on Windows port names', () => {
  it.each([
    ['serial:COM3@9600', { target: { path: 'COM3' }, baudRate: 9600, terminator: 'any', idleMs: 250 }],
    ['serial:COM3', { target: { path: 'COM3' }, baudRate: 9600 }],
    ['serial:COM12@115200,term=cr,dedupe=0', { target: { path: 'COM12' }, baudRate: 115200, terminator: 'cr', duplicateWindowMs: 0 }],
  ])('parses %s', (text, expected) => {
    expect(parseScannerSpec(text)).toMatchObject({ kind: 'serial', ...expected });
  });

  it('names the Windows form in the --scanner help', () => {
    expect(SCANNER_SPEC_HELP).toContain('COM3');
  });

  it('finds a scanner by USB id among COM ports, whose ids Windows lists in upper case', async () => {
    const ports = [
      { path: 'COM1' },
      { path: 'COM7', vendorId: '05E0', productId: '1200' },
      { path: 'COM4', vendorId: '0C2E', productId: '0B61' },
    ];
    expect(await locatePort({ vendorId: '05e0', productId: '1200' }, async () => ports)).toBe('COM7');
  });

  it('does not watch a port by stat on Windows, where a port is a name and not a file', () => {
    expect(defaultWatchMs('win32', false)).toBe(0);
    expect(defaultWatchMs('linux', false)).toBe(250);
    expect(defaultWatchMs('darwin', false)).toBe(250);
    expect(defaultWatchMs('linux', true)).toBe(0);
  });
});

describe('SerialScanner on a COM port (serialport mock binding)', () => {
  let scanner: SerialScanner | undefined;
  let sim: ScannerSimulator | undefined;
  let link: MockLink | undefined;

  afterEach(async () => {
    await scanner?.close();
    await sim?.close();
    await link?.close();
    scanner = sim = link = undefined;
  });

  it('reads scans from COMn', async () => {
    link = new MockLink(comPort());
    sim = new ScannerSimulator(link);
    scanner = new SerialScanner({ ...parseSerialTarget(`serial:${link.path}@9600`), binding: link.binding });
    const seen = new Collector(scanner);
    await scanner.open();
    expect(scanner.status()).toMatchObject({ state: 'ok', detail: `${link.path} @9600` });
    await sim.scan('6901234567892');
    await seen.scanCount(1);
    expect(Buffer.from(seen.scans[0]!.bytes).toString('latin1')).toBe('6901234567892');
  });

  it('would take COMn for unplugged if it watched it as a file: why the watch is off on Windows', async () => {
    link = new MockLink(comPort());
    scanner = new SerialScanner({ ...parseSerialTarget(`serial:${link.path}`), binding: link.binding, watchMs: 250 });
    const seen = new Collector(scanner);
    await scanner.open();
    expect(await seen.status('fault')).toMatchObject({ detail: `device gone: ${link.path}` });
  });
});

function parseSerialTarget(text: string) {
  const spec = parseScannerSpec(text);
  if (spec.kind !== 'serial') throw new Error(`not a serial spec: ${text}`);
  const { kind: _kind, duplicateWindowMs: _window, ...options } = spec;
  return options;
}
