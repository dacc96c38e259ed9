import { describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_WINDOW_MS, DedupeScanner } from '../../../station/scanner/dedupe.js';
import { SimulatedScanner } from '../../../station/scanner/sim.js';

function setup(windowMs?: number) {
  let now = 1_000;
  const inner = new SimulatedScanner();
  const scanner = new DedupeScanner(inner, { ...(windowMs === undefined ? {} : { windowMs }), now: () => now });
  const seen: string[] = [];
  scanner.onScan((scan) => seen.push(Buffer.from(scan.bytes).toString('utf8')));
  const scanAt = (at: number, code: string) => {
    now = at;
    inner.scan(code);
  };
  return { inner, scanner, seen, scanAt };
}

describe('DedupeScanner', () => {
  it('drops a re-read of the same code within the window and counts it', async () => {
    const { scanner, seen, scanAt } = setup();
    await scanner.open();
    scanAt(1_000, '6901234567892');
    scanAt(1_080, '6901234567892');
    scanAt(1_080 + DEFAULT_DUPLICATE_WINDOW_MS - 1, '6901234567892');
    expect(seen).toEqual(['6901234567892']);
    expect(scanner.droppedDuplicates).toBe(2);
    await scanner.close();
  });

  it('keeps a second unit of the same GTIN scanned after the window (quantity 2)', async () => {
    const { scanner, seen, scanAt } = setup();
    await scanner.open();
    scanAt(1_000, '6901234567892');
    scanAt(1_000 + DEFAULT_DUPLICATE_WINDOW_MS, '6901234567892');
    expect(seen).toEqual(['6901234567892', '6901234567892']);
    expect(scanner.droppedDuplicates).toBe(0);
    await scanner.close();
  });

  it('slides the window from the latest read, so a held continuous read stays one scan', async () => {
    const { scanner, seen, scanAt } = setup(300);
    await scanner.open();
    for (let at = 1_000; at <= 3_000; at += 100) scanAt(at, 'ORDER:TB1');
    expect(seen).toEqual(['ORDER:TB1']);
    expect(scanner.droppedDuplicates).toBe(20);
    await scanner.close();
  });

  it('never drops a different code, however soon', async () => {
    const { scanner, seen, scanAt } = setup();
    await scanner.open();
    scanAt(1_000, 'A');
    scanAt(1_001, 'B');
    scanAt(1_002, 'A');
    expect(seen).toEqual(['A', 'B', 'A']);
    await scanner.close();
  });

  it('window 0 turns it off', async () => {
    const { scanner, seen, scanAt } = setup(0);
    await scanner.open();
    scanAt(1_000, 'A');
    scanAt(1_000, 'A');
    expect(seen).toEqual(['A', 'A']);
    await scanner.close();
  });

  it('passes status, kind, open and close through to the driver', async () => {
    const { inner, scanner } = setup();
    const states: string[] = [];
    scanner.onStatus((status) => states.push(status.state));
    expect(scanner.kind).toBe('sim');
    await scanner.open();
    expect(scanner.status()).toEqual(inner.status());
    await scanner.close();
    expect(states).toEqual(['ok', 'absent']);
  });
});
