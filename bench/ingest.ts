import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { sendWithoutDelay } from '../common/mqtt-socket.js';
import { startFleetInWorker } from '../firmware-sim/fleet/in-worker.js';
import { provisionFleet } from '../firmware-sim/fleet/provision.js';
import { startEmbeddedBroker } from '../hub/broker/embedded.js';
import { Hub } from '../hub/hub.js';
import { siteTopics } from '../protocol/index.js';
import type { Benchmark } from './benchmark.js';

const SITE = 'bench';
const HOST = '127.0.0.1';

/**
 * Hub ingest against the raw relay of the same broker, same payloads, same run: 100 stations
 * (in a worker thread) publish QoS 1 scan events. Raw relay: one plain subscriber receives them
 * all. Hub: the hub validates, stores (file-backed history) and acks every one.
 */
export const ingestBenchmark: Benchmark = {
  name: 'hub-ingest',
  async run() {
    const stations = Number(process.env.PACKGATE_BENCH_STATIONS ?? 100);
    const eventsPerStation = Number(process.env.PACKGATE_BENCH_EVENTS_PER_STATION ?? 300);
    const total = stations * eventsPerStation;
    const raw = await rawRelay(stations, eventsPerStation);
    const hub = await hubIngest(stations, eventsPerStation);
    const rawPerS = Math.round(total / (raw / 1000));
    const hubPerS = Math.round(total / (hub / 1000));
    return {
      stations,
      events: total,
      raw_relay_events_per_s: rawPerS,
      hub_ingest_events_per_s: hubPerS,
      hub_to_raw_ratio: Number((hubPerS / rawPerS).toFixed(2)),
      target_ratio_min: 0.5,
      target_events_per_s_min: 10_000,
    };
  },
};

async function rawRelay(stations: number, eventsPerStation: number): Promise<number> {
  const broker = await startEmbeddedBroker({ host: HOST, port: 0 });
  const subscriber = sendWithoutDelay(await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: 'bench-raw-subscriber' }));
  try {
    await subscriber.subscribeAsync(siteTopics(SITE).allStationEvents, { qos: 1 });
    const total = stations * eventsPerStation;
    let received = 0;
    const all = new Promise<void>((resolve) => subscriber.on('message', () => ++received >= total && resolve()));
    const fleet = await startFleetInWorker({ url: broker.url, site: SITE, stations, eventsPerStation, waitFor: 'published' });
    const started = performance.now();
    await Promise.all([fleet.go(), all]);
    const elapsed = performance.now() - started;
    await fleet.terminate();
    return elapsed;
  } finally {
    await subscriber.endAsync(true);
    await broker.close();
  }
}

async function hubIngest(stations: number, eventsPerStation: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'packgate-bench-'));
  const hub = await Hub.start({ site: SITE, host: HOST, port: 0, mqttPort: 0, dataDir });
  try {
    const credentials = await provisionFleet(hub, stations);
    const fleet = await startFleetInWorker({
      url: hub.mqttUrl,
      site: SITE,
      stations,
      eventsPerStation,
      waitFor: 'acks',
      credentials,
    });
    const started = performance.now();
    const result = await fleet.go();
    const elapsed = performance.now() - started;
    await fleet.terminate();
    if (result.acked !== result.sent) throw new Error(`hub acked ${result.acked} of ${result.sent}`);
    return elapsed;
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
