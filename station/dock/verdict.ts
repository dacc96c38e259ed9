import type { DockManifestParcel, DockManifestPayload } from '../../protocol/dock.js';
import type { DockRefusal } from '../../protocol/dock-vocabulary.js';
import { DOCK_BATCH_MAX } from '../../protocol/dock-vocabulary.js';

/*
 * The dock's check of one scanned waybill, on the station's copy of the hub's dock manifest.
 * Pure. The same checks, in the same order and with the same codes, as the hub's
 * `judgeDockScan` (hub/domain/handover.ts), which re-checks every accepted scan at ingest.
 */

/** The hub's dock manifest as the station holds it: its parcels by waybill (upper case, as the hub's `waybillKey`). */
export interface DockManifestIndex {
  readonly version: number;
  readonly at: string;
  readonly parcels: ReadonlyMap<string, DockManifestParcel>;
}

/** Waybills compare without regard to case, as at the hub. */
export function waybillKey(waybill: string): string {
  return waybill.toUpperCase();
}

/** Indexes a manifest payload by waybill. */
export function indexManifest(manifest: Pick<DockManifestPayload, 'version' | 'at' | 'parcels'>): DockManifestIndex {
  return { version: manifest.version, at: manifest.at, parcels: new Map(manifest.parcels.map((parcel) => [waybillKey(parcel.waybill), parcel])) };
}

/** The batch a scan goes into, as the station holds it. */
export interface DockBatchView {
  readonly id: string;
  readonly carrier: string;
  readonly waybills: readonly string[];
}

export type DockJudgement =
  | { readonly ok: true; readonly parcel: DockManifestParcel }
  | { readonly ok: false; readonly code: DockRefusal; readonly parcel: DockManifestParcel | null; readonly detail: string };

function refuse(code: DockRefusal, parcel: DockManifestParcel | null, detail: string): DockJudgement {
  return { ok: false, code, parcel, detail };
}

/**
 * Whether `waybill` may go into `batch`: the parcel exists, its order is not held now (the
 * intercept: "take this parcel out"), it was verified and labelled or sealed, it was not handed
 * over, it is in no open batch (this one included), and it ships with the batch's carrier.
 */
export function judgeDockScan(manifest: DockManifestIndex | null, batch: DockBatchView | null, waybill: string): DockJudgement {
  if (!batch) return refuse('NO_BATCH', null, 'no handover batch is open: scan a carrier card first');
  const parcel = manifest?.parcels.get(waybillKey(waybill)) ?? null;
  if (!parcel) return refuse('WAYBILL_NOT_FOUND', null, `no order has waybill ${waybill}`);
  if (parcel.held !== undefined) return refuse('PARCEL_INTERCEPTED', parcel, `take this parcel out: order ${parcel.orderId} is ${parcel.held}`);
  if (!parcel.packed) return refuse('PARCEL_NOT_PACKED', parcel, `parcel ${parcel.waybill} of order ${parcel.orderId} was not verified and labelled or sealed`);
  if (parcel.handedOver !== undefined) return refuse('PARCEL_HANDED_OVER', parcel, `parcel ${parcel.waybill} was handed over in batch ${parcel.handedOver}`);
  const key = waybillKey(waybill);
  if (batch.waybills.some((scanned) => waybillKey(scanned) === key)) return refuse('PARCEL_IN_BATCH', parcel, `parcel ${parcel.waybill} is in this batch already`);
  if (parcel.batchId !== undefined && parcel.batchId !== batch.id) return refuse('PARCEL_IN_BATCH', parcel, `parcel ${parcel.waybill} is in open batch ${parcel.batchId} already`);
  if (parcel.carrier !== undefined && parcel.carrier !== batch.carrier) {
    return refuse('CARRIER_MISMATCH', parcel, `parcel ${parcel.waybill} ships with ${parcel.carrier}, not ${batch.carrier}`);
  }
  if (batch.waybills.length >= DOCK_BATCH_MAX) return refuse('BATCH_FULL', parcel, `the batch holds ${DOCK_BATCH_MAX} parcels: close it and open another`);
  return { ok: true, parcel };
}
