import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationRegistry } from '../../hub/broker/station-registry.js';
import { openHubState } from '../../hub/store/state.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { CliProcess } from '../helpers/cli-process.js';
import { freePort } from '../helpers/free-port.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simPrinter } from '../helpers/sim-printer.js';

const TOTAL = 120;
const RECONNECT_MS = 50;
/**
 * Two cold starts of the hub process are this test's floor (the kill is what it tests): 1.1–1.4 s
 * each on an idle 2-core machine, but 8–16 s each at a load average of 15 (measured with 12
 * busy processes), when 20 s is not enough for both.
 */
const TIMEOUT_MS = 60_000;

describe('hub killed with SIGKILL mid-stream', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startHub(dataDir: string, mqttPort: number): Promise<{ hub: CliProcess; httpUrl: string }> {
    const hub = new CliProcess(['hub', '--site', 'kill', '--port', '0', '--mqtt-port', String(mqttPort), '--data', dataDir]);
    cleanups.push(() => hub.stop('SIGKILL'));
    const [, httpUrl] = await hub.waitForOutput(/Tablet page:\s+(http:\/\/127\.0\.0\.1:\d+)\//);
    return { hub, httpUrl: httpUrl! };
  }

  it('loses nothing a station was acked for, and stores every scan exactly once', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    // What `packgate hub station add` runs, in this process: a second node start is not what this test is about.
    const { password } = await new StationRegistry(await openHubState(join(hubDir, 'hub-state.json'))).provision('K1');
    const mqttPort = await freePort();

    const first = await startHub(hubDir, mqttPort);
    const adminToken = first.hub.stdout.match(/Admin token \(shown once, keep it\): (pg_\S+)/)![1]!;
    const scanner = new SimulatedScanner();
    const station = await StationAgent.start({
      printer: await simPrinter(),
      id: 'K1',
      site: 'kill',
      hubUrl: `mqtt://127.0.0.1:${mqttPort}`,
      dataDir: join(dir.path, 'K1'),
      scanner,
      mqttPassword: password,
      // Back as soon as the restarted hub listens, not up to a whole default period later.
      hubReconnectMs: RECONNECT_MS,
    });
    cleanups.push(() => station.close());

    const codes = Array.from({ length: TOTAL }, (_, i) => `K1-${String(i + 1).padStart(4, '0')}`);
    for (const code of codes.slice(0, 60)) scanner.scan(code);
    await station.drained();
    const ackedBeforeKill = station.outbox.ackedSeq;
    for (const code of codes.slice(60, 90)) scanner.scan(code);
    expect(await first.hub.stop('SIGKILL')).toBeNull();
    for (const code of codes.slice(90)) scanner.scan(code);

    const second = await startHub(hubDir, mqttPort);
    await station.drained();
    const tablet = new TabletClient(second.httpUrl, adminToken);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    await tablet.until(() => tablet.scans().length >= TOTAL);

    expect(ackedBeforeKill).toBe(60);
    expect(tablet.scans()).toEqual(codes);
    const seqs = tablet.records.flatMap((r) => (r.kind === 'event' ? [r.event.seq] : []));
    expect(seqs).toEqual(codes.map((_, i) => i + 1));
    expect(await second.hub.stop('SIGINT')).toBe(0);
  }, TIMEOUT_MS);
});
