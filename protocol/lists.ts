import Type, { type Static } from 'typebox';
import { ItemImageUrl, ItemNamePayload, MAX_LINE_ATTRIBUTES } from './catalog-item.js';
import { Incarnation, WeightTolerancePayload } from './schemas.js';
import { MAX_BOX_TYPES } from './pack-vocabulary.js';
import { ParcelsPayload } from './waybill.js';
import { PAYLOAD_VERSION } from './wire.js';

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

/**
 * Retained on `freezes`: frozen units per SKU (and batch, warehouse). A station refuses a scanned
 * unit only for an `exhausted` entry (no unit of the lot is free); the frozen orders and the tasks
 * the rest leaves uncovered are on the stop list.
 */
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
          exhausted: Type.Optional(
            Type.Boolean({ description: 'the frozen units reach the on-hand of the lot: no unit of it is free; absent (a hub before this field) means false' }),
          ),
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
 * A box type (packaging) of the site, as the hub sends it with every task: the barcode printed on
 * it, what it weighs empty (with its filler), and for the station's rule the most units it is
 * picked for (docs/pack-session.md, "Box types").
 */
export const BoxTypePayload = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 100 }), grams: Type.Number({ minimum: 0, maximum: 1_000_000 }), maxUnits: Type.Optional(Count) },
  { additionalProperties: false },
);
export type BoxTypePayload = Static<typeof BoxTypePayload>;

/**
 * A pack task as the hub releases it to a station (station/pack `PackTask`; docs/pack-session.md):
 * the order, its label data, its parcels, and per master SKU the quantity and every barcode that
 * counts.
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
          /** Grams one unit weighs (the catalog's); absent: not known, and the station skips the weight check. */
          unitWeightGrams: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
          /** What the unit is called (the catalog's), shown beside the master SKU; absent: the catalog has no name. */
          name: Type.Optional(ItemNamePayload),
          /**
           * What tells it from a look-alike: the catalog's brand, category and its first six
           * attributes, in that order (at most MAX_LINE_ATTRIBUTES: the largest task stays under 8 MiB).
           */
          attributes: Type.Optional(
            Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), value: Type.String({ maxLength: 100 }) }, { additionalProperties: false }), {
              maxItems: MAX_LINE_ATTRIBUTES,
            }),
          ),
          /** A picture of the unit (the catalog's), shown with a size bound; absent or failing to load: none is shown. */
          imageUrl: Type.Optional(ItemImageUrl),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    /**
     * The order's parcels in packing order, parcel 1 on `waybill`, each with the platform's print
     * data while the hub holds it. The hub sends it with every task; absent (a hub before it)
     * means one parcel on `waybill`, labelled in ZPL.
     */
    parcels: Type.Optional(ParcelsPayload),
    /** The site's box types (absent: none defined; the station's `--box-grams` is every parcel's box). */
    boxes: Type.Optional(Type.Array(BoxTypePayload, { maxItems: MAX_BOX_TYPES })),
  },
  { additionalProperties: false },
);
export type PackTaskPayload = Static<typeof PackTaskPayload>;

/**
 * The label a station scanned, as its pack session asked for it (`pack.order_requested`): an order
 * number, a task id, a tote, or a parcel's waybill (the pre-printed label on the tote or parcel).
 */
export const OrderRefPayload = Type.Object(
  { type: Type.Union([Type.Literal('order'), Type.Literal('task'), Type.Literal('tote'), Type.Literal('waybill')]), id: Name },
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

/**
 * Why the hub has no task to send for a reference. `finished`: every parcel of a platform order
 * was labelled or sealed, and the hub has dropped its print data (docs/domain.md, "Parcels").
 */
export const TASK_UNAVAILABLE_REASONS = ['not_found', 'ambiguous', 'not_released', 'finished'] as const;

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

/**
 * The hub's history lost events it had acked (a restored backup, a disk fault): the station
 * publishes again every event its journal still holds from `from` on, acked or not, of
 * `incarnation` (absent: a station without one). The hub keeps each event once by its id.
 */
export const ResendCommand = Type.Object(
  {
    ...CommandHeader,
    type: Type.Literal('resend'),
    from: Type.Integer({ minimum: 1 }),
    incarnation: Type.Optional(Incarnation),
  },
  { additionalProperties: false },
);
export type ResendCommand = Static<typeof ResendCommand>;

/** How many disputed waybills one `evidence-pins` command may carry (it must fit MAX_PAYLOAD_BYTES). */
export const MAX_PINNED_WAYBILLS = 500;
const EvidenceWaybill = Type.String({ minLength: 1, maxLength: 64 });

/**
 * The hub wants one stored file of a clip (issue #16): the station sends it in chunks on
 * `station/{id}/files` (protocol/evidence-files.ts), or one frame saying why not. Not acked by a
 * `cmd.ack`: the chunks are the answer, and a fetch lost with a connection is asked again.
 */
export const EvidenceFetchCommand = Type.Object(
  {
    ...CommandHeader,
    type: Type.Literal('evidence-fetch'),
    clipId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' }),
    file: Type.Union([Type.Literal('video'), Type.Literal('photo')]),
  },
  { additionalProperties: false },
);
export type EvidenceFetchCommand = Static<typeof EvidenceFetchCommand>;

/**
 * Every waybill disputed at the hub whose clips lie at this station: the station pins their
 * clips (retention never deletes them) and unpins the clips of any other waybill it had pinned
 * for a dispute. The whole set each time, so a command lost while the station was away is made
 * good by the next one (sent again at each station's birth).
 */
export const EvidencePinsCommand = Type.Object(
  {
    ...CommandHeader,
    type: Type.Literal('evidence-pins'),
    waybills: Type.Array(EvidenceWaybill, { maxItems: MAX_PINNED_WAYBILLS }),
  },
  { additionalProperties: false },
);
export type EvidencePinsCommand = Static<typeof EvidencePinsCommand>;

/** Sent QoS 1 on `station/{id}/cmd`; switch on `type`. */
export const HubCommand = Type.Union([HoldCommand, TaskCommand, TaskUnavailableCommand, ReplayCommand, ResendCommand, EvidenceFetchCommand, EvidencePinsCommand]);
export type HubCommand = Static<typeof HubCommand>;

const Barcode = Type.String({ minLength: 1, maxLength: 1024 });
const MappedBarcode = Type.Object({ masterSku: Name, multiplier: Type.Optional(Count) }, { additionalProperties: false });
const PendingSkus = Type.Array(Name, {
  maxItems: 100_000,
  description: 'master SKUs held by the mapping circuit breaker: a scanned unit of one gets the `mapping_pending` verdict',
});
const MappingVersion = Type.Integer({ minimum: 0, description: 'rises whenever the barcodes or the pending list change' });

/**
 * Retained on `mapping`: the site's barcode → master SKU mapping as stations hold it (GTINs as
 * GTIN-14; a package barcode with its unit multiplier) and the master SKUs pending a mapping
 * confirmation. Replaced whole; `version` rises with every change of either. The hub writes
 * `v` and `version` first ({@link snapshotHeadVersion}).
 */
export const MappingSnapshotPayload = Type.Object(
  {
    v: Version,
    version: MappingVersion,
    at: Timestamp,
    /** Absent from hubs that came before it: read as none. */
    pending: Type.Optional(PendingSkus),
    barcodes: Type.Record(Barcode, MappedBarcode),
  },
  { additionalProperties: false },
);
export type MappingSnapshotPayload = Static<typeof MappingSnapshotPayload>;

/**
 * Sent QoS 1, not retained, on `mapping/delta`: what changed from snapshot version `from` to
 * `version`. A station applies it whole only when it holds `from`; otherwise it waits for the
 * retained snapshot, which follows every change.
 */
export const MappingDeltaPayload = Type.Object(
  {
    v: Version,
    from: MappingVersion,
    version: MappingVersion,
    at: Timestamp,
    set: Type.Record(Barcode, MappedBarcode),
    removed: Type.Array(Barcode),
    pending: PendingSkus,
  },
  { additionalProperties: false },
);
export type MappingDeltaPayload = Static<typeof MappingDeltaPayload>;

/**
 * Retained on `policy`: the site's settings a station applies, as the hub was started with them
 * (docs/protocol.md). A station stores the last one it received and uses it until the next; one
 * that never received any uses the defaults (`DEFAULT_WEIGHT_TOLERANCE`).
 */
export const SitePolicyPayload = Type.Object(
  {
    v: Version,
    at: Timestamp,
    /** The weight check's tolerance: the larger of `grams` and `percent` of the expected weight. */
    weightTolerance: WeightTolerancePayload,
  },
  { additionalProperties: false },
);
export type SitePolicyPayload = Static<typeof SitePolicyPayload>;
