import { describe, expect, it } from 'vitest';
import { IngestRejection } from '../../../../hub/ingest/reasons.js';
import { Ingest } from '../../../../hub/ingest/ingest.js';
import type { BodyOf } from '../../../../hub/ingest/handlers/scope.js';
import { History, type HistoryRecord } from '../../../../hub/store/history.js';
import { StationEvent, StationEventBody, payloadParser, siteTopics } from '../../../../protocol/index.js';
import { handled } from '../../../helpers/station-events.js';

type EventType = StationEventBody['type'];
const at = '2026-03-02T08:00:00.000Z';
const order = { taskId: 'T1', orderId: 'taobao:A1', orderNo: 'A1', channel: 'taobao' };
const pack = { at, station: 'P1', packer: 'W1', order, mappingVersion: 1 } as const;
const dock = { at, station: 'P1', operator: null } as const;
const lists = { stopListVersion: 3, freezeListVersion: 1 } as const;
const lines = [{ masterSku: 'DRESS', quantity: 1, counted: 1 }];
const weighing = { weightGrams: 1010, box: { code: null, grams: 100, by: 'default' as const }, contents: [{ masterSku: 'DRESS', units: 1 }], expectedGrams: 1000, weightCheck: 'passed' as const };
const ref = { type: 'order', id: 'A1' } as const;

/** One valid body of every station event type: the type does not compile while one is missing. */
const EXAMPLES: { [T in EventType]: BodyOf<T> } = {
  scan: { type: 'scan', data: 'X', raw: 'WA==', source: 'sim' },
  'cmd.ack': { type: 'cmd.ack', cmdId: '12.0', cmdType: 'task-stopped', taskId: 'T1' },
  'evidence.clip': {
    type: 'evidence.clip', clipId: 'C1', station: 'P1', taskId: 'T1', orderNo: 'A1', waybills: ['YT1'], packer: 'W1', status: 'missing', reason: 'no_camera',
    detail: null, ending: 'printed', from: at, to: at, durationMs: 0, video: null, photo: null, gaps: [], overlay: 'none',
  },
  'pack.packer_signed_in': { ...pack, type: 'pack.packer_signed_in', previous: null },
  'pack.packer_signed_out': { ...pack, type: 'pack.packer_signed_out', reason: 'screen' },
  'pack.order_requested': { ...pack, order: null, type: 'pack.order_requested', ref },
  'pack.order_loaded': { ...pack, type: 'pack.order_loaded', ref, source: 'hub', waybill: 'YT1', lines },
  'pack.order_unavailable': { ...pack, order: null, type: 'pack.order_unavailable', ref, reason: 'not_found', waitedMs: 5 },
  'pack.verdict': { ...pack, type: 'pack.verdict', verdict: 'counted', units: 1, code: '6901', sku: 'DRESS', via: 'task', line: { index: 0, masterSku: 'DRESS', counted: 1, quantity: 1 }, detail: null, blocks: false },
  'pack.blocked': { ...pack, type: 'pack.blocked', reason: 'weight_mismatch', scope: 'unit', clearBy: 'reweigh', cause: 'weight', sku: null, code: null, detail: null, ...lists },
  'pack.hold_lifted': { ...pack, type: 'pack.hold_lifted', reason: 'order_stopped', ...lists },
  'pack.block_cleared': { ...pack, type: 'pack.block_cleared', reason: 'wrong_item', scope: 'unit', by: 'resolve', supervisor: null, blockedMs: 10 },
  'pack.refused': { ...pack, type: 'pack.refused', act: 'badge', reason: 'no_order' },
  'pack.order_verified': { ...pack, type: 'pack.order_verified', lines },
  'pack.order_cancelled': { ...pack, type: 'pack.order_cancelled', lines, block: null, label: 'none' },
  'pack.order_aside': { ...pack, type: 'pack.order_aside', reason: 'damaged', lines, block: 'wrong_item' },
  'pack.label_requested': { ...pack, type: 'pack.label_requested', reprint: false, ...lists, hubLastHeardAt: at, ...weighing },
  'pack.label_refused': { ...pack, type: 'pack.label_refused', reprint: false, reason: 'no_order' },
  'pack.label_printed': { ...pack, type: 'pack.label_printed', reprint: false },
  'pack.label_failed': { ...pack, type: 'pack.label_failed', reprint: false, reason: 'paper out' },
  'pack.sealed': { ...pack, type: 'pack.sealed', parcel: { index: 1, waybill: 'YT1' }, parcels: 1, ...lists, hubLastHeardAt: at, ...weighing },
  'pack.seal_refused': { ...pack, type: 'pack.seal_refused', reason: 'no_order' },
  'pack.parcel_closed': { ...pack, type: 'pack.parcel_closed', parcel: { index: 1, waybill: 'YT1' }, lines },
  'pack.parcel_withdrawn': { ...pack, type: 'pack.parcel_withdrawn', parcel: { index: 1, waybill: 'YT1' }, hold: 'order_stopped', detail: 'refund', ...lists },
  'dock.batch_opened': { ...dock, type: 'dock.batch_opened', batchId: 'P1-1', carrier: 'yto' },
  'dock.scanned': { ...dock, type: 'dock.scanned', batchId: 'P1-1', waybill: 'YT1', verdict: 'accepted', orderId: 'taobao:A1', detail: null, manifestVersion: 4 },
  'dock.block_cleared': { ...dock, type: 'dock.block_cleared', batchId: 'P1-1', waybill: 'YT1', verdict: 'accepted', by: 'withdrawn', supervisor: null },
  'dock.batch_closed': { ...dock, type: 'dock.batch_closed', batchId: 'P1-1', carrier: 'yto', count: 1, waybills: ['YT1'] },
};

/** What the hub does with each example: the domain facts it applies, and what else. */
const DOES: { [T in EventType]: { facts: string[]; answer?: string; clip?: true; weighed?: number; mismatches?: number } } = {
  scan: { facts: [] },
  'cmd.ack': { facts: [] },
  'evidence.clip': { facts: [], clip: true },
  'pack.packer_signed_in': { facts: [] },
  'pack.packer_signed_out': { facts: [] },
  'pack.order_requested': { facts: [], answer: 'task-unavailable' },
  'pack.order_loaded': { facts: ['taskLoaded'] },
  'pack.order_unavailable': { facts: [] },
  'pack.verdict': { facts: [] },
  'pack.blocked': { facts: ['stationBlocked'], mismatches: 1 },
  'pack.hold_lifted': { facts: [] },
  'pack.block_cleared': { facts: ['stationBlockEnded'] },
  'pack.refused': { facts: [] },
  'pack.order_verified': { facts: ['taskVerified'] },
  'pack.order_cancelled': { facts: ['taskUnloaded'] },
  'pack.order_aside': { facts: ['stationBlockEnded', 'taskUnloaded'] },
  'pack.label_requested': { facts: ['recordWeighing'], weighed: 1 },
  'pack.label_refused': { facts: [] },
  'pack.label_printed': { facts: ['labelPrinted'] },
  'pack.label_failed': { facts: [] },
  'pack.sealed': { facts: ['parcelSealed', 'recordWeighing'], weighed: 1 },
  'pack.seal_refused': { facts: [] },
  'pack.parcel_closed': { facts: ['parcelClosed'] },
  'pack.parcel_withdrawn': { facts: ['withdrawParcel'] },
  'dock.batch_opened': { facts: ['openHandover'] },
  'dock.scanned': { facts: ['handoverScan'] },
  'dock.block_cleared': { facts: ['withdrawParcel'] },
  'dock.batch_closed': { facts: ['closeHandover'] },
};

const eventParser = payloadParser(StationEvent);
const eventOf = (body: StationEventBody, seq = 5): StationEvent => ({ v: 1, id: `event-${seq}-${body.type}`, station: 'P1', seq, at, body });

describe('the station event router', () => {
  it("has a handler for every event type in the protocol's list, and each does what the hub does with it", () => {
    const listed = StationEventBody.anyOf.map((schema) => schema.properties.type.const as EventType);
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(EXAMPLES).sort()).toEqual([...listed].sort());
    for (const type of listed) {
      const event = eventOf(EXAMPLES[type]);
      expect(eventParser.parse(Buffer.from(JSON.stringify(event))).ok, type).toBe(true);
      const done = handled(event);
      const expected = DOES[type];
      expect(done.known, type).toBe(true);
      expect(done.facts.map(({ command }) => command.type), type).toEqual(expected.facts);
      for (const { context } of done.facts) expect(context).toEqual({ now: new Date(at), actor: { kind: 'station', id: 'P1' }, origin: 'P1', raw: event });
      expect(done.commands.map(({ station, command }) => `${station} ${command.type}`), type).toEqual(expected.answer ? [`P1 ${expected.answer}`] : []);
      expect(done.clips, type).toEqual(expected.clip ? [{ station: 'P1', clip: event.body }] : []);
      const stats = done.weighings.stats();
      expect(stats.weighed.passed, type).toBe(expected.weighed ?? 0);
      expect(stats.mismatches, type).toBe(expected.mismatches ?? 0);
    }
  });

  it('answers an order request on the command topic of the station that sent it, naming the record it answers', () => {
    const done = handled(eventOf(EXAMPLES['pack.order_requested']), { recordSeq: 42 });
    expect(done.commands).toEqual([{ station: 'P1', command: expect.objectContaining({ id: '42.task', type: 'task-unavailable', reason: 'not_found', ref }) }]);
  });

  it('knows no handler for a type outside the list', () => {
    const unknown = eventOf({ ...EXAMPLES.scan, type: 'pack.teleported' } as unknown as StationEventBody);
    expect(handled(unknown)).toMatchObject({ known: false, facts: [], commands: [], clips: [] });
  });

  it('never hands an event of an unknown type to a handler: ingest refuses, stores and counts it, and acks its sequence', async () => {
    const topics = siteTopics('t');
    const stored: HistoryRecord[] = [];
    const handed: HistoryRecord[] = [];
    const acks: Array<[string, number]> = [];
    const ingest = new Ingest({
      topics,
      history: History.open(),
      onStored: (record) => stored.push(record),
      onEvent: (record) => handed.push(record),
      sendAck: (station, upTo) => acks.push([station, upTo]),
    });
    ingest.handle(topics.stationEvents('P1'), Buffer.from(JSON.stringify(eventOf({ ...EXAMPLES.scan, type: 'pack.teleported' } as unknown as StationEventBody, 1))));
    ingest.handle(topics.stationEvents('P1'), Buffer.from(JSON.stringify(eventOf(EXAMPLES['pack.order_loaded'], 2))));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(stored.map((record) => record.kind)).toEqual(['rejected', 'event']);
    expect(stored[0]).toMatchObject({ kind: 'rejected', station: 'P1', code: IngestRejection.Invalid });
    expect(ingest.stats()).toEqual({ accepted: 1, duplicates: 0, rejected: { [IngestRejection.Invalid]: 1 } });
    expect(handed.map((record) => record.kind === 'event' && record.event.body.type)).toEqual(['pack.order_loaded']);
    expect(acks.at(-1)).toEqual(['P1', 2]);
    ingest.close();
  });
});
