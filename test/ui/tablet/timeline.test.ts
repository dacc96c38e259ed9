import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../ui/tablet/src/strings.js';
import { timelineEntries } from '../../../ui/tablet/src/views/timeline.js';
import type { DomainEvent, FeedRecord, StationEventBody } from '../../../ui/tablet/src/wire.js';

const AT = '2026-11-23T08:00:00.000Z';
const ORDER = 'taobao:TB5001';
const audit = { at: AT, actor: { kind: 'station', id: 'PACK-02' } };
const order = { taskId: 'T5', orderId: ORDER, orderNo: 'TB5001', channel: 'taobao' };

const domain = (seq: number, type: string, ...events: DomainEvent[]): FeedRecord => ({ seq, at: AT, kind: 'domain', command: { type }, audit, events });
const bench = (seq: number, body: Omit<StationEventBody, 'packer' | 'order'>): FeedRecord => ({
  seq,
  at: AT,
  kind: 'event',
  station: 'PACK-02',
  event: { station: 'PACK-02', seq, at: AT, body: { packer: 'W07', order, ...body } },
});
const parcel2 = { index: 2, waybill: 'YT5001-2' };

/** An order in two pre-printed parcels: opened by a child waybill, closed, sealed, then stopped. */
const RECORDS: FeedRecord[] = [
  domain(1, 'createOrder', { type: 'order.created', orderId: ORDER, parcels: [{ waybill: 'YT5001', platform: 'cainiao' }, { waybill: 'YT5001-2', platform: 'cainiao' }] }),
  bench(2, { type: 'pack.parcel_closed', parcel: { index: 1, waybill: 'YT5001' } }),
  bench(3, { type: 'pack.sealed', parcel: parcel2, parcels: 2 }),
  domain(4, 'parcelSealed', { type: 'task.sealed', orderId: ORDER, taskId: 'T5', station: 'PACK-02', parcel: parcel2, parcelCount: 2, progress: 'verified' }),
  bench(5, { type: 'pack.seal_refused', reason: 'order_stopped' }),
  bench(6, { type: 'pack.label_printed', parcel: parcel2 }),
  domain(7, 'labelPrinted', { type: 'task.label-printed', orderId: ORDER, taskId: 'T5', station: 'PACK-02', parcel: parcel2, parcelCount: 2, progress: 'sealed', held: true }),
  domain(8, 'approveFreeze', { type: 'order.print-data-dropped', orderId: ORDER }),
];

describe("an order's timeline in parcels", () => {
  it('names each parcel of a multi-parcel order, in words, in English', () => {
    const entries = timelineEntries(STRINGS.en, RECORDS, [], ORDER, 2);
    expect(entries.map((entry) => [entry.type, entry.label, entry.detail ?? '', entry.tone])).toEqual([
      ['order.created', 'Order received', '2 parcels', ''],
      ['pack.parcel_closed', 'Parcel closed', 'Station PACK-02 · Parcel 1 of 2 · YT5001', 'bench'],
      // The hub's task.sealed was made of this seal: one line for the step.
      ['pack.sealed', 'Parcel sealed', 'Station PACK-02 · Parcel 2 of 2 · YT5001-2', 'good'],
      ['pack.seal_refused', 'Seal refused', 'Station PACK-02 · Order stopped', 'bad'],
      // The hub found the task held when this label printed: the bench's line turns red.
      ['pack.label_printed', 'Label printed', 'Station PACK-02 · Parcel 2 of 2 · YT5001-2', 'bad'],
      ['order.print-data-dropped', 'Waybill print data deleted', '', ''],
    ]);
  });

  it('in Chinese, with the label gate\'s reason for a refused seal', () => {
    const entries = timelineEntries(STRINGS['zh-CN'], RECORDS, [], ORDER, 2);
    expect(entries.find((entry) => entry.type === 'pack.sealed')).toMatchObject({ label: '包裹已封包', detail: '工位 PACK-02 · 第 2/2 包 · YT5001-2' });
    expect(entries.find((entry) => entry.type === 'pack.parcel_closed')?.label).toBe('包裹已封箱');
    const refused = timelineEntries(STRINGS['zh-CN'], [bench(9, { type: 'pack.label_refused', reason: 'hub_silent' })], [], ORDER);
    expect(refused[0]).toMatchObject({ label: '拒绝打印面单', detail: '工位 PACK-02 · 与总控失联过久' });
  });

  it('shows a parcel taken out at the bench with its waybill, in both languages', () => {
    const withdrawn = [bench(1, { type: 'pack.parcel_withdrawn', parcel: { index: 1, waybill: 'SF1' } })];
    expect(timelineEntries(STRINGS.en, withdrawn, [], ORDER)[0]).toMatchObject({ label: 'Intercepted parcel taken out at the bench', detail: 'Station PACK-02 · SF1', who: 'W07' });
    expect(timelineEntries(STRINGS['zh-CN'], withdrawn, [], ORDER)[0]).toMatchObject({ label: '拦截的包裹已在工位取出', detail: '工位 PACK-02 · SF1' });
  });

  it('says nothing of parcels for an order of one', () => {
    const one = [bench(1, { type: 'pack.label_printed', parcel: { index: 1, waybill: 'SF1' } }), bench(2, { type: 'pack.sealed', parcel: { index: 1, waybill: 'SF1' }, parcels: 1 })];
    expect(timelineEntries(STRINGS.en, one, [], ORDER).map((entry) => entry.detail)).toEqual(['Station PACK-02', 'Station PACK-02']);
  });

  it("shows the parcel's weight on its label request or seal, and a weight block's figures, in both languages", () => {
    const weighed = [
      bench(1, { type: 'pack.blocked', reason: 'weight_mismatch', detail: '1100 g / 700 g / −400 g' }),
      bench(2, { type: 'pack.label_requested', weightGrams: 1090, expectedGrams: 1100 }),
      bench(3, { type: 'pack.sealed', parcel: { index: 1, waybill: 'SF1' }, parcels: 1, weightGrams: 640 }),
    ];
    expect(timelineEntries(STRINGS.en, weighed, [], ORDER).map((entry) => [entry.type, entry.detail, entry.tone])).toEqual([
      ['pack.blocked', 'Station PACK-02 · Parcel weight does not match · 1100 g / 700 g / −400 g', 'bad'],
      ['pack.label_requested', 'Station PACK-02 · Weight 1090 g / expected 1100 g', 'bench'],
      ['pack.sealed', 'Station PACK-02 · Weight 640 g', 'good'],
    ]);
    expect(timelineEntries(STRINGS['zh-CN'], weighed, [], ORDER)[1]?.detail).toBe('工位 PACK-02 · 重量 1090 g / 应重 1100 g');
  });

  it('shows the weight margin where the station sent it, and a weight block by its figures instead of its text', () => {
    const margined = [
      bench(1, { type: 'pack.blocked', reason: 'weight_mismatch', detail: '1100 g / 1130 g / +30 g', weightGrams: 1130, expectedGrams: 1100, allowedGrams: 5 }),
      bench(2, { type: 'pack.label_requested', weightGrams: 1090, expectedGrams: 1100, allowedGrams: 33 }),
    ];
    expect(timelineEntries(STRINGS.en, margined, [], ORDER).map((entry) => entry.detail)).toEqual([
      'Station PACK-02 · Parcel weight does not match · Weight 1130 g / expected 1100 g ± 5 g',
      'Station PACK-02 · Weight 1090 g / expected 1100 g ± 33 g',
    ]);
    expect(timelineEntries(STRINGS['zh-CN'], margined, [], ORDER)[1]?.detail).toBe('工位 PACK-02 · 重量 1090 g / 应重 1100 g ± 33 g');
  });
});
