import { afterEach, describe, expect, it } from 'vitest';
import { StationAgent } from '../../../station/agent.js';
import { SimulatedScanner } from '../../../station/scanner/sim.js';
import { freePort } from '../../helpers/free-port.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('a station agent without a printer', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function options(flow?: 'print-after-verify' | 'verify-preprinted') {
    const dir = tempDir();
    cleanups.push(dir.remove);
    return {
      id: 'S1',
      site: 'nop',
      hubUrl: `mqtt://127.0.0.1:${await freePort()}`,
      dataDir: dir.path,
      scanner: new SimulatedScanner(),
      printer: null,
      httpPort: 0,
      ...(flow ? { policy: { flow } } : {}),
    };
  }

  it('refuses to start in the print-after-verify flow, naming --printer and --flow, and frees its data folder', async () => {
    const given = await options();
    await expect(StationAgent.start(given)).rejects.toMatchObject({
      code: 'NO_PRINTER',
      message: expect.stringMatching(/station S1 prints each verified order's label \(--flow print-after-verify\) but has no printer: give --printer .*--flow verify-preprinted/),
    });
    // The refusal released the lock: an agent with a flow that prints nothing starts on the same folder.
    const agent = await StationAgent.start({ ...given, policy: { flow: 'verify-preprinted' } });
    cleanups.push(() => agent.close());
    expect(agent.copy.policy.flow).toBe('verify-preprinted');
  });

  it('starts when its flow seals pre-printed labels', async () => {
    const agent = await StationAgent.start(await options('verify-preprinted'));
    cleanups.push(() => agent.close());
    expect(agent.view().printer).toMatchObject({ kind: 'none', state: 'absent' });
  });

  it('starts when a print program prints its labels', async () => {
    const agent = await StationAgent.start({ ...(await options()), printPrograms: [{ kind: 'waybill', platform: 'cainiao', url: `ws://127.0.0.1:${await freePort()}` }] });
    cleanups.push(() => agent.close());
    expect(agent.copy.policy.flow).toBe('print-after-verify');
  });
});
