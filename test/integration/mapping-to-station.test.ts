import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { siteTopics, type MappingDeltaPayload, type MappingSnapshotPayload } from '../../protocol/index.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../station/printer/sim.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { BARCODES, FAST_PRINTING, run, seedShop, until } from '../helpers/station.js';
import { tempDir } from '../helpers/temp-dir.js';

const SITE = 'map';
const topics = siteTopics(SITE);
const NEW_EAN = '9780306406157';

/** Runs `close` once, however often it is called. */
function once(close: () => Promise<unknown>): () => Promise<unknown> {
  let closing: Promise<unknown> | undefined;
  return () => (closing ??= close());
}

describe('the mapping snapshot reaches a station by delta', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir.path, 'hub') });
    const closeHub = once(() => hub.close());
    cleanups.push(closeHub);
    seedShop(hub, ['TB1001']);
    run(hub, { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB', masterSku: 'SOCK-01' });
    const token = await hub.createToken('test manager', 'manager');
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${hub.httpUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    // A second station's login watches what every station gets on the mapping topics.
    const watcherLogin = await hub.provisionStation('W1');
    const watcher = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: `packgate-station-${SITE}-W1`, ...watcherLogin });
    cleanups.push(() => watcher.endAsync(true));
    const seen: Array<{ topic: string; version: number; retained: boolean; payload: MappingSnapshotPayload | MappingDeltaPayload }> = [];
    watcher.on('message', (topic, payload, packet) => {
      const value = JSON.parse(payload.toString()) as MappingSnapshotPayload | MappingDeltaPayload;
      seen.push({ topic, version: value.version, retained: packet.retain, payload: value });
    });
    await watcher.subscribeAsync([topics.mappingVersion, topics.mappingDelta], { qos: 1 });

    const login = await hub.provisionStation('P1');
    const scanner = new SimulatedScanner();
    const startAgent = async () => {
      const printer = await SimulatedPrinterTransport.start();
      const agent = await StationAgent.start({
        id: 'P1', site: SITE, hubUrl: hub.mqttUrl, dataDir: join(dir.path, 'P1'), scanner, printer, printTiming: FAST_PRINTING,
        mqttUsername: login.username, mqttPassword: login.password,
      });
      cleanups.push(once(() => agent.close()));
      await until(agent, () => agent.presence.live && agent.copy.stopList !== null, 'the hub and its lists');
      // Joined within 2 s of a change, it got the older retained snapshot first; the trailing one brings it up to date.
      const { version } = (await (await api('GET', '/mappings/stations')).json()) as { version: number };
      await until(agent, () => agent.copy.versions().mapping === version, 'the current mapping', 5000);
      return agent;
    };
    const agent = await startAgent();
    return { dir: dir.path, hub, closeHub, api, agent, startAgent, scanner, seen, watcherLogin };
  }

  it('a catalog change arrives as a delta before the snapshot; a changed mapping row makes a scan of its SKU mapping_pending; the hub sees the station current', async () => {
    const { hub, api, agent, scanner, seen } = await setUp();
    const start = agent.copy.versions().mapping!;

    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: NEW_EAN, multiplier: 1 }] });
    await until(agent, () => agent.copy.versions().mapping === start + 1, 'the delta', 1500);
    expect(Object.hasOwn(agent.copy.mapping.barcodes, `0${NEW_EAN}`)).toBe(true);
    // Held from the delta: the hub sends it at once, and the snapshot of that version only 2 s later.
    await vi.waitFor(() => expect(seen.filter((m) => m.topic === topics.mappingDelta)).toMatchObject([{ version: start + 1, payload: { from: start } }]));
    expect(seen.some((m) => m.topic === topics.mappingVersion && m.version > start)).toBe(false);

    // Changing an existing row trips the breaker: its old and new master SKUs go pending.
    const changed = await api('PUT', '/mappings', { channel: 'taobao', channelSku: 'SOCK-TB', masterSku: 'BOOK-01', note: 'channel changed its code' });
    expect(changed.status).toBeLessThan(300);
    await until(agent, () => agent.copy.pendingSkus.includes('SOCK-01'), 'the pending list', 1500);
    expect(agent.copy.versions().mapping).toBe(start + 2);
    expect([...agent.copy.pendingSkus].sort()).toEqual(['BOOK-01', 'SOCK-01']);

    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB1001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order');
    scanner.scan(BARCODES.sock);
    expect(agent.driver.session.block).toMatchObject({ reason: 'mapping_pending', sku: 'SOCK-01' });

    // The trailing snapshot goes out once, retained, with the newest version; the station holds it already.
    await vi.waitFor(() => expect(seen.some((m) => m.topic === topics.mappingVersion && m.version === start + 2)).toBe(true), { timeout: 5000 });
    const snapshot = seen.find((m) => m.topic === topics.mappingVersion && m.version === start + 2)!.payload as MappingSnapshotPayload;
    expect(snapshot.pending).toEqual(['BOOK-01', 'SOCK-01']);
    expect(Object.keys(snapshot.barcodes).sort()).toEqual(Object.keys(agent.copy.mapping.barcodes).sort());
    expect(seen.filter((m) => m.topic === topics.mappingVersion && m.version > start).map((m) => [m.version, m.retained])).toEqual([[start + 2, false]]);

    await vi.waitFor(async () => {
      const res = await api('GET', '/mappings/stations');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ version: start + 2, stations: [{ station: 'P1', version: start + 2, lag: 0, online: true }] });
    }, { timeout: 5000 });
  });

  it('a station that missed deltas catches up from the retained snapshot; a restarted hub republishes the same content under the same version', async () => {
    const { dir, hub, closeHub, agent, startAgent, watcherLogin } = await setUp();
    const start = agent.copy.versions().mapping!;
    await cleanups.pop()!();
    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: NEW_EAN, multiplier: 1 }] });
    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: '9781861972712', multiplier: 1 }] });

    const again = await startAgent();
    expect(again.copy.versions().mapping).toBe(start + 2);
    expect(Object.hasOwn(again.copy.mapping.barcodes, '09781861972712')).toBe(true);
    expect(Object.hasOwn(again.copy.mapping.barcodes, `0${NEW_EAN}`)).toBe(false);

    await closeHub();
    const restarted = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir, 'hub') });
    cleanups.push(() => restarted.close());
    const watcher = await mqtt.connectAsync(restarted.mqttUrl, { protocolVersion: 4, clientId: `packgate-station-${SITE}-W1`, ...watcherLogin });
    cleanups.push(() => watcher.endAsync(true));
    const retained = new Promise<MappingSnapshotPayload>((resolve) => watcher.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()) as MappingSnapshotPayload)));
    await watcher.subscribeAsync(topics.mappingVersion, { qos: 1 });
    const snapshot = await retained;
    expect(snapshot.version).toBe(start + 2);
    expect(Object.keys(snapshot.barcodes).sort()).toEqual(Object.keys(again.copy.mapping.barcodes).sort());
  });
});
