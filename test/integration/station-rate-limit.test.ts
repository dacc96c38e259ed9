import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { RateRefusal } from '../../hub/ingest/rate-limit.js';
import { HubLink } from '../../station/link/hub-link.js';
import { HubPresence } from '../../station/link/hub-presence.js';
import { Outbox } from '../../station/link/outbox.js';
import { scanEvent, stationStatus } from '../helpers/events.js';

const EVENTS = 300;

/** Issue #13, item 5: a station flooding the hub is held to its rate, and loses nothing. */
describe('a station over its rate at ingest', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('has what is over the rate dropped unstored, then replayed: every event stored once, all acked', async () => {
    // 100 messages a second, 1 s of it at once: 300 sent at once take three rounds.
    const limits = { stationMessagesPerSecond: 100, stationBurstSeconds: 1 };
    const hub = await Hub.start({ site: 'rate', host: '127.0.0.1', port: 0, mqttPort: 0, limits });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('prometheus', 'viewer');
    const outbox = new Outbox(Array.from({ length: EVENTS }, (_, i) => scanEvent('R1', i + 1)), 0);
    // The station's own link: it sends its whole outbox at connect, and again from where the hub asks.
    const link = new HubLink({
      url: hub.mqttUrl,
      site: 'rate',
      station: 'R1',
      outbox,
      status: () => stationStatus('R1', 'online', 1),
      handlers: { onAck: (ack) => void outbox.ack(ack.upTo) },
      presence: new HubPresence(),
      ...(await hub.provisionStation('R1')),
    });
    link.start();
    cleanups.push(() => link.close());

    await expect.poll(() => outbox.size, { timeout: 15_000, interval: 100 }).toBe(0);
    expect(hub.health().ingest).toMatchObject({ accepted: EVENTS, rejected: {} });
    const metrics = await fetch(`${hub.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.text());
    const dropped = Number(new RegExp(`^packgate_ingest_limited_total\\{reason="${RateRefusal.Messages}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    // At least the 200 of the first send (the birth took one token) were dropped, then sent again.
    expect(dropped).toBeGreaterThanOrEqual(EVENTS - 100);
  }, 30_000);
});
