import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRMWARE, planScan } from '../../../firmware-sim/scanner/firmware.js';
import { playScan } from '../../../firmware-sim/scanner/player.js';

describe('playScan', () => {
  it('writes every byte in order and takes the scan’s wire time', async () => {
    const plan = planScan('6901234567892', { ...DEFAULT_FIRMWARE, baudRate: 9600 });
    const got: Buffer[] = [];
    const start = performance.now();
    const result = await playScan(plan, (bytes) => {
      got.push(Buffer.from(bytes));
      return true;
    });
    const elapsed = performance.now() - start;
    expect(Buffer.concat(got).toString('latin1')).toBe('6901234567892\r\n');
    expect(result.delivered).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(plan.durationMs - 1);
    expect(result.lastWriteAt - start).toBeGreaterThanOrEqual(plan.durationMs - 1);
  });

  it('reports a scan as not delivered when a write found no device', async () => {
    const plan = planScan('A', { ...DEFAULT_FIRMWARE, baudRate: 0 });
    expect((await playScan(plan, () => false)).delivered).toBe(false);
  });

  it('stops when aborted', async () => {
    const plan = planScan('6901234567892', { ...DEFAULT_FIRMWARE, baudRate: 1200 });
    const abort = new AbortController();
    let writes = 0;
    const playing = playScan(plan, () => {
      writes += 1;
      if (writes === 2) abort.abort();
      return true;
    }, abort.signal);
    await expect(playing).rejects.toMatchObject({ name: 'AbortError' });
    expect(writes).toBe(2);
  });
});
