import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../hub/broker/embedded.js';
import { Hub } from '../../hub/hub.js';
import { siteTopics, type HubAck } from '../../protocol/index.js';
import { scanEvent } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const site = 'h1';
const topics = siteTopics(site);

describe('the hub wiring', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sends what its parts send before its client connects once it connects: the acks made at start reach the station', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => broker.close());
    const start = (url: string) => Hub.start({ site, host: '127.0.0.1', port: 0, mqttPort: 0, mqttUrl: url, dataDir: dir.path });
    const station = await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: 'test-S1', clean: true });
    cleanups.push(() => station.endAsync(true));
    await station.subscribeAsync(topics.stationAcks('S1'), { qos: 1 });
    const nextAck = () => new Promise<HubAck>((resolve) => station.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()) as HubAck)));

    const first = await start(broker.url);
    await first.createToken('floor', 'manager');
    const stored = nextAck();
    await station.publishAsync(topics.stationEvents('S1'), JSON.stringify(scanEvent('S1', 1)), { qos: 1 });
    await expect(stored).resolves.toMatchObject({ upTo: 1 });
    await first.close();

    // The broker refuses the hub's first try: the hub connects a second later (MQTT.js retries),
    // long after ingest has acked again, at start, what its history holds.
    const flaky = await refusingOnce(broker.port);
    cleanups.push(() => flaky.close());
    const again = nextAck();
    const second = await start(flaky.url);
    cleanups.push(() => second.close());
    await expect(again).resolves.toMatchObject({ station: 'S1', upTo: 1 });
    expect(flaky.refused).toBe(1);
  });

  it('closes every part it opened when a start fails halfway', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const busy = await listening();
    cleanups.push(() => new Promise((resolve) => busy.close(resolve)));
    const port = (busy.address() as { port: number }).port;
    const start = (httpPort: number) => Hub.start({ site, host: '127.0.0.1', port: httpPort, mqttPort: 0, dataDir: dir.path });
    await expect(start(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The lock is released and the stores closed: the same data folder starts at once. The failed
    // start recorded nothing; the history's one record is this start's weight tolerance.
    const hub = await start(0);
    cleanups.push(() => hub.close());
    expect(hub.health().lastSeq).toBe(1);
    expect(hub.domainState.weightToleranceLog).toHaveLength(1);
  });

  it('writes hub-state.json before its first history record: a hub stopped before any token or login starts again', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const start = () => Hub.start({ site, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: dir.path });
    const first = await start();
    expect(first.health().lastSeq).toBe(1);
    await first.close();
    expect(JSON.parse(readFileSync(join(dir.path, 'hub-state.json'), 'utf8'))).toEqual({ tokens: [], stations: [] });
    const again = await start();
    cleanups.push(() => again.close());
    expect(again.health().lastSeq).toBe(1);
  });
});

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}


/** A TCP front to the broker at `port` that drops the first connection and relays the others. */
async function refusingOnce(port: number): Promise<{ url: string; readonly refused: number; close: () => Promise<void> }> {
  let refused = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (refused === 0) {
      refused += 1;
      return void socket.destroy();
    }
    const upstream = connect(port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => (sockets.delete(upstream), socket.destroy()));
    upstream.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`,
    get refused() {
      return refused;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
