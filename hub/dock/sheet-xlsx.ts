import ExcelJS from 'exceljs';
import { sheetHeader, type HandoverSheet } from './sheet.js';

/**
 * The handover sheet as an .xlsx workbook (exceljs): the header lines, then one row per parcel
 * (`no`, `waybill`, `order`, `parcel`, `scanned_at`), every cell text. The batch id is in the
 * title; a spreadsheet has no barcode of its own (the PDF and ZPL sheets carry it).
 */
export async function sheetXlsx(sheet: HandoverSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'packgate';
  const ws = workbook.addWorksheet(`handover ${sheet.batchId}`.slice(0, 31));
  ws.columns = [{ width: 6 }, { width: 24 }, { width: 28 }, { width: 8 }, { width: 26 }].map((column) => ({ ...column, style: { numFmt: '@' } }));
  ws.addRow([`Handover 交接单 ${sheet.batchId}`]).font = { bold: true, size: 14 };
  for (const line of sheetHeader(sheet)) ws.addRow([line]);
  ws.addRow([]);
  ws.addRow(['no', 'waybill', 'order', 'parcel', 'scanned_at']).font = { bold: true };
  for (const line of sheet.lines) ws.addRow([String(line.no), line.waybill, line.orderId, String(line.parcel), line.scannedAt]);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
