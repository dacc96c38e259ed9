import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';
import type { HistoryRecord } from '../../hub/store/history.js';
import type { CommandAckBody, StationEvent } from '../../protocol/index.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedPrinterTransport } from '../../station/printer/sim.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { BARCODES, FAST_PRINTING, run, seedShop, until } from '../helpers/station.js';
import { TabletClient } from '../helpers/tablet-client.js';
import { tempDir } from '../helpers/temp-dir.js';

const SITE = 'ack';

type AckRecord = { seq: number; event: StationEvent; body: CommandAckBody };

/** The `cmd.ack` events the tablet feed has carried, in hub order. */
function acks(records: readonly HistoryRecord[]): AckRecord[] {
  return records.flatMap((record) =>
    record.kind === 'event' && record.event.body.type === 'cmd.ack' ? [{ seq: record.seq, event: record.event, body: record.event.body }] : [],
  );
}

describe('the station acknowledges every hub command it applies', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('with a cmd.ack event, journaled and sent after the events the command made, that the tablet feed shows', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: join(dir.path, 'hub') });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB7001']);
    const tablet = new TabletClient(hub.httpUrl, await hub.createToken('test manager', 'manager'));
    await tablet.connect();
    cleanups.push(() => tablet.close());
    const login = await hub.provisionStation('P1');
    const scanner = new SimulatedScanner();
    const agent = await StationAgent.start({
      id: 'P1',
      site: SITE,
      hubUrl: hub.mqttUrl,
      dataDir: join(dir.path, 'P1'),
      scanner,
      printer: await SimulatedPrinterTransport.start(),
      printTiming: FAST_PRINTING,
      mqttUsername: login.username,
      mqttPassword: login.password,
    });
    cleanups.push(() => agent.close());
    await until(agent, () => agent.presence.live && agent.copy.stopList !== null, 'the hub and its lists');
    const task = Object.values(hub.domainState.tasks).find((t) => t.orderId === 'taobao:TB7001')!;

    // An order label the hub does not know: answered task-unavailable.
    scanner.scan('$PG:BADGE:W07');
    scanner.scan('$PG:ORDER:TB0000');
    await tablet.until((records) => acks(records).some((ack) => ack.body.cmdType === 'task-unavailable'));
    // The order the hub holds: answered with its task.
    scanner.scan('$PG:ORDER:TB7001');
    await until(agent, () => agent.driver.session.phase === 'packing', 'the order from the hub');
    scanner.scan(BARCODES.dress);
    await tablet.until((records) => acks(records).some((ack) => ack.body.cmdType === 'task'));
    // A stop made at the hub mid-pack: the tablet sees that it reached the station.
    run(hub, { type: 'stopTask', orderId: 'taobao:TB7001', reason: 'address-change' });
    await tablet.until((records) => acks(records).some((ack) => ack.body.cmdType === 'task-stopped'));
    expect(agent.driver.session.block?.reason).toBe('order_stopped');
    await agent.drained();

    const fed = acks(tablet.records);
    expect(fed.map((ack) => ack.body)).toEqual([
      { type: 'cmd.ack', cmdId: expect.any(String), cmdType: 'task-unavailable' },
      { type: 'cmd.ack', cmdId: expect.any(String), cmdType: 'task', taskId: task.id },
      { type: 'cmd.ack', cmdId: expect.any(String), cmdType: 'task-stopped', taskId: task.id },
    ]);
    expect(new Set(fed.map((ack) => ack.body.cmdId)).size).toBe(3);
    expect(fed.every((ack) => ack.event.station === 'P1')).toBe(true);

    // Each ack comes after the events its command made at the station.
    const events = tablet.records.flatMap((record) => (record.kind === 'event' ? [record.event] : []));
    const seqOf = (type: string) => events.find((event) => event.body.type === type)!.seq;
    expect(fed[0]!.event.seq).toBeGreaterThan(seqOf('pack.order_unavailable'));
    expect(fed[1]!.event.seq).toBeGreaterThan(seqOf('pack.order_loaded'));
    expect(fed[2]!.event.seq).toBeGreaterThan(events.findLast((event) => event.body.type === 'pack.blocked')!.seq);

    // Journaled like every other event: the same events, once each, in the station's journal.
    const journaled = readFileSync(join(dir.path, 'P1', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StationEvent)
      .filter((event) => event.body.type === 'cmd.ack');
    expect(journaled.map((event) => event.id)).toEqual(fed.map((ack) => ack.event.id));
  });
});
