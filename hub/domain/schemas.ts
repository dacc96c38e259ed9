import Type, { type Static, type TSchema } from 'typebox';
import { CarrierEventFields, CarrierId } from '../../protocol/carrier-events.js';

const { type: _wireType, ...CarrierEventBody } = CarrierEventFields;
import { ItemImageUrl, ItemNamePayload } from '../../protocol/catalog-item.js';
import { PACK_ASIDE_REASONS, PACK_BLOCK_REASONS } from '../../protocol/pack-vocabulary.js';
import { WeightTolerancePayload } from '../../protocol/weight-tolerance.js';
import { MAX_PARCELS, WaybillPrintData } from '../../protocol/waybill.js';

/**
 * Command payloads of the hub domain, as TypeBox schemas: the domain validates every command
 * against these, and the API can reuse them as route body schemas (they hold no `type` field;
 * the command is `{type, ...body}`).
 */

/** The sales channels orders come from. Adding one is a data change here (and the tablet's strings). */
export const CHANNELS = ['taobao', 'pinduoduo', 'douyin', 'kuaishou'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Reasons a person can stop a task with; `refund` stops come from freezes only. */
export const STOP_REASONS = ['cancel', 'address-change', 'fraud', 'manual'] as const;
export type ManualStopReason = (typeof STOP_REASONS)[number];

export const MAX_QUANTITY = 1_000_000;
export const MIN_FREEZE_TTL_SECONDS = 60;
export const MAX_FREEZE_TTL_SECONDS = 30 * 24 * 3600;

// A leading letter or digit keeps every id usable as a record key (never `__proto__`).
const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$';
const code = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: CODE_PATTERN, description });
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const ChannelSchema = Type.Enum(CHANNELS);
const Sku = code('master SKU');
const ChannelSku = code('SKU as the channel spells it');
const OrderId = Type.String({ minLength: 3, maxLength: 100, description: '`{channel}:{orderNo}`' });
const StationId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY });
const Note = Type.Optional(Type.String({ maxLength: 500, description: 'why, in words; kept in the audit' }));
const Lot = {
  batch: Type.Optional(code('batch or lot number')),
  warehouse: Type.Optional(code('warehouse id')),
};

/** Ship-to data printed on the label. */
export const LabelData = Type.Object(
  { name: text(100), phone: text(32), address: text(500) },
  { additionalProperties: false },
);
export type LabelData = Static<typeof LabelData>;

const Waybill = code('carrier waybill number');

/**
 * The order's parcels (包裹), in packing order: protocol/waybill.ts `ParcelsPayload` with the
 * order's own waybill rule. Parcel 1 is on the order's `waybill`; the others on their own (child)
 * waybills. `print` is the platform's print data for the parcel's label, at most
 * `MAX_PRINT_DATA_BYTES` as JSON (`PRINT_DATA_TOO_LARGE`): secret, never shown (docs/domain.md).
 */
export const OrderParcels = Type.Array(
  Type.Object({ waybill: Waybill, print: Type.Optional(WaybillPrintData) }, { additionalProperties: false }),
  { minItems: 1, maxItems: MAX_PARCELS, description: 'absent: one parcel on `waybill`' },
);

export const CreateOrder = Type.Object(
  {
    channel: ChannelSchema,
    orderNo: code('the channel order number'),
    waybill: Waybill,
    label: LabelData,
    lines: Type.Array(Type.Object({ channelSku: ChannelSku, quantity: Quantity }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 200,
    }),
    parcels: Type.Optional(OrderParcels),
    carrier: Type.Optional(CarrierId),
  },
  { additionalProperties: false },
);
export type CreateOrder = Static<typeof CreateOrder>;

export const SetMapping = Type.Object(
  { channel: ChannelSchema, channelSku: ChannelSku, masterSku: Sku, note: Note },
  { additionalProperties: false },
);
export type SetMapping = Static<typeof SetMapping>;

/** One row of a batch; `note` (e.g. a sheet's) is kept in the mapping log. */
const MappingRowBody = Type.Object(
  { channel: ChannelSchema, channelSku: ChannelSku, masterSku: Sku, note: Note },
  { additionalProperties: false },
);
const MappingRefBody = Type.Object({ channel: ChannelSchema, channelSku: ChannelSku }, { additionalProperties: false });

/** The most rows (or removals) one batch may hold: a whole channel's sheet. */
export const MAX_BATCH_ROWS = 100_000;

/**
 * Sets and removes many rows as one command, all or nothing (an import): each row as
 * `setMapping`, each removal as `removeMapping`. A key may appear once in the batch.
 */
export const SetMappings = Type.Object(
  {
    rows: Type.Array(MappingRowBody, { maxItems: MAX_BATCH_ROWS }),
    removals: Type.Optional(Type.Array(MappingRefBody, { maxItems: MAX_BATCH_ROWS })),
    note: Note,
  },
  { additionalProperties: false },
);
export type SetMappings = Static<typeof SetMappings>;

/** Removes one explicit row. */
export const RemoveMapping = Type.Object(
  { channel: ChannelSchema, channelSku: ChannelSku, note: Note },
  { additionalProperties: false },
);
export type RemoveMapping = Static<typeof RemoveMapping>;

/** Confirms or rolls back the pending change of one mapping row (the circuit breaker). */
export const MappingDecision = Type.Object(
  { channel: ChannelSchema, channelSku: ChannelSku, note: Note },
  { additionalProperties: false },
);
export type MappingDecision = Static<typeof MappingDecision>;

/**
 * A channel's rule template (grammar in docs/mapping.md). The length limit here is loose: the
 * parser refuses a longer template with its own code, `TEMPLATE_TOO_LONG`.
 */
export const SetTemplate = Type.Object(
  { channel: ChannelSchema, source: Type.String({ minLength: 1, maxLength: 1000 }), note: Note },
  { additionalProperties: false },
);
export type SetTemplate = Static<typeof SetTemplate>;

/** Removes a channel's template, or confirms or rolls back its pending change. */
export const ChannelCommand = Type.Object({ channel: ChannelSchema, note: Note }, { additionalProperties: false });

/** Re-resolves held orders against the current mappings: the named ones, or all of them. */
export const ResolveHeldOrders = Type.Object(
  { orderIds: Type.Optional(Type.Array(OrderId, { maxItems: 1000 })) },
  { additionalProperties: false },
);

const TaskId = Type.String({ minLength: 1, maxLength: 32 });

/** A station reports a task fact (loaded, verified). */
export const TaskFact = Type.Object({ taskId: TaskId, station: StationId }, { additionalProperties: false });
export type TaskFact = Static<typeof TaskFact>;

/** Why a task left the bench unfinished: a put-aside reason, or `cancelled` (CANCEL: the goods go back). */
export const UNLOAD_REASONS = [...PACK_ASIDE_REASONS, 'cancelled'] as const;
export const TaskUnloaded = Type.Object(
  { taskId: TaskId, station: StationId, reason: Type.Enum(UNLOAD_REASONS) },
  { additionalProperties: false },
);
export type TaskUnloaded = Static<typeof TaskUnloaded>;

/** Which parcel of the order a station fact is about: its place (1 is the order's waybill) and its waybill. */
export const ParcelRef = Type.Object(
  { index: Type.Integer({ minimum: 1, maximum: MAX_PARCELS }), waybill: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type ParcelRef = Static<typeof ParcelRef>;

/** A station printed a parcel's label (`parcel` absent: parcel 1). */
export const ParcelFact = Type.Object({ taskId: TaskId, station: StationId, parcel: Type.Optional(ParcelRef) }, { additionalProperties: false });
export type ParcelFact = Static<typeof ParcelFact>;

/** A station sealed a parcel: the pre-printed flow's release. */
export const ParcelSealed = Type.Object({ taskId: TaskId, station: StationId, parcel: ParcelRef }, { additionalProperties: false });

/** The packer closed a parcel of a multi-parcel order: the units in it, per master SKU. */
export const ParcelClosed = Type.Object(
  {
    taskId: TaskId,
    station: StationId,
    parcel: ParcelRef,
    units: Type.Array(Type.Object({ sku: Type.String({ minLength: 1, maxLength: 100 }), quantity: Type.Integer({ minimum: 0, maximum: MAX_QUANTITY }) }, { additionalProperties: false }), {
      maxItems: 500,
    }),
  },
  { additionalProperties: false },
);

export const StopTask = Type.Object(
  { orderId: OrderId, reason: Type.Enum(STOP_REASONS), note: Note },
  { additionalProperties: false },
);
export type StopTask = Static<typeof StopTask>;

export const LiftStop = Type.Object(
  { stopId: Type.String({ minLength: 1, maxLength: 32 }), note: Note },
  { additionalProperties: false },
);

/**
 * A refund-only freeze of an order. Without `sku`, every SKU of the order is frozen for the
 * order's own quantity; with `sku` and no `quantity`, the order's quantity of that SKU.
 */
export const CreateFreeze = Type.Object(
  {
    orderId: OrderId,
    sku: Type.Optional(Sku),
    ...Lot,
    quantity: Type.Optional(Quantity),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: MIN_FREEZE_TTL_SECONDS, maximum: MAX_FREEZE_TTL_SECONDS })),
    note: Note,
  },
  { additionalProperties: false },
);
export type CreateFreeze = Static<typeof CreateFreeze>;

export const FreezeDecision = Type.Object(
  { freezeId: Type.String({ minLength: 1, maxLength: 32 }), note: Note },
  { additionalProperties: false },
);

/** Cycle count or first stock-take: the on-hand quantity of one lot is now `quantity`. */
export const SetOnHand = Type.Object(
  { sku: Sku, ...Lot, quantity: Type.Integer({ minimum: 0, maximum: MAX_QUANTITY }), note: Note },
  { additionalProperties: false },
);
export type SetOnHand = Static<typeof SetOnHand>;

/** Receiving (positive) or a write-off (negative). */
export const AdjustOnHand = Type.Object(
  { sku: Sku, ...Lot, delta: Type.Integer({ minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY }), note: Note },
  { additionalProperties: false },
);
export type AdjustOnHand = Static<typeof AdjustOnHand>;

export const AcknowledgeAlert = Type.Object(
  { alertSeq: Type.Integer({ minimum: 1 }), manager: text(100) },
  { additionalProperties: false },
);

/** A manager marks a waybill disputed (a refund-only or missing-item claim), or closes the dispute. */
export const WaybillDispute = Type.Object(
  { waybill: text(64), manager: text(100), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const StationFault = Type.Object(
  { station: StationId, device: code('device kind, e.g. scanner or printer'), detail: text(200) },
  { additionalProperties: false },
);
export const StationDevice = Type.Object(
  { station: StationId, device: code('device kind') },
  { additionalProperties: false },
);
export const StationPresence = Type.Object({ station: StationId }, { additionalProperties: false });
/** A scan blocked a bench's session (a `pack.blocked` of cause `scan`): the verdict, from `PACK_VERDICTS`. */
export const StationBlocked = Type.Object(
  {
    station: StationId,
    reason: Type.Enum(PACK_BLOCK_REASONS),
    orderId: Type.Optional(OrderId),
    taskId: Type.Optional(code('pack task id')),
    sku: Type.Optional(code('the master SKU the unit resolved to')),
    code: Type.Optional(code('the scanned code')),
  },
  { additionalProperties: false },
);
/**
 * What ended a bench's block: cleared by a rescan (`resolve`), a supervisor's badge or a reweigh;
 * the order put aside or cancelled; or the block replaced by another (a hub hold on the order).
 */
export const STATION_BLOCK_ENDS = ['resolve', 'supervisor', 'reweigh', 'aside', 'cancelled', 'replaced'] as const;
export const StationBlockEnded = Type.Object(
  { station: StationId, by: Type.Enum(STATION_BLOCK_ENDS), supervisor: Type.Optional(text(100)) },
  { additionalProperties: false },
);
/** A known station shows a new data folder (docs/protocol.md, "Station incarnations"). */
export const StationReset = Type.Object(
  { station: StationId, incarnation: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
/**
 * Events a station was acked for that the hub's history lost and the station can no longer send
 * (docs/operations.md, "Back up and restore a hub"): `seq` `from`..`to` of `incarnation`.
 */
export const HistoryLost = Type.Object(
  {
    station: StationId,
    incarnation: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Integer({ minimum: 1 }),
    to: Type.Integer({ minimum: 1 }),
    reason: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const Tick = Type.Object({}, { additionalProperties: false });

const LimitMs = Type.Integer({ minimum: 1000, maximum: 30 * 24 * 3600_000 });
/**
 * One patrol pass. `limits` (ms, from 1 s to 30 days) overrides the config's `stuckLimits`
 * for this pass: the hub puts its limits in every pass, so a replay of the history gives the same alerts.
 */
export const Patrol = Type.Object(
  {
    limits: Type.Optional(
      Type.Object({ released: LimitMs, labelled: LimitMs, 'handed-over': LimitMs }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/**
 * A carrier's tracking event about an order (protocol/carrier-events.ts; the wire's `type` is
 * `event` here, as `type` names the command); stored once per carrier and event id.
 */
export const CarrierEventCommand = Type.Object(
  { orderId: OrderId, carrier: CarrierId, ...CarrierEventBody, event: CarrierEventFields.type },
  { additionalProperties: false },
);
export type CarrierEventCommand = Static<typeof CarrierEventCommand>;

/** Barcodes are printable ASCII without spaces: GTINs, case codes, internal codes. */
const Barcode = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: 'a barcode as scanned (GTINs in any length)' });

/**
 * What a master SKU is (`MasterAttributes` of `catalog/master-sku.ts`): brand, category and
 * the core attributes by name (material, size, colour …). Names start with a letter, so an
 * attribute is never `__proto__`; `Color` and `colour` are one name once normalised.
 */
export const MasterAttributesBody = Type.Object(
  {
    brand: text(100),
    category: text(100),
    attributes: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9 _-]{0,39}$' }), Type.Union([Type.String({ maxLength: 100 }), Type.Number()]), {
        maxProperties: 20,
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);
export type MasterAttributesBody = Static<typeof MasterAttributesBody>;

const CatalogBarcodes = Type.Array(
  Type.Object({ code: Barcode, multiplier: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false }),
  { maxItems: 50 },
);
const Tracking = Type.Object(
  { batch: Type.Optional(Type.Boolean()), serial: Type.Optional(Type.Boolean()), expiry: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** What one unit weighs, in grams (up to 1 t). */
const UnitWeightGrams = Type.Number({ minimum: 0, maximum: 1_000_000, description: 'grams one unit weighs, packed as it ships' });

/**
 * One catalog item: the barcodes that stand for units of a master SKU (a case of six has
 * multiplier 6), what a unit's scan must carry, and what it is (its attributes, which channel
 * rule templates read). Replaces the item whole.
 */
export const SetCatalogItem = Type.Object(
  {
    masterSku: Sku,
    barcodes: CatalogBarcodes,
    tracking: Type.Optional(Tracking),
    attributes: Type.Optional(MasterAttributesBody),
    unitWeightGrams: Type.Optional(UnitWeightGrams),
    name: Type.Optional(ItemNamePayload),
    imageUrl: Type.Optional(ItemImageUrl),
    note: Note,
  },
  { additionalProperties: false },
);
export type SetCatalogItem = Static<typeof SetCatalogItem>;

/** A box type's barcode: what the packer scans, and its id. */
const BoxCode = Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$', description: 'the barcode printed on the box (printable ASCII, no spaces)' });

/** Sets a box type whole (docs/domain.md, "Box types"). */
export const SetBoxType = Type.Object(
  {
    code: BoxCode,
    grams: Type.Number({ minimum: 0, maximum: 1_000_000, description: 'what the empty box weighs with its filler, in grams' }),
    maxUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'the most units the stations\' rule picks this box for; absent: only a scan picks it' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    note: Note,
  },
  { additionalProperties: false },
);
export type SetBoxType = Static<typeof SetBoxType>;

/** A station's accepted weighing (a fact from `pack.label_requested` / `pack.sealed`). */
export const RecordWeighing = Type.Object(
  {
    station: Type.String({ minLength: 1, maxLength: 64 }),
    taskId: Type.String({ minLength: 1, maxLength: 100 }),
    grams: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    boxGrams: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    lines: Type.Array(Type.Object({ sku: Type.String({ minLength: 1, maxLength: 100 }), quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);

/** A manager takes the hub's learned unit weight of a master SKU into the catalog. */
export const ConfirmLearnedWeight = Type.Object({ masterSku: Type.String({ minLength: 1, maxLength: 100 }), note: Note }, { additionalProperties: false });

/** Removes a box type. */
export const RemoveBoxType = Type.Object({ code: BoxCode, note: Note }, { additionalProperties: false });

/**
 * A new master SKU from its attributes: the id is derived from them (`deriveMasterSku`), so
 * the same product always gets the same id. A repeat with the same attributes sets the item
 * like `setCatalogItem`.
 */
export const CreateMasterSku = Type.Object(
  {
    ...MasterAttributesBody.properties,
    barcodes: CatalogBarcodes,
    tracking: Type.Optional(Tracking),
    unitWeightGrams: Type.Optional(UnitWeightGrams),
    name: Type.Optional(ItemNamePayload),
    imageUrl: Type.Optional(ItemImageUrl),
    note: Note,
  },
  { additionalProperties: false },
);
export type CreateMasterSku = Static<typeof CreateMasterSku>;

const BatchId = code('handover batch id');
const Operator = text(100);

/** Opens a dock handover batch (交接) for a carrier; `batchId` absent: the hub gives `H{n}`. */
export const OpenHandover = Type.Object(
  { batchId: Type.Optional(BatchId), carrier: CarrierId, station: Type.Optional(StationId), operator: Operator },
  { additionalProperties: false },
);
/** A parcel's waybill scanned into an open batch. */
export const HandoverScan = Type.Object(
  { batchId: BatchId, waybill: Waybill, station: Type.Optional(StationId) },
  { additionalProperties: false },
);
/** Closes a batch: every parcel in it is handed over. */
export const CloseHandover = Type.Object({ batchId: BatchId, operator: Operator }, { additionalProperties: false });
/** A parcel taken out (withdrawn) at the dock or the bench: out of its open batch, its intercept closed. */
export const WithdrawParcel = Type.Object(
  { waybill: Waybill, station: Type.Optional(StationId), note: Note },
  { additionalProperties: false },
);

/** Where a weight tolerance the stations apply came from: the hub's start-up options (`--weight-tolerance-*`, `--config`). */
export const WEIGHT_TOLERANCE_SOURCES = ['hub-start'] as const;
export const WeightToleranceSource = Type.Enum(WEIGHT_TOLERANCE_SOURCES);

/** The site's weight tolerance in force from now on; recorded only when it differs from the one before. */
export const SetWeightTolerance = Type.Object(
  { ...WeightTolerancePayload.properties, source: WeightToleranceSource },
  { additionalProperties: false },
);

/** Every command's body schema, by command type. */
export const CommandBodies = {
  createOrder: CreateOrder,
  setMapping: SetMapping,
  setMappings: SetMappings,
  removeMapping: RemoveMapping,
  confirmMapping: MappingDecision,
  rollbackMapping: MappingDecision,
  setTemplate: SetTemplate,
  removeTemplate: ChannelCommand,
  confirmTemplate: ChannelCommand,
  rollbackTemplate: ChannelCommand,
  setCatalogItem: SetCatalogItem,
  createMasterSku: CreateMasterSku,
  setBoxType: SetBoxType,
  removeBoxType: RemoveBoxType,
  recordWeighing: RecordWeighing,
  confirmLearnedWeight: ConfirmLearnedWeight,
  setWeightTolerance: SetWeightTolerance,
  resolveHeldOrders: ResolveHeldOrders,
  taskLoaded: TaskFact,
  taskVerified: TaskFact,
  taskUnloaded: TaskUnloaded,
  labelPrinted: ParcelFact,
  parcelSealed: ParcelSealed,
  parcelClosed: ParcelClosed,
  stopTask: StopTask,
  liftStop: LiftStop,
  createFreeze: CreateFreeze,
  approveFreeze: FreezeDecision,
  rejectFreeze: FreezeDecision,
  tick: Tick,
  patrol: Patrol,
  carrierEvent: CarrierEventCommand,
  openHandover: OpenHandover,
  handoverScan: HandoverScan,
  closeHandover: CloseHandover,
  withdrawParcel: WithdrawParcel,
  setOnHand: SetOnHand,
  adjustOnHand: AdjustOnHand,
  acknowledgeAlert: AcknowledgeAlert,
  disputeWaybill: WaybillDispute,
  closeDispute: WaybillDispute,
  stationFault: StationFault,
  stationRecovered: StationDevice,
  stationOffline: StationPresence,
  stationOnline: StationPresence,
  stationReset: StationReset,
  historyLost: HistoryLost,
  stationBlocked: StationBlocked,
  stationBlockEnded: StationBlockEnded,
} as const satisfies Record<string, TSchema>;

export type CommandType = keyof typeof CommandBodies;

/** A command: its body and its `type`. */
export type DomainCommand = {
  [K in CommandType]: { type: K } & Static<(typeof CommandBodies)[K]>;
}[CommandType];

export type CommandOf<K extends CommandType> = Extract<DomainCommand, { type: K }>;
