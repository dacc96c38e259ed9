import Type, { type Static, type TSchema } from 'typebox';
import { DOCK_BATCH_MAX, DOCK_CLEARS, DOCK_VERDICTS } from './dock-vocabulary.js';
import { PAYLOAD_VERSION } from './wire.js';

export * from './dock-vocabulary.js';

/**
 * The dock's wire payloads (issue #14): the retained dock manifest the hub publishes on
 * `packgate/v1/{site}/dock`, and the `dock.*` station events a dock station sends (QoS 1,
 * through the outbox like every station fact). See docs/pack-session.md, "Dock mode".
 */

const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const object = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

/** The most parcels a manifest lists (about 100 bytes each: inside the station's 16 MiB read bound). */
export const DOCK_MANIFEST_MAX_PARCELS = 150_000;

/** One parcel as the dock sees it. */
export const DockManifestParcel = object({
  waybill: Name,
  orderId: Name,
  /** Its place in its order (1 is the order's own waybill). */
  parcel: Type.Integer({ minimum: 1 }),
  /** The carrier its waybill belongs to, where the order says. */
  carrier: Type.Optional(Name),
  /** Verified, and labelled or sealed. */
  packed: Type.Boolean(),
  /** Why its order must not leave now (`stopped`, `blocked`, `cancelled`, …): the hub's `heldStatus`. */
  held: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  /** The open batch holding it. */
  batchId: Type.Optional(Name),
  /** The batch it left in (kept DOCK_MANIFEST_HANDED_OVER_MS). */
  handedOver: Type.Optional(Name),
});
export type DockManifestParcel = Static<typeof DockManifestParcel>;

/**
 * Retained on `dock`: every parcel of the orders on their way out (released and not handed over
 * a day ago) and the open batches. `version` is the hub history's sequence when it was made: it
 * rises with every change and across hub restarts.
 */
export const DockManifestPayload = object({
  v: Type.Literal(PAYLOAD_VERSION),
  version: Type.Integer({ minimum: 0 }),
  at: Timestamp,
  parcels: Type.Array(DockManifestParcel, { maxItems: DOCK_MANIFEST_MAX_PARCELS }),
  batches: Type.Array(object({ id: Name, carrier: Name, station: Type.Optional(Name), count: Type.Integer({ minimum: 0 }) }), { maxItems: 10_000 }),
});
export type DockManifestPayload = Static<typeof DockManifestPayload>;

/** Fields every dock event carries. */
const Common = { at: Timestamp, station: Id, operator: Nullable(Name) };

function event<T extends string, P extends Record<string, TSchema>>(type: T, properties: P) {
  return Type.Object({ type: Type.Literal(type), ...Common, ...properties }, { additionalProperties: false });
}

export const DockEventSchemas = {
  /** A batch opened for a carrier; the station makes the id (`{station}-{n}`), so it can open one offline. */
  'dock.batch_opened': event('dock.batch_opened', { batchId: Id, carrier: Name }),
  /** Every waybill scanned at the dock, with the station's verdict; a refusal blocks the dock until cleared. */
  'dock.scanned': event('dock.scanned', {
    batchId: Nullable(Id),
    waybill: Name,
    verdict: Type.Enum(DOCK_VERDICTS),
    orderId: Nullable(Name),
    detail: Nullable(Type.String({ maxLength: 200 })),
    /** The manifest the verdict was judged on; null before the first arrived. */
    manifestVersion: Nullable(Type.Integer({ minimum: 0 })),
  }),
  /** A blocked parcel scanned out on the withdraw card (the hub's `withdrawParcel`), or the block cleared by a supervisor. */
  'dock.block_cleared': event('dock.block_cleared', {
    batchId: Nullable(Id),
    waybill: Name,
    verdict: Type.Enum(DOCK_VERDICTS),
    by: Type.Enum(DOCK_CLEARS),
    supervisor: Nullable(Name),
  }),
  /** The batch closed: its count and parcels, as the station's sheet lists them. */
  'dock.batch_closed': event('dock.batch_closed', {
    batchId: Id,
    carrier: Name,
    count: Type.Integer({ minimum: 0, maximum: DOCK_BATCH_MAX }),
    waybills: Type.Array(Name, { maxItems: DOCK_BATCH_MAX }),
  }),
} as const;

export type DockEventType = keyof typeof DockEventSchemas;
export type DockEvent = { [K in DockEventType]: Static<(typeof DockEventSchemas)[K]> }[DockEventType];
export type DockEventOf<K extends DockEventType> = Extract<DockEvent, { type: K }>;
