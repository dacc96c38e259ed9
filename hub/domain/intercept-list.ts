import { openBatchOf, parcelOfOrder } from './waybill-index.js';
import { getOwn } from './state.js';
import type { ReadonlyDomainState } from './tx.js';

/** An open intercept as the dock sees it: which parcels to take out, and where each is now. */
export interface OpenIntercept {
  readonly orderId: string;
  /** The `parcel-intercepted` alert's sequence. */
  readonly alertSeq: number;
  /** When the stop or freeze intercepted it (ISO). */
  readonly since: string;
  /** The parcels still to take out. */
  readonly parcels: ReadonlyArray<{
    readonly waybill: string;
    /** The open dock batch holding it now, if any. */
    readonly batchId?: string;
    readonly carrier?: string;
    /** The station that labelled or sealed it. */
    readonly station?: string;
  }>;
}

/**
 * The orders whose `parcel-intercepted` alert is open, oldest first, with each parcel still to
 * take out and where it is now (its open batch, else the station that labelled or sealed it).
 * Pure; scans the open intercepts (few) and, per parcel, the batches.
 */
export function openIntercepts(state: ReadonlyDomainState): OpenIntercept[] {
  const out: OpenIntercept[] = [];
  for (const orderId in state.intercepts) {
    const intercept = state.intercepts[orderId]!;
    const order = getOwn(state.orders, orderId);
    const parcels = intercept.waybills.map((waybill) => {
      const batch = openBatchOf(state, waybill);
      const parcel = order && parcelOfOrder(order, waybill);
      const station = parcel?.labelled?.station ?? parcel?.sealed?.station;
      return {
        waybill,
        ...(batch ? { batchId: batch.id, carrier: batch.carrier } : {}),
        ...(station === undefined ? {} : { station }),
      };
    });
    out.push({ orderId, alertSeq: intercept.alertSeq, since: intercept.since, parcels });
  }
  return out.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.alertSeq - b.alertSeq));
}
