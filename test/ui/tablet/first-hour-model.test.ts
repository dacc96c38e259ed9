import { describe, expect, it } from 'vitest';
import { PACK_ASIDE_REASONS, PACK_BLOCK_REASONS, PACK_GATE_REASONS, PACK_VERDICTS } from '../../../protocol/pack-vocabulary.js';
import { PageModel } from '../../../ui/tablet/src/model/page-model.js';
import { scanFacts } from '../../../common/tally/scans.js';
import { STRINGS, type Lang } from '../../../ui/tablet/src/strings.js';
import { orderStatusText, timelineEntries } from '../../../ui/tablet/src/views/timeline.js';
import type { DomainEvent, FeedRecord, StationEventBody } from '../../../ui/tablet/src/wire.js';

const AT = '2026-11-22T08:30:00.000Z';
const NOW = Date.parse('2026-11-22T08:40:00.000Z');
const ORDER = 'taobao:TB7001';
const order = { taskId: 'T7', orderId: ORDER, orderNo: 'TB7001', channel: 'taobao' };
const audit = { at: AT, actor: { kind: 'station', id: 'PACK-01' } };

const bench = (seq: number, body: Partial<StationEventBody> & { type: string }, station = 'PACK-01'): FeedRecord => ({
  seq,
  at: AT,
  kind: 'event',
  station,
  event: { station, seq, at: AT, body: { packer: 'W07', order, mappingVersion: 1, ...body } },
});
const fact = (seq: number, event: Partial<DomainEvent> & { type: string }): FeedRecord => ({
  seq,
  at: AT,
  kind: 'domain',
  command: { type: 'fact' },
  audit,
  events: [{ orderId: ORDER, taskId: 'T7', station: 'PACK-01', ...event }],
});

/** An order loaded, counted, verified and labelled at PACK-01, each step reported by the bench and made a fact by the hub. */
const PACKED: FeedRecord[] = [
  fact(1, { type: 'order.created' }),
  fact(2, { type: 'order.released' }),
  bench(3, { type: 'pack.order_loaded' }),
  fact(4, { type: 'task.loaded' }),
  bench(5, { type: 'pack.verdict', verdict: 'counted', sku: 'DRESS-RED-M' }),
  bench(6, { type: 'pack.order_verified' }),
  fact(7, { type: 'task.verified' }),
  bench(8, { type: 'pack.label_printed' }),
  fact(9, { type: 'task.label-printed', parcel: { index: 1, waybill: 'SFTB7001' }, parcelCount: 1, held: false, progress: 'labelled' }),
];

describe('the order timeline says each step once, in words (issue #17, item 16)', () => {
  for (const lang of ['en', 'zh-CN'] as Lang[]) {
    it(`one line per step, no two wordings, in ${lang}`, () => {
      const s = STRINGS[lang];
      const entries = timelineEntries(s, PACKED, [], ORDER);
      expect(entries.map((entry) => entry.type)).toEqual(['order.created', 'order.released', 'pack.order_loaded', 'pack.verdict', 'pack.order_verified', 'pack.label_printed']);
      const labels = entries.map((entry) => entry.label);
      expect(new Set(labels).size).toBe(labels.length);
      // A step told by the hub alone (its bench event not at hand) has the same words as the bench's.
      for (const [factType, benchType] of [
        ['task.loaded', 'pack.order_loaded'],
        ['task.verified', 'pack.order_verified'],
        ['task.label-printed', 'pack.label_printed'],
        ['task.sealed', 'pack.sealed'],
        ['task.parcel-closed', 'pack.parcel_closed'],
      ] as const) {
        expect(s.event[factType], factType).toBe(s.event[benchType]);
      }
      expect(timelineEntries(s, PACKED.filter((record) => record.kind === 'domain'), [], ORDER).map((entry) => entry.label)).toEqual([
        s.event['order.created'],
        s.event['order.released'],
        s.event['pack.order_loaded'],
        s.event['pack.order_verified'],
        s.event['pack.label_printed'],
      ]);
    });
  }

  it('a put-aside says its reason in words, and the hub taking it off the bench adds no line', () => {
    const records = [bench(1, { type: 'pack.order_aside', reason: 'other' }), fact(2, { type: 'task.unloaded', reason: 'other', progress: 'loaded' })];
    expect(timelineEntries(STRINGS.en, records, [], ORDER).map((entry) => [entry.label, entry.detail])).toEqual([['Put aside', 'Station PACK-01 · Other reason']]);
    expect(timelineEntries(STRINGS['zh-CN'], records, [], ORDER)[0]?.detail).toBe('工位 PACK-01 · 其他原因');
    const cancelled = [bench(1, { type: 'pack.order_cancelled' }), fact(2, { type: 'task.unloaded', reason: 'cancelled', progress: 'verified' })];
    expect(timelineEntries(STRINGS.en, cancelled, [], ORDER).map((entry) => entry.type)).toEqual(['pack.order_cancelled']);
  });

  it('every reason a station or the gate sends has words in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as Lang[]) {
      const s = STRINGS[lang];
      for (const reason of PACK_ASIDE_REASONS) expect(Object.hasOwn(s.asideReason, reason), `${lang} aside ${reason}`).toBe(true);
      for (const reason of PACK_GATE_REASONS) expect(Object.hasOwn(s.gate, reason), `${lang} gate ${reason}`).toBe(true);
      for (const reason of [...PACK_BLOCK_REASONS, ...PACK_VERDICTS]) expect(Object.hasOwn(s.verdict, reason), `${lang} verdict ${reason}`).toBe(true);
    }
  });

  it("a released order's status is its task's latest step; held and cancelled orders say so", () => {
    expect(orderStatusText(STRINGS.en, 'released', 'labelled')).toBe('Labelled');
    expect(orderStatusText(STRINGS['zh-CN'], 'released', 'sealed')).toBe('已封包');
    expect(orderStatusText(STRINGS.en, 'released', 'stopped')).toBe('Stopped');
    expect(orderStatusText(STRINGS.en, 'released', undefined)).toBe('Released');
    expect(orderStatusText(STRINGS.en, 'held', undefined)).toBe('Held for mapping');
    expect(orderStatusText(STRINGS.en, 'cancelled', 'labelled')).toBe('Cancelled');
  });
});

describe('one count of scans for the board and the charts (issue #17, item 18)', () => {
  it('the chart’s hour is the station board’s figures added up, whatever the station sends', () => {
    const model = new PageModel();
    const at = new Date(NOW - 60_000).toISOString();
    const bodies: Array<[string, Partial<StationEventBody> & { type: string }]> = [
      ['PACK-01', { type: 'pack.packer_signed_in' }],
      ['PACK-01', { type: 'pack.order_requested' }],
      ['PACK-01', { type: 'pack.order_loaded' }],
      ['PACK-01', { type: 'pack.verdict', verdict: 'counted' }],
      ['PACK-01', { type: 'pack.verdict', verdict: 'wrong_item' }],
      ['PACK-01', { type: 'pack.block_cleared' }],
      ['PACK-01', { type: 'pack.verdict', verdict: 'while_blocked' }],
      ['PACK-01', { type: 'pack.order_verified' }],
      ['PACK-01', { type: 'pack.label_printed' }],
      ['PACK-02', { type: 'scan' }],
      ['PACK-02', { type: 'pack.verdict', verdict: 'no_order' }],
      ['PACK-02', { type: 'pack.verdict', verdict: 'unreadable' }],
      ['PACK-02', { type: 'pack.order_aside', reason: 'other' }],
    ];
    bodies.forEach(([station, body], index) => {
      const record = bench(index + 1, body, station);
      if (record.kind === 'event') model.apply({ ...record, event: { ...record.event, at } });
    });
    const expected = bodies.filter(([, body]) => scanFacts(body as StationEventBody).scan).length;
    expect(expected).toBe(6);
    const board = ['PACK-01', 'PACK-02'].map((id) => model.stations.figures(id, NOW).scansThisHour);
    expect(board).toEqual([3, 3]);
    const chart = model.stations.siteHours(NOW);
    expect(chart).toHaveLength(12);
    expect(chart.at(-1)).toMatchObject({ scans: 6, mismatches: 1 });
    // The site tally the hub keeps counts by the same definition.
    expect(model.stats.perHour(NOW).at(-1)).toMatchObject({ scans: 6, mismatches: 1 });
  });
});
