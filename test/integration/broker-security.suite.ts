import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationCredentials } from '../../hub/broker/station-registry.js';
import { siteTopics } from '../../protocol/index.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { scanEvent } from '../helpers/events.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { SecureBrokerFactory, SecureSite, SecureWorld } from './secure-brokers.js';
import { simPrinter } from '../helpers/sim-printer.js';

const SITE = 'sec';
const topics = siteTopics(SITE);

/** A raw MQTT 3.1.1 client logged in as a station, without reconnects. */
export function connectAs(url: string, login: Partial<StationCredentials>, clientId: string, extra: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(url, { protocolVersion: 4, clientId, reconnectPeriod: 0, connectTimeout: 5000, ...login, ...extra }, false);
}

/**
 * Publishes what the broker must refuse, and resolves once the broker has decided: a refused
 * PUBLISH is answered by closing the connection (aedes; Mosquitto 2.0 after a PUBACK) or by a
 * plain PUBACK (MQTT-3.3.5-2 allows either). The client is ended either way.
 */
export async function publishRefused(client: MqttClient, topic: string, payload: string, retain = false): Promise<void> {
  await new Promise<void>((resolve) => {
    client.once('close', () => resolve());
    client.publish(topic, payload, { qos: 1, retain }, () => resolve());
  });
  await client.endAsync(true);
}

/**
 * Subscribes and resolves with the granted QoS per filter, 128 for a refused one (which
 * mqtt.js would otherwise turn into a rejection of the whole subscribe).
 */
export async function subscribeGranted(client: MqttClient, filters: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(filters, { qos: 1 })).map((grant) => grant.qos);
  } catch (err) {
    const granted = (err as { packet?: { granted?: Array<number | { qos: number }> } }).packet?.granted;
    if (!granted) throw err;
    return granted.map((grant) => (typeof grant === 'number' ? grant : grant.qos));
  }
}

/** Collects what a client receives. */
function inbox(client: MqttClient): Array<{ topic: string; payload: string }> {
  const received: Array<{ topic: string; payload: string }> = [];
  client.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
  return received;
}

/** Resolves with the next message `client` receives on `topic`. */
function nextMessage(client: MqttClient, topic: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Buffer) => {
      if (received !== topic) return;
      client.off('message', onMessage);
      resolve(payload.toString());
    };
    client.on('message', onMessage);
  });
}

/**
 * The broker security promises (invariant 6), run against each broker the hub supports, like
 * node-serialport's `testSerialPortClass` runs one suite against the mock and the real port.
 */
export function testBrokerSecurity(factory: SecureBrokerFactory): void {
  describe(`broker security on ${factory.name}`, () => {
    const cleanups: Array<() => Promise<unknown> | void> = [];
    let world: SecureWorld;
    let site: SecureSite;
    const login = (station: string) => site.logins.get(station)!;

    beforeEach(async () => {
      world = await factory.start([{ site: SITE, stations: ['S1', 'S2'] }]);
      cleanups.push(() => world.close());
      site = world.site(SITE);
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function tablet(): Promise<TabletClient> {
      const client = new TabletClient(site.hub.httpUrl, await site.hub.createToken('test viewer', 'viewer'));
      await client.connect();
      cleanups.push(() => client.close());
      return client;
    }

    async function station(name: string, clientId: string): Promise<MqttClient> {
      const client = await connectAs(site.url, login(name), clientId);
      cleanups.push(() => client.endAsync(true));
      return client;
    }

    it("a station agent's scan reaches the hub exactly once", async () => {
      const dir = tempDir();
      cleanups.push(dir.remove);
      const feed = await tablet();
      const scanner = new SimulatedScanner();
      const agent = await StationAgent.start({
        printer: await simPrinter(),
        id: 'S1',
        site: SITE,
        hubUrl: site.url,
        dataDir: join(dir.path, 'S1'),
        scanner,
        mqttUsername: login('S1').username,
        mqttPassword: login('S1').password,
      });
      cleanups.push(() => agent.close());

      scanner.scan('6901234567892');
      await agent.drained();
      await feed.until((records) => records.some((r) => r.kind === 'event'));
      expect(feed.scans()).toEqual(['6901234567892']);
      expect(site.hub.health().ingest).toEqual({ accepted: 1, duplicates: 0, rejected: {} });
    });

    it("refuses a station's publish on another station's topic and on stops; what it sends next still arrives", async () => {
      const feed = await tablet();
      const s2 = await station('S2', 'raw-S2');
      const s2Inbox = inbox(s2);
      await s2.subscribeAsync([topics.stationAcks('S2'), topics.stops], { qos: 1 });

      await publishRefused(await connectAs(site.url, login('S1'), 'raw-S1'), topics.stationEvents('S2'), JSON.stringify(scanEvent('S2', 1, 'FORGED')));
      await publishRefused(await connectAs(site.url, login('S1'), 'raw-S1'), topics.stops, JSON.stringify({ v: 1, stops: ['ALL'] }), true);
      await publishRefused(await connectAs(site.url, login('S1'), 'raw-S1'), topics.stationAcks('S2'), JSON.stringify({ v: 1, station: 'S2', upTo: 99, at: new Date().toISOString() }));

      // Sent after the broker decided on the refused ones: had any been let through, the hub (or
      // S2, subscribed to stops and its acks) would have had it before these.
      const s1 = await station('S1', 'raw-S1');
      await s1.publishAsync(topics.stationEvents('S1'), JSON.stringify(scanEvent('S1', 1, 'S1-GENUINE')), { qos: 1 });
      const acked = nextMessage(s2, topics.stationAcks('S2'));
      await s2.publishAsync(topics.stationEvents('S2'), JSON.stringify(scanEvent('S2', 1, 'S2-GENUINE')), { qos: 1 });
      expect(JSON.parse(await acked)).toMatchObject({ station: 'S2', upTo: 1 });

      await feed.until(() => feed.scans().length === 2);
      expect([...feed.scans()].sort()).toEqual(['S1-GENUINE', 'S2-GENUINE']);
      expect(feed.records.filter((r) => r.kind === 'rejected')).toEqual([]);
      // S2 hears its own ack and, on stops, only the hub's own retained (empty) list: never the forgery.
      expect(s2Inbox.filter((m) => m.topic !== topics.stops).map((m) => m.topic)).toEqual([topics.stationAcks('S2')]);
      const stops = s2Inbox.filter((m) => m.topic === topics.stops).map((m) => JSON.parse(m.payload) as unknown);
      expect(stops).toEqual([{ v: 1, version: 0, at: expect.any(String), entries: [] }]);
      expect(site.hub.health().ingest).toEqual({ accepted: 2, duplicates: 0, rejected: {} });
    });

    it("never delivers another station's acks to a station that subscribes to them", async () => {
      const s1 = await station('S1', 'raw-S1');
      const s1Inbox = inbox(s1);
      // aedes answers 0x80; Mosquitto 2.0 grants the subscription and filters what it delivers.
      const granted = await subscribeGranted(s1, [topics.stationAcks('S2'), topics.stationAcks('S1')]);
      expect(granted[1]).toBe(1);
      const s2 = await station('S2', 'raw-S2');
      await s2.subscribeAsync(topics.stationAcks('S2'), { qos: 1 });

      const s2Acked = nextMessage(s2, topics.stationAcks('S2'));
      await s2.publishAsync(topics.stationEvents('S2'), JSON.stringify(scanEvent('S2', 1)), { qos: 1 });
      await s2Acked;
      const s1Acked = nextMessage(s1, topics.stationAcks('S1'));
      await s1.publishAsync(topics.stationEvents('S1'), JSON.stringify(scanEvent('S1', 1)), { qos: 1 });
      await s1Acked;
      expect(s1Inbox.map((m) => m.topic)).toEqual([topics.stationAcks('S1')]);
    });

    it.each([
      ['a wrong password', () => ({ username: 'S1', password: 'not-the-password' })],
      ["another station's username", () => ({ username: 'S2', password: login('S1').password })],
      ['an unknown station', () => ({ username: 'S9', password: login('S1').password })],
      ['no credentials at all', () => ({})],
    ])('refuses a connection with %s', async (_name, credentials) => {
      const attempt = connectAs(site.url, credentials(), 'raw-intruder');
      const refusal = (await attempt.then(
        async (client) => {
          await client.endAsync(true);
          return undefined;
        },
        (err: unknown) => err,
      )) as { code?: number } | undefined;
      // CONNACK 4 (bad username or password; aedes) or 5 (not authorised; Mosquitto).
      expect([4, 5]).toContain(refusal?.code);
    });
  });
}
