import { escapeCode128, escapeFieldData, field } from './zpl-escape.js';

/*
 * The handover sheet (交接单) of a dock batch as ZPL: printed by the dock station on its label
 * printer when it closes a batch, and served by the hub (hub/dock/sheet.ts, with its .xlsx and
 * PDF renderings). One model; the batch id as a barcode, the carrier, who and when, the count,
 * and one line per parcel.
 */

/** One parcel line of the sheet. */
export interface SheetLine {
  readonly no: number;
  readonly waybill: string;
  readonly orderId: string;
  readonly parcel: number;
  readonly scannedAt: string;
}

export interface HandoverSheet {
  readonly batchId: string;
  readonly carrier: string;
  readonly station: string | undefined;
  readonly openedAt: string;
  readonly openedBy: string;
  /** Absent while the batch is open: the sheet is then a draft. */
  readonly closedAt: string | undefined;
  readonly closedBy: string | undefined;
  readonly count: number;
  readonly lines: readonly SheetLine[];
}

/** The header's words, shared by every rendering. */
export function sheetHeader(sheet: HandoverSheet): string[] {
  return [
    `Carrier 承运商: ${sheet.carrier}`,
    `Parcels 件数: ${sheet.count}`,
    `Opened 开始: ${sheet.openedAt} by ${sheet.openedBy}${sheet.station ? ` at ${sheet.station}` : ''}`,
    sheet.closedAt ? `Closed 交接: ${sheet.closedAt} by ${sheet.closedBy ?? ''}` : 'OPEN - DRAFT 未交接',
  ];
}

/** Parcel lines on one 4x6 in label (203 dpi) after the first page's header. */
export const ZPL_LINES_PER_PAGE = 40;

/**
 * The sheet as ZPL II labels (4x6 in, 203 dpi), one label per ZPL_LINES_PER_PAGE parcels: each
 * with the batch id as Code 128 and its page number; every field escaped (zpl-escape.ts).
 */
export function sheetZpl(sheet: HandoverSheet): string {
  const pages = Math.max(1, Math.ceil(sheet.lines.length / ZPL_LINES_PER_PAGE));
  const out: string[] = [];
  for (let page = 0; page < pages; page++) {
    out.push('^XA', '^CI28', '^PW812', '^LL1218', '^LH0,0');
    out.push(`^FO40,30^A0N,40,40${field(`Handover 交接单 ${sheet.batchId}  ${page + 1}/${pages}`)}`);
    out.push(`^FO40,80^BY2^BCN,80,Y,N,N^FH^FD${escapeFieldData(escapeCode128(sheet.batchId))}^FS`);
    sheetHeader(sheet).forEach((line, i) => out.push(`^FO40,${200 + i * 30}^A0N,24,24${field(line)}`));
    const lines = sheet.lines.slice(page * ZPL_LINES_PER_PAGE, (page + 1) * ZPL_LINES_PER_PAGE);
    lines.forEach((line, i) => out.push(`^FO40,${330 + i * 21}^A0N,20,20${field(`${line.no}. ${line.waybill}  ${line.orderId}  #${line.parcel}`)}`));
    out.push('^XZ');
  }
  return `${out.join('\n')}\n`;
}
