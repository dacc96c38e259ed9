import type { HandoverBatch } from '../domain/model.js';
import type { Immutable } from '../domain/tx.js';
import type { HandoverSheet } from '../../common/handover-sheet.js';

export { sheetHeader, sheetZpl, ZPL_LINES_PER_PAGE, type HandoverSheet, type SheetLine } from '../../common/handover-sheet.js';

/*
 * The handover sheet (交接单) of a closed or open dock batch: the batch id as a barcode, the
 * carrier, who and when, the count, and one line per parcel. One model, three renderings: ZPL for
 * the dock's label printer (common/handover-sheet.ts, which the dock station prints
 * too), .xlsx (sheet-xlsx.ts) and PDF (sheet-pdf.ts) to keep or send.
 */

/** The sheet of a batch. */
export function handoverSheet(batch: Immutable<HandoverBatch>): HandoverSheet {
  return {
    batchId: batch.id,
    carrier: batch.carrier,
    station: batch.station,
    openedAt: batch.openedAt,
    openedBy: batch.openedBy,
    closedAt: batch.closed?.at,
    closedBy: batch.closed?.by,
    count: batch.closed?.count ?? batch.parcels.length,
    lines: batch.parcels.map((parcel, i) => ({ no: i + 1, waybill: parcel.waybill, orderId: parcel.orderId, parcel: parcel.index, scannedAt: parcel.at })),
  };
}

