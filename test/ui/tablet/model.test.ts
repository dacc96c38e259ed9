import { describe, expect, it } from 'vitest';
import { alertDetail } from '../../../ui/tablet/src/alert-text.js';
import { PageModel } from '../../../ui/tablet/src/model/page-model.js';
import { STRINGS } from '../../../ui/tablet/src/strings.js';
import { laggingStations } from '../../../ui/tablet/src/model/mapping-work.js';
import type { Alert, AlertKind, DomainEvent, FeedRecord, StationEventBody, TabletState } from '../../../ui/tablet/src/wire.js';

const AT = '2026-11-22T08:30:00.000Z';
const NOW = Date.parse('2026-11-22T08:40:00.000Z');
const audit = { at: AT, actor: { kind: 'token', id: 'tok-1', name: 'Li Na' } };

function alertRecord(seq: number, alert: Partial<Alert> & { seq: number }): FeedRecord {
  const full: Alert = { at: AT, kind: 'task-stopped', severity: 'warning', message: 'stopped', target: { orderId: 'taobao:TB1' }, ...alert };
  return { seq, at: AT, kind: 'domain', command: { type: 'stopTask' }, audit, events: [{ type: 'alert.raised', alert: full }] };
}

function stationEvent(seq: number, station: string, stationSeq: number, body: Partial<StationEventBody> & { type: string }): FeedRecord {
  return { seq, at: AT, kind: 'event', station, event: { station, seq: stationSeq, at: AT, body: { packer: 'W07', order: null, mappingVersion: 3, ...body } } };
}

function domainRecord(seq: number, event: DomainEvent): FeedRecord {
  return { seq, at: AT, kind: 'domain', command: { type: 'test' }, audit, events: [event] };
}

const EMPTY_STATE: TabletState = {
  history: { id: AT, lastSeq: 0 },
  seq: 0,
  alerts: [],
  stations: [],
  hubMappingVersion: null,
  stats: { quarters: [], tasks: [], labelled: [] },
};

const verdict = (verdict: string, sku: string) => ({ type: 'pack.verdict', verdict, sku, blocks: !['counted', 'no_order'].includes(verdict) });

describe('tablet page model', () => {
  it('keeps each alert once, whatever the feed repeats, and records acknowledgements', () => {
    const model = new PageModel();
    expect(model.apply(alertRecord(1, { seq: 1 }))).toHaveLength(1);
    expect(model.apply(alertRecord(1, { seq: 1 }))).toEqual([]);
    // The same alert number inside a later record (a replay after a hub restart) is not added again.
    expect(model.apply(alertRecord(2, { seq: 1 }))).toEqual([]);
    model.apply({ seq: 3, at: AT, kind: 'domain', command: { type: 'acknowledgeAlert' }, audit, events: [{ type: 'alert.acknowledged', seq: 1, by: 'Li Na' }] });
    expect(model.alerts.openCount()).toBe(0);
    expect(model.alerts.list({ all: true, limit: 10, now: NOW })[0]?.acknowledged?.by).toBe('Li Na');
    expect(model.alerts.list({ all: false, limit: 10, now: NOW })).toEqual([]);
  });

  it('lists the open alerts first, newest first, and below them the ones that ended a moment ago', () => {
    const model = new PageModel();
    for (const seq of [1, 2, 3]) model.apply(alertRecord(seq, { seq }));
    // The newest alert ends; the two older ones stay open.
    model.apply(domainRecord(4, { type: 'alert.closed', seq: 3, reason: 'resolve' }));
    const justNow = Date.parse(AT) + 1000;
    expect(model.alerts.list({ all: false, limit: 10, now: justNow }).map((alert) => alert.alertSeq)).toEqual([2, 1, 3]);
    expect(model.alerts.list({ all: false, limit: 2, now: justNow }).map((alert) => alert.alertSeq)).toEqual([2, 1]);
    expect(model.alerts.list({ all: true, limit: 10, now: justNow }).map((alert) => alert.alertSeq)).toEqual([3, 2, 1]);
    expect(model.alerts.list({ all: false, limit: 10, now: NOW }).map((alert) => alert.alertSeq)).toEqual([2, 1]);
  });

  it("lists the hub's station blocks and closes them when the hub says they ended; a station's own events raise nothing", () => {
    const model = new PageModel();
    // The page derives no alert from a station's events: the hub raises them (docs/domain.md, "Alerts").
    expect(model.apply(stationEvent(1, 'P1', 1, verdict('wrong_item', 'SOCK-01')))).toEqual([]);
    const target = { station: 'P1', reason: 'wrong_item' as const, sku: 'SOCK-01', code: '6901' };
    const [block] = model.apply(alertRecord(2, { seq: 1, kind: 'station-block', severity: 'critical', target }));
    expect(block).toMatchObject({ key: 'a1', alertSeq: 1, kind: 'station-block', reason: 'wrong_item', severity: 'critical', station: 'P1', sku: 'SOCK-01', code: '6901' });
    expect(model.alerts.openCount()).toBe(1);
    model.apply(domainRecord(3, { type: 'alert.closed', seq: 1, reason: 'resolve' }));
    expect(model.alerts.openCount()).toBe(0);
    expect(model.alerts.list({ all: true, limit: 10, now: NOW })[0]?.closed).toEqual({ at: AT, reason: 'resolve' });
  });

  it('makes no alert of its own of a parcel off its weight: the hub raises that station block, and the page shows the hub\'s', () => {
    const model = new PageModel();
    expect(model.apply(stationEvent(1, 'P2', 1, { type: 'pack.blocked', reason: 'weight_mismatch', cause: 'weight', sku: null, code: null, detail: '1100 g / 700 g / −400 g' }))).toEqual([]);
    expect(model.alerts.openCount()).toBe(0);
  });

  it('counts scans, verified orders and the mismatch rate per station', () => {
    const model = new PageModel();
    model.apply(stationEvent(2, 'P1', 1, verdict('counted', 'A')));
    model.apply(stationEvent(3, 'P1', 2, verdict('wrong_item', 'B')));
    model.apply(stationEvent(4, 'P1', 3, verdict('no_order', 'A')));
    model.apply(stationEvent(5, 'P1', 4, { type: 'pack.order_verified' }));
    // A parcel blocked for its weight: no scan, counted apart per station and on the chart's hour.
    model.apply(stationEvent(6, 'P1', 5, { type: 'pack.blocked', reason: 'weight_mismatch', cause: 'weight' }));
    model.apply(stationEvent(7, 'P2', 1, { type: 'pack.blocked', reason: 'wrong_item', cause: 'scan' }));
    const now = Date.parse(AT) + 60_000;
    expect(model.stations.figures('P1', now)).toEqual({ scansThisHour: 3, verifiedThisHour: 1, weightMismatchesThisHour: 1, mismatchRateToday: 0.5 });
    expect(model.stats.perHour(now).at(-1)).toMatchObject({ scans: 3, mismatches: 1 });
    expect(model.stations.siteHours(now).at(-1)).toMatchObject({ scans: 3, mismatches: 1, weightMismatches: 1 });
    expect(model.stations.weightMismatchesByStation(now - 3_600_000)).toEqual([{ station: 'P1', count: 1 }]);
  });

  it("takes each station's weight mismatches from the hub's state, as a reloaded page does", () => {
    const model = new PageModel();
    const at = Date.parse(AT) - (Date.parse(AT) % 900_000);
    const quarter = { at, scans: 2, judged: 2, mismatches: 0, verified: 1, weightMismatches: 2 };
    model.load({ ...EMPTY_STATE, stations: [{ id: 'P1', mappingVersion: 1, packer: null, order: null, bench: null, quarters: [quarter] }] }, NOW);
    const now = Date.parse(AT) + 60_000;
    expect(model.stations.siteHours(now).at(-1)).toMatchObject({ scans: 2, weightMismatches: 2 });
    expect(model.stations.figures('P1', now).weightMismatchesThisHour).toBe(2);
  });

  it("measures the mapping lag from the hub's snapshot version, which only the state and the hub's answers set", () => {
    const model = new PageModel();
    model.load({ ...EMPTY_STATE, hubMappingVersion: 5 }, NOW);
    model.apply(stationEvent(1, 'P1', 1, verdict('counted', 'A')));
    expect(model.stations.mappingLag('P1')).toBe(2);
    expect(laggingStations(model.stations)).toEqual({ version: 5, stations: [{ station: 'P1', version: 3, lag: 2, online: false }] });

    // A catalog, mapping or template event asks the hub again; its own version numbers say nothing.
    const asked = model.revisions.hubMapping;
    model.apply(domainRecord(2, { type: 'catalog.item-set', sku: 'X', version: 9 }));
    model.apply(domainRecord(3, { type: 'mapping.pending', channel: 'taobao', channelSku: 'A' }));
    model.apply(domainRecord(4, { type: 'template.confirmed', channel: 'douyin' }));
    expect(model.revisions.hubMapping).toBe(asked + 3);
    model.apply(domainRecord(5, { type: 'order.held', orderId: 'taobao:TB1' }));
    expect(model.revisions.hubMapping).toBe(asked + 3);
    expect(model.stations.mappingLag('P1')).toBe(2);

    // A pending change moved the snapshot, not the catalog: the hub's answer says 6.
    model.hubMappingAnswered({ version: 6, stations: [] });
    expect(model.stations.mappingLag('P1')).toBe(3);
    const status = (seq: number, mapping: number): FeedRecord => ({
      seq,
      at: AT,
      kind: 'station',
      station: 'P1',
      status: { station: 'P1', state: 'online', at: AT, versions: { mapping, stops: null, freezes: null } },
    });
    model.apply(status(6, 6));
    expect(model.stations.mappingLag('P1')).toBe(0);
    expect(laggingStations(model.stations)).toEqual({ version: 6, stations: [] });
    // A station ahead of the hub's last answer (its delta came first) is not behind.
    model.apply(status(7, 7));
    expect(model.stations.mappingLag('P1')).toBe(0);

    model.reconnected();
    expect(model.revisions.hubMapping).toBe(asked + 4);
    model.hubMappingAnswered({ version: null, stations: [] });
    expect(model.stations.mappingLag('P1')).toBeNull();
  });

  it('counts each task released today at every step it reached', () => {
    const model = new PageModel();
    const task = (seq: number, type: string, taskId: string): FeedRecord => ({
      seq,
      at: AT,
      kind: 'domain',
      command: { type },
      audit,
      events: [{ type, taskId, orderId: `o-${taskId}` }],
    });
    model.apply(task(1, 'task.released', 'T1'));
    model.apply(task(2, 'task.released', 'T2'));
    model.apply(task(3, 'task.loaded', 'T1'));
    model.apply(task(4, 'task.verified', 'T1'));
    model.apply(task(5, 'task.label-printed', 'T1'));
    expect(model.stats.funnel(Date.parse(AT))).toEqual([2, 1, 1, 1]);
  });

  it("counts a task in parcels as finished with its last parcel's label or seal, not its first", () => {
    const model = new PageModel();
    const record = (seq: number, type: string, taskId: string, progress?: string): FeedRecord => ({
      seq,
      at: AT,
      kind: 'domain',
      command: { type },
      audit,
      events: [{ type, taskId, orderId: `o-${taskId}`, ...(progress ? { progress, parcel: { index: 1, waybill: 'YT1' }, parcelCount: 2 } : {}) }],
    });
    for (const [n, taskId] of ['T1', 'T2'].entries()) {
      model.apply(record(3 * n + 1, 'task.released', taskId));
      model.apply(record(3 * n + 2, 'task.loaded', taskId));
      model.apply(record(3 * n + 3, 'task.verified', taskId));
    }
    model.apply(record(7, 'task.label-printed', 'T1', 'verified'));
    model.apply(record(8, 'task.sealed', 'T2', 'verified'));
    expect(model.stats.funnel(Date.parse(AT))).toEqual([2, 2, 2, 0]);
    model.apply(record(9, 'task.label-printed', 'T1', 'labelled'));
    model.apply(record(10, 'task.sealed', 'T2', 'sealed'));
    expect(model.stats.funnel(Date.parse(AT))).toEqual([2, 2, 2, 2]);
  });
});

describe('alert text', () => {
  const mappingAlert = (kind: AlertKind, target: Alert['target']): FeedRecord => alertRecord(1, { seq: 1, kind, severity: 'warning', target });

  it("says which channel's codes stopped resolving, how many and which, in both languages", () => {
    const model = new PageModel();
    const [alert] = model.apply(mappingAlert('mapping-unresolved-rate', { channel: 'douyin', examples: ['DY-RED-M-2601-B7', 'DY-BT-002-B3'], unresolved: 12, orders: 20 }));
    expect(alertDetail(STRINGS.en, alert!)).toBe('Douyin codes no longer resolve: 12 of 20 orders, e.g. DY-RED-M-2601-B7, DY-BT-002-B3');
    expect(alertDetail(STRINGS['zh-CN'], alert!)).toBe('抖音编码无法解析：20 单中有 12 单，例如 DY-RED-M-2601-B7, DY-BT-002-B3');
    const [short] = new PageModel().apply(mappingAlert('mapping-unresolved-rate', { channel: 'douyin', examples: ['DY-X'] }));
    expect(alertDetail(STRINGS.en, short!)).toBe('Douyin codes no longer resolve, e.g. DY-X');
  });

  it('names the code template for a mapping alert with a channel and no channel SKU', () => {
    const [template] = new PageModel().apply(mappingAlert('mapping-pending', { channel: 'douyin' }));
    expect(alertDetail(STRINGS.en, template!)).toBe('Douyin code template');
    const [row] = new PageModel().apply(mappingAlert('mapping-pending', { channel: 'douyin', channelSku: 'DY-BT-002' }));
    expect(alertDetail(STRINGS.en, row!)).toBeNull();
  });

  it('says what a loosened weight tolerance was and is now, in both languages', () => {
    const [alert] = new PageModel().apply(
      alertRecord(1, { seq: 1, kind: 'weight-tolerance-loosened', severity: 'critical', target: { before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 } } }),
    );
    expect(alertDetail(STRINGS.en, alert!)).toBe('Was 20 g / 3 %, now 20 g / 20 %: parcels further off their weight pass the check');
    expect(alertDetail(STRINGS['zh-CN'], alert!)).toBe('原为 20 g / 3 %，现为 20 g / 20 %：偏离应重更多的包裹也能通过称重检查');
  });
});
