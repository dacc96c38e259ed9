import { describe, expect, it } from 'vitest';
import { siteTopics, type HubCommand, type MappingDeltaPayload, type MappingSnapshotPayload, type SitePolicyPayload, type StopListPayload } from '../../../protocol/index.js';
import { HubPresence } from '../../../station/link/hub-presence.js';
import { Inbound } from '../../../station/link/inbound.js';

const topics = siteTopics('s1');
const at = new Date(0).toISOString();
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function setUp(held: number | null = null) {
  const presence = new HubPresence();
  const got: { acks: number[]; commands: HubCommand[]; stops: StopListPayload[]; mapping: MappingSnapshotPayload[]; deltas: MappingDeltaPayload[]; policies: SitePolicyPayload[] } = {
    acks: [], commands: [], stops: [], mapping: [], deltas: [], policies: [],
  };
  const inbound = new Inbound(topics, 'P1', {
    onAck: (ack) => got.acks.push(ack.upTo),
    onCommand: (command) => got.commands.push(command),
    onStops: (list) => got.stops.push(list),
    onMapping: (snapshot) => got.mapping.push(snapshot),
    onMappingDelta: (delta) => got.deltas.push(delta),
    onSitePolicy: (policy) => got.policies.push(policy),
    heldMappingVersion: () => held,
  }, presence);
  return { presence, inbound, got };
}

describe('Inbound', () => {
  it('subscribes to exactly what the broker grants a station', () => {
    expect(setUp().inbound.topics.sort()).toEqual(
      [topics.stationAcks('P1'), topics.stationCmd('P1'), topics.stops, topics.freezes, topics.mappingVersion, topics.mappingDelta, topics.sitePolicy, topics.hubState].sort(),
    );
  });

  it('hands on valid payloads; refuses malformed ones by code and keeps going', () => {
    const { inbound, got } = setUp();
    inbound.handle(topics.stationAcks('P1'), json({ v: 1, station: 'P1', upTo: 4, at }), false);
    inbound.handle(topics.stops, Buffer.from('{"v":1,'), false);
    inbound.handle(topics.stops, json({ v: 1, version: 2, at, entries: [{ taskId: 'T1' }] }), false);
    inbound.handle(topics.stationCmd('P1'), json({ v: 2, id: 'x', at, type: 'task-stopped' }), false);
    inbound.handle(topics.stops, Buffer.alloc(0), true);
    inbound.handle(topics.stops, json({ v: 1, version: 3, at, entries: [] }), true);
    expect(got.acks).toEqual([4]);
    expect(got.stops.map((list) => list.version)).toEqual([3]);
    expect(got.commands).toEqual([]);
    expect(inbound.rejected).toEqual({ PAYLOAD_NOT_JSON: 1, PAYLOAD_INVALID: 1, PAYLOAD_VERSION_UNSUPPORTED: 1 });
  });

  it('counts the hub as heard for live messages and its online presence, never for retained replays or its will', () => {
    const { inbound, presence } = setUp();
    presence.connected();
    expect(presence.lastHeardAt(1000)).toBeNull();
    inbound.handle(topics.stops, json({ v: 1, version: 3, at, entries: [] }), true);
    expect(presence.lastHeardAt(1000)).toBeNull();
    inbound.handle(topics.hubState, json({ v: 1, state: 'online', at }), true);
    expect(presence.live).toBe(true);
    expect(presence.lastHeardAt(5000)).toBe(5000);
    const beforeWill = Date.now();
    inbound.handle(topics.hubState, json({ v: 1, state: 'offline', at }), true);
    expect(presence.live).toBe(false);
    const heard = presence.lastHeardAt(Date.now() + 60_000)!;
    expect(heard).toBeGreaterThanOrEqual(beforeWill);
    expect(heard).toBeLessThanOrEqual(Date.now());
    presence.disconnected(Date.now() + 10);
    expect(presence.lastHeardAt(Date.now() + 60_000)).toBe(heard);
  });

  it("hands on the site's policy within its bounds, refuses a tolerance past them and keeps the one held", () => {
    const { inbound, got } = setUp();
    inbound.handle(topics.sitePolicy, json({ v: 1, at, weightTolerance: { grams: 5, percent: 0 } }), true);
    inbound.handle(topics.sitePolicy, json({ v: 1, at, weightTolerance: { grams: 5, percent: 51 } }), false);
    inbound.handle(topics.sitePolicy, json({ v: 1, at, weightTolerance: { grams: -1, percent: 3 } }), false);
    inbound.handle(topics.sitePolicy, json({ v: 1, at, weightTolerance: { grams: 20 } }), false);
    expect(got.policies.map((policy) => policy.weightTolerance)).toEqual([{ grams: 5, percent: 0 }]);
    expect(inbound.rejected).toEqual({ PAYLOAD_INVALID: 3 });
  });

  it('hands on mapping deltas after checking them', () => {
    const { inbound, got } = setUp();
    inbound.handle(topics.mappingDelta, json({ v: 1, from: 3, version: 4, at, set: { A: { masterSku: 'A', multiplier: 6 } }, removed: ['B'], pending: ['A'] }), false);
    inbound.handle(topics.mappingDelta, json({ v: 1, from: 4, version: 5, at, set: { A: { masterSku: '' } }, removed: [], pending: [] }), false);
    expect(got.deltas.map((delta) => delta.version)).toEqual([4]);
    expect(inbound.rejected).toEqual({ PAYLOAD_INVALID: 1 });
  });

  it('skips a snapshot of the version held without reading it, and reads any other', () => {
    const { inbound, got, presence } = setUp(7);
    presence.connected();
    const snapshot = (version: number) => json({ v: 1, version, at, pending: [], barcodes: { A: { masterSku: 'A' } } });
    inbound.handle(topics.mappingVersion, snapshot(7), false);
    expect(got.mapping).toEqual([]);
    expect(inbound.mappingSkipped).toBe(1);
    expect(presence.lastHeardAt(Date.now())).not.toBeNull();
    inbound.handle(topics.mappingVersion, snapshot(8), true);
    inbound.handle(topics.mappingVersion, snapshot(6), true);
    expect(got.mapping.map((s) => s.version)).toEqual([8, 6]);
    // A snapshot the station holds none of is read, whatever its version.
    const fresh = setUp(null);
    fresh.inbound.handle(topics.mappingVersion, snapshot(7), true);
    expect(fresh.got.mapping).toHaveLength(1);
  });

  it('skips a retained replay older than a mapping version heard live on this connection, and reads it after a reconnect', () => {
    const { inbound, got } = setUp(null);
    const snapshot = (version: number) => json({ v: 1, version, at, pending: [], barcodes: {} });
    inbound.connected();
    inbound.handle(topics.mappingVersion, snapshot(4), false);
    inbound.handle(topics.mappingVersion, snapshot(0), true);
    inbound.handle(topics.mappingDelta, json({ v: 1, from: 4, version: 5, at, set: {}, removed: [], pending: [] }), false);
    inbound.handle(topics.mappingVersion, snapshot(4), true);
    expect(got.mapping.map((s) => s.version)).toEqual([4]);
    expect(inbound.mappingSkipped).toBe(2);
    inbound.connected();
    inbound.handle(topics.mappingVersion, snapshot(3), true);
    expect(got.mapping.map((s) => s.version)).toEqual([4, 3]);
  });
});
