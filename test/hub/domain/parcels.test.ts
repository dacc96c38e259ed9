import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  createDomainState,
  DomainError,
  getOwn,
  orderOfWaybill,
  restoreDomainState,
  stockView,
  type CommandOf,
  type DomainState,
} from '../../../hub/domain/index.js';
import { MAX_PRINT_DATA_BYTES } from '../../../protocol/waybill.js';
import { printData } from '../../helpers/domain.js';
import { Harness, alerts, ofType, orderCommand, types } from './harness.js';
import { MAPPING_WING } from '../../../hub/mapping/mapping-wing.js';

const SECRET = 'ENCRYPTED-9f2c41d7';

/** A released order of `skus` (one unit each) in parcels on `waybills` (the first is the order's), each with print data. */
function parcelOrder(h: Harness, orderNo: string, waybills: string[], skus: string[] = ['A']): string {
  for (const sku of skus) h.ok({ type: 'setMapping', channel: 'taobao', channelSku: `taobao-${sku}`, masterSku: sku });
  const command: CommandOf<'createOrder'> = {
    ...orderCommand(orderNo, skus.map((sku) => [`taobao-${sku}`, 1])),
    waybill: waybills[0]!,
    parcels: waybills.map((waybill, i) => ({ waybill, print: printData(`${SECRET}-${i + 1}`) })),
  };
  const events = h.ok(command);
  return ofType(events, 'task.released')[0]!.taskId;
}

const order = (h: Harness, id = 'taobao:1') => getOwn(h.state.orders, id)!;
const task = (h: Harness, id = 'T1') => getOwn(h.state.tasks, id)!;
const prints = (state: DomainState) => JSON.stringify(state).includes(SECRET);

describe('an order in parcels', () => {
  it('keeps each parcel with its platform and print data, and tells the world only their waybills and platforms', () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1', 'SF1-2']);
    expect(order(h).parcels).toEqual([
      { waybill: 'SF1', platform: 'cainiao', print: printData(`${SECRET}-1`) },
      { waybill: 'SF1-2', platform: 'cainiao', print: printData(`${SECRET}-2`) },
    ]);
    const created = ofType(h.events, 'order.created')[0]!;
    expect(created.parcels).toEqual([
      { waybill: 'SF1', platform: 'cainiao' },
      { waybill: 'SF1-2', platform: 'cainiao' },
    ]);
    // What the audit records as the raw payload has the platforms, never the print data.
    expect(JSON.stringify(h.events)).not.toContain(SECRET);
    expect(created.audit.raw).toMatchObject({ parcels: [{ waybill: 'SF1', platform: 'cainiao' }, { waybill: 'SF1-2', platform: 'cainiao' }] });
  });

  it('is one parcel on its waybill without parcels', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    expect(order(h).parcels).toEqual([{ waybill: 'WB1' }]);
    expect(ofType(h.events, 'order.created')[0]).not.toHaveProperty('parcels');
  });

  it.each([
    ['PARCEL_WAYBILL_MISMATCH', { waybill: 'SF1', parcels: [{ waybill: 'SF1-2' }, { waybill: 'SF1' }] }],
    ['PARCEL_WAYBILL_DUPLICATE', { waybill: 'SF1', parcels: [{ waybill: 'SF1' }, { waybill: 'sf1' }] }],
    ['PRINT_DATA_TOO_LARGE', { waybill: 'SF1', parcels: [{ waybill: 'SF1' }, { waybill: 'SF2', print: { ...printData('x'), contents: [{ encryptedData: 'x'.repeat(MAX_PRINT_DATA_BYTES) }] } }] }],
  ])('refuses bad parcels with %s, and the message never carries print data', (code, fields) => {
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'taobao-A', masterSku: 'A' });
    const result = h.apply({ ...orderCommand('1', [['taobao-A', 1]]), ...fields });
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).not.toContain('xxxxxxxx');
    expect(getOwn(h.state.orders, 'taobao:1')).toBeUndefined();
  });

  it('takes print data of exactly MAX_PRINT_DATA_BYTES as JSON, not a byte more', () => {
    const sized = (bytes: number) => {
      const print = printData('');
      print.contents[0]!.encryptedData = '';
      print.contents[0]!.encryptedData = 'E'.repeat(bytes - Buffer.byteLength(JSON.stringify(print)));
      return print;
    };
    const h = new Harness();
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'taobao-A', masterSku: 'A' });
    const command = (orderNo: string, bytes: number): CommandOf<'createOrder'> => ({
      ...orderCommand(orderNo, [['taobao-A', 1]]),
      parcels: [{ waybill: `WB${orderNo}`, print: sized(bytes) }],
    });
    h.ok(command('1', MAX_PRINT_DATA_BYTES));
    expect(h.refused(command('2', MAX_PRINT_DATA_BYTES + 1))).toBe(DomainError.PrintDataTooLarge);
  });

  it("refuses a parcel whose waybill is another live order's, own or child, in any case: WAYBILL_EXISTS", () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1', 'SF1-2']);
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'taobao-B', masterSku: 'B' });
    const second = orderCommand('2', [['taobao-B', 1]]);
    expect(h.refused({ ...second, waybill: 'sf1-2' })).toBe(DomainError.WaybillExists);
    expect(h.refused({ ...second, waybill: 'SF2', parcels: [{ waybill: 'SF2' }, { waybill: 'SF1' }] })).toBe(DomainError.WaybillExists);
    // Once the first order is cancelled its waybills are free again; the index keeps both orders.
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    h.ok({ ...second, waybill: 'SF2', parcels: [{ waybill: 'SF2' }, { waybill: 'SF1-2' }] });
    expect(h.state.waybills['SF1-2']).toEqual(['taobao:1', 'taobao:2']);
  });
});

describe('the waybill index', () => {
  it("finds an order by any parcel's waybill, in any case: the live one, else the newest cancelled", () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1', 'SF1-2', 'SF1-3']);
    expect(orderOfWaybill(h.state, 'SF1-3')?.id).toBe('taobao:1');
    expect(orderOfWaybill(h.state, 'sf1-2')?.id).toBe('taobao:1');
    expect(orderOfWaybill(h.state, 'SF9')).toBeUndefined();
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(orderOfWaybill(h.state, 'SF1-3')).toMatchObject({ id: 'taobao:1', status: 'cancelled' });
    h.ok({ type: 'setMapping', channel: 'taobao', channelSku: 'taobao-B', masterSku: 'B' });
    h.ok({ ...orderCommand('2', [['taobao-B', 1]]), waybill: 'SF1-3' });
    expect(orderOfWaybill(h.state, 'SF1-3')?.id).toBe('taobao:2');
  });

  it('is built for a state saved before parcels, each order with its one parcel (labelled where its task was)', () => {
    const h = new Harness();
    h.order('1', [['A', 1]]);
    h.order('2', [['B', 1]]);
    h.verify('T1');
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' });
    const old = structuredClone(h.state) as Partial<DomainState>;
    delete old.waybills;
    for (const saved of Object.values(old.orders!)) delete (saved as Partial<typeof saved>).parcels;
    const state = restoreDomainState(JSON.parse(JSON.stringify(old)));
    expect(state.waybills).toEqual({ WB1: ['taobao:1'], WB2: ['taobao:2'] });
    expect(getOwn(state.orders, 'taobao:1')!.parcels).toEqual([{ waybill: 'WB1', labelled: { at: task(h).labelledAt, station: 'S1' } }]);
    expect(getOwn(state.orders, 'taobao:2')!.parcels).toEqual([{ waybill: 'WB2' }]);
  });
});

describe('parcels at the bench', () => {
  function packed(waybills: string[] = ['SF1', 'SF1-2']): Harness {
    const h = new Harness();
    parcelOrder(h, '1', waybills);
    h.ok({ type: 'setOnHand', sku: 'A', quantity: 5 });
    h.verify('T1');
    return h;
  }
  const parcel = (index: number, waybill: string) => ({ index, waybill });

  it('labels each parcel once: the task is labelled, its units leave stock and its print data goes, with the last one', () => {
    const h = packed();
    h.advance(1000);
    const first = h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') });
    expect(first).toMatchObject([{ type: 'task.label-printed', parcel: parcel(1, 'SF1'), parcelCount: 2, reprint: false, held: false, progress: 'verified' }]);
    expect(task(h).progress).toBe('verified');
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 5, reserved: 1 });
    expect(prints(h.state)).toBe(true);

    h.advance(1000);
    const last = h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(2, 'sf1-2') });
    expect(types(last)).toEqual(['stock.changed', 'order.print-data-dropped', 'task.label-printed']);
    expect(ofType(last, 'task.label-printed')[0]).toMatchObject({ parcel: parcel(2, 'SF1-2'), progress: 'labelled', reprint: false });
    expect(task(h)).toMatchObject({ progress: 'labelled', labelledAt: '2026-03-02T08:00:02.000Z', consumed: [{ sku: 'A', quantity: 1 }] });
    expect(order(h).parcels).toEqual([
      { waybill: 'SF1', platform: 'cainiao', labelled: { at: '2026-03-02T08:00:01.000Z', station: 'S1' } },
      { waybill: 'SF1-2', platform: 'cainiao', labelled: { at: '2026-03-02T08:00:02.000Z', station: 'S1' } },
    ]);
    expect(prints(h.state)).toBe(false);

    // A label of a parcel labelled already is a reprint, without a parcel it is parcel 1's.
    expect(h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1' })).toMatchObject([{ type: 'task.label-printed', parcel: parcel(1, 'SF1'), reprint: true, progress: 'labelled' }]);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('refuses a parcel the order does not have, by place or by waybill: PARCEL_NOT_FOUND', () => {
    const h = packed();
    expect(h.refused({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(3, 'SF1-3') })).toBe(DomainError.ParcelNotFound);
    expect(h.refused({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(2, 'SF1') })).toBe(DomainError.ParcelNotFound);
    expect(h.refused({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF9') })).toBe(DomainError.ParcelNotFound);
  });

  it('seals each parcel once in the pre-printed flow: the task is sealed with the last seal', () => {
    const h = packed();
    expect(h.ok({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') })).toMatchObject([
      { type: 'task.sealed', parcel: parcel(1, 'SF1'), parcelCount: 2, held: false, progress: 'verified' },
    ]);
    expect(h.apply({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') })).toMatchObject({ ok: true, events: [] });
    h.advance(1000);
    const last = h.ok({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(2, 'SF1-2') });
    expect(types(last)).toEqual(['stock.changed', 'order.print-data-dropped', 'task.sealed']);
    expect(task(h)).toMatchObject({ progress: 'sealed', sealedAt: '2026-03-02T08:00:01.000Z' });
    expect(order(h).parcels.map((p) => p.sealed?.station)).toEqual(['S1', 'S1']);
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 4, reserved: 0 });
    expect(prints(h.state)).toBe(false);
    // A sealed task is finished: not verified again, and a label now is a reprint.
    expect(h.refused({ type: 'taskVerified', taskId: 'T1', station: 'S1' })).toBe(DomainError.TaskBadTransition);
    expect(h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(2, 'SF1-2') })).toMatchObject([{ reprint: true, progress: 'sealed' }]);
  });

  it('records a seal on a stopped task, loudly: a critical sealed-while-held alert', () => {
    const h = packed(['SF1']);
    h.ok({ type: 'stopTask', orderId: 'taobao:1', reason: 'address-change' });
    const events = h.ok({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') });
    expect(ofType(events, 'task.sealed')[0]).toMatchObject({ held: true, progress: 'sealed' });
    expect(alerts(events)).toMatchObject([{ kind: 'sealed-while-held', severity: 'critical', target: { station: 'S1', orderId: 'taobao:1', taskId: 'T1' } }]);
  });

  it('refuses a seal before verification or from another station', () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1']);
    h.ok({ type: 'taskLoaded', taskId: 'T1', station: 'S1' });
    expect(h.refused({ type: 'parcelSealed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') })).toBe(DomainError.TaskBadTransition);
    h.ok({ type: 'taskVerified', taskId: 'T1', station: 'S1' });
    expect(h.refused({ type: 'parcelSealed', taskId: 'T1', station: 'S2', parcel: parcel(1, 'SF1') })).toBe(DomainError.TaskNotAtStation);
  });

  it("records the units of each parcel the packer closes, while the task is packed at the station", () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1', 'SF1-2'], ['A', 'B']);
    const closing: CommandOf<'parcelClosed'> = { type: 'parcelClosed', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1'), units: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 0 }] };
    expect(h.refused(closing)).toBe(DomainError.TaskBadTransition);
    h.ok({ type: 'taskLoaded', taskId: 'T1', station: 'S1' });
    expect(h.refused({ ...closing, station: 'S2' })).toBe(DomainError.TaskNotAtStation);
    expect(h.ok(closing)).toMatchObject([{ type: 'task.parcel-closed', parcel: parcel(1, 'SF1'), parcelCount: 2, units: [{ sku: 'A', quantity: 1 }] }]);
    expect(order(h).parcels[0]!.closed).toEqual({ at: '2026-03-02T08:00:00.000Z', station: 'S1', units: [{ sku: 'A', quantity: 1 }] });
  });

  it("holds a task stopped after its first parcel's label: on the stop list, and a later label raises label-while-held", () => {
    const h = packed();
    h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(1, 'SF1') });
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(h.state.stopList.entries).toMatchObject([{ taskId: 'T1', reason: 'refund' }]);
    const late = h.ok({ type: 'labelPrinted', taskId: 'T1', station: 'S1', parcel: parcel(2, 'SF1-2') });
    expect(ofType(late, 'task.label-printed')[0]).toMatchObject({ held: true, progress: 'labelled' });
    expect(alerts(late).map((alert) => alert.kind)).toEqual(['label-while-held']);
    // The refund approved: the order is cancelled and the units the labels took go back.
    h.ok({ type: 'approveFreeze', freezeId: 'F1' });
    expect(stockView(h.state)[0]).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it("drops an order's print data when its refund is approved", () => {
    const h = new Harness();
    parcelOrder(h, '1', ['SF1', 'SF1-2']);
    h.ok({ type: 'createFreeze', orderId: 'taobao:1' });
    expect(prints(h.state)).toBe(true);
    expect(types(h.ok({ type: 'approveFreeze', freezeId: 'F1' }))).toContain('order.print-data-dropped');
    expect(prints(h.state)).toBe(false);
    expect(order(h).parcels).toEqual([
      { waybill: 'SF1', platform: 'cainiao' },
      { waybill: 'SF1-2', platform: 'cainiao' },
    ]);
  });
});

describe('the audit of an order with print data', () => {
  it('records the raw payload without it when the caller gives none', () => {
    const result = applyCommand(
      createDomainState(),
      { ...orderCommand('1', [['X', 1]]), parcels: [{ waybill: 'WB1', print: printData(SECRET) }] },
      { now: new Date(), actor: { kind: 'system', id: 'test' } },
      { mapping: MAPPING_WING },
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.events[0]!.audit.raw).toMatchObject({ parcels: [{ waybill: 'WB1', platform: 'cainiao' }] });
    expect(JSON.stringify(result.events)).not.toContain(SECRET);
  });
});
