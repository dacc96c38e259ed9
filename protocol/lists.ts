import Type, { type Static } from 'typebox';
import { PAYLOAD_VERSION } from './schemas.js';

const Version = Type.Literal(PAYLOAD_VERSION);
const Timestamp = Type.String({ format: 'date-time' });
const ListVersion = Type.Integer({ minimum: 0, description: 'rises by one whenever the entries change' });

/**
 * Retained on `stops`: every task a station must not pack or label, site-wide. A station
 * prints only against the newest list it holds (DESIGN invariant 1).
 */
export const StopListPayload = Type.Object(
  {
    v: Version,
    version: ListVersion,
    at: Timestamp,
    entries: Type.Array(
      Type.Object(
        {
          taskId: Type.String(),
          orderId: Type.String(),
          reason: Type.String({ description: 'refund | cancel | address-change | fraud | manual | frozen-stock …' }),
          since: Timestamp,
          cancelled: Type.Optional(Type.Literal(true)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StopListPayload = Static<typeof StopListPayload>;

/** Retained on `freezes`: frozen units per SKU (and batch, warehouse) that must not be packed. */
export const FreezeListPayload = Type.Object(
  {
    v: Version,
    version: ListVersion,
    at: Timestamp,
    entries: Type.Array(
      Type.Object(
        {
          sku: Type.String(),
          batch: Type.Optional(Type.String()),
          warehouse: Type.Optional(Type.String()),
          quantity: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FreezeListPayload = Static<typeof FreezeListPayload>;

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000 });

/**
 * A pack task as the hub releases it to a station (station/pack `PackTask`; docs/pack-session.md):
 * the order, its label data, and per master SKU the quantity and every barcode that counts.
 */
export const PackTaskPayload = Type.Object(
  {
    taskId: Name,
    orderId: Name,
    orderNo: Name,
    channel: Name,
    waybill: Name,
    tote: Type.Optional(Name),
    label: Type.Object(
      { name: Type.String({ minLength: 1, maxLength: 500 }), phone: Type.String({ minLength: 1, maxLength: 500 }), address: Type.String({ minLength: 1, maxLength: 500 }) },
      { additionalProperties: false },
    ),
    lines: Type.Array(
      Type.Object(
        {
          masterSku: Name,
          quantity: Count,
          barcodes: Type.Array(Type.Object({ code: Type.String({ minLength: 1, maxLength: 1024 }), multiplier: Count }, { additionalProperties: false }), {
            maxItems: 100,
          }),
          tracking: Type.Optional(
            Type.Object(
              { batch: Type.Optional(Type.Boolean()), serial: Type.Optional(Type.Boolean()), expiry: Type.Optional(Type.Boolean()) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type PackTaskPayload = Static<typeof PackTaskPayload>;

/** The label a station scanned, as its pack session asked for it (`pack.order_requested`). */
export const OrderRefPayload = Type.Object(
  { type: Type.Union([Type.Literal('order'), Type.Literal('task'), Type.Literal('tote')]), id: Name },
  { additionalProperties: false },
);
export type OrderRefPayload = Static<typeof OrderRefPayload>;

const CommandHeader = { v: Version, id: Type.String({ minLength: 1 }), at: Timestamp };

/**
 * A hold changed on a task a station holds: sent at once to the station holding it; the retained
 * lists carry the same facts for stations that were away.
 */
export const HoldCommand = Type.Object(
  {
    ...CommandHeader,
    type: Type.Union([Type.Literal('task-stopped'), Type.Literal('task-blocked'), Type.Literal('task-released')]),
    taskId: Type.String(),
    orderId: Type.String(),
    reason: Type.Optional(Type.String()),
    stopListVersion: ListVersion,
  },
  { additionalProperties: false },
);
export type HoldCommand = Static<typeof HoldCommand>;

/** The hub's answer to `pack.order_requested`: the task for the label the station scanned. */
export const TaskCommand = Type.Object(
  { ...CommandHeader, type: Type.Literal('task'), ref: OrderRefPayload, task: PackTaskPayload },
  { additionalProperties: false },
);
export type TaskCommand = Static<typeof TaskCommand>;

/** Why the hub has no task to send for a reference. */
export const TASK_UNAVAILABLE_REASONS = ['not_found', 'ambiguous', 'not_released'] as const;

/** The hub's answer to `pack.order_requested` when it has no task to send. */
export const TaskUnavailableCommand = Type.Object(
  { ...CommandHeader, type: Type.Literal('task-unavailable'), ref: OrderRefPayload, reason: Type.Enum(TASK_UNAVAILABLE_REASONS) },
  { additionalProperties: false },
);
export type TaskUnavailableCommand = Static<typeof TaskUnavailableCommand>;

/**
 * The hub holds events past a gap in the station's sequence: the station sends its outbox
 * again from `from` (it never drops an event the hub has not acked, so it still has them).
 */
export const ReplayCommand = Type.Object(
  { ...CommandHeader, type: Type.Literal('replay'), from: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type ReplayCommand = Static<typeof ReplayCommand>;

/** Sent QoS 1 on `station/{id}/cmd`; switch on `type`. */
export const HubCommand = Type.Union([HoldCommand, TaskCommand, TaskUnavailableCommand, ReplayCommand]);
export type HubCommand = Static<typeof HubCommand>;

/**
 * Retained on `mapping`: the site's barcode → master SKU mapping as stations hold it (GTINs as
 * GTIN-14; a package barcode with its unit multiplier). Replaced whole; `version` rises with
 * every change.
 */
export const MappingSnapshotPayload = Type.Object(
  {
    v: Version,
    version: ListVersion,
    at: Timestamp,
    barcodes: Type.Record(
      Type.String({ minLength: 1, maxLength: 1024 }),
      Type.Object({ masterSku: Name, multiplier: Type.Optional(Count) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type MappingSnapshotPayload = Static<typeof MappingSnapshotPayload>;
