import Type, { type Static } from 'typebox';
import { WaybillPrintData } from '../../protocol/waybill.js';
import { WAYBILL_PLATFORMS } from '../../protocol/waybill-vocabulary.js';
import { PACK_BLOCK_REASONS } from '../../protocol/pack-vocabulary.js';
import { CARRIER_EVENT_TYPES, FULFILMENT_NODES, STUCK_NODES } from '../../protocol/fulfilment-vocabulary.js';
import { TASK_PROGRESS, TASK_STATUSES } from '../../common/tally/task-status.js';
import { WeightTolerancePayload } from '../../protocol/weight-tolerance.js';
import { CHANNELS, LabelData, STOP_REASONS, WeightToleranceSource } from './schemas.js';

export { TASK_PROGRESS, TASK_STATUSES };

/*
 * The records the domain state is made of; plain JSON, timestamps as ISO strings. A record
 * declared as a TypeBox schema is its one source: the type is derived (`Static<>`), the API's
 * routes answer with the schema and the tablet page imports the type (docs/architecture.md).
 */

/** Why a task is stopped: a person's reason, or `refund` for a freeze's stop. */
export const StopReason = Type.Enum([...STOP_REASONS, 'refund']);
export type StopReason = Static<typeof StopReason>;
/**
 * Why the hub blocks a released task: its stock is short because of a freeze, or short in any
 * case; or one of its master SKUs has a mapping change waiting for confirmation.
 */
export const BLOCK_REASONS = ['frozen-stock', 'short-stock', 'mapping-pending'] as const;
export const BlockReason = Type.Enum(BLOCK_REASONS);
export type BlockReason = Static<typeof BlockReason>;

const Time = Type.String({ description: 'ISO 8601 instant' });
const Lot = { batch: Type.Optional(Type.String()), warehouse: Type.Optional(Type.String()) };

/** Units of one master SKU (an order's lines for the same SKU are summed). */
export const TaskLine = Type.Object({ sku: Type.String(), quantity: Type.Integer() });
export type TaskLine = Static<typeof TaskLine>;

/** Units moved between a lot's on-hand and a parcel. */
export const StockMove = Type.Object({ sku: Type.String(), ...Lot, quantity: Type.Integer() });
export type StockMove = Static<typeof StockMove>;

export const OrderLine = Type.Object({
  channelSku: Type.String(),
  quantity: Type.Integer(),
  masterSku: Type.Optional(Type.String({ description: 'set once the line resolves through the mappings' })),
});
export type OrderLine = Static<typeof OrderLine>;

/** A line that did not resolve: its index in `lines` and its channel SKU. */
export const UnresolvedLine = Type.Object({
  line: Type.Integer(),
  channelSku: Type.String(),
  pending: Type.Optional(
    Type.String({ description: 'the line maps to this master SKU, but a change of its mappings waits for confirmation' }),
  ),
});
export type UnresolvedLine = Static<typeof UnresolvedLine>;

/** When and at which station something happened to a parcel. */
export const ParcelMark = Type.Object({ at: Time, station: Type.String() });
export type ParcelMark = Static<typeof ParcelMark>;

/** A parcel as people and the feed see it: everything but its print data. */
export const ParcelShown = Type.Object({
  waybill: Type.String(),
  platform: Type.Optional(
    Type.Enum(WAYBILL_PLATFORMS, { description: "the platform whose print program prints its label; absent: the station's own ZPL label" }),
  ),
  closed: Type.Optional(
    Type.Object(
      { ...ParcelMark.properties, units: Type.Array(TaskLine) },
      { description: 'the packer closed it (a multi-parcel order) with these units in it' },
    ),
  ),
  labelled: Type.Optional(Type.Object(ParcelMark.properties, { description: 'its label first printed (reprints are events only)' })),
  sealed: Type.Optional(Type.Object(ParcelMark.properties, { description: 'sealed in the pre-printed flow' })),
  handedOver: Type.Optional(
    Type.Object(
      { at: Time, batchId: Type.String(), station: Type.Optional(Type.String()) },
      { description: 'left the warehouse in this dock handover batch (交接), when the batch closed' },
    ),
  ),
});
export type ParcelShown = Static<typeof ParcelShown>;

/**
 * One parcel (包裹) of an order, in packing order: parcel 1 is on the order's `waybill`. Its
 * progress is what stations reported of it; `print` is the platform's print data, as the
 * integration sent it: never shown, logged or put on the feed; it travels to the station in the
 * task. Dropped once every parcel of the order is labelled or sealed, or the order is cancelled
 * (docs/domain.md, "Parcels").
 */
export const Parcel = Type.Object({
  waybill: ParcelShown.properties.waybill,
  platform: ParcelShown.properties.platform,
  print: Type.Optional(WaybillPrintData),
  closed: ParcelShown.properties.closed,
  labelled: ParcelShown.properties.labelled,
  sealed: ParcelShown.properties.sealed,
  handedOver: ParcelShown.properties.handedOver,
});
export type Parcel = Static<typeof Parcel>;

/** `held`: in the needs-mapping pool; `released`: has a pack task; `cancelled`: its refund was released. */
export const OrderStatus = Type.Enum(['held', 'released', 'cancelled']);
export type OrderStatus = Static<typeof OrderStatus>;

/** A fulfilment node, in the order an order reaches them (protocol/fulfilment-vocabulary.ts). */
export const FulfilmentNode = Type.Enum(FULFILMENT_NODES);
export type FulfilmentNode = Static<typeof FulfilmentNode>;

/**
 * What the carrier reported of an order (the first time of each kind; later repeats are in the
 * history only). The warehouse's own nodes are derived from the task and the parcels.
 */
export const CarrierProgress = Type.Object({
  pickedUp: Type.Optional(Time),
  inTransit: Type.Optional(Time),
  delivered: Type.Optional(Time),
  exception: Type.Optional(Type.Object({ at: Time, detail: Type.Optional(Type.String()) }, { description: 'the newest exception' })),
});
export type CarrierProgress = Static<typeof CarrierProgress>;

export const Order = Type.Object({
  id: Type.String({ description: '`{channel}:{orderNo}`' }),
  channel: Type.Enum(CHANNELS),
  orderNo: Type.String(),
  waybill: Type.String({ description: "parcel 1's waybill, the order's own" }),
  label: LabelData,
  lines: Type.Array(OrderLine),
  parcels: Type.Array(Parcel, { description: 'at least one, in packing order; every waybill distinct' }),
  status: OrderStatus,
  createdAt: Time,
  hold: Type.Optional(
    Type.Object({ since: Time, unresolved: Type.Array(UnresolvedLine) }, { description: 'while held: the lines no mapping resolves' }),
  ),
  taskId: Type.Optional(Type.String()),
  releasedAt: Type.Optional(Time),
  cancelledAt: Type.Optional(Time),
  carrier: Type.Optional(Type.String({ description: 'the carrier its waybills belong to (`sf-express` …); a dock batch of another carrier refuses it' })),
  tracking: Type.Optional(CarrierProgress),
});
export type Order = Static<typeof Order>;

/** Progress of a pack task (common/tally/task-status.ts says what each means). */
export const TaskProgress = Type.Enum(TASK_PROGRESS, {
  description: 'labelled: every parcel labelled; sealed: every parcel sealed (the pre-printed flow)',
});
export type TaskProgress = Static<typeof TaskProgress>;

export const TaskStatus = Type.Enum(TASK_STATUSES, { description: 'as shown to people: cancelled, then stopped, then blocked hide the progress' });
export type TaskStatus = Static<typeof TaskStatus>;

export const Task = Type.Object({
  id: Type.String({ description: '`T{no}`' }),
  no: Type.Integer({ description: 'release order: higher is newer' }),
  orderId: Type.String(),
  lines: Type.Array(TaskLine),
  progress: TaskProgress,
  station: Type.Optional(Type.String({ description: 'the station that loaded it (kept after labelling)' })),
  releasedAt: Time,
  loadedAt: Type.Optional(Time),
  verifiedAt: Type.Optional(Time),
  labelledAt: Type.Optional(Time),
  sealedAt: Type.Optional(Time),
  block: Type.Optional(Type.Object({ reason: BlockReason, skus: Type.Array(Type.String()), since: Time })),
  cancelled: Type.Optional(
    Type.Object({ at: Time, freezeId: Type.String() }, { description: 'a freeze released the task: it will never ship' }),
  ),
  consumed: Type.Optional(
    Type.Array(StockMove, {
      description: 'units taken from on-hand when the task finished (labelled or sealed), returned if it is released later',
    }),
  ),
});
export type Task = Static<typeof Task>;

/** An active stop. A lifted stop leaves the state (its events stay in the history). */
export const Stop = Type.Object({
  id: Type.String({ description: '`S{n}`' }),
  orderId: Type.String(),
  reason: StopReason,
  since: Time,
  freezeId: Type.Optional(Type.String({ description: 'the freeze a refund stop belongs to' })),
  note: Type.Optional(Type.String()),
});
export type Stop = Static<typeof Stop>;

export const FreezeLine = Type.Object({ sku: Type.String(), quantity: Type.Integer(), ...Lot });
export type FreezeLine = Static<typeof FreezeLine>;

/** `expired`: released by the expiry policy. A pending freeze past its expiry is escalated, not expired. */
export const FreezeStatus = Type.Enum(['pending', 'approved', 'rejected', 'expired']);
export type FreezeStatus = Static<typeof FreezeStatus>;

export const Freeze = Type.Object({
  id: Type.String({ description: '`F{n}`' }),
  orderId: Type.String(),
  lines: Type.Array(FreezeLine),
  status: FreezeStatus,
  createdAt: Time,
  expiresAt: Time,
  stopId: Type.String(),
  escalatedAt: Type.Optional(Time),
  closedAt: Type.Optional(Time),
  decidedBy: Type.Optional(
    Type.String({ description: "who approved or rejected it (the actor's name, or its id), at closedAt; absent while pending and when it expired" }),
  ),
  note: Type.Optional(Type.String()),
});
export type Freeze = Static<typeof Freeze>;

/** On-hand units of one SKU in one lot (batch and warehouse, either may be unknown). */
export const StockLot = Type.Object({ ...Lot, onHand: Type.Integer() });
export type StockLot = Static<typeof StockLot>;

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export const Severity = Type.Enum(SEVERITIES);
export type Severity = Static<typeof Severity>;

export const ALERT_KINDS = [
  'order-held',
  'task-stopped',
  'task-blocked',
  'label-while-held',
  'sealed-while-held',
  'freeze-created',
  'freeze-expired',
  'freeze-released',
  'station-fault',
  'station-recovered',
  'station-offline',
  'station-online',
  'station-reset',
  'history-lost',
  'mapping-pending',
  'mapping-confirmed',
  'mapping-rolled-back',
  'mapping-unresolved-rate',
  'order-stuck',
  'parcel-intercepted',
  'carrier-exception',
  'station-block',
  'weight-tolerance-loosened',
] as const;
export const AlertKind = Type.Enum(ALERT_KINDS, { description: 'tablets translate from kind and target' });
export type AlertKind = Static<typeof AlertKind>;

/** What an alert is about; only the fields that apply are set. */
export const AlertTarget = Type.Object({
  station: Type.Optional(Type.String()),
  channel: Type.Optional(Type.String({ description: 'mapping alerts; a template change names the channel and no channelSku' })),
  device: Type.Optional(Type.String()),
  orderId: Type.Optional(Type.String()),
  taskId: Type.Optional(Type.String()),
  sku: Type.Optional(Type.String()),
  channelSku: Type.Optional(Type.String()),
  freezeId: Type.Optional(Type.String()),
  stopId: Type.Optional(Type.String()),
  examples: Type.Optional(
    Type.Array(Type.String(), { description: 'examples of what the alert is about, e.g. up to 5 unresolved channel codes' }),
  ),
  unresolved: Type.Optional(
    Type.Integer({ description: "mapping-unresolved-rate: orders with an unresolved code out of the channel's recent `orders`" }),
  ),
  orders: Type.Optional(Type.Integer({ description: "mapping-unresolved-rate: the channel's recent orders counted" })),
  node: Type.Optional(Type.Enum(STUCK_NODES, { description: 'order-stuck: the node the order stays at' })),
  since: Type.Optional(Type.String({ description: 'order-stuck: when the order reached that node' })),
  waybill: Type.Optional(Type.String({ description: 'parcel-intercepted: the parcel to take out' })),
  batchId: Type.Optional(Type.String({ description: 'parcel-intercepted: the open dock batch holding the parcel' })),
  carrier: Type.Optional(Type.String()),
  reason: Type.Optional(Type.Enum(PACK_BLOCK_REASONS, { description: "station-block: the blocking verdict (PACK_VERDICTS), e.g. wrong_item" })),
  code: Type.Optional(Type.String({ description: 'station-block: the scanned code' })),
  fault: Type.Optional(Type.String({ description: 'station-fault: what the device reported, e.g. "paper out", "USB cable pulled"' })),
  /** weight-tolerance-loosened: the tolerance in force before, and the looser one in force from the alert on. */
  before: Type.Optional(WeightTolerancePayload),
  after: Type.Optional(WeightTolerancePayload),
});
export type AlertTarget = Static<typeof AlertTarget>;

/** A hub alert, in `DomainState.alerts`, as `GET /api/v1/alerts` shows it. */
export const Alert = Type.Object({
  seq: Type.Integer({ description: "the domain's alert counter: 1, 2, 3 … never reused (not the history sequence)" }),
  at: Type.String({ description: 'ISO 8601 instant' }),
  kind: AlertKind,
  severity: Severity,
  message: Type.String({ description: 'English, for logs; tablets translate from kind and target' }),
  target: AlertTarget,
  acknowledged: Type.Optional(Type.Object({ by: Type.String(), at: Type.String() })),
  closed: Type.Optional(
    Type.Object(
      { at: Type.String(), reason: Type.String() },
      {
        description:
          'an alert about a lasting condition (a device fault, a block at a bench, an order held, a stop, a freeze, a pending mapping, order-stuck, parcel-intercepted) closes when the event that ends it comes; reason says which',
      },
    ),
  ),
});
export type Alert = Static<typeof Alert>;

export interface StationState {
  state: 'online' | 'offline';
  since: string;
  /** Faulted devices by device kind. */
  faults: Record<string, { detail: string; since: string }>;
}

/** Brand, category and the core attributes by name (`MasterAttributes` of `catalog/master-sku.ts`). */
export const ItemAttributes = Type.Object({
  brand: Type.String(),
  category: Type.String(),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});
export type ItemAttributes = Static<typeof ItemAttributes>;

/** A master SKU's barcodes (each with the units one scan stands for) and the tracking its units need. */
export const CatalogItem = Type.Object({
  masterSku: Type.String(),
  barcodes: Type.Array(Type.Object({ code: Type.String(), multiplier: Type.Integer({ description: 'units per scan: a case of six is 6' }) })),
  tracking: Type.Optional(Type.Object({ batch: Type.Optional(Type.Boolean()), serial: Type.Optional(Type.Boolean()), expiry: Type.Optional(Type.Boolean()) })),
  unitWeightGrams: Type.Optional(
    Type.Number({ description: "grams one unit weighs, packed as it ships; stations check a parcel's weight against it (docs/pack-session.md)" }),
  ),
  attributes: Type.Optional(Type.Object(ItemAttributes.properties, { description: 'what the SKU is, as given (normalised when read); channel rule templates read it' })),
  name: Type.Optional(
    Type.Object({ 'zh-CN': Type.Optional(Type.String()), en: Type.Optional(Type.String()) }, { description: 'what the packer reads on the screen, in either language or both' }),
  ),
  imageUrl: Type.Optional(Type.String({ description: "a picture of the unit (http or https URL) the packer's screen shows" })),
});
export type CatalogItem = Static<typeof CatalogItem>;

/**
 * A box type (packaging) of the site: the barcode printed on it (its id), what it weighs empty
 * with its filler, and the most units the stations' rule picks it for (docs/pack-session.md,
 * "Box types"). Sent to stations with every task.
 */
export const BoxType = Type.Object({
  code: Type.String({ description: 'the barcode printed on the box' }),
  grams: Type.Number({ description: 'what the empty box weighs with its filler' }),
  maxUnits: Type.Optional(
    Type.Integer({ description: "the most units the stations' rule picks it for; absent: the rule never picks it, only a scan of its barcode does" }),
  ),
  name: Type.Optional(Type.String()),
});
export type BoxType = Static<typeof BoxType>;

/**
 * One accepted weighing a station reported (`pack.label_requested` or `pack.sealed` with a weight
 * that passed or was not checked): what was on the scale, its box, and what it weighed. The
 * hub learns unit weights from these (docs/domain.md, "Learned weights").
 */
export interface WeighingSample {
  at: string;
  station: string;
  taskId: string;
  grams: number;
  boxGrams: number;
  lines: Array<{ sku: string; quantity: number }>;
}

/**
 * One change of the site's weight tolerance (the first one recorded included): what was in force
 * before (null: none recorded), what is from `at` on, and where it came from.
 */
export const WeightToleranceChange = Type.Object({
  at: Time,
  before: Type.Union([WeightTolerancePayload, Type.Null()], { description: 'the tolerance in force before; null for the first one the hub recorded' }),
  after: WeightTolerancePayload,
  source: WeightToleranceSource,
});
export type WeightToleranceChange = Static<typeof WeightToleranceChange>;

const ChannelName = Type.Enum(CHANNELS);

export const MappingRow = Type.Object({ channel: ChannelName, channelSku: Type.String(), masterSku: Type.String() });
export type MappingRow = Static<typeof MappingRow>;

/** What one mapping log entry records; `template-*` and a channel-only entry are about the channel's template. */
export const MAPPING_LOG_KINDS = ['set', 'removed', 'confirmed', 'rolled-back', 'template-set', 'template-removed'] as const;
export const MappingLogKind = Type.Enum(MAPPING_LOG_KINDS);
export type MappingLogKind = Static<typeof MappingLogKind>;

/**
 * One change of the mapping table or of a channel's template, in `DomainState.mappingLog`. For
 * a row, `from`/`to` are master SKUs; for a template (no `channelSku`), template sources.
 */
export const MappingLogEntry = Type.Object({
  version: Type.Integer({ description: 'the mapping version this change made: 1, 2, 3 …' }),
  at: Time,
  by: Type.String({ description: "the actor's name, or its id when it has none" }),
  channel: ChannelName,
  channelSku: Type.Optional(Type.String({ description: "absent for a change of the channel's template" })),
  kind: MappingLogKind,
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
});
export type MappingLogEntry = Static<typeof MappingLogEntry>;

/**
 * A change to an existing mapping row that waits for a person (the circuit breaker): until it
 * is confirmed or rolled back, orders and tasks with any of `skus` are held.
 */
export const PendingMapping = Type.Object({
  channel: ChannelName,
  channelSku: Type.String(),
  previous: Type.String({ description: 'the master SKU last confirmed (what a rollback restores)' }),
  masterSku: Type.String({ description: 'the master SKU the row maps to now' }),
  skus: Type.Array(Type.String(), { description: 'the master SKUs held until a decision: `previous` and every SKU the row was changed to since' }),
  since: Time,
});
export type PendingMapping = Static<typeof PendingMapping>;

/** A channel's rule template: the channel's codes derived from master attributes. */
export const ChannelTemplate = Type.Object({
  channel: ChannelName,
  source: Type.String({ description: 'the template text (docs/mapping.md), parsed when read' }),
  setAt: Time,
  version: Type.Integer({ description: 'the mapping version that set it' }),
});
export type ChannelTemplate = Static<typeof ChannelTemplate>;

/**
 * A change of a channel's template that waits for a person: the master SKUs whose derived code
 * changed or disappeared (and those that took another's code) are held until it is confirmed
 * or rolled back.
 */
export const PendingTemplate = Type.Object({
  channel: ChannelName,
  previous: Type.Union([Type.String(), Type.Null()], { description: 'the template last confirmed (what a rollback restores); null: none' }),
  source: Type.Union([Type.String(), Type.Null()], { description: 'the template in force now; null: removed' }),
  skus: Type.Array(Type.String(), { description: 'the master SKUs held: those whose code changed or went' }),
  since: Time,
});
export type PendingTemplate = Static<typeof PendingTemplate>;

/** How a channel's recent orders resolved, for the unresolved-rate alert. */
export interface ChannelResolution {
  /** The last `unresolvedAlert.window` orders, oldest first, each with its codes nothing resolved. */
  recent: Array<{ orderId: string; unresolved: string[] }>;
  /** Set while the channel's `mapping-unresolved-rate` alert stands (no second one until it re-arms). */
  open?: { alertSeq: number; since: string };
}

/** One stop-list line: a task a station must not label, and why. */
export const StopListEntry = Type.Object({
  taskId: Type.String(),
  orderId: Type.String(),
  reason: Type.Union([StopReason, BlockReason]),
  since: Time,
  cancelled: Type.Optional(
    Type.Literal(true, { description: 'the task was released by its freeze: the goods go back to stock, the parcel never ships' }),
  ),
});
export type StopListEntry = Static<typeof StopListEntry>;

export const StopList = Type.Object({
  version: Type.Integer({ description: 'rises by one whenever entries change, never otherwise' }),
  entries: Type.Array(StopListEntry),
});
export type StopList = Static<typeof StopList>;

/** Frozen units site-wide, summed per SKU, batch and warehouse. */
export const FreezeListEntry = Type.Object({
  sku: Type.String(),
  ...Lot,
  quantity: Type.Integer(),
  exhausted: Type.Boolean({
    description:
      'no unit of the lot is free: the units frozen within it reach its recorded on-hand. Only an exhausted entry blocks a scanned unit at a station',
  }),
});
export type FreezeListEntry = Static<typeof FreezeListEntry>;

export const FreezeList = Type.Object({ version: Type.Integer(), entries: Type.Array(FreezeListEntry) });
export type FreezeList = Static<typeof FreezeList>;

/** One carrier event the hub stored, by `{carrier}:{eventId}`: a repeat of the key is a duplicate. */
export const CarrierEventSeen = Type.Object({ orderId: Type.String(), type: Type.Enum(CARRIER_EVENT_TYPES), at: Time });
export type CarrierEventSeen = Static<typeof CarrierEventSeen>;

/** An order the patrol found stuck, by order id, while its `order-stuck` alert is open. */
export const StuckOrder = Type.Object({ alertSeq: Type.Integer(), node: Type.Enum(STUCK_NODES), since: Time });
export type StuckOrder = Static<typeof StuckOrder>;

/** One parcel scanned into a handover batch. */
export const HandoverParcel = Type.Object({
  waybill: Type.String(),
  orderId: Type.String(),
  index: Type.Integer({ description: "the parcel's place in its order (1 is the order's own waybill)" }),
  at: Time,
});
export type HandoverParcel = Static<typeof HandoverParcel>;

/**
 * A dock handover batch (交接): the parcels one carrier's driver takes, scanned in at the dock.
 * Closing it hands every parcel over (`Parcel.handedOver`).
 */
export const HandoverBatch = Type.Object({
  id: Type.String({ description: '`H{n}`, or the id the dock station gave it' }),
  carrier: Type.String(),
  station: Type.Optional(Type.String({ description: 'the dock station that opened it' })),
  openedAt: Time,
  openedBy: Type.String({ description: 'the operator' }),
  parcels: Type.Array(HandoverParcel, { description: 'in scan order' }),
  closed: Type.Optional(Type.Object({ at: Time, by: Type.String(), count: Type.Integer() })),
});
export type HandoverBatch = Static<typeof HandoverBatch>;

/** An order stopped or frozen after a parcel of it was labelled, while its `parcel-intercepted` alert is open. */
export const Intercept = Type.Object({ alertSeq: Type.Integer(), since: Time, waybills: Type.Array(Type.String()) });
export type Intercept = Static<typeof Intercept>;
