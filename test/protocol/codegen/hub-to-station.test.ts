import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../common/paths.js';
import { randomInt, seededRandom, type Random } from '../../../common/random.js';
import { HUB_TO_STATION_PATH, HUB_TO_STATION_SCHEMAS, hubToStationSource } from '../../../protocol/codegen/hub-to-station.js';
import { hubPayloadParser, hubToStationChecks } from '../../../protocol/hub-to-station.js';
import { MAX_LINE_ATTRIBUTES, MAX_PARCELS, MAX_PAYLOAD_BYTES, MAX_PRINT_DATA_BYTES, MAX_TASK_COMMAND_BYTES } from '../../../protocol/index.js';

const at = '2026-11-23T08:00:00.000Z';
const task = {
  taskId: 'T1',
  orderId: 'taobao:TB1',
  orderNo: 'TB1',
  channel: 'taobao',
  waybill: 'SF1',
  label: { name: '王芳', phone: '13800001234', address: '上海市' },
  lines: [{ masterSku: 'DRESS-RED-M', quantity: 2, barcodes: [{ code: '4006381333931', multiplier: 1 }], tracking: { batch: true } }],
};

/** A valid payload of each schema, and of each kind a union admits. */
const VALID: Record<keyof typeof hubToStationChecks, unknown[]> = {
  HubAck: [{ v: 1, station: 'B1', upTo: 42, at }],
  HubState: [{ v: 1, state: 'online', at, hub: 'hub-1' }, { v: 1, state: 'offline', at }],
  HubCommand: [
    { v: 1, id: 'c1', at, type: 'task-stopped', taskId: 'T1', orderId: 'taobao:TB1', reason: 'refund', stopListVersion: 3 },
    { v: 1, id: 'c2', at, type: 'task', ref: { type: 'order', id: 'TB1' }, task },
    {
      v: 1, id: 'c5', at, type: 'task', ref: { type: 'waybill', id: 'SF1-2' },
      task: { ...task, parcels: [{ waybill: 'SF1', print: { platform: 'cainiao', documentId: 'D1', contents: [{ encryptedData: 'x', signature: 's', templateURL: 'https://t/1' }] } }, { waybill: 'SF1-2' }] },
    },
    { v: 1, id: 'c6', at, type: 'task-unavailable', ref: { type: 'waybill', id: 'SF1' }, reason: 'finished' },
    { v: 1, id: 'c3', at, type: 'task-unavailable', ref: { type: 'tote', id: 'TOTE-9' }, reason: 'not_found' },
    { v: 1, id: 'c4', at, type: 'replay', from: 1 },
  ],
  StopListPayload: [{ v: 1, version: 2, at, entries: [{ taskId: 'T1', orderId: 'taobao:TB1', reason: 'refund', since: at, cancelled: true }] }],
  FreezeListPayload: [{ v: 1, version: 0, at, entries: [{ sku: 'DRESS-RED-M', batch: 'L7', quantity: 1, exhausted: true }] }],
  MappingSnapshotPayload: [{ v: 1, version: 9, at, pending: ['BABY-SH-01'], barcodes: { '04006381333931': { masterSku: 'DRESS-RED-M' }, '6901234567892': { masterSku: 'BABY-SH-01', multiplier: 6 } } }],
  MappingDeltaPayload: [{ v: 1, from: 8, version: 9, at, set: { X1: { masterSku: 'A' } }, removed: ['X2'], pending: [] }],
  SitePolicyPayload: [{ v: 1, at, weightTolerance: { grams: 20, percent: 3 } }, { v: 1, at, weightTolerance: { grams: 5000, percent: 0 } }],
  DockManifestPayload: [
    {
      v: 1, version: 40, at,
      parcels: [
        { waybill: 'SF1', orderId: 'taobao:TB1', parcel: 1, carrier: 'sf-express', packed: true, batchId: 'D1-1' },
        { waybill: 'SF2', orderId: 'taobao:TB2', parcel: 1, packed: true, held: 'stopped', handedOver: 'H1' },
      ],
      batches: [{ id: 'D1-1', carrier: 'sf-express', station: 'D1', count: 1 }],
    },
  ],
};

const ODD_VALUES = [null, undefined, 0, -1, 1.5, 2 ** 53, '', 'x', 'not-a-date', '2026-13-40T99:00:00Z', true, [], {}, ['x'], { a: 1 }, 'x'.repeat(300)];

/** A copy of `value` with one thing changed somewhere inside: a field removed, replaced or added. */
function mutate(value: unknown, random: Random): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || randomInt(random, 4) === 0) return [...value, ODD_VALUES[randomInt(random, ODD_VALUES.length)]];
    const index = randomInt(random, value.length);
    return value.map((item, i) => (i === index ? mutate(item, random) : item));
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const copy: Record<string, unknown> = { ...value };
    const key = keys[randomInt(random, keys.length)];
    const roll = randomInt(random, 6);
    if (key === undefined || roll === 0) copy[`extra${randomInt(random, 3)}`] = ODD_VALUES[randomInt(random, ODD_VALUES.length)];
    else if (roll === 1) delete copy[key];
    else if (roll === 2) copy[key] = ODD_VALUES[randomInt(random, ODD_VALUES.length)];
    else copy[key] = mutate(copy[key], random);
    return copy;
  }
  return ODD_VALUES[randomInt(random, ODD_VALUES.length)];
}

describe('the generated hub-to-station checks', () => {
  it('are what the schemas generate now (else run `npm run generate`)', async () => {
    const committed = readFileSync(join(packageRoot(), HUB_TO_STATION_PATH), 'utf8');
    expect(committed === (await hubToStationSource()), `${HUB_TO_STATION_PATH} is stale: run \`npm run generate\``).toBe(true);
  });

  it('cover every payload a station reads from the hub, and nothing else', () => {
    expect(Object.keys(hubToStationChecks).sort()).toEqual(Object.keys(HUB_TO_STATION_SCHEMAS).sort());
  });

  it("judge valid payloads and thousands of damaged ones exactly as TypeBox's compiled schema does", () => {
    const random = seededRandom(20261123);
    for (const [name, samples] of Object.entries(VALID)) {
      const generated = hubToStationChecks[name as keyof typeof hubToStationChecks];
      const compiled = Compile(HUB_TO_STATION_SCHEMAS[name]!);
      const verdicts = { valid: 0, invalid: 0 };
      for (const sample of samples) {
        expect(generated(sample), `${name} ${JSON.stringify(sample)}`).toBe(true);
        expect(compiled.Check(sample)).toBe(true);
        for (let i = 0; i < 400; i += 1) {
          let damaged = mutate(sample, random);
          if (randomInt(random, 2) === 0) damaged = mutate(damaged, random);
          const expected = compiled.Check(damaged);
          expect(generated(damaged), `${name} ${JSON.stringify(damaged)}`).toBe(expected);
          verdicts[expected ? 'valid' : 'invalid'] += 1;
        }
      }
      expect(verdicts.invalid, name).toBeGreaterThan(0);
    }
  });

  it('refuse a payload that is not of its schema with PAYLOAD_INVALID and the schema it failed', () => {
    const parser = hubPayloadParser('HubAck');
    expect(parser.parse(JSON.stringify({ v: 1, station: 'B1', upTo: -1, at }))).toEqual({ ok: false, code: 'PAYLOAD_INVALID', message: 'does not match the HubAck schema' });
    expect(parser.parse(JSON.stringify(VALID.HubAck[0]))).toEqual({ ok: true, value: VALID.HubAck[0] });
  });

  describe('the bound of a command', () => {
    /** The largest task the hub can make: 10 parcels of print data at the bound, 500 lines of 50 long barcodes, each named, described and pictured at the bounds. */
    function maximalTask(): unknown {
      const print = (n: number) => {
        const data = { platform: 'cainiao', documentId: `DOC-${n}`, contents: [{ encryptedData: '', signature: 'sig', templateURL: 'https://cloudprint.cainiao.com/template/1' }] };
        data.contents[0]!.encryptedData = 'A'.repeat(MAX_PRINT_DATA_BYTES - Buffer.byteLength(JSON.stringify(data)));
        return data;
      };
      const lines = Array.from({ length: 500 }, (_, i) => ({
        masterSku: `SKU-${String(i).padStart(60, '0')}`,
        quantity: 1_000_000,
        barcodes: Array.from({ length: 50 }, (_, j) => ({ code: `${i}-${j}-`.padEnd(128, '9'), multiplier: 10_000 })),
        tracking: { batch: true, serial: true, expiry: true },
        name: { 'zh-CN': '裙'.repeat(200), en: 'D'.repeat(200) },
        attributes: Array.from({ length: MAX_LINE_ATTRIBUTES }, (_, j) => ({ name: `a${j}`.padEnd(40, 'x'), value: '红'.repeat(100) })),
        imageUrl: `https://cdn.example.com/${'p'.repeat(975)}`,
      }));
      const parcels = Array.from({ length: MAX_PARCELS }, (_, i) => ({ waybill: `SF${'1'.repeat(60)}-${i}`, print: print(i) }));
      const label = { name: '王'.repeat(100), phone: '1'.repeat(32), address: '路'.repeat(500) };
      return { v: 1, id: '123456789.task', at, type: 'task', ref: { type: 'waybill', id: parcels[3]!.waybill }, task: { ...task, label, lines, parcels } };
    }

    it('admits the largest task the hub can make, far past the 64 KiB of any other payload', () => {
      const payload = JSON.stringify(maximalTask());
      expect(Buffer.byteLength(payload)).toBeGreaterThan(4 * 1024 * 1024);
      expect(Buffer.byteLength(payload)).toBeLessThan(MAX_TASK_COMMAND_BYTES);
      const parsed = hubPayloadParser('HubCommand').parse(payload);
      expect(parsed.ok, JSON.stringify(parsed).slice(0, 200)).toBe(true);
    });

    it('keeps 64 KiB for every other command, and refuses a task past its own bound', () => {
      const parser = hubPayloadParser('HubCommand');
      const padded = { v: 1, id: 'x'.repeat(MAX_PAYLOAD_BYTES), at, type: 'replay', from: 1 };
      expect(parser.parse(JSON.stringify(padded))).toEqual({ ok: false, code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(`exceeds ${MAX_PAYLOAD_BYTES}`) });
      expect(parser.parse(JSON.stringify({ ...padded, id: 'c1' })).ok).toBe(true);
      const huge = { v: 1, id: 'c2', at, type: 'task', ref: { type: 'order', id: 'TB1' }, task: { ...task, orderNo: 'x'.repeat(MAX_TASK_COMMAND_BYTES) } };
      expect(parser.parse(JSON.stringify(huge))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
      // An explicit bound is the caller's to choose.
      expect(hubPayloadParser('HubCommand', { maxBytes: 50 }).parse(JSON.stringify({ ...padded, id: 'c1' }))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    });
  });
});
