import { describe, expect, it, vi } from 'vitest';

// Counts imports of serialport's native binding (it loads on import); the stand-in binding is never used.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@serialport/bindings-cpp', () => {
  loads.count += 1;
  const unused = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  return { autoDetect: () => ({ list: unused, open: unused }) };
});

describe('serialport loading for printers', () => {
  it('is not imported by the tcp, file or sim printers, nor by parsing a serial spec', async () => {
    const { openPrinter } = await import('../../../cli/devices.js');
    const { zplPrinterSpec } = await import('../../helpers/printer-spec.js');
    await (await openPrinter(zplPrinterSpec('tcp:127.0.0.1:9100'))).close();
    await (await openPrinter(zplPrinterSpec('file:/dev/null'))).close();
    await (await openPrinter(zplPrinterSpec('sim'))).close();
    zplPrinterSpec('serial:/dev/ttyUSB0@9600');
    expect(loads.count).toBe(0);
  });

  it('is imported when a serial printer is created', async () => {
    const { createPrinterTransport } = await import('../../../station/printer/spec.js');
    const { devicePrinterSpec } = await import('../../helpers/printer-spec.js');
    const transport = await createPrinterTransport(devicePrinterSpec('serial:/dev/ttyUSB0'));
    expect(transport).toMatchObject({ kind: 'serial', target: '/dev/ttyUSB0@9600' });
    expect(loads.count).toBe(1);
  });
});
