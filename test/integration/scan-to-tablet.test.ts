import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('walking skeleton: scan at a station to a tablet', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startHub(dataDir: string, mqttPort = 0): Promise<Hub> {
    const hub = await Hub.start({ site: 'test', host: '127.0.0.1', port: 0, mqttPort, dataDir });
    return hub;
  }

  it('delivers a scan to the tablet exactly once', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hub = await startHub(join(dir.path, 'hub'));
    cleanups.push(() => hub.close());
    const token = await hub.createToken('test manager', 'manager');
    const tablet = new TabletClient(hub.httpUrl, token);
    await tablet.connect();
    cleanups.push(() => tablet.close());

    const scanner = new SimulatedScanner();
    const login = await hub.provisionStation('S1');
    const station = await StationAgent.start({
      id: 'S1',
      site: 'test',
      hubUrl: hub.mqttUrl,
      dataDir: join(dir.path, 'S1'),
      scanner,
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    cleanups.push(() => station.close());

    scanner.scan('6901234567892');
    await tablet.until((records) => records.some((r) => r.kind === 'event'));
    await station.drained();

    expect(tablet.scans()).toEqual(['6901234567892']);
    const event = tablet.records.find((r) => r.kind === 'event');
    expect(event).toMatchObject({ station: 'S1', event: { seq: 1, station: 'S1', body: { type: 'pack.verdict', verdict: 'no_packer' } } });
    expect(hub.health().ingest).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it('delivers every scan exactly once while the hub stops and starts again', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hubDir = join(dir.path, 'hub');
    let hub = await startHub(hubDir);
    const mqttPort = new URL(hub.mqttUrl).port;
    const token = await hub.createToken('test manager', 'manager');
    const tablet = new TabletClient(hub.httpUrl, token);
    await tablet.connect();

    const scanner = new SimulatedScanner();
    const login = await hub.provisionStation('S1');
    const station = await StationAgent.start({
      id: 'S1',
      site: 'test',
      hubUrl: hub.mqttUrl,
      dataDir: join(dir.path, 'S1'),
      scanner,
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    cleanups.push(() => station.close());

    const codes = Array.from({ length: 30 }, (_, i) => `CODE-${String(i + 1).padStart(3, '0')}`);
    for (const code of codes.slice(0, 10)) scanner.scan(code);
    await tablet.until(() => tablet.scans().length === 10);

    const tabletGone = tablet.closed();
    await hub.close();
    await tabletGone;
    for (const code of codes.slice(10, 20)) scanner.scan(code);
    expect(station.outbox.size).toBeGreaterThanOrEqual(10);

    hub = await Hub.start({ site: 'test', host: '127.0.0.1', port: 0, mqttPort: Number(mqttPort), dataDir: hubDir });
    cleanups.push(() => hub.close());
    const resumed = new TabletClient(hub.httpUrl, token);
    resumed.records.push(...tablet.records);
    await resumed.connect();
    cleanups.push(() => resumed.close());
    for (const code of codes.slice(20)) scanner.scan(code);

    await resumed.until(() => resumed.scans().length >= 30);
    await station.drained();
    expect(resumed.scans()).toEqual(codes);
    const seqs = resumed.records.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
