import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * A hub's stop is not held by a client that stops talking: an HTTP request whose headers never
 * end, a tablet feed that never answers the WebSocket close, an MQTT connection that never logs in.
 * Each would keep its server open for a minute or more (Node's headers timeout, ws's close
 * handshake wait); the hub cuts them after its grace.
 */

async function openSocket(url: string, bytes: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(bytes);
  return socket;
}

describe("the hub's stop", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('cuts a half-sent request, a feed that never answers the close and an MQTT connection that never logs in', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const hub = await Hub.start({ site: 'c1', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: dir.path });
    cleanups.push(() => hub.close());

    const halfRequest = await openSocket(hub.httpUrl, 'GET /api/v1/health HTTP/1.1\r\nHost: hub\r\n');
    const feed = await openSocket(
      hub.httpUrl,
      'GET /ws HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const [upgraded] = (await once(feed, 'data')) as [Buffer];
    expect(upgraded.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    const silentMqtt = await openSocket(hub.mqttUrl.replace(/^mqtt/, 'http'), '');
    const sockets = [halfRequest, feed, silentMqtt];
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()));
    // None of them will say another word; each is only read, so the hub's end of it is seen.
    const ended = sockets.map((socket) => (socket.resume(), once(socket, 'close')));

    const stopped = hub.close();
    expect(hub.closingPart).toBeDefined();
    await stopped;
    expect(hub.closingPart).toBeUndefined();
    await Promise.all(ended);
    expect(sockets.map((socket) => socket.destroyed)).toEqual([true, true, true]);
  });
});
