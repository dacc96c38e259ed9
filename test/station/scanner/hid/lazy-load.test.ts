import { describe, expect, it, vi } from 'vitest';

// node-hid as it behaves on a machine without libusb: the package imports, its native
// binding does not load. The counter shows whether anything imported it at all.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('node-hid', () => {
  loads.count += 1;
  const missing = (): never => {
    throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
  };
  return { getHidapiVersion: missing, devices: missing, devicesAsync: missing, HIDAsync: { open: missing } };
});

describe('node-hid loading', () => {
  it('is not imported by any non-HID scanner path', async () => {
    const { createScanner, parseScannerSpec } = await import('../../../../station/scanner/spec.js');
    const sim = await createScanner(parseScannerSpec('sim'));
    await sim.open();
    await sim.close();
    await createScanner(parseScannerSpec('stdin'));
    expect(loads.count).toBe(0);
  });

  it('is imported when a HID scanner opens, and a missing libusb is HID_UNAVAILABLE', async () => {
    const { createScanner, parseScannerSpec } = await import('../../../../station/scanner/spec.js');
    const scanner = await createScanner(parseScannerSpec('hid:05e0:1200:pos'));
    expect(scanner.kind).toBe('hid');
    expect(loads.count).toBe(0);
    try {
      const err: unknown = await scanner.open().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'HID_UNAVAILABLE' });
      expect((err as Error).message).toContain('libusb-1.0');
      expect(loads.count).toBe(1);
      expect(scanner.status()).toMatchObject({ kind: 'hid', state: 'fault' });
    } finally {
      await scanner.close();
    }
  });
});
