import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoPrintData } from '../../cli/commands/demo-print-data.js';
import { DemoShiftRun } from '../../cli/commands/demo-run.js';
import type { PlannedParcel } from '../../cli/commands/demo-plan.js';
import { DEMO_MULTI_PARCEL_ORDER } from '../../cli/commands/demo-shift.js';
import type { Bench, StagedIncident } from '../../cli/commands/demo-stage.js';
import type { HistoryRecord } from '../../hub/store/history.js';
import { hubFetch } from '../helpers/hub-http.js';
import { TabletClient } from '../helpers/tablet-client.js';

type Alert = { seq: number; kind: string; message: string; target: { station?: string; device?: string; orderId?: string; freezeId?: string; stopId?: string; taskId?: string; channelSku?: string } };

function alerts(records: readonly HistoryRecord[]): Alert[] {
  return records.flatMap((record) =>
    record.kind === 'domain' ? record.events.flatMap((event) => (event.type === 'alert.raised' ? [event.alert as Alert] : [])) : [],
  );
}

type Body = Extract<HistoryRecord, { kind: 'event' }>['event']['body'];
type PackBody = Extract<Body, { type: `pack.${string}` }>;

function packEvents(records: readonly HistoryRecord[]): PackBody[] {
  return records.flatMap((record) => (record.kind === 'event' && record.event.body.type !== 'scan' ? [record.event.body as PackBody] : []));
}

/** Why the first alert of `kind` about `target` closed (from `alert.closed`), if it did. */
function closed(records: readonly HistoryRecord[], kind: string, target: Alert['target']): string | undefined {
  const alert = alerts(records).find((raised) => raised.kind === kind && Object.entries(target).every(([key, value]) => raised.target[key as keyof Alert['target']] === value));
  if (!alert) return undefined;
  for (const record of records) {
    if (record.kind !== 'domain') continue;
    for (const event of record.events) if (event.type === 'alert.closed' && event.seq === alert.seq) return event.reason;
  }
  return undefined;
}

const has = (records: readonly HistoryRecord[], kind: string, target: Alert['target'] = {}) =>
  alerts(records).some((alert) => alert.kind === kind && Object.entries(target).every(([key, value]) => alert.target[key as keyof Alert['target']] === value));

describe('the demo shift stages every incident (issue #7)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a wrong item, a refund freeze mid-pack, a scanner unplugged and back, a mapping change and a printer out of paper reach the tablet, and the shift goes on', async () => {
    const lines: string[] = [];
    const demo = await DemoShiftRun.start({ port: 0, mqttPort: 0, intervalMs: 40, say: (word, text) => lines.push(`${word}: ${text}`) });
    cleanups.push(() => demo.close());
    const tablet = new TabletClient(demo.hub.httpUrl, demo.token);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    const staged = new Map<string, StagedIncident>();
    const allStaged = new Promise<void>((resolve) =>
      demo.stager.onStaged((incident) => {
        staged.set(incident.kind, incident);
        if (staged.size === demo.schedule.length) resolve();
      }),
    );
    demo.begin();
    await allStaged;

    const refund = staged.get('refund-freeze')!;
    const paper = staged.get('printer-paper-out')!;
    expect(refund.station).toBe('PACK-01');
    expect(paper.station).toBe('PACK-02');
    const paperTask = paper.jobId!.split('#')[0];

    await tablet.until((records) => {
      const pack = packEvents(records);
      return (
        pack.some((body) => body.type === 'pack.verdict' && body.verdict === 'wrong_item') &&
        has(records, 'freeze-created', { orderId: refund.orderId! }) &&
        // The frozen order is put aside and the bench goes on with the next one.
        asideThenLabel(pack, refund.orderId!) &&
        has(records, 'mapping-pending') &&
        // A hat order (the 13th or 17th at its bench) held by the mapping change is put aside too.
        pack.some((body) => body.type === 'pack.order_aside' && /00(12|16)$/.test(body.order?.orderNo ?? '') && body.block === 'order_stopped') &&
        has(records, 'station-fault', { station: 'PACK-02', device: 'scanner' }) &&
        closed(records, 'station-fault', { station: 'PACK-02', device: 'scanner' }) === 'recovered' &&
        has(records, 'station-fault', { station: 'PACK-02', device: 'printer' }) &&
        closed(records, 'station-fault', { station: 'PACK-02', device: 'printer' }) === 'recovered' &&
        pack.some((body) => body.type === 'pack.label_printed' && body.order?.taskId === paperTask)
      );
    });
    // The refund froze the order's own units of a real SKU, a few of 100,000 on hand: no unit is
    // refused as frozen anywhere, and the benches go on counting that SKU for other orders.
    const counted = (records: readonly HistoryRecord[]) => {
      const frozenAt = records.findIndex((record) => alerts([record]).some((alert) => alert.kind === 'freeze-created'));
      const after = frozenAt < 0 ? [] : packEvents(records.slice(frozenAt));
      return after.some((body) => body.type === 'pack.verdict' && body.verdict === 'counted' && body.sku === refund.sku && body.order?.orderId !== refund.orderId);
    };
    await tablet.until(counted);
    expect(refund.sku).toBeDefined();
    const refused = packEvents(tablet.records).filter(
      (body) => (body.type === 'pack.verdict' && body.verdict === 'frozen_stock') || (body.type === 'pack.blocked' && body.reason === 'frozen_stock'),
    );
    expect(refused).toEqual([]);
    const printer = demo.benches.get('PACK-02')!.printer;
    expect(printer.printed.filter((label) => label.jobId === paper.jobId)).toHaveLength(1);
    expect(new Set(printer.printed.map((label) => label.jobId)).size).toBe(printer.printed.length);
    expect(lines.filter((line) => line.startsWith('staged: '))).toHaveLength(4);
    expect(lines.some((line) => line.startsWith('failed'))).toBe(false);

    // Issue #17 item 13: once every incident is over, the open alerts are only those still current.
    const response = await hubFetch(demo.hub.httpUrl, demo.token, 'GET', '/alerts?open=true');
    const open = ((await response.json()) as { alerts: Alert[] }).alerts;
    const state = demo.hub.domainState;
    const current = (alert: Alert): boolean => {
      const { target } = alert;
      switch (alert.kind) {
        case 'freeze-created':
          return state.freezes[target.freezeId!]?.status === 'pending';
        case 'mapping-pending':
          return Object.values(state.pendingMappings).some((row) => row.channelSku === target.channelSku);
        case 'task-stopped':
          return state.stops[target.stopId!] !== undefined;
        case 'order-held':
          return state.orders[target.orderId!]?.status === 'held';
        case 'task-blocked':
          return state.tasks[target.taskId!]?.block !== undefined;
        case 'station-block':
          // The bench's newest block (a packer clears each within a few scans): every earlier one is closed.
          return alerts(tablet.records).filter((raised) => raised.kind === 'station-block' && raised.target.station === target.station).at(-1)?.seq === alert.seq;
        default:
          return false;
      }
    };
    expect(open.filter((alert) => !current(alert)).map((alert) => `${alert.kind} ${alert.message}`)).toEqual([]);
    expect(open.map((alert) => alert.kind)).toEqual(expect.arrayContaining(['freeze-created', 'mapping-pending']));
    expect(open.filter((alert) => alert.kind === 'station-fault')).toEqual([]);
  }, 40_000);
});

describe('the demo shift\'s printers (issue #12)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('prints platform orders through their platform\'s program, own-contract orders on the label printer, and the two-parcel order one label per parcel', async () => {
    const demo = await DemoShiftRun.start({ port: 0, mqttPort: 0, intervalMs: 40, say: () => undefined });
    cleanups.push(() => demo.close());
    // The packers only: an incident's put-aside order would print nothing.
    for (const bench of demo.benches.values()) bench.packer.start();
    // Orders 1–8 of each bench: every platform (Kuaishou's first is the 7th), two own-contract orders and the two-parcel order.
    const first = (bench: Bench) => bench.packer.plan.orders.slice(0, 8).flatMap((order) => order.parcels);
    await vi.waitFor(
      () => {
        for (const bench of demo.benches.values()) {
          const printed = new Set([...printedDocs(bench).map((doc) => doc.waybill), ...zplWaybills(bench)]);
          expect(first(bench).filter((parcel) => !printed.has(parcel.waybill))).toEqual([]);
        }
      },
      { timeout: 30_000, interval: 100 },
    );

    for (const [id, bench] of demo.benches) {
      const planned = new Map<string, PlannedParcel>(bench.packer.plan.orders.flatMap((order) => order.parcels.map((parcel) => [parcel.waybill, parcel])));
      for (const [platform, program] of bench.programs) {
        const waybills = program.printed.map((doc) => doc.waybill);
        expect(waybills.length, `${id} ${platform}`).toBeGreaterThan(0);
        // One document per waybill, each a platform parcel of this bench, with that parcel's print data as it was seeded.
        expect(new Set(waybills).size).toBe(waybills.length);
        for (const doc of program.printed) {
          expect(planned.get(doc.waybill)?.platform, `${id} ${doc.waybill}`).toBe(platform);
          expect(doc.contents).toEqual(demoPrintData(platform, doc.waybill).contents);
        }
      }
      const zpl = zplWaybills(bench);
      expect(zpl.length).toBe(bench.printer.printed.length);
      expect(new Set(zpl).size).toBe(zpl.length);
      for (const waybill of zpl) expect(planned.get(waybill)?.platform, `${id} ${waybill} on the label printer`).toBeUndefined();
      expect(zpl.length).toBeGreaterThanOrEqual(2);
      // 一单多包: a label for the waybill and one for its child, each once, from its program.
      const multi = bench.packer.plan.orders[DEMO_MULTI_PARCEL_ORDER]!.parcels;
      expect(multi).toHaveLength(2);
      for (const parcel of multi) expect(bench.programs.get(parcel.platform!)!.printed.filter((doc) => doc.waybill === parcel.waybill)).toHaveLength(1);
    }
  }, 40_000);
});

/** Every document the bench's print programs printed. */
function printedDocs(bench: Bench) {
  return [...bench.programs.values()].flatMap((program) => program.printed);
}

/** The planned waybill each ZPL label of the bench carries (labels carrying none are left out). */
function zplWaybills(bench: Bench): string[] {
  const waybills = new Set(bench.packer.plan.orders.flatMap((order) => order.parcels.map((parcel) => parcel.waybill)));
  return bench.printer.printed.flatMap((label) => label.fields.find((field) => waybills.has(field)) ?? []);
}

/** The order was put aside at its bench, and that bench printed a label after it. */
function asideThenLabel(pack: readonly PackBody[], orderId: string): boolean {
  const aside = pack.findIndex((body) => body.type === 'pack.order_aside' && body.order?.orderId === orderId);
  return aside >= 0 && pack.slice(aside).some((body) => body.type === 'pack.label_printed' && body.station === pack[aside]!.station);
}
