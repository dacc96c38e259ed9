import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../hub/domain/audit.js';
import { Hub } from '../../hub/hub.js';
import { siteTopics, type FreezeListPayload, type HubCommand, type StopListPayload } from '../../protocol/index.js';
import { dressOrder, managerContext } from '../helpers/domain.js';
import { hubFetch } from '../helpers/hub-http.js';

const SITE = 'frz';
const topics = siteTopics(SITE);

/** Resolves with the first message on `topic` whose payload satisfies `accept`. */
function next<T>(client: MqttClient, topic: string, accept: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Buffer) => {
      if (received !== topic) return;
      const value = JSON.parse(payload.toString()) as T;
      if (!accept(value)) return;
      client.off('message', onMessage);
      resolve(value);
    };
    client.on('message', onMessage);
  });
}

describe('a refund freeze reaches the station packing the order', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A hub with the dress on hand, two dress orders released, the older loaded at station P1 (subscribed to its commands and the lists). */
  async function started(onHand: number) {
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const context = managerContext(new Date());
    const run = (command: Parameters<Hub['execute']>[0], ctx: CommandContext = context) => {
      const result = hub.execute(command, ctx);
      if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
      return result;
    };
    run({ type: 'setMapping', channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' });
    run({ type: 'setOnHand', sku: 'DRESS-RED-M', quantity: onHand });
    run({ type: 'createOrder', ...dressOrder('TB1001') });
    run({ type: 'createOrder', ...dressOrder('TB1002') });
    const [older, newer] = Object.values(hub.domainState.tasks).sort((a, b) => a.no - b.no);

    const login = await hub.provisionStation('P1');
    const station = await mqtt.connectAsync(hub.mqttUrl, { protocolVersion: 4, clientId: 'packgate-station-frz-P1', ...login });
    cleanups.push(() => station.endAsync(true));
    await station.subscribeAsync([topics.stationCmd('P1'), topics.stops, topics.freezes], { qos: 1 });
    run({ type: 'taskLoaded', taskId: older!.id, station: 'P1' }, { now: new Date(), actor: { kind: 'station', id: 'P1' } });
    const token = await hub.createToken('refund desk', 'manager');
    const freeze = (body: object) => hubFetch(hub.httpUrl, token, 'POST', '/freezes', body);
    return { hub, station, older: older!, newer: newer!, freeze };
  }

  it('posted to the API, stops the task at once by command and in the retained stop list, and blocks the newest uncovered task', async () => {
    const { hub, station, older, newer, freeze } = await started(2);

    // A refund-only freeze of the order being packed, plus one more unit of its SKU (a second refund
    // in the same lot): every unit on hand is frozen, so the newer task is uncovered and the freeze
    // list entry is exhausted (stations refuse any unit of the SKU on sight).
    const stopped = next<HubCommand>(station, topics.stationCmd('P1'), (cmd) => cmd.type === 'task-stopped');
    const listed = next<StopListPayload>(station, topics.stops, (list) => list.entries.length > 0);
    const frozen = next<FreezeListPayload>(station, topics.freezes, (list) => list.entries.length > 0);
    const posted = Date.now();
    const response = await freeze({ orderId: older.orderId, sku: 'DRESS-RED-M', quantity: 2, note: 'refund-only request' });
    expect(response.status).toBe(201);

    const command = await stopped;
    expect(Date.now() - posted).toBeLessThan(1000);
    expect(command).toMatchObject({ v: 1, type: 'task-stopped', taskId: older.id, orderId: 'taobao:TB1001', reason: 'refund' });
    const list = await listed;
    expect(list.version).toBe(hub.domainState.stopList.version);
    expect(list.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskId: older.id, reason: 'refund' }),
        expect.objectContaining({ taskId: newer.id, reason: 'frozen-stock' }),
      ]),
    );
    expect((await frozen).entries).toEqual([{ sku: 'DRESS-RED-M', quantity: 2, exhausted: true }]);
  });

  it('a refund of 1 of 100 stops only its own task: the freeze list entry is not exhausted, the other task stays off the stop list', async () => {
    const { station, older, newer, freeze } = await started(100);
    const stopped = next<HubCommand>(station, topics.stationCmd('P1'), (cmd) => cmd.type === 'task-stopped');
    const listed = next<StopListPayload>(station, topics.stops, (list) => list.entries.length > 0);
    const frozen = next<FreezeListPayload>(station, topics.freezes, (list) => list.entries.length > 0);
    const posted = Date.now();
    expect((await freeze({ orderId: older.orderId, note: 'refund-only request' })).status).toBe(201);

    expect(await stopped).toMatchObject({ type: 'task-stopped', taskId: older.id, reason: 'refund' });
    expect(Date.now() - posted).toBeLessThan(1000);
    expect((await listed).entries).toEqual([expect.objectContaining({ taskId: older.id, reason: 'refund' })]);
    expect((await listed).entries.some((entry) => entry.taskId === newer.id)).toBe(false);
    expect((await frozen).entries).toEqual([{ sku: 'DRESS-RED-M', quantity: 1, exhausted: false }]);
  });
});
