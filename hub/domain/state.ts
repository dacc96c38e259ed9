import { PackgateError } from '../../common/errors.js';
import type { StuckNode } from '../../protocol/fulfilment-vocabulary.js';
import type {
  Alert,
  BoxType,
  CarrierEventSeen,
  HandoverBatch,
  Intercept,
  CatalogItem,
  Freeze,
  FreezeList,
  ChannelResolution,
  ChannelTemplate,
  MappingLogEntry,
  MappingRow,
  Order,
  PendingMapping,
  PendingTemplate,
  StationState,
  Stop,
  StockLot,
  StopList,
  StuckOrder,
  Task,
  WeighingSample,
  WeightToleranceChange,
} from './model.js';
import type { Channel } from './schemas.js';

export type * from './model.js';

export const DOMAIN_STATE_SCHEMA = 1;

/**
 * Everything the hub domain knows, as plain JSON (no Maps, Sets or Dates: timestamps are ISO
 * strings), so it can be saved as-is in a lowdb document. Records are keyed by id; look them
 * up with {@link getOwn}, never `record[id]`, as ids come from outside.
 */
export interface DomainState {
  schema: typeof DOMAIN_STATE_SCHEMA;
  /** `handover` is absent in states saved before dock batches (read as 0). */
  counters: { task: number; stop: number; freeze: number; alert: number; handover?: number; weighing?: number };
  /** Catalog items by master SKU. */
  catalog: Record<string, CatalogItem>;
  /** Rises by one with every catalog change: the version of the mapping snapshot stations hold. */
  catalogVersion: number;
  /** The site's box types by barcode as given (absent in states saved before box types: none). */
  boxTypes: Record<string, BoxType>;
  /** The newest accepted weighings (at most MAX_WEIGHINGS), by `W{n}`, oldest first: what unit weights are learned from. */
  weighings: Record<string, WeighingSample>;
  /**
   * Every change of the site's weight tolerance, oldest first (append only; absent in states saved
   * before it: none). The last one is in force.
   */
  weightToleranceLog: WeightToleranceChange[];
  /** Keyed by `{channel}:{channelSku}`. */
  mappings: Record<string, MappingRow>;
  /** Rises by one with every change of a row or a template: one version per `mappingLog` entry. */
  mappingVersion: number;
  /** Every mapping change, oldest first (append only). */
  mappingLog: MappingLogEntry[];
  /** Mapping changes waiting for confirmation, by mapping key (the circuit breaker). */
  pendingMappings: Record<string, PendingMapping>;
  /** Channel rule templates, by channel. */
  templates: Record<string, ChannelTemplate>;
  /** Template changes waiting for confirmation, by channel. */
  pendingTemplates: Record<string, PendingTemplate>;
  /** How each channel's recent orders resolved, by channel. */
  channelResolution: Record<string, ChannelResolution>;
  orders: Record<string, Order>;
  /**
   * The waybill index: every parcel's waybill, upper case ({@link waybillKey}), to the orders
   * that have it, oldest first (at most one of them live). Read it with `ordersOfWaybill`.
   */
  waybills: Record<string, string[]>;
  tasks: Record<string, Task>;
  stops: Record<string, Stop>;
  freezes: Record<string, Freeze>;
  /** Lots by master SKU. A SKU with no entry is not tracked: it is never blocked. */
  stock: Record<string, StockLot[]>;
  /** In `seq` order. */
  alerts: Alert[];
  stations: Record<string, StationState>;
  stopList: StopList;
  freezeList: FreezeList;
  /** Every carrier event stored, by `{carrier}:{eventId}` (carrierEventKey): the duplicate check. */
  carrierEvents: Record<string, CarrierEventSeen>;
  /** Orders with an open `order-stuck` alert, by order id (the patrol's memory). */
  stuck: Record<string, StuckOrder>;
  /** Dock handover batches by id, open and closed. */
  handovers: Record<string, HandoverBatch>;
  /** Orders with an open `parcel-intercepted` alert, by order id. */
  intercepts: Record<string, Intercept>;
  /**
   * Lasting conditions with an open alert, by condition key (`condition` in alerts.ts) to the
   * alert: the event that ends the condition closes that alert.
   */
  conditions: Record<string, { alertSeq: number }>;
  /** Waybills a manager marked disputed (a refund-only claim), by {@link waybillKey}: their clips are pinned. */
  disputes: Record<string, Dispute>;
}

/** A disputed waybill: who marked it, when and why (docs/operations.md, "Answering a refund-only claim"). */
export interface Dispute {
  readonly waybill: string;
  readonly since: string;
  readonly by: string;
  readonly note?: string;
}

/** Hub policy the domain applies. */
export interface DomainConfig {
  /** Time to live of a freeze that gives none. Default 24 h. */
  freezeTtlMs: number;
  /** At expiry, raise a critical alert and keep the freeze (default), or release the task. */
  onFreezeExpiry: 'escalate' | 'release';
  /**
   * Also block tasks whose stock is short without any freeze (stale stock figures would then
   * block packers). Default false: only a shortfall a freeze causes blocks.
   */
  blockOnShortStock: boolean;
  /**
   * One alert per channel when more than `threshold` of its last `window` orders (at least
   * `minOrders` of them) carry a code nothing resolves; it re-arms at half the threshold.
   */
  unresolvedAlert: { window: number; threshold: number; minOrders: number };
  /**
   * How long an order may stay at a node before the patrol raises `order-stuck`, in ms:
   * `released` (released but not labelled or sealed), `labelled` (not handed over),
   * `handed-over` (not picked up). Defaults 4 h, 2 h, 4 h.
   */
  stuckLimits: Record<StuckNode, number>;
  /** How many of the newest accepted weighings the hub keeps to learn unit weights from. Default 5000. */
  weighingsKept: number;
}

export const DEFAULT_DOMAIN_CONFIG: Readonly<DomainConfig> = Object.freeze({
  freezeTtlMs: 24 * 3600 * 1000,
  onFreezeExpiry: 'escalate',
  blockOnShortStock: false,
  unresolvedAlert: Object.freeze({ window: 20, threshold: 0.3, minOrders: 10 }),
  stuckLimits: Object.freeze({ released: 4 * 3600_000, labelled: 2 * 3600_000, 'handed-over': 4 * 3600_000 }),
  weighingsKept: 5000,
});

/** An empty domain: no orders, stock, alerts; both lists at version 0. */
export function createDomainState(): DomainState {
  return {
    schema: DOMAIN_STATE_SCHEMA,
    counters: { task: 0, stop: 0, freeze: 0, alert: 0 },
    catalog: {},
    catalogVersion: 0,
    boxTypes: {},
    weighings: {},
    weightToleranceLog: [],
    mappings: {},
    mappingVersion: 0,
    mappingLog: [],
    pendingMappings: {},
    templates: {},
    pendingTemplates: {},
    channelResolution: {},
    orders: {},
    waybills: {},
    tasks: {},
    stops: {},
    freezes: {},
    stock: {},
    alerts: [],
    stations: {},
    stopList: { version: 0, entries: [] },
    freezeList: { version: 0, entries: [] },
    carrierEvents: {},
    stuck: {},
    handovers: {},
    intercepts: {},
    conditions: {},
    disputes: {},
  };
}

/**
 * A saved document back as a state: checks the schema version and fills collections a newer
 * build added. Throws a {@link PackgateError} `DOMAIN_STATE_INVALID` for anything else.
 */
export function restoreDomainState(doc: unknown): DomainState {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new PackgateError('DOMAIN_STATE_INVALID', 'the saved domain state is not an object');
  }
  const schema = (doc as { schema?: unknown }).schema;
  if (schema !== DOMAIN_STATE_SCHEMA) {
    throw new PackgateError('DOMAIN_STATE_INVALID', `domain state schema ${String(schema)} is not supported`);
  }
  const state = { ...createDomainState(), ...(structuredClone(doc) as Partial<DomainState>) } as DomainState;
  if (!Object.hasOwn(doc, 'mappingLog')) {
    state.mappingLog = baselineLog(state.mappings);
    state.mappingVersion = state.mappingLog.length;
  }
  if (!Object.hasOwn(doc, 'waybills')) addParcels(state);
  return state;
}

/**
 * A state saved before parcels: each order gets its one parcel on its waybill (labelled where its
 * task was), and the waybill index is built, orders in creation order.
 */
function addParcels(state: DomainState): void {
  const orders = Object.values(state.orders).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const order of orders) {
    const task = order.taskId === undefined ? undefined : getOwn(state.tasks, order.taskId);
    const labelled = task?.labelledAt !== undefined && task.station !== undefined ? { labelled: { at: task.labelledAt, station: task.station } } : {};
    order.parcels ??= [{ waybill: order.waybill, ...labelled }];
    for (const parcel of order.parcels) {
      const key = waybillKey(parcel.waybill);
      state.waybills[key] = [...(getOwn(state.waybills, key) ?? []), order.id];
    }
  }
}

/** Finished: every parcel of the task's order labelled or sealed; its units have left the shelf. */
export function isFinished(task: { readonly progress: Task['progress'] }): boolean {
  return task.progress === 'labelled' || task.progress === 'sealed';
}

/** How the waybill index spells a waybill: carriers' waybills do not differ by case alone. */
export function waybillKey(waybill: string): string {
  return waybill.toUpperCase();
}

/**
 * Turns a channel SKU into a master SKU, or undefined when there is no mapping. The only way
 * the domain resolves order lines, so the catalog can replace the explicit rows behind it.
 */
export type ChannelSkuResolver = (channel: Channel, channelSku: string) => string | undefined;

/** An own property of a record, or undefined (`getOwn(tasks, 'constructor')` is undefined). */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The order id the hub gives an order: its channel and channel order number. */
export function orderIdOf(channel: Channel, orderNo: string): string {
  return `${channel}:${orderNo}`;
}

/** The rows a state saved before the log existed already had: one `set` each, at the epoch, by `system`. */
function baselineLog(mappings: Readonly<Record<string, MappingRow>>): MappingLogEntry[] {
  return Object.values(mappings).map((row, index) => ({
    version: index + 1,
    at: new Date(0).toISOString(),
    by: 'system',
    channel: row.channel,
    channelSku: row.channelSku,
    kind: 'set',
    to: row.masterSku,
    note: 'present before the mapping log',
  }));
}
