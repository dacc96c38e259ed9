import Fastify from 'fastify';
import type { Static, TSchema } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { AlertRecord } from '../../../../hub/api/routes/alerts.js';
import { BoxTypeRecord } from '../../../../hub/api/routes/box-types.js';
import { CatalogItemRecord } from '../../../../hub/api/routes/catalog.js';
import { PendingRow } from '../../../../hub/api/routes/mapping/mapping-breaker.js';
import { LogEntry } from '../../../../hub/api/routes/mapping/mapping-history.js';
import { MappingRowRecord, PendingTemplateRecord } from '../../../../hub/api/routes/mapping/mapping-records.js';
import { FreezeList, FreezeRecord, OrderRecord, StopList, StopRecord, TaskRecord } from '../../../../hub/api/routes/records.js';
import { StockRow } from '../../../../hub/api/routes/stock.js';
import { TabletState } from '../../../../hub/api/routes/tablet-state.js';
import { TemplateRecord } from '../../../../hub/api/routes/mapping/templates.js';
import type { ParcelShown } from '../../../../hub/domain/model.js';
import type {
  Alert,
  BoxType,
  CatalogItem,
  ChannelTemplate,
  Freeze,
  FreezeList as FreezeListType,
  MappingLogEntry,
  MappingRow,
  Order,
  PendingMapping,
  PendingTemplate,
  StockLot,
  Stop,
  StopList as StopListType,
  Task,
} from '../../../../hub/domain/state.js';
import type { TaskStatus } from '../../../../hub/domain/tasks.js';
import type { StationSnapshot } from '../../../../common/tally/stations.js';
import type { StatsSnapshot } from '../../../../common/tally/stats.js';

/*
 * A route's response schema and the domain's type of the record it shows must not disagree:
 * fast-json-stringify writes only what the schema declares, so a field the domain has and the
 * schema lacks is silently dropped. Checked twice: by the compiler (the schema's type is the
 * domain's, see `Same`), and at run time (a record with every optional field set goes through
 * the route's serializer whole).
 */

/** `true` when A and B are the same type: mutually assignable, with the same optional fields. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flat<T> = T extends readonly (infer U)[] ? Flat<U>[] : T extends object ? { -readonly [K in keyof T]: Flat<T[K]> } : T;
/** The record with every optional field set, all the way down. */
type Complete<T> = T extends readonly (infer U)[] ? Complete<U>[] : T extends object ? { [K in keyof T]-?: Complete<Exclude<T[K], undefined>> } : T;
const same = <A, B>(check: Same<Flat<A>, Flat<B>>) => check;

type OrderShown = Omit<Order, 'parcels'> & { parcels: ParcelShown[] };
type TaskShown = Task & { status: TaskStatus };

// Compile-time: each fails `npm run typecheck` when the schema and the domain type drift apart.
same<Static<typeof AlertRecord>, Alert>(true);
same<Static<typeof OrderRecord>, OrderShown>(true);
same<Static<typeof TaskRecord>, TaskShown>(true);
same<Static<typeof StopRecord>, Stop>(true);
same<Static<typeof FreezeRecord>, Freeze>(true);
same<Static<typeof StopList>, StopListType>(true);
same<Static<typeof FreezeList>, FreezeListType>(true);
same<Static<typeof CatalogItemRecord>, CatalogItem>(true);
same<Static<typeof BoxTypeRecord>, BoxType>(true);
same<Static<typeof StockRow>['lots'], StockLot[]>(true);
same<Static<typeof MappingRowRecord>, MappingRow>(true);
same<Static<typeof LogEntry>, MappingLogEntry>(true);
same<Omit<Static<typeof PendingRow>, 'heldOrders'>, PendingMapping>(true);
same<Static<typeof PendingTemplateRecord>, PendingTemplate>(true);
same<Static<typeof TemplateRecord>, ChannelTemplate>(true);
// The tablet state's stations and figures: the tallies' own types (common/tally/, which imports no TypeBox).
same<Static<typeof TabletState>['stations'][number], StationSnapshot>(true);
same<Static<typeof TabletState>['stats'], StatsSnapshot>(true);

const AT = '2026-05-01T08:00:00.000Z';
const mark = { at: AT, station: 'S1' };
const lot = { batch: 'B1', warehouse: 'W1' };

const alert: Complete<Alert> = {
  seq: 1,
  at: AT,
  kind: 'mapping-unresolved-rate',
  severity: 'warning',
  message: 'm',
  target: {
    station: 'S1', channel: 'taobao', device: 'scanner', orderId: 'taobao:TB1', taskId: 'T1', sku: 'SKU', channelSku: 'C',
    freezeId: 'F1', stopId: 'S1', examples: ['C'], unresolved: 3, orders: 10,
    node: 'labelled', since: AT, waybill: 'SF1', batchId: 'H1', carrier: 'sf-express', reason: 'wrong_item', code: '6901234567892', fault: 'paper out',
    before: { grams: 20, percent: 3 }, after: { grams: 20, percent: 20 },
  },
  acknowledged: { by: 'Wang Fang', at: AT },
  closed: { at: AT, reason: 'moved on' },
};
const order: Complete<OrderShown> = {
  id: 'taobao:TB1',
  channel: 'taobao',
  orderNo: 'TB1',
  waybill: 'SF1',
  label: { name: 'n', phone: 'p', address: 'a' },
  lines: [{ channelSku: 'C', quantity: 1, masterSku: 'SKU' }],
  parcels: [{ waybill: 'SF1', platform: 'cainiao', closed: { ...mark, units: [{ sku: 'SKU', quantity: 1 }] }, labelled: mark, sealed: mark, handedOver: { ...mark, batchId: 'H1' } }],
  status: 'held',
  createdAt: AT,
  hold: { since: AT, unresolved: [{ line: 0, channelSku: 'C', pending: 'SKU' }] },
  taskId: 'T1',
  releasedAt: AT,
  cancelledAt: AT,
  carrier: 'sf-express',
  tracking: { pickedUp: AT, inTransit: AT, delivered: AT, exception: { at: AT, detail: 'address unknown' } },
};
const task: Complete<TaskShown> = {
  id: 'T1',
  no: 1,
  orderId: 'taobao:TB1',
  status: 'blocked',
  progress: 'labelled',
  lines: [{ sku: 'SKU', quantity: 1 }],
  station: 'S1',
  releasedAt: AT,
  loadedAt: AT,
  verifiedAt: AT,
  labelledAt: AT,
  sealedAt: AT,
  block: { reason: 'short-stock', skus: ['SKU'], since: AT },
  cancelled: { at: AT, freezeId: 'F1' },
  consumed: [{ sku: 'SKU', ...lot, quantity: 1 }],
};
const stop: Complete<Stop> = { id: 'S1', orderId: 'taobao:TB1', reason: 'refund', since: AT, freezeId: 'F1', note: 'n' };
const freeze: Complete<Freeze> = {
  id: 'F1',
  orderId: 'taobao:TB1',
  lines: [{ sku: 'SKU', quantity: 1, ...lot }],
  status: 'pending',
  createdAt: AT,
  expiresAt: AT,
  stopId: 'S1',
  escalatedAt: AT,
  closedAt: AT,
  decidedBy: 'Li Na',
  note: 'n',
};
const stopList: Complete<StopListType> = {
  version: 1,
  entries: [{ taskId: 'T1', orderId: 'taobao:TB1', reason: 'fraud', since: AT, cancelled: true }],
};
const freezeList: Complete<FreezeListType> = { version: 1, entries: [{ sku: 'SKU', ...lot, quantity: 1, exhausted: true }] };

const catalogItem: Complete<CatalogItem> = {
  masterSku: 'SKU',
  barcodes: [{ code: '6901234567892', multiplier: 6 }],
  tracking: { batch: true, serial: true, expiry: true },
  unitWeightGrams: 250.5,
  attributes: { brand: 'ACME', category: 'dress', attributes: { colour: 'red', size: 38 } },
  name: { 'zh-CN': '连衣裙', en: 'Dress' },
  imageUrl: 'https://example.com/dress.png',
};
const boxType: Complete<BoxType> = { code: 'BOX-S', grams: 80.5, maxUnits: 3, name: 'small' };
const stockRow: Complete<Static<typeof StockRow>> = {
  sku: 'SKU', tracked: true, onHand: 5, reserved: 1, frozen: 1, available: 3, blocked: 0, lots: [{ ...lot, onHand: 5 }],
};
const mappingRow: Complete<MappingRow> = { channel: 'douyin', channelSku: 'DY-1', masterSku: 'SKU' };
const logEntry: Complete<MappingLogEntry> = {
  version: 3, at: AT, by: 'Li Na', channel: 'douyin', channelSku: 'DY-1', kind: 'rolled-back', from: 'SKU2', to: 'SKU', note: 'n',
};
const pendingRow: Complete<Static<typeof PendingRow>> = {
  channel: 'douyin', channelSku: 'DY-1', previous: 'SKU', masterSku: 'SKU2', skus: ['SKU', 'SKU2'], since: AT, heldOrders: ['douyin:D1'],
};
const pendingTemplate: Complete<PendingTemplate> = { channel: 'douyin', previous: 'DY-{brand}', source: 'DY-{category}', skus: ['SKU'], since: AT };
const template: Complete<ChannelTemplate> = { channel: 'douyin', source: 'DY-{brand}', setAt: AT, version: 2 };

const device = { kind: 'scanner', state: 'fault', detail: 'USB cable pulled' } as const;
const tabletState: Complete<Static<typeof TabletState>> = {
  history: { id: AT, lastSeq: 9 },
  seq: 9,
  alerts: [alert],
  stations: [
    {
      id: 'S1', presence: 'online', scanner: device, printer: { ...device, kind: 'printer' }, scale: { ...device, kind: 'scale' }, mappingVersion: 3, packer: 'Wang Fang',
      order: { taskId: 'T1', orderId: 'taobao:TB1', orderNo: 'TB1', channel: 'taobao' },
      bench: { progress: 'verified', closed: 2, released: 1, block: { reason: 'order_stopped', detail: 'refund', hold: true }, label: 'requested', refused: 'awaiting_weight' },
      quarters: [{ at: 1_777_622_400_000, scans: 4, judged: 3, mismatches: 1, verified: 2, weightMismatches: 1 }],
    },
  ],
  hubMappingVersion: 3,
  stats: {
    quarters: [{ at: 1_777_622_400_000, scans: 4, mismatches: 1 }],
    tasks: [{ taskId: 'T1', releasedAt: 1_777_622_400_000, step: 1 }],
    labelled: [{ at: 1_777_622_400_000, count: 1 }],
  },
};

const cases: Array<[string, TSchema, unknown]> = [
  ['alert', AlertRecord, alert],
  ['order', OrderRecord, order],
  ['task', TaskRecord, task],
  ['stop', StopRecord, stop],
  ['freeze', FreezeRecord, freeze],
  ['stop list', StopList, stopList],
  ['freeze list', FreezeList, freezeList],
  ['catalog item', CatalogItemRecord, catalogItem],
  ['box type', BoxTypeRecord, boxType],
  ['stock row', StockRow, stockRow],
  ['mapping row', MappingRowRecord, mappingRow],
  ['mapping log entry', LogEntry, logEntry],
  ['pending mapping', PendingRow, pendingRow],
  ['pending template', PendingTemplateRecord, pendingTemplate],
  ['removed template pending', PendingTemplateRecord, { ...pendingTemplate, source: null }],
  ['channel template', TemplateRecord, template],
  ['tablet state', TabletState, tabletState],
];

describe("the API's record schemas", () => {
  const app = Fastify({ logger: false });
  for (const [name, schema, record] of cases) {
    app.get(`/${name}`, { schema: { response: { 200: schema } } }, async () => record);
  }
  afterAll(() => app.close());

  it.each(cases)('serialize a full %s and lose no field', async (name, _schema, record) => {
    const response = await app.inject({ method: 'GET', url: `/${name}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(record);
  });
});
