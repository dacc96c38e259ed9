import mqtt from 'mqtt';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { siteTopics, type MappingDeltaPayload, type MappingSnapshotPayload } from '../../protocol/index.js';
import type { StationAgent } from '../../station/agent.js';
import { hubFetch } from '../helpers/hub-http.js';
import { BARCODES, run, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'map';
const topics = siteTopics(SITE);
const NEW_EAN = '9780306406157';

/** A call to the hub's API as the rig's manager. */
const api = (rig: StationRig, method: string, path: string, body?: unknown) => hubFetch(rig.hub.httpUrl, rig.token, method, path, body);

describe('the mapping snapshot reaches a station by delta', () => {
  /** Resolves once the station holds the hub's current mapping version. */
  async function current(rig: StationRig, agent: StationAgent): Promise<StationAgent> {
    // Joined within 2 s of a change, it got the older retained snapshot first; the trailing one brings it up to date.
    const { version } = (await (await api(rig, 'GET', '/mappings/stations')).json()) as { version: number };
    await until(agent, () => agent.copy.versions().mapping === version, 'the current mapping', 5000);
    return agent;
  }

  async function setUp() {
    const rig = await StationRig.start({
      site: SITE,
      shop: ['TB1001'],
      seed: [{ type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB', masterSku: 'SOCK-01' }],
      tablet: false,
    });
    const agent = await current(rig, rig.agent);

    // A second station's login watches what every station gets on the mapping topics.
    const watcherLogin = await rig.hub.provisionStation('W1');
    const watcher = await mqtt.connectAsync(rig.hub.mqttUrl, { protocolVersion: 4, clientId: `packgate-station-${SITE}-W1`, ...watcherLogin });
    onTestFinished(() => watcher.endAsync(true));
    const seen: Array<{ topic: string; version: number; retained: boolean; payload: MappingSnapshotPayload | MappingDeltaPayload }> = [];
    watcher.on('message', (topic, payload, packet) => {
      const value = JSON.parse(payload.toString()) as MappingSnapshotPayload | MappingDeltaPayload;
      seen.push({ topic, version: value.version, retained: packet.retain, payload: value });
    });
    await watcher.subscribeAsync([topics.mappingVersion, topics.mappingDelta], { qos: 1 });
    return { rig, hub: rig.hub, agent, scanner: rig.scanner, seen, watcherLogin };
  }

  it('a catalog change arrives as a delta before the snapshot; a changed mapping row makes a scan of its SKU mapping_pending; the hub sees the station current', async () => {
    const { rig, hub, agent, scanner, seen } = await setUp();
    const start = agent.copy.versions().mapping!;

    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: NEW_EAN, multiplier: 1 }] });
    await until(agent, () => agent.copy.versions().mapping === start + 1, 'the delta', 1500);
    expect(Object.hasOwn(agent.copy.mapping.barcodes, `0${NEW_EAN}`)).toBe(true);
    // Held from the delta: the hub sends it at once, and the snapshot of that version only 2 s later.
    await vi.waitFor(() => expect(seen.filter((m) => m.topic === topics.mappingDelta)).toMatchObject([{ version: start + 1, payload: { from: start } }]));
    expect(seen.some((m) => m.topic === topics.mappingVersion && m.version > start)).toBe(false);

    // Changing an existing row trips the breaker: its old and new master SKUs go pending.
    const changed = await api(rig, 'PUT', '/mappings', { channel: 'taobao', channelSku: 'SOCK-TB', masterSku: 'BOOK-01', note: 'channel changed its code' });
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
      const res = await api(rig, 'GET', '/mappings/stations');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ version: start + 2, stations: [{ station: 'P1', version: start + 2, lag: 0, online: true }] });
    }, { timeout: 5000 });
  });

  it('a station that missed deltas catches up from the retained snapshot; a restarted hub republishes the same content under the same version', async () => {
    const { rig, hub, agent, watcherLogin } = await setUp();
    const start = agent.copy.versions().mapping!;
    await rig.stopStation();
    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: NEW_EAN, multiplier: 1 }] });
    run(hub, { type: 'setCatalogItem', masterSku: 'BOOK-02', barcodes: [{ code: '9781861972712', multiplier: 1 }] });

    const again = await current(rig, await rig.startStation());
    expect(again.copy.versions().mapping).toBe(start + 2);
    expect(Object.hasOwn(again.copy.mapping.barcodes, '09781861972712')).toBe(true);
    expect(Object.hasOwn(again.copy.mapping.barcodes, `0${NEW_EAN}`)).toBe(false);

    await rig.stopHub();
    // On a new broker port, which neither the station nor the first watcher follows.
    const restarted = await rig.startHub(0);
    const watcher = await mqtt.connectAsync(restarted.mqttUrl, { protocolVersion: 4, clientId: `packgate-station-${SITE}-W1`, ...watcherLogin });
    onTestFinished(() => watcher.endAsync(true));
    const retained = new Promise<MappingSnapshotPayload>((resolve) => watcher.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()) as MappingSnapshotPayload)));
    await watcher.subscribeAsync(topics.mappingVersion, { qos: 1 });
    const snapshot = await retained;
    expect(snapshot.version).toBe(start + 2);
    expect(Object.keys(snapshot.barcodes).sort()).toEqual(Object.keys(again.copy.mapping.barcodes).sort());
  });
});
