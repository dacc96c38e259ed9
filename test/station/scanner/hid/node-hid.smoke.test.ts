import { describe, expect, it } from 'vitest';
import { loadNodeHid, openNodeHid } from '../../../../station/scanner/hid/node-hid-opener.js';
import { HidScanner } from '../../../../station/scanner/hid/driver.js';

// The real node-hid, with its native binding and libusb-1.0. No HID device exists on CI
// machines (no uhid, uinput or hidraw), so the bus is empty.
describe('node-hid (real binding)', () => {
  it('loads and lists devices', async () => {
    const hid = await loadNodeHid();
    expect(hid.getHidapiVersion()).toMatch(/^\d+\.\d+/);
    const devices = hid.devices();
    expect(Array.isArray(devices)).toBe(true);
    expect(Array.isArray(await hid.devicesAsync())).toBe(true);
  });

  it('reports a device that is not there as HID_NOT_FOUND', async () => {
    await expect(openNodeHid({ vendorId: 0xfffe, productId: 0xfffe })).rejects.toMatchObject({ code: 'HID_NOT_FOUND' });
  });

  it('keeps a driver with the default opener waiting, absent, until closed', async () => {
    const scanner = new HidScanner({ vendorId: 0xfffe, productId: 0xfffe, mode: 'pos' });
    try {
      await scanner.open();
      expect(scanner.status()).toMatchObject({ kind: 'hid', state: 'absent' });
      expect(scanner.status().detail).toContain('no HID device fffe:fffe');
    } finally {
      await scanner.close();
    }
  });

  it('names the missing library when node-hid cannot load', async () => {
    const failing = (): Promise<never> =>
      Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory'));
    const err: unknown = await loadNodeHid(failing).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HID_UNAVAILABLE' });
    expect((err as Error).message).toContain('libusb-1.0');
  });
});
