import { describe, expect, it } from 'vitest';
import { locatePort } from '../../station/serial-locate.js';

describe('locating a serial port by USB id', () => {
  const ports = [
    { path: '/dev/ttyUSB1', vendorId: '0403', productId: '6001' },
    { path: '/dev/ttyACM0', vendorId: '05E0', productId: '1200' },
    { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001' },
  ];

  it('takes a path as given, and of several ports with the ids the first by path, whatever the case of the ids', async () => {
    expect(await locatePort({ path: '/dev/ttyS0' }, async () => ports)).toBe('/dev/ttyS0');
    expect(await locatePort({ vendorId: '0403', productId: '6001' }, async () => ports)).toBe('/dev/ttyUSB0');
    expect(await locatePort({ vendorId: '05e0', productId: '1200' }, async () => ports)).toBe('/dev/ttyACM0');
  });

  it('says SERIAL_PORT_NOT_FOUND, with the ids, for a scanner or a scale that is not plugged in', async () => {
    await expect(locatePort({ vendorId: '0922', productId: '8003' }, async () => ports)).rejects.toMatchObject({
      code: 'SERIAL_PORT_NOT_FOUND',
      message: 'no serial port with USB id 0922:8003',
    });
  });
});
