import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIRMWARE, type FirmwareConfig } from '../../../firmware-sim/scanner/firmware.js';
import type { ScannerLink } from '../../../firmware-sim/scanner/link.js';
import { seededRandom } from '../../../common/random.js';
import { ScannerSimulator } from '../../../firmware-sim/scanner/simulator.js';
import { Backoff } from '../../../common/backoff.js';
import { MAX_SCAN_BYTES } from '../../../protocol/wire.js';
import { SerialScanner, type SerialBinding, type SerialScannerOptions } from '../../../station/scanner/serial.js';
import { Collector, hex } from './collector.js';

/** A place for a simulated scanner to live: a pseudo-terminal or a mock port. */
export interface SerialBackend {
  readonly name: string;
  /** A fresh device, plugged in; `binding` is what the driver must use to reach it (the OS's when absent). */
  createLink(): Promise<{ link: ScannerLink; binding?: SerialBinding }>;
}

/** A backoff that retries quickly and counts its attempts. */
class CountingBackoff extends Backoff {
  calls = 0;
  constructor() {
    super(10, 40);
  }
  override next(): number {
    this.calls += 1;
    return super.next();
  }
}

const codes = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `690123456${String(from + i).padStart(4, '0')}`);

/**
 * The serial driver's behaviour, run against each backend (as node-serialport's
 * `testSerialPortClass` runs against the mock and a real port). "Every scan" means every
 * scan written while the device is present; scans written while it is unplugged are lost.
 */
export function testSerialScanner(backend: SerialBackend): void {
  describe(`SerialScanner over ${backend.name}`, () => {
    let sim: ScannerSimulator | undefined;
    let scanner: SerialScanner | undefined;
    let backoff: CountingBackoff;

    afterEach(async () => {
      await scanner?.close();
      await sim?.close();
      scanner = undefined;
      sim = undefined;
    });

    async function start(firmware: Partial<FirmwareConfig> = {}, driver: Partial<SerialScannerOptions> = {}) {
      const { link, binding } = await backend.createLink();
      sim = new ScannerSimulator(link, { ...DEFAULT_FIRMWARE, ...firmware }, seededRandom(7));
      backoff = new CountingBackoff();
      scanner = new SerialScanner({
        target: { path: link.path },
        baudRate: 9600,
        terminator: 'any',
        idleMs: 250,
        backoff,
        ...(binding ? { binding } : {}),
        ...driver,
      });
      const seen = new Collector(scanner);
      await scanner.open();
      expect(scanner.status().state).toBe('ok');
      return { sim, scanner, seen, link };
    }

    it('delivers every scan once and intact, paced at 9600 baud', async () => {
      const { sim, seen } = await start();
      const sent = codes(30);
      for (const code of sent) await sim.scan(code);
      await seen.scanCount(sent.length);
      expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(sent);
      expect(seen.scans.every((scan) => scan.source === 'serial')).toBe(true);
    });

    it('keeps bytes that are not UTF-8 and the AIM prefix exactly', async () => {
      const { sim, seen } = await start({ aim: ']E0' });
      const raw = Uint8Array.of(0xff, 0xfe, 0x80, 0xc3, 0x28, 0x1d, 0x41);
      const receipt = await sim.scan(raw);
      await seen.scanCount(1);
      expect(hex(seen.scans[0]!.bytes)).toBe(hex(receipt.plan.payload));
      expect(Buffer.from(seen.scans[0]!.bytes.subarray(0, 3)).toString('latin1')).toBe(']E0');
    });

    it.each(['cr', 'lf', 'crlf'] as const)('frames scans ended by %s when configured for it', async (terminator) => {
      const { sim, seen } = await start({ terminator, baudRate: 115200 }, { terminator });
      const sent = codes(5);
      for (const code of sent) await sim.scan(code);
      await seen.scanCount(5);
      expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(sent);
    });

    it('frames a scanner that sends no terminator by the inter-byte timeout', async () => {
      const { sim, seen } = await start({ terminator: 'none' }, { terminator: 'none', idleMs: 150 });
      const sent = codes(3);
      for (const code of sent) {
        await sim.scan(code);
        await seen.scanCount(sent.indexOf(code) + 1);
      }
      expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(sent);
    });

    it('recovers from an unplug in the middle of a scan stream: nothing lost while present, nothing doubled', async () => {
      const { sim, scanner, seen } = await start({ baudRate: 115200 });
      const before = codes(10, 0);
      const whileGone = codes(5, 100);
      const after = codes(10, 200);
      for (const code of before) await sim.scan(code);
      await seen.scanCount(before.length);

      const statusCount = seen.statuses.length;
      const fault = seen.status('fault');
      await sim.unplug();
      expect((await fault).detail).toMatch(/\S/);
      for (const code of whileGone) expect((await sim.scan(code)).delivered).toBe(false);

      const ok = seen.status('ok', statusCount);
      await sim.replug();
      await ok;
      for (const code of after) await sim.scan(code);
      await seen.scanCount(before.length + after.length);

      expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual([...before, ...after]);
      expect(seen.statuses.slice(statusCount).map((status) => status.state)).toEqual(['fault', 'ok']);
      expect(scanner.stats.reopens).toBe(1);
    });

    it('notices an unplug before any byte was read (the hung-up tty of serialport/bindings-cpp#162)', async () => {
      const { sim, seen } = await start();
      const fault = seen.status('fault');
      await sim.unplug();
      expect((await fault).detail).toMatch(/\S/);
      const ok = seen.status('ok');
      await sim.replug();
      await ok;
      await sim.scan('6901234567892');
      await seen.scanCount(1);
      expect(Buffer.from(seen.scans[0]!.bytes).toString('latin1')).toBe('6901234567892');
    });

    it('waits for a device that is not there yet, then reads it', async () => {
      const { link, binding } = await backend.createLink();
      await link.unplug();
      sim = new ScannerSimulator(link, DEFAULT_FIRMWARE, seededRandom(3));
      scanner = new SerialScanner({ target: { path: link.path }, baudRate: 9600, terminator: 'any', idleMs: 250, backoff: new CountingBackoff(), ...(binding ? { binding } : {}) });
      const seen = new Collector(scanner);
      await scanner.open();
      expect(scanner.status()).toMatchObject({ state: 'absent' });
      const ok = seen.status('ok');
      await sim.replug();
      await ok;
      await sim.scan('4006381333931');
      await seen.scanCount(1);
      expect(Buffer.from(seen.scans[0]!.bytes).toString('latin1')).toBe('4006381333931');
    });

    it('close() stops reopening a lost device', async () => {
      const { sim, scanner, seen } = await start();
      const fault = seen.status('fault');
      await sim.unplug();
      await fault;
      await scanner.close();
      const attempts = backoff.calls;
      const statusCount = seen.statuses.length;
      await sim.replug();
      await sleep(150); // several retry periods: nothing may happen in them
      expect(backoff.calls).toBe(attempts);
      expect(seen.statuses.slice(statusCount)).toEqual([]);
      expect(scanner.status()).toMatchObject({ state: 'absent', detail: 'closed' });
    });

    describe('faults', () => {
      it('garbage: line noise before a scan arrives as part of one raw scan, byte for byte', async () => {
        const { sim, seen } = await start();
        const receipt = await sim.scan('6901234567892', ['garbage']);
        await seen.scanCount(1);
        expect(receipt.plan.payload.length).toBeGreaterThan(13);
        expect(seen.hex).toEqual([hex(receipt.plan.payload)]);
      });

      it('split: a scan sent in two writes is one scan', async () => {
        const { sim, seen } = await start({ baudRate: 0 });
        const receipt = await sim.scan('6901234567892', ['split']);
        expect(receipt.plan.writes.length).toBe(2);
        await sim.scan('4006381333931');
        await seen.scanCount(2);
        expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(['6901234567892', '4006381333931']);
      });

      it('missing terminator: the inter-byte timeout ends the scan, and the next one stays separate', async () => {
        const { sim, seen } = await start();
        await sim.scan('6901234567892', ['no-terminator']);
        await seen.scanCount(1);
        await sim.scan('4006381333931');
        await seen.scanCount(2);
        expect(seen.scans.map((scan) => Buffer.from(scan.bytes).toString('latin1'))).toEqual(['6901234567892', '4006381333931']);
      });

      it('dropped and duplicated characters: one scan each, carrying exactly the bytes sent', async () => {
        const { sim, seen } = await start();
        const dropped = await sim.scan('6901234567892', ['drop-char']);
        const doubled = await sim.scan('6901234567892', ['dup-char']);
        await seen.scanCount(2);
        expect(dropped.plan.payload.length).toBe(12);
        expect(doubled.plan.payload.length).toBe(14);
        expect(seen.hex).toEqual([hex(dropped.plan.payload), hex(doubled.plan.payload)]);
      });

      it('an overlong scan is cut one byte past MAX_SCAN_BYTES (so the agent flags it) and the next scan is intact', async () => {
        const { sim, scanner, seen } = await start({ baudRate: 0 });
        const spew = Buffer.alloc(3 * MAX_SCAN_BYTES, 0x41);
        await sim.scan(spew);
        await sim.scan('6901234567892');
        await seen.scanCount(2);
        expect(seen.scans[0]!.bytes.byteLength).toBe(MAX_SCAN_BYTES + 1);
        expect(Buffer.from(seen.scans[1]!.bytes).toString('latin1')).toBe('6901234567892');
        expect(scanner.stats).toMatchObject({ truncated: 1, droppedBytes: 2 * MAX_SCAN_BYTES - 1 });
      });
    });
  });
}
