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

describe('serialport loading', () => {
  it('is not imported by any non-serial scanner path, nor by parsing a serial spec', async () => {
    const { createScanner, parseScannerSpec } = await import('../../../station/scanner/spec.js');
    const sim = await createScanner(parseScannerSpec('sim'));
    await sim.open();
    await sim.close();
    await createScanner(parseScannerSpec('stdin'));
    parseScannerSpec('serial:/dev/ttyACM0@9600,term=cr');
    expect(loads.count).toBe(0);
  });

  it('is imported when a serial scanner is created', async () => {
    const { createScanner, parseScannerSpec } = await import('../../../station/scanner/spec.js');
    const scanner = await createScanner(parseScannerSpec('serial:/dev/ttyACM0'));
    expect(scanner.kind).toBe('serial');
    expect(loads.count).toBe(1);
  });
});
