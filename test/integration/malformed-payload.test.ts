import mqtt from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { IngestRejection } from '../../hub/ingest/reasons.js';
import { MAX_JSON_DEPTH } from '../../protocol/json-depth.js';
import { MAX_SEQ, siteTopics } from '../../protocol/index.js';
import { scanEvent, stationStatus } from '../helpers/events.js';
import { TabletClient } from '../helpers/tablet-client.js';

describe('a malformed station payload over a real broker', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is rejected with a reason code, counted, and the hub keeps ingesting', async () => {
    const hub = await Hub.start({ site: 'test', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('t', 'viewer'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    const login = await hub.provisionStation('S9');
    const station = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: 'raw-S9', ...login });
    cleanups.push(() => station.endAsync());
    const topic = siteTopics('test').stationEvents('S9');

    await station.publishAsync(topic, 'this is not json {', { qos: 1 });
    await station.publishAsync(topic, JSON.stringify({ ...scanEvent('S9', 1), seq: 'one' }), { qos: 1 });
    await station.publishAsync(topic, JSON.stringify(scanEvent('S9', 2, 'STILL-FLOWING')), { qos: 1 });

    await tablet.until((records) => records.some((r) => r.kind === 'event'));
    // After the hub's own record of the weight tolerance it started with.
    expect(tablet.records.map((r) => (r.kind === 'rejected' ? r.code : r.kind === 'domain' ? r.command.type : r.kind))).toEqual([
      'setWeightTolerance',
      IngestRejection.NotJson,
      IngestRejection.Invalid,
      'event',
    ]);
    expect(tablet.scans()).toEqual(['STILL-FLOWING']);

    const health = (await fetch(`${hub.httpUrl}/api/v1/health`).then((res) => res.json())) as { ingest: unknown };
    expect(health.ingest).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: { [IngestRejection.NotJson]: 1, [IngestRejection.Invalid]: 1 },
    });
  });

  // Issue #13, item 5: limits. Before, a body nested thousands deep reached the schema check,
  // and a seq or bdSeq of 2^53 - 1 was stored (leaving a gap no station could fill).
  it('refuses JSON nested too deep and a seq or bdSeq over the bound, counted, and goes on', async () => {
    const hub = await Hub.start({ site: 'test', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const login = await hub.provisionStation('S9');
    const station = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: 'raw-S9', ...login });
    cleanups.push(() => station.endAsync());
    const topics = siteTopics('test');
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const nested = { ...scanEvent('S9', 1), pad: JSON.parse(deep(MAX_JSON_DEPTH)) as unknown };

    await station.publishAsync(topics.stationEvents('S9'), JSON.stringify(nested), { qos: 1 });
    await station.publishAsync(topics.stationEvents('S9'), deep(20_000), { qos: 1 });
    await station.publishAsync(topics.stationEvents('S9'), JSON.stringify({ ...scanEvent('S9', 3), seq: MAX_SEQ + 1 }), { qos: 1 });
    await station.publishAsync(topics.stationEvents('S9'), JSON.stringify({ ...scanEvent('S9', 4), seq: Number.MAX_SAFE_INTEGER }), { qos: 1 });
    await station.publishAsync(topics.stationStatus('S9'), JSON.stringify(stationStatus('S9', 'online', MAX_SEQ + 1)), { qos: 1 });
    await station.publishAsync(topics.stationEvents('S9'), JSON.stringify({ ...scanEvent('S9', 5), seq: MAX_SEQ }), { qos: 1 });
    await station.publishAsync(topics.stationEvents('S9'), JSON.stringify(scanEvent('S9', 2, 'STILL-FLOWING')), { qos: 1 });

    await vi.waitFor(() => expect(hub.health().ingest.accepted).toBe(2));
    expect(hub.health().ingest).toEqual({
      accepted: 2,
      duplicates: 0,
      // The first: 65 levels, a payload no schema has (the pad is refused before it is parsed).
      rejected: { [IngestRejection.TooDeep]: 2, [IngestRejection.Invalid]: 3 },
    });
  });
});
