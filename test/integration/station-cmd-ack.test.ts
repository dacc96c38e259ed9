import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../../hub/store/history.js';
import type { CommandAckBody, StationEvent } from '../../protocol/index.js';
import { BARCODES, run, until } from '../helpers/station.js';
import { StationRig } from '../helpers/station-rig.js';

const SITE = 'ack';

type AckRecord = { seq: number; event: StationEvent; body: CommandAckBody };

/** The `cmd.ack` events the tablet feed has carried, in hub order. */
function acks(records: readonly HistoryRecord[]): AckRecord[] {
  return records.flatMap((record) =>
    record.kind === 'event' && record.event.body.type === 'cmd.ack' ? [{ seq: record.seq, event: record.event, body: record.event.body }] : [],
  );
}

describe('the station acknowledges every hub command it applies', () => {
  it('with a cmd.ack event, journaled and sent after the events the command made, that the tablet feed shows', async () => {
    const { hub, tablet, agent, scanner, dir } = await StationRig.start({ site: SITE, shop: ['TB7001'] });
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
    const journaled = readFileSync(join(dir, 'P1', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StationEvent)
      .filter((event) => event.body.type === 'cmd.ack');
    expect(journaled.map((event) => event.id)).toEqual(fed.map((ack) => ack.event.id));
  });
});
