import { describe, expect, it } from 'vitest';
import { DEMO_INTERVAL_MS, consoleLine, incidentSchedule } from '../../cli/commands/demo-incidents.js';
import { NEXT_PARCEL_CARD } from '../../cli/commands/demo-packer-moves.js';
import { demoPrintData } from '../../cli/commands/demo-print-data.js';
import { DEMO_MAPPING_CHANGE, DEMO_MULTI_PARCEL_ORDER, demoShift, planPlatforms } from '../../cli/commands/demo-shift.js';
import { applyCommand, createDomainState, type CreateOrder } from '../../hub/domain/index.js';
import { MAX_PRINT_DATA_BYTES } from '../../protocol/waybill-vocabulary.js';
import { MAPPING_WING } from '../../hub/mapping/mapping-wing.js';

const STATIONS = ['PACK-01', 'PACK-02'];

describe('the demo incident schedule', () => {
  it('stages one of each incident, in time order, all over within two minutes at the default pace', () => {
    const schedule = incidentSchedule(STATIONS, DEMO_INTERVAL_MS);
    expect(schedule.map((incident) => incident.kind)).toEqual(['refund-freeze', 'scanner-unplugged', 'mapping-change', 'printer-paper-out']);
    expect(schedule.map((incident) => incident.atMs)).toEqual([...schedule.map((incident) => incident.atMs)].sort((a, b) => a - b));
    // Paper runs out at the bench's next own-contract order (every fourth), and the refill counts
    // from its waiting label: leave 40 s for that order to be reached and packed.
    for (const incident of schedule) expect(incident.atMs + (incident.forMs ?? 0)).toBeLessThanOrEqual(80_000);
    expect(schedule.find((incident) => incident.kind === 'refund-freeze')?.station).toBe('PACK-01');
    expect(schedule.find((incident) => incident.kind === 'mapping-change')?.station).toBeUndefined();
  });

  it('scales with the scan interval', () => {
    const slow = incidentSchedule(STATIONS, DEMO_INTERVAL_MS);
    const fast = incidentSchedule(STATIONS, 40);
    expect(fast.map((incident) => incident.atMs * (DEMO_INTERVAL_MS / 40))).toEqual(slow.map((incident) => incident.atMs));
    expect(fast.map((incident) => (incident.forMs ?? 0) * (DEMO_INTERVAL_MS / 40))).toEqual(slow.map((incident) => incident.forMs ?? 0));
  });

  it('wraps stations on a one-station shift and has nothing to stage without stations', () => {
    expect(new Set(incidentSchedule(['SOLO'], 100).flatMap((incident) => incident.station ?? []))).toEqual(new Set(['SOLO']));
    expect(incidentSchedule([], 100)).toEqual([]);
  });

  it('prints local wall-clock time before each line', () => {
    expect(consoleLine(new Date(2026, 0, 5, 9, 3, 7), 'staged', 'printer PACK-02 out of paper')).toBe('09:03:07 staged: printer PACK-02 out of paper');
  });
});

describe('the demo shift', () => {
  const shift = demoShift(STATIONS, 'R1');

  it('seeds every planned order, and a wrong item in the second order of each bench', () => {
    const created = new Set(shift.commands.flatMap((command) => (command.type === 'createOrder' ? [command.orderNo] : [])));
    for (const plan of Object.values(shift.plans)) {
      for (const order of plan.orders) expect(created.has(order.orderNo)).toBe(true);
      expect(plan.orders[1]!.scans[0]).toBe('9780201379624');
    }
  });

  it('changes a mapping row that exists and few orders use, to a master SKU the catalog knows', () => {
    const { channel, channelSku, from, to } = DEMO_MAPPING_CHANGE;
    expect(shift.commands).toContainEqual({ type: 'setMapping', channel, channelSku, masterSku: from });
    expect(shift.commands.some((command) => command.type === 'setCatalogItem' && command.masterSku === to)).toBe(true);
    const orders = shift.commands.filter((command) => command.type === 'createOrder');
    const withHat = orders.filter((command) => command.lines.some((line) => line.channelSku.includes('HAT')));
    expect(withHat.length).toBeGreaterThan(0);
    expect(withHat.length / orders.length).toBeLessThan(0.05);
  });
});

describe('the demo shift\'s printing', () => {
  const shift = demoShift(STATIONS, 'R1');
  const orders = shift.commands.filter((command): command is CreateOrder & { type: 'createOrder' } => command.type === 'createOrder');
  const PLATFORM = { taobao: 'cainiao', pinduoduo: 'pdd', douyin: 'douyin', kuaishou: 'kuaishou' } as const;

  it('is accepted whole by the hub\'s domain, every order released', () => {
    let state = createDomainState();
    for (const command of shift.commands) {
      const result = applyCommand(state, command, { now: new Date('2026-11-22T08:00:00Z'), actor: { kind: 'system', id: 'demo' } }, { mapping: MAPPING_WING });
      expect(result.ok ? 'ok' : result.code).toBe('ok');
      if (result.ok) state = result.state;
    }
    const statuses = Object.values(state.orders).map((order) => order.status);
    expect(statuses).toHaveLength(orders.length);
    expect(new Set(statuses)).toEqual(new Set(['released']));
  });

  it('gives platform orders fake print data for their channel\'s program, and every fourth order none (own contract, ZPL)', () => {
    for (const plan of Object.values(shift.plans)) {
      plan.orders.forEach((planned, n) => {
        const order = orders.find((command) => command.orderNo === planned.orderNo)!;
        if (n % 4 === 3) {
          expect(order.parcels, planned.orderNo).toBeUndefined();
          expect(planned.parcels).toEqual([{ waybill: order.waybill }]);
          return;
        }
        const platform = PLATFORM[order.channel];
        expect(order.parcels!.map((parcel) => parcel.waybill)).toEqual(planned.parcels.map((parcel) => parcel.waybill));
        for (const [i, parcel] of order.parcels!.entries()) {
          expect(planned.parcels[i]!.platform).toBe(platform);
          expect(parcel.print?.platform).toBe(platform);
          const [encrypted] = parcel.print!.contents;
          expect(encrypted).toMatchObject({ encryptedData: expect.stringMatching(/^[A-Za-z0-9+/]{200,}={0,2}$/), signature: expect.any(String), ver: expect.any(String) });
          expect(String(encrypted!.templateURL ?? encrypted!.templateUrl)).toMatch(/^https:\/\//);
          expect(Buffer.byteLength(JSON.stringify(parcel.print))).toBeLessThanOrEqual(MAX_PRINT_DATA_BYTES);
          expect(parcel.print).toEqual(demoPrintData(platform, parcel.waybill));
        }
      });
    }
    // Generated per parcel: no two alike.
    const secrets = orders.flatMap((order) => order.parcels?.flatMap((parcel) => parcel.print?.contents[0]?.encryptedData ?? []) ?? []);
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(new Set(orders.map((order) => order.channel))).toEqual(new Set(['taobao', 'pinduoduo', 'douyin', 'kuaishou']));
    for (const plan of Object.values(shift.plans)) expect(planPlatforms(plan)).toEqual(['cainiao', 'pdd', 'douyin', 'kuaishou']);
  });

  it('ships one order per bench in two parcels, a waybill and its child, NEXT PARCEL scanned between their units', () => {
    for (const plan of Object.values(shift.plans)) {
      const several = plan.orders.filter((order) => order.parcels.length > 1);
      expect(several.map((order) => order.orderNo)).toEqual([plan.orders[DEMO_MULTI_PARCEL_ORDER]!.orderNo]);
      const [order] = several;
      const [first, child] = order!.parcels;
      expect(child!.waybill).toBe(`${first!.waybill}-2`);
      const card = order!.scans.indexOf(NEXT_PARCEL_CARD);
      expect(card).toBeGreaterThan(0);
      expect(card).toBeLessThan(order!.scans.length - 1);
      expect(order!.scans.filter((scan) => scan === NEXT_PARCEL_CARD)).toHaveLength(1);
    }
  });
});
