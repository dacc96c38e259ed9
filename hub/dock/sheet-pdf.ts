import { code128B } from './code128.js';
import { sheetHeader, type HandoverSheet } from './sheet.js';

/*
 * The handover sheet as a PDF 1.4 document written by hand (no dependency): A4 pages, the
 * built-in Helvetica, the batch id as a Code 128 barcode drawn as filled rectangles. Helvetica
 * has no CJK glyphs, so the PDF's words are English and any other character is written as `?`.
 */

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 50;
/** Parcel lines per page. */
export const PDF_LINES_PER_PAGE = 45;

/** ASCII text for a PDF string: CJK (and anything else) dropped, `(`, `)` and `\` escaped. */
function pdfText(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]+/g, '').replace(/ +:/g, ':').replace(/ {2,}/g, ' ');
  return ascii.replace(/[()\\]/g, (char) => `\\${char}`);
}

function textAt(x: number, y: number, size: number, text: string): string {
  return `BT /F1 ${size} Tf ${x} ${y} Td (${pdfText(text)}) Tj ET`;
}

/** The barcode's bars as rectangles, `module` points wide, bottom-left at (x, y). */
function barcode(text: string, x: number, y: number, height: number, module = 1.2): string {
  const out: string[] = [];
  let at = x;
  code128B(text).forEach((width, i) => {
    if (i % 2 === 0) out.push(`${at.toFixed(2)} ${y} ${(width * module).toFixed(2)} ${height} re`);
    at += width * module;
  });
  return `${out.join('\n')}\nf`;
}

function pageContent(sheet: HandoverSheet, page: number, pages: number): string {
  const out: string[] = [];
  let y = PAGE_H - MARGIN - 20;
  out.push(textAt(MARGIN, y, 18, `Handover sheet ${sheet.batchId}   page ${page + 1}/${pages}`));
  y -= 70;
  out.push(barcode(sheet.batchId, MARGIN, y, 55));
  out.push(textAt(MARGIN, y - 14, 10, sheet.batchId));
  y -= 40;
  for (const line of sheetHeader(sheet)) {
    out.push(textAt(MARGIN, y, 11, line));
    y -= 15;
  }
  y -= 10;
  out.push(textAt(MARGIN, y, 10, 'no    waybill                      order                          parcel   scanned at'));
  y -= 14;
  for (const line of sheet.lines.slice(page * PDF_LINES_PER_PAGE, (page + 1) * PDF_LINES_PER_PAGE)) {
    out.push(textAt(MARGIN, y, 9, String(line.no)));
    out.push(textAt(MARGIN + 30, y, 9, line.waybill));
    out.push(textAt(MARGIN + 180, y, 9, line.orderId));
    out.push(textAt(MARGIN + 340, y, 9, `#${line.parcel}`));
    out.push(textAt(MARGIN + 380, y, 9, line.scannedAt));
    y -= 12;
  }
  return out.join('\n');
}

/** The sheet as a PDF: one A4 page per PDF_LINES_PER_PAGE parcels, each with the batch barcode. */
export function sheetPdf(sheet: HandoverSheet): Uint8Array {
  const pages = Math.max(1, Math.ceil(sheet.lines.length / PDF_LINES_PER_PAGE));
  // Objects: 1 catalog, 2 pages, 3 font, then a page and its content per page.
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (let page = 0; page < pages; page++) {
    const content = pageContent(sheet, page, pages);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + page * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
