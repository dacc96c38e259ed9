import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { sendWithoutDelay } from '../common/mqtt-socket.js';
import { fleetStationIds } from '../firmware-sim/fleet/fleet.js';
import { provisionFleet } from '../firmware-sim/fleet/provision.js';
import type { CommandContext } from '../hub/domain/audit.js';
import { Hub } from '../hub/hub.js';
import { PAYLOAD_VERSION, siteTopics, stationClientId, type HubCommand, type StationEvent } from '../protocol/index.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './stats.js';

const SITE = 'bench';

/**
 * A stop posted to the API until the station holding the task has acknowledged it (its
 * `cmd.ack` event stored at the hub), with 100 stations connected, one stop at a time. Also
 * the time until the command reached the station. Target: p99 under 100 ms.
 */
export const stopLatencyBenchmark: Benchmark = {
  name: 'stop-latency',
  async run() {
    const stationCount = Number(process.env.PACKGATE_BENCH_STATIONS ?? 100);
    const stops = Number(process.env.PACKGATE_BENCH_STOPS ?? 200);
    const dataDir = mkdtempSync(join(tmpdir(), 'packgate-bench-'));
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir });
    const clients: MqttClient[] = [];
    try {
      const token = await hub.createToken('bench', 'manager');
      const context = (): CommandContext => ({ now: new Date(), actor: { kind: 'system', id: 'bench' } });
      hub.execute({ type: 'setMapping', channel: 'taobao', channelSku: 'BENCH-SKU', masterSku: 'BENCH' }, context());
      hub.execute({ type: 'setOnHand', sku: 'BENCH', quantity: stops * 2 }, context());
      const credentials = await provisionFleet(hub, stationCount);
      const ids = fleetStationIds(stationCount);
      const received = new Map<string, number>();
      for (const id of ids) clients.push(await connectAcking(hub.mqttUrl, id, credentials[id]!, received));

      const orderIds: string[] = [];
      for (let i = 0; i < stops; i += 1) {
        const orderNo = `B${i}`;
        hub.execute(
          {
            type: 'createOrder',
            channel: 'taobao',
            orderNo,
            waybill: `W${i}`,
            label: { name: 'bench', phone: '13800000000', address: 'bench' },
            lines: [{ channelSku: 'BENCH-SKU', quantity: 1 }],
          },
          context(),
        );
        const taskId = hub.domainState.orders[`taobao:${orderNo}`]!.taskId!;
        hub.execute({ type: 'taskLoaded', taskId, station: ids[i % stationCount]! }, context());
        orderIds.push(`taobao:${orderNo}`);
      }

      const acked = new Map<string, () => void>();
      const unsubscribe = hub.subscribe(hub.health().lastSeq, (record) => {
        if (record.kind === 'event' && record.event.body.type === 'cmd.ack') acked.get(record.event.body.taskId ?? '')?.();
      });
      const toStation: number[] = [];
      const toAck: number[] = [];
      for (const orderId of orderIds) {
        const taskId = hub.domainState.orders[orderId]!.taskId!;
        const ack = new Promise<void>((resolve) => acked.set(taskId, resolve));
        const started = performance.now();
        const response = await fetch(`${hub.httpUrl}/api/v1/stops`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ orderId, reason: 'manual' }),
        });
        if (response.status !== 201) throw new Error(`stop refused: ${response.status} ${await response.text()}`);
        await ack;
        toAck.push(performance.now() - started);
        toStation.push(received.get(taskId)! - started);
      }
      unsubscribe();
      return {
        stations: stationCount,
        stops,
        api_to_station_p50_ms: round(percentile(toStation, 50)),
        api_to_station_p99_ms: round(percentile(toStation, 99)),
        api_to_station_ack_stored_p50_ms: round(percentile(toAck, 50)),
        api_to_station_ack_stored_p99_ms: round(percentile(toAck, 99)),
        target_p99_ms_max: 100,
      };
    } finally {
      await Promise.all(clients.map((client) => client.endAsync(true)));
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/** A station that answers every hub command with a `cmd.ack` event, noting when the command arrived. */
async function connectAcking(
  url: string,
  id: string,
  login: { username: string; password: string },
  received: Map<string, number>,
): Promise<MqttClient> {
  const topics = siteTopics(SITE);
  const client = sendWithoutDelay(
    await mqtt.connectAsync(url, { protocolVersion: 4, clientId: stationClientId(SITE, id), reconnectPeriod: 0, ...login }),
  );
  let seq = 0;
  client.on('message', (_topic, payload) => {
    const command = JSON.parse(payload.toString()) as HubCommand;
    if (!('taskId' in command)) return;
    received.set(command.taskId, performance.now());
    seq += 1;
    const event: StationEvent = {
      v: PAYLOAD_VERSION,
      id: randomUUID(),
      station: id,
      seq,
      at: new Date().toISOString(),
      body: { type: 'cmd.ack', cmdId: command.id, cmdType: command.type, taskId: command.taskId },
    };
    client.publish(topics.stationEvents(id), JSON.stringify(event), { qos: 1 });
  });
  await client.subscribeAsync(topics.stationCmd(id), { qos: 1 });
  return client;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
