import Type, { type Static, type TSchema } from 'typebox';
import {
  MAX_PACK_RAW_BYTES,
  PACK_ACT_REFUSALS,
  PACK_ACTS,
  PACK_ASIDE_REASONS,
  PACK_BLOCK_REASONS,
  PACK_BOX_SOURCES,
  PACK_GATE_REASONS,
  PACK_SIGN_OUT_REASONS,
  PACK_VERDICTS,
  PACK_WEIGHT_CHECKS,
} from './pack-vocabulary.js';
import { WeightTolerancePayload } from './weight-tolerance.js';

/**
 * Pack-session events: what the station's pack session (`station/pack/`) records for every
 * scan, verdict and transition. Each is the `body` of a station event; station and hub share
 * this schema; its vocabularies are in protocol/pack-vocabulary.ts.
 * See docs/pack-session.md for what each means.
 */

export * from './pack-vocabulary.js';

const MAX_TEXT = 1024;

const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Short = Type.String({ maxLength: 200 });
const Count = Type.Integer({ minimum: 0 });
const ListVersion = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const object = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

const OrderRef = object({ type: Type.Enum(['order', 'task', 'tote', 'waybill']), id: Name });
/** One parcel of the order: its place in packing order (1 is the order's own waybill) and its waybill. */
const ParcelRef = object({ index: Type.Integer({ minimum: 1 }), waybill: Name });

/** What the decoder made of a scan: a summary of the decoded scan, or its rejection. */
const Decoded = Type.Union([
  object({
    ok: Type.Literal(true),
    kind: Type.Enum(['gtin', 'gs1', 'control', 'order', 'text']),
    symbology: object({ aim: Nullable(Type.String({ maxLength: 3 })), name: Short }),
    text: Type.String({ maxLength: MAX_TEXT }),
    gtin14: Type.Optional(Type.String({ pattern: '^[0-9]{14}$' })),
    batch: Type.Optional(Short),
    serial: Type.Optional(Short),
    expiry: Type.Optional(Type.String({ maxLength: 10 })),
    control: Type.Optional(object({ command: Name, badge: Type.Optional(Name) })),
    order: Type.Optional(OrderRef),
  }),
  object({ ok: Type.Literal(false), code: Name, message: Type.String({ maxLength: 500 }), ai: Type.Optional(Short) }),
]);

/** The scan behind an event: its raw bytes and what the decoder made of them. */
export const PackScanRecord = object({
  /** The bytes as framed by the scanner driver, base64; at most MAX_PACK_RAW_BYTES are kept. */
  raw: Type.String({ maxLength: Math.ceil(MAX_PACK_RAW_BYTES / 3) * 4 }),
  truncated: Type.Optional(Type.Literal(true)),
  decoded: Decoded,
});
export type PackScanRecord = Static<typeof PackScanRecord>;

/** The order an event concerns. */
export const PackOrderRecord = object({ taskId: Name, orderId: Name, orderNo: Name, channel: Name });
export type PackOrderRecord = Static<typeof PackOrderRecord>;

const LineCounts = Type.Array(object({ masterSku: Name, quantity: Count, counted: Count }), { maxItems: 500 });
const BlockReason = Type.Enum(PACK_BLOCK_REASONS);
const Scope = Type.Enum(['unit', 'order']);
const ClearBy = Type.Enum(['resolve', 'supervisor', 'reweigh']);
const Lists = { stopListVersion: ListVersion, freezeListVersion: ListVersion };
const Grams = Type.Number({ minimum: 0, maximum: 1_000_000 });
/**
 * The weight margin a checked parcel was held to: the tolerance the station applied (its copy of
 * the site's, else the default) and the grams either side of `expectedGrams` it allowed
 * (`allowedGrams`, the larger of `grams` and `percent` of the expected weight). Optional for the
 * events of stations older than it; a station sends both wherever it checked a weight.
 */
const Margin = {
  tolerance: Type.Optional(WeightTolerancePayload),
  allowedGrams: Type.Optional(Grams),
};
/**
 * The weighing of a parcel let go, where the scale showed a stable weight: the weight, its box,
 * what it should weigh and the margin it was held to (absent: a unit weight unknown, not checked)
 * and how the check ended.
 */
const Weighing = {
  weightGrams: Type.Optional(Grams),
  box: Type.Optional(object({ code: Nullable(Name), grams: Grams, by: Type.Enum(PACK_BOX_SOURCES) })),
  /** The units on the scale per master SKU. */
  contents: Type.Optional(Type.Array(object({ masterSku: Name, units: Type.Integer({ minimum: 1 }) }), { maxItems: 500 })),
  expectedGrams: Type.Optional(Grams),
  weightCheck: Type.Optional(Type.Enum(PACK_WEIGHT_CHECKS)),
  ...Margin,
};

/** Fields every pack event carries: when, where, who, which order, which mapping, which scan. */
const Common = {
  at: Timestamp,
  station: Id,
  packer: Nullable(Name),
  order: Nullable(PackOrderRecord),
  mappingVersion: ListVersion,
  scan: Type.Optional(PackScanRecord),
};

function event<T extends string, P extends Record<string, TSchema>>(type: T, properties: P) {
  return Type.Object({ type: Type.Literal(type), ...Common, ...properties }, { additionalProperties: false });
}

export const PackEventSchemas = {
  'pack.packer_signed_in': event('pack.packer_signed_in', { previous: Nullable(Name) }),
  'pack.packer_signed_out': event('pack.packer_signed_out', { reason: Type.Enum(PACK_SIGN_OUT_REASONS) }),
  'pack.order_requested': event('pack.order_requested', { ref: OrderRef }),
  'pack.order_loaded': event('pack.order_loaded', { ref: OrderRef, source: Type.Enum(['local', 'hub']), waybill: Name, lines: LineCounts }),
  'pack.order_unavailable': event('pack.order_unavailable', {
    ref: OrderRef,
    reason: Type.Enum(['timeout', 'not_found', 'cancelled']),
    waitedMs: Count,
  }),
  'pack.verdict': event('pack.verdict', {
    verdict: Type.Enum(PACK_VERDICTS),
    /** Units the scan stands for (a case of 6 is 6), counted or not. */
    units: Count,
    code: Nullable(Short),
    sku: Nullable(Name),
    via: Nullable(Type.Enum(['task', 'mapping'])),
    line: Nullable(object({ index: Count, masterSku: Name, counted: Count, quantity: Count })),
    detail: Nullable(Short),
    blocks: Type.Boolean(),
  }),
  'pack.blocked': event('pack.blocked', {
    reason: BlockReason,
    scope: Scope,
    clearBy: ClearBy,
    cause: Type.Enum(['scan', 'stop_list', 'freeze_list', 'weight']),
    sku: Nullable(Name),
    code: Nullable(Short),
    detail: Nullable(Short),
    ...Lists,
    /** A `weight_mismatch` block's weighing: the stable weight, what it should weigh, and the margin it missed. */
    weightGrams: Type.Optional(Grams),
    expectedGrams: Type.Optional(Grams),
    ...Margin,
  }),
  'pack.hold_lifted': event('pack.hold_lifted', { reason: BlockReason, ...Lists }),
  'pack.block_cleared': event('pack.block_cleared', {
    reason: BlockReason,
    scope: Scope,
    by: ClearBy,
    supervisor: Nullable(Name),
    blockedMs: Count,
  }),
  'pack.refused': event('pack.refused', { act: Type.Enum(PACK_ACTS), reason: Type.Enum(PACK_ACT_REFUSALS) }),
  'pack.order_verified': event('pack.order_verified', { lines: LineCounts }),
  'pack.order_cancelled': event('pack.order_cancelled', {
    lines: LineCounts,
    block: Nullable(BlockReason),
    label: Type.Enum(['none', 'requested', 'printed', 'failed']),
  }),
  'pack.order_aside': event('pack.order_aside', { reason: Type.Enum(PACK_ASIDE_REASONS), lines: LineCounts, block: Nullable(BlockReason) }),
  /** `weightGrams`: the stable weight on the scale when the label was let print, where the station weighs; `expectedGrams`, `box`: its check. */
  'pack.label_requested': event('pack.label_requested', {
    reprint: Type.Boolean(),
    ...Lists,
    hubLastHeardAt: Timestamp,
    parcel: Type.Optional(ParcelRef),
    ...Weighing,
  }),
  'pack.label_refused': event('pack.label_refused', { reprint: Type.Boolean(), reason: Type.Enum(PACK_GATE_REASONS), parcel: Type.Optional(ParcelRef) }),
  'pack.label_printed': event('pack.label_printed', { reprint: Type.Boolean(), parcel: Type.Optional(ParcelRef) }),
  'pack.label_failed': event('pack.label_failed', { reprint: Type.Boolean(), reason: Short, parcel: Type.Optional(ParcelRef) }),
  /** The pre-printed flow's release of one parcel (one event per parcel). */
  'pack.sealed': event('pack.sealed', { parcel: ParcelRef, parcels: Type.Integer({ minimum: 1 }), ...Lists, hubLastHeardAt: Timestamp, ...Weighing }),
  'pack.seal_refused': event('pack.seal_refused', { reason: Type.Enum(PACK_GATE_REASONS) }),
  /** The packer closed a parcel of a multi-parcel order (`lines`: the units in it) and started the next. */
  'pack.parcel_closed': event('pack.parcel_closed', { parcel: ParcelRef, lines: LineCounts }),
  /**
   * `$PG:WITHDRAW` then the waybill of a parcel whose order the newest lists hold: the parcel is
   * taken out at the bench (the hub's `withdrawParcel`, which closes the order's intercept alert).
   * `order` is the withdrawn parcel's order, not the order on the bench; `hold` and `detail` say
   * what held it (the stop's reason, or the frozen SKU).
   */
  'pack.parcel_withdrawn': event('pack.parcel_withdrawn', { parcel: ParcelRef, hold: Type.Enum(['order_stopped', 'frozen_stock']), detail: Nullable(Short), ...Lists }),
} as const;

/** The body of a station event that reports a pack-session fact; switch on `type`. */
export const PackEventBody = Type.Union(Object.values(PackEventSchemas) as Array<(typeof PackEventSchemas)[PackEventType]>);

export type PackEventType = keyof typeof PackEventSchemas;
export type PackEvent = { [K in PackEventType]: Static<(typeof PackEventSchemas)[K]> }[PackEventType];
export type PackEventOf<K extends PackEventType> = Extract<PackEvent, { type: K }>;
