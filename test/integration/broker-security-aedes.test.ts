import { afterEach, describe, expect, it } from 'vitest';
import { AclDenial } from '../../hub/broker/acl.js';
import { ConnectRefusal } from '../../hub/broker/guard.js';
import { Hub } from '../../hub/hub.js';
import { hubClientId, siteTopics, stationClientId } from '../../protocol/index.js';
import { connectAs, publishRefused, subscribeGranted, testBrokerSecurity } from './broker-security.suite.js';
import { embeddedAedes } from './secure-brokers.js';

testBrokerSecurity(embeddedAedes);

describe('embedded broker refusals', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startHub(): Promise<Hub> {
    const hub = await Hub.start({ site: 'sec', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    return hub;
  }

  it('counts every refusal per reason, as /metrics shows them (/api/v1/health does not carry them)', async () => {
    const hub = await startHub();
    const topics = siteTopics('sec');
    const s1 = await hub.provisionStation('S1');
    await expect(connectAs(hub.mqttUrl, { username: 'S1', password: 'wrong' }, 'x')).rejects.toMatchObject({ code: 4 });
    await expect(connectAs(hub.mqttUrl, {}, 'x')).rejects.toMatchObject({ code: 5 });
    await publishRefused(await connectAs(hub.mqttUrl, s1, 'a'), topics.stops, '{}');
    await publishRefused(await connectAs(hub.mqttUrl, s1, 'b'), topics.stationEvents('S2'), '{}');
    await publishRefused(await connectAs(hub.mqttUrl, s1, 'c'), 'elsewhere/topic', '{}');

    const client = await connectAs(hub.mqttUrl, s1, 'd');
    cleanups.push(() => client.endAsync(true));
    const granted = await subscribeGranted(client, [topics.stationAcks('S1'), topics.allStationEvents, topics.stationCmd('S2'), '#']);
    expect(granted).toEqual([1, 128, 128, 128]);

    expect(hub.brokerStats()).toEqual({
      clients: 2, // the hub's own client and `d`
      refused: {
        connect: { [ConnectRefusal.BadCredentials]: 1, [ConnectRefusal.Anonymous]: 1 },
        publish: { [AclDenial.HubOnly]: 1, [AclDenial.OtherStation]: 1, [AclDenial.OutsideSite]: 1 },
        subscribe: { [AclDenial.Wildcard]: 1, [AclDenial.OtherStation]: 1, [AclDenial.OutsideSite]: 1 },
      },
    });
  });

  it("refuses a station that connects with the hub's or another station's client id", async () => {
    const hub = await startHub();
    const s1 = await hub.provisionStation('S1');
    await expect(connectAs(hub.mqttUrl, s1, hubClientId('sec'))).rejects.toMatchObject({ code: 2 });
    await expect(connectAs(hub.mqttUrl, s1, stationClientId('sec', 'S2'))).rejects.toMatchObject({ code: 2 });
    const own = await connectAs(hub.mqttUrl, s1, stationClientId('sec', 'S1'));
    await own.endAsync(true);
    expect(hub.brokerStats()?.refused.connect).toEqual({ [ConnectRefusal.ClientIdReserved]: 2 });
    expect(hub.health()).toMatchObject({ ingest: { rejected: {} } });
  });

  it('lets a station in once provisioned and out once revoked, without a restart', async () => {
    const hub = await startHub();
    await expect(connectAs(hub.mqttUrl, { username: 'S1', password: 'guess' }, 'x')).rejects.toMatchObject({ code: 4 });
    const s1 = await hub.provisionStation('S1');
    const first = await connectAs(hub.mqttUrl, s1, 'x');
    await first.endAsync(true);
    expect(await hub.revokeStation('S1')).toBe(true);
    await expect(connectAs(hub.mqttUrl, s1, 'x')).rejects.toMatchObject({ code: 4 });
  });

  it("fails fast with BROKER_LOGIN_REFUSED when a broker refuses the hub's own login", async () => {
    const host = await startHub();
    const started = Date.now();
    await expect(
      Hub.start({ site: 'sec', host: '127.0.0.1', port: 0, mqttPort: 0, mqttUrl: host.mqttUrl, mqttPassword: 'not-it' }),
    ).rejects.toMatchObject({ code: 'BROKER_LOGIN_REFUSED' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
