import { MasterSkuError, TemplateError, type MasterSkuErrorCode, type TemplateErrorCode } from './catalog-errors.js';

/**
 * Why the domain refused a command. Stable codes: the API, the ingest and tests match the code,
 * never the wording. Every code is listed with its meaning in `docs/domain.md`.
 */
export const DomainError = {
  /** Unknown command type, or a payload that does not match the command's schema. */
  BadCommand: 'BAD_COMMAND',
  /** A quantity or delta that is not a positive whole number, or would take stock below zero. */
  BadQuantity: 'BAD_QUANTITY',
  /** A freeze time to live outside the allowed range. */
  BadTtl: 'BAD_TTL',
  OrderExists: 'ORDER_EXISTS',
  /** Another live order already has this waybill. */
  WaybillExists: 'WAYBILL_EXISTS',
  /** A parcel's print data is over MAX_PRINT_DATA_BYTES as JSON. */
  PrintDataTooLarge: 'PRINT_DATA_TOO_LARGE',
  /** The order's first parcel is not on the order's waybill. */
  ParcelWaybillMismatch: 'PARCEL_WAYBILL_MISMATCH',
  /** Two parcels of the order have the same waybill. */
  ParcelWaybillDuplicate: 'PARCEL_WAYBILL_DUPLICATE',
  /** A station fact names a parcel the order does not have (its place or its waybill). */
  ParcelNotFound: 'PARCEL_NOT_FOUND',
  OrderNotFound: 'ORDER_NOT_FOUND',
  /** Re-resolution named an order that is not in the needs-mapping pool. */
  OrderNotHeld: 'ORDER_NOT_HELD',
  /** The order was cancelled (its refund was released); nothing more can be done to it. */
  OrderCancelled: 'ORDER_CANCELLED',
  /** The order already has a pending freeze. */
  OrderAlreadyFrozen: 'ORDER_ALREADY_FROZEN',
  /** A freeze gives a batch or quantity for an order with several SKUs but names no SKU. */
  FreezeSkuRequired: 'FREEZE_SKU_REQUIRED',
  FreezeNotFound: 'FREEZE_NOT_FOUND',
  /** The freeze was already approved, rejected or released at expiry. */
  FreezeNotPending: 'FREEZE_NOT_PENDING',
  TaskNotFound: 'TASK_NOT_FOUND',
  /** The station fact is out of order for the task's progress (e.g. a label before verification). */
  TaskBadTransition: 'TASK_BAD_TRANSITION',
  /** The task is loaded at another station than the one reporting. */
  TaskNotAtStation: 'TASK_NOT_AT_STATION',
  TaskCancelled: 'TASK_CANCELLED',
  /** The order already has an active stop with this reason. */
  StopExists: 'STOP_EXISTS',
  StopNotFound: 'STOP_NOT_FOUND',
  /** A refund stop is lifted by rejecting its freeze, not directly. */
  StopHeldByFreeze: 'STOP_HELD_BY_FREEZE',
  AlertNotFound: 'ALERT_NOT_FOUND',
  /** A barcode of a catalog item already stands for another master SKU. */
  BarcodeTaken: 'BARCODE_TAKEN',
  AlertAlreadyAcknowledged: 'ALERT_ALREADY_ACKNOWLEDGED',
  /** No change of this mapping row waits for confirmation. */
  MappingNotPending: 'MAPPING_NOT_PENDING',
  /** No mapping row for this channel SKU. */
  MappingNotFound: 'MAPPING_NOT_FOUND',
  /** The row (or the channel's template) has a change waiting for confirmation: decide it first. */
  MappingPending: 'MAPPING_PENDING',
  /** The master SKU id derived from these attributes belongs to an item with other attributes. */
  MasterSkuTaken: 'MASTER_SKU_TAKEN',
  /** The channel has no rule template. */
  TemplateNotFound: 'TEMPLATE_NOT_FOUND',
  /** No dock handover batch with this id. */
  HandoverNotFound: 'HANDOVER_NOT_FOUND',
  /** A handover batch with this id exists already. */
  HandoverExists: 'HANDOVER_EXISTS',
  /** The handover batch was closed: nothing more goes in or out. */
  HandoverClosed: 'HANDOVER_CLOSED',
  /** A batch cannot close while a parcel in it is intercepted: take it out first. */
  HandoverHasIntercept: 'HANDOVER_HAS_INTERCEPT',
  /** A waybill scanned at the dock that no order has. */
  WaybillNotFound: 'WAYBILL_NOT_FOUND',
  /** The parcel was not verified and labelled or sealed: it cannot leave. */
  ParcelNotPacked: 'PARCEL_NOT_PACKED',
  /** The parcel's order is stopped, frozen, blocked or cancelled now: take this parcel out. */
  ParcelIntercepted: 'PARCEL_INTERCEPTED',
  /** The parcel was handed over already. */
  ParcelHandedOver: 'PARCEL_HANDED_OVER',
  /** The parcel is in an open handover batch already (this one or another). */
  ParcelInBatch: 'PARCEL_IN_BATCH',
  /** The parcel's order ships with another carrier than the batch's. */
  CarrierMismatch: 'CARRIER_MISMATCH',
  /** No box type has this barcode. */
  BoxTypeNotFound: 'BOX_TYPE_NOT_FOUND',
  /** The site has MAX_BOX_TYPES box types already. */
  BoxTypesFull: 'BOX_TYPES_FULL',
  /** No catalog item has this master SKU. */
  CatalogItemNotFound: 'CATALOG_ITEM_NOT_FOUND',
  /** The hub has learned no weight for this master SKU yet. */
  LearnedWeightNotFound: 'LEARNED_WEIGHT_NOT_FOUND',
  /** The waybill is disputed already (its clips are pinned). */
  WaybillDisputed: 'WAYBILL_DISPUTED',
  /** The waybill is not disputed: there is no dispute to close. */
  DisputeNotFound: 'DISPUTE_NOT_FOUND',
} as const;
/**
 * Every code a command can be refused with: the domain's own, and the catalog's master SKU
 * (`ATTRIBUTE_*`, `MASTER_SKU_DUPLICATE`) and template (`TEMPLATE_*`) problem codes.
 */
export type DomainErrorCode = (typeof DomainError)[keyof typeof DomainError] | MasterSkuErrorCode | TemplateErrorCode;

/** A refused command: nothing changed. */
export interface Rejection {
  readonly ok: false;
  readonly code: DomainErrorCode;
  readonly message: string;
}

/** What a caller should make of a code: the API maps these to 400, 404 and 409. */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict';

const NOT_FOUND: ReadonlySet<DomainErrorCode> = new Set([
  DomainError.OrderNotFound,
  DomainError.FreezeNotFound,
  DomainError.TaskNotFound,
  DomainError.StopNotFound,
  DomainError.AlertNotFound,
  DomainError.MappingNotFound,
  DomainError.TemplateNotFound,
  DomainError.ParcelNotFound,
  DomainError.HandoverNotFound,
  DomainError.WaybillNotFound,
  DomainError.BoxTypeNotFound,
  DomainError.CatalogItemNotFound,
  DomainError.LearnedWeightNotFound,
  DomainError.DisputeNotFound,
]);
const INVALID: ReadonlySet<DomainErrorCode> = new Set([
  DomainError.BadCommand,
  DomainError.BadQuantity,
  DomainError.BadTtl,
  DomainError.FreezeSkuRequired,
  DomainError.PrintDataTooLarge,
  DomainError.ParcelWaybillMismatch,
  DomainError.ParcelWaybillDuplicate,
  MasterSkuError.AttributeMissing,
  MasterSkuError.AttributeBadName,
  MasterSkuError.AttributeEmpty,
  ...Object.values(TemplateError),
]);

/** Classifies a code: bad input, a missing thing, or a clash with the current state. */
export function domainErrorKind(code: DomainErrorCode): DomainErrorKind {
  if (NOT_FOUND.has(code)) return 'not_found';
  if (INVALID.has(code)) return 'invalid';
  return 'conflict';
}

export function reject(code: DomainErrorCode, message: string): Rejection {
  return { ok: false, code, message };
}
