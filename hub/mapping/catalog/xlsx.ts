import ExcelJS from 'exceljs';
import { MappingIoError, problem, type MappingIoErrorCode, type Problem } from '../../domain/catalog-errors.js';
import { mappingTableRows } from './mapping-sheet.js';
import { SHEET_LIMITS, checkXlsxBounds } from './xlsx-bounds.js';
import type { MappingRef } from './near-miss.js';

/*
 * The mapping table as the .xlsx sheets warehouses keep, through exceljs (MIT, pure JavaScript,
 * no install step). In memory only: bytes in, bytes out. Kept out of the catalog index so code
 * that does not read workbooks does not load exceljs.
 */

/** The name of the sheet `writeMappingsXlsx` writes and `readMappingsXlsx` prefers. */
export const MAPPING_SHEET_NAME = 'mappings';

/**
 * The mapping table as an .xlsx workbook: one sheet `mappings`, a bold frozen header
 * (`channel`, `channel_sku`, `master_sku`), every row by channel and channel SKU. Every cell is
 * text (format `@`), so a code like `000123` stays a code when the sheet is edited and saved.
 */
export async function writeMappingsXlsx(rows: Iterable<MappingRef>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'packgate';
  const sheet = workbook.addWorksheet(MAPPING_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { width: 12, style: { numFmt: '@' } },
    { width: 28, style: { numFmt: '@' } },
    { width: 28, style: { numFmt: '@' } },
  ];
  for (const cells of mappingTableRows(rows)) sheet.addRow(cells);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A cell as the text a person sees: numbers in base 10, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

export type XlsxResult = { readonly ok: true; readonly rows: string[][] } | Problem<MappingIoErrorCode>;

/**
 * Reads a workbook's mapping sheet (the one named `mappings`, else the first) as rows of cell
 * text, for `readMappingSheet`. `IMPORT_TOO_LARGE` over a bound of `SHEET_LIMITS`, checked
 * before exceljs unpacks anything (`checkXlsxBounds`); `IMPORT_BAD_WORKBOOK` when the bytes are
 * not a workbook or it has no sheet.
 */
export async function readMappingsXlsx(data: Uint8Array): Promise<XlsxResult> {
  const bounds = checkXlsxBounds(data);
  if (bounds) return bounds;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  } catch (err) {
    return problem(MappingIoError.BadWorkbook, `not an .xlsx workbook: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sheet = workbook.getWorksheet(MAPPING_SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return problem(MappingIoError.BadWorkbook, 'the workbook has no sheet');
  const rows: string[][] = [];
  const width = Math.min(sheet.columnCount, SHEET_LIMITS.columns);
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  // Rows exceljs skipped (never written) are blank lines: keep the numbering.
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { ok: true, rows };
}
