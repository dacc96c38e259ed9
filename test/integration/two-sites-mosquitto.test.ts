import { afterEach, describe, expect, it } from 'vitest';
import { siteTopics } from '../../protocol/index.js';
import { scanEvent } from '../helpers/events.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { connectAs, publishRefused } from './broker-security.suite.js';
import { externalMosquitto, type SecureWorld } from './secure-brokers.js';

describe('two sites, each with its own hub, on one Mosquitto', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function feedOf(world: SecureWorld, site: string): Promise<TabletClient> {
    const hub = world.site(site).hub;
    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('viewer', 'viewer'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    return tablet;
  }

  it('keeps each hub to its own stations, and each station to its own site', async () => {
    const world = await externalMosquitto.start([
      { site: 'wh1', stations: ['wh1-P1', 'wh1-P2'] },
      { site: 'wh2', stations: ['wh2-P1'] },
    ]);
    cleanups.push(() => world.close());
    const [wh1, wh2] = [world.site('wh1'), world.site('wh2')];
    const feeds = { wh1: await feedOf(world, 'wh1'), wh2: await feedOf(world, 'wh2') };

    // A wh1 station tries the other site: its own id under wh2, and wh2's station.
    const intruder = wh1.logins.get('wh1-P1')!;
    const wh2Topics = siteTopics('wh2');
    await publishRefused(await connectAs(wh1.url, intruder, 'x1'), wh2Topics.stationEvents('wh1-P1'), JSON.stringify(scanEvent('wh1-P1', 1, 'CROSS')));
    await publishRefused(await connectAs(wh1.url, intruder, 'x2'), wh2Topics.stationEvents('wh2-P1'), JSON.stringify(scanEvent('wh2-P1', 1, 'FORGED')));

    const publish = async (site: 'wh1' | 'wh2', station: string, data: string) => {
      const { url, logins } = world.site(site);
      const client = await connectAs(url, logins.get(station)!, `raw-${station}`);
      await client.publishAsync(siteTopics(site).stationEvents(station), JSON.stringify(scanEvent(station, 1, data)), { qos: 1 });
      await client.endAsync();
    };
    await publish('wh1', 'wh1-P1', 'WH1-P1');
    await publish('wh1', 'wh1-P2', 'WH1-P2');
    await publish('wh2', 'wh2-P1', 'WH2-P1');

    await feeds.wh1.until(() => feeds.wh1.scans().length === 2);
    await feeds.wh2.until(() => feeds.wh2.scans().length === 1);
    expect([...feeds.wh1.scans()].sort()).toEqual(['WH1-P1', 'WH1-P2']);
    expect(feeds.wh2.scans()).toEqual(['WH2-P1']);
    const stationsSeen = (feed: TabletClient) => new Set(feed.records.flatMap((r) => ('station' in r && r.station ? [r.station] : [])));
    expect(stationsSeen(feeds.wh1)).toEqual(new Set(['wh1-P1', 'wh1-P2']));
    expect(stationsSeen(feeds.wh2)).toEqual(new Set(['wh2-P1']));
    expect(wh2.hub.health().ingest).toEqual({ accepted: 1, duplicates: 0, rejected: {} });
    expect(wh1.hub.health().ingest).toEqual({ accepted: 2, duplicates: 0, rejected: {} });
  });
});
