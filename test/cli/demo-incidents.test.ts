import { describe, expect, it } from 'vitest';
import { DEMO_INTERVAL_MS, consoleLine, incidentSchedule } from '../../cli/commands/demo-incidents.js';
import { DEMO_MAPPING_CHANGE, demoShift } from '../../cli/commands/demo-shift.js';

const STATIONS = ['PACK-01', 'PACK-02'];

describe('the demo incident schedule', () => {
  it('stages one of each incident, in time order, all over within two minutes at the default pace', () => {
    const schedule = incidentSchedule(STATIONS, DEMO_INTERVAL_MS);
    expect(schedule.map((incident) => incident.kind)).toEqual(['refund-freeze', 'scanner-unplugged', 'mapping-change', 'printer-paper-out']);
    expect(schedule.map((incident) => incident.atMs)).toEqual([...schedule.map((incident) => incident.atMs)].sort((a, b) => a - b));
    // The printer's refill counts from its waiting label: leave 20 s for one order to reach it.
    for (const incident of schedule) expect(incident.atMs + (incident.forMs ?? 0)).toBeLessThanOrEqual(100_000);
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
