import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import { HubAck, HubCommand, payloadParser, siteTopics, stationClientId } from '../../protocol/index.js';
import { scanEvent } from '../helpers/events.js';

const topics = siteTopics('gap');
const commands = payloadParser(HubCommand);
const acks = payloadParser(HubAck);

describe('a gap in a station sequence', () => {
  let hub: Hub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  it('makes the hub ask the station to replay from the gap, and acks past it once filled', async () => {
    hub = await Hub.start({ site: 'gap', host: '127.0.0.1', port: 0, mqttPort: 0 });
    const login = await hub.provisionStation('G1');
    const station = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: stationClientId('gap', 'G1'), ...login });
    try {
      await station.subscribeAsync([topics.stationCmd('G1'), topics.stationAcks('G1')], { qos: 1 });
      const replay = new Promise<HubCommand>((resolve) =>
        station.on('message', (topic, payload) => {
          const parsed = commands.parse(payload);
          if (topic === topics.stationCmd('G1') && parsed.ok) resolve(parsed.value);
        }),
      );
      const lost = scanEvent('G1', 2, 'LOST-IN-FLIGHT');
      await station.publishAsync(topics.stationEvents('G1'), JSON.stringify(scanEvent('G1', 1)), { qos: 1 });
      await station.publishAsync(topics.stationEvents('G1'), JSON.stringify(scanEvent('G1', 3)), { qos: 1 });
      expect(await replay).toMatchObject({ type: 'replay', from: 2 });

      const ackedPastGap = new Promise<void>((resolve) =>
        station.on('message', (topic, payload) => {
          const ack = acks.parse(payload);
          if (topic === topics.stationAcks('G1') && ack.ok && ack.value.upTo === 3) resolve();
        }),
      );
      await station.publishAsync(topics.stationEvents('G1'), JSON.stringify(lost), { qos: 1 });
      await ackedPastGap;
      expect(hub.health().ingest).toMatchObject({ accepted: 3, duplicates: 0 });
    } finally {
      await station.endAsync(true);
    }
  });
});
