import { connect, type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../hub/broker/acl.js';
import { DEFAULT_MAX_PACKET_BYTES, PACKET_TOO_LARGE, startEmbeddedBroker } from '../../hub/broker/embedded.js';
import { BrokerGuard } from '../../hub/broker/guard.js';
import { Hub } from '../../hub/hub.js';
import { hubClientId, siteTopics, stationClientId } from '../../protocol/index.js';
import { scanEvent } from '../helpers/events.js';

const MiB = 1024 * 1024;

/** An MQTT 3.1.1 remaining length (§2.2.3). */
function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

/** The fixed and variable header of a QoS 1 PUBLISH of `payloadBytes` on `topic`: the payload is to follow. */
function publishHead(topic: string, payloadBytes: number): Buffer {
  const name = Buffer.from(topic);
  const variable = Buffer.concat([Buffer.from([name.length >> 8, name.length & 0xff]), name, Buffer.from([0, 1])]);
  return Buffer.concat([Buffer.from([0x32]), remainingLength(variable.length + payloadBytes), variable]);
}

/**
 * Writes `head`, then up to `total` bytes of body in 1 MiB chunks as fast as the socket takes
 * them, until the peer closes it. Resolves how many body bytes were written and whether it closed.
 */
function pour(socket: Socket, head: Buffer, total: number): Promise<{ written: number; closed: boolean }> {
  const chunk = Buffer.alloc(MiB, 0x61);
  return new Promise((resolve) => {
    let written = 0;
    let closed = false;
    socket.on('error', () => undefined);
    socket.once('close', () => {
      closed = true;
      resolve({ written, closed });
    });
    const more = () => {
      while (!closed && written < total) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', more);
      }
      if (!closed) resolve({ written, closed });
    };
    socket.write(head);
    more();
  });
}

describe('the largest MQTT packet the embedded broker takes (issue #13, item 5)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("cuts a station's 200 MB publish after its header: the hub's memory stays flat, the refusal is counted, stations go on", async () => {
    const hub = await Hub.start({ site: 'lim', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const topics = siteTopics('lim');
    const flooder = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: stationClientId('lim', 'S1'), reconnectPeriod: 0, ...(await hub.provisionStation('S1')) });
    cleanups.push(() => flooder.endAsync(true));

    global.gc?.();
    const before = process.memoryUsage().rss;
    const poured = await pour(flooder.stream as Socket, publishHead(topics.stationEvents('S1'), 200_000_000), 200_000_000);
    const after = process.memoryUsage().rss;

    expect(poured.closed).toBe(true);
    // What the kernel's socket buffers took before the close was seen; today's main read it all.
    expect(poured.written).toBeLessThan(64 * MiB);
    // Measured: +1 MiB (4 MiB written before the close); today's main read all 200 MB, +190 MiB
    // by the time the last byte was written, and the hub went on to 1 GB parsing it.
    expect(after - before, `hub RSS ${Math.round(before / MiB)} MiB before, ${Math.round(after / MiB)} MiB after`).toBeLessThan(100 * MiB);
    expect(hub.brokerStats()?.refused.publish).toEqual({ [PACKET_TOO_LARGE]: 1 });

    // The others are not affected.
    const station = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: stationClientId('lim', 'S2'), ...(await hub.provisionStation('S2')) });
    cleanups.push(() => station.endAsync());
    await station.publishAsync(topics.stationEvents('S2'), JSON.stringify(scanEvent('S2', 1)), { qos: 1 });
    await expect.poll(() => hub.health().ingest.accepted).toBe(1);
  });

  it('cuts a CONNECT that declares more than the bound before any login is checked', async () => {
    const hub = await Hub.start({ site: 'lim', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const { port } = new URL(hub.mqttUrl);
    const socket = connect(Number(port), '127.0.0.1');
    cleanups.push(async () => void socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    const poured = await pour(socket, Buffer.concat([Buffer.from([0x10]), remainingLength(200_000_000)]), 200_000_000);
    expect(poured.closed).toBe(true);
    expect(hub.brokerStats()?.refused.connect).toEqual({ [PACKET_TOO_LARGE]: 1 });
  });

  it("lets the hub's own client publish a task command of 8 MiB, and a station no more than the bound", async () => {
    const principals: Record<string, Principal> = { hub: { kind: 'hub', site: 'lim' }, S1: { kind: 'station', site: 'lim', station: 'S1' } };
    const guard = new BrokerGuard(async (username, password) => (password === 'pw' ? principals[username] : undefined));
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, guard });
    cleanups.push(() => broker.close());
    const topics = siteTopics('lim');
    const login = (username: string, clientId: string): Promise<MqttClient> =>
      mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId, username, password: 'pw', reconnectPeriod: 0 });
    const hubClient = await login('hub', hubClientId('lim'));
    cleanups.push(() => hubClient.endAsync(true));
    const station = await login('S1', stationClientId('lim', 'S1'));
    cleanups.push(() => station.endAsync(true));
    await station.subscribeAsync(topics.stationCmd('S1'), { qos: 1 });
    const received = new Promise<number>((resolve) => station.once('message', (_topic, payload) => resolve(payload.length)));

    await hubClient.publishAsync(topics.stationCmd('S1'), Buffer.alloc(8 * MiB, 0x61), { qos: 1 });
    expect(await received).toBe(8 * MiB);

    await station.publishAsync(topics.stationEvents('S1'), Buffer.alloc(DEFAULT_MAX_PACKET_BYTES - 1024, 0x61), { qos: 1 });
    const closed = new Promise((resolve) => station.stream.once('close', resolve));
    station.publish(topics.stationEvents('S1'), Buffer.alloc(DEFAULT_MAX_PACKET_BYTES + 1, 0x61), { qos: 1 });
    await closed;
    expect(broker.stats().refused.publish).toEqual({ [PACKET_TOO_LARGE]: 1 });
  });
});
