import { describe, expect, it } from 'vitest';
import {
  HubCommand,
  MappingSnapshotPayload,
  MAX_PAYLOAD_BYTES,
  StationEvent,
  StationStatus,
  payloadParser,
  type PackTaskPayload,
} from '../../protocol/index.js';
import { createSession, isPackTask, scanInput, step, type PackTask } from '../../station/pack/index.js';
import { context, TASK } from '../station/pack/helpers.js';
import { scanEvent } from '../helpers/events.js';

const events = payloadParser(StationEvent);
const commands = payloadParser(HubCommand);
const at = new Date(0).toISOString();

describe('station events carry pack events', () => {
  it('accepts every event a pack session makes, and the scan body beside them', () => {
    let session = createSession('ST-07');
    const bodies = [];
    for (const code of ['$PG:BADGE:P1', '$PG:ORDER:880001', '8712345678906', '$PG:RESOLVE']) {
      const result = step(session, scanInput(code, Date.now()), context());
      session = result.state;
      bodies.push(...result.events);
    }
    expect(bodies.map((body) => body.type)).toContain('pack.blocked');
    bodies.forEach((body, i) => {
      const event = { ...scanEvent('ST-07', i + 1), body, input: { first: 1, count: bodies.length } };
      expect(events.parse(JSON.stringify(event))).toMatchObject({ ok: true });
    });
    expect(events.parse(JSON.stringify(scanEvent('ST-07', 1)))).toMatchObject({ ok: true });
  });

  it("an older station's weighing without the weight margin still validates; a margin of the wrong shape does not", () => {
    const order = { taskId: 'T1', orderId: 'O1', orderNo: 'O1', channel: 'shop' };
    const sealed = {
      type: 'pack.sealed', at, station: 'ST-07', packer: 'P1', order, mappingVersion: null, parcel: { index: 1, waybill: 'YT1' }, parcels: 1,
      stopListVersion: null, freezeListVersion: null, hubLastHeardAt: at, weightGrams: 104, expectedGrams: 100, weightCheck: 'passed',
    };
    const blocked = {
      type: 'pack.blocked', at, station: 'ST-07', packer: 'P1', order, mappingVersion: null, reason: 'weight_mismatch', scope: 'unit', clearBy: 'supervisor',
      cause: 'weight', sku: null, code: null, detail: '100 g / 180 g / +80 g', stopListVersion: null, freezeListVersion: null,
    };
    const parse = (body: object) => events.parse(JSON.stringify({ ...scanEvent('ST-07', 1), body }));
    expect(parse(sealed)).toMatchObject({ ok: true });
    expect(parse(blocked)).toMatchObject({ ok: true });
    expect(parse({ ...sealed, tolerance: { grams: 20, percent: 3 }, allowedGrams: 20 })).toMatchObject({ ok: true });
    expect(parse({ ...blocked, weightGrams: 180, expectedGrams: 100, tolerance: { grams: 20, percent: 3 }, allowedGrams: 20 })).toMatchObject({ ok: true });
    expect(parse({ ...sealed, tolerance: { grams: 20 } })).toMatchObject({ ok: false });
    expect(parse({ ...sealed, allowedGrams: -1 })).toMatchObject({ ok: false });
  });

  it('refuses an unknown body type and a bad input reference', () => {
    expect(events.parse(JSON.stringify({ ...scanEvent('S1', 1), body: { type: 'pack.teleported' } }))).toMatchObject({ ok: false });
    expect(events.parse(JSON.stringify({ ...scanEvent('S1', 1), input: { first: 0, count: 1 } }))).toMatchObject({ ok: false });
  });
});

describe('hub commands', () => {
  it('carries a pack task the station accepts as it is', () => {
    const task: PackTaskPayload = TASK as PackTask & PackTaskPayload;
    const parsed = commands.parse(JSON.stringify({ v: 1, id: '7.0', at, type: 'task', ref: { type: 'order', id: '880001' }, task }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.value.type === 'task') expect(isPackTask(parsed.value.task)).toBe(true);
  });

  it('says when there is no task, and still reads hold commands', () => {
    const ref = { type: 'task', id: 'T9' };
    expect(commands.parse(JSON.stringify({ v: 1, id: '1', at, type: 'task-unavailable', ref, reason: 'not_found' }))).toMatchObject({ ok: true });
    expect(commands.parse(JSON.stringify({ v: 1, id: '1', at, type: 'task-unavailable', ref, reason: 'bored' }))).toMatchObject({ ok: false });
    const hold = { v: 1, id: '2.0', at, type: 'task-stopped', taskId: 'T1', orderId: 'taobao:1', reason: 'refund', stopListVersion: 3 };
    expect(commands.parse(JSON.stringify(hold))).toEqual({ ok: true, value: hold });
  });
});

describe('station status and the mapping snapshot', () => {
  it('reports versions, the printer and the offline policy (all optional)', () => {
    const status = {
      v: 1, station: 'S1', state: 'online', bdSeq: 1, at,
      printer: { kind: 'sim', state: 'fault', detail: 'paper out' },
      versions: { stops: 4, freezes: 0, mapping: null, tasks: 2 },
      policy: { hubSilenceMs: 300_000 },
    };
    expect(payloadParser(StationStatus).parse(JSON.stringify(status))).toEqual({ ok: true, value: status });
  });

  it('reads a snapshot larger than a station payload when told to', () => {
    const barcodes = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`CODE-${i}`, { masterSku: `SKU-${i}`, multiplier: 1 }]));
    const text = JSON.stringify({ v: 1, version: 3, at, barcodes });
    expect(text.length).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    expect(payloadParser(MappingSnapshotPayload).parse(text)).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(payloadParser(MappingSnapshotPayload, { maxBytes: 4 * 1024 * 1024 }).parse(text)).toMatchObject({ ok: true });
  });
});
