import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../common/paths.js';
import { randomInt, seededRandom, type Random } from '../../../common/random.js';
import { HUB_TO_STATION_PATH, HUB_TO_STATION_SCHEMAS, hubToStationSource } from '../../../protocol/codegen/hub-to-station.js';
import { hubPayloadParser, hubToStationChecks } from '../../../protocol/hub-to-station.js';

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
    { v: 1, id: 'c3', at, type: 'task-unavailable', ref: { type: 'tote', id: 'TOTE-9' }, reason: 'not_found' },
    { v: 1, id: 'c4', at, type: 'replay', from: 1 },
  ],
  StopListPayload: [{ v: 1, version: 2, at, entries: [{ taskId: 'T1', orderId: 'taobao:TB1', reason: 'refund', since: at, cancelled: true }] }],
  FreezeListPayload: [{ v: 1, version: 0, at, entries: [{ sku: 'DRESS-RED-M', batch: 'L7', quantity: 1, exhausted: true }] }],
  MappingSnapshotPayload: [{ v: 1, version: 9, at, pending: ['BABY-SH-01'], barcodes: { '04006381333931': { masterSku: 'DRESS-RED-M' }, '6901234567892': { masterSku: 'BABY-SH-01', multiplier: 6 } } }],
  MappingDeltaPayload: [{ v: 1, from: 8, version: 9, at, set: { X1: { masterSku: 'A' } }, removed: ['X2'], pending: [] }],
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
});
