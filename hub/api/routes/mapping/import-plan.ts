import Type, { type Static } from 'typebox';
import {
  parseCsv,
  readMappingSheet,
  type ImportPlan,
  type MappingIoErrorCode,
  type MappingSheet,
  type Problem,
} from '../../../mapping/catalog/index.js';
import { checkTableBounds } from '../../../mapping/catalog/xlsx-bounds.js';
import { Channel, NearDuplicateRecord } from './mapping-records.js';

/*
 * A mapping sheet upload read into rows, and an import plan as the API shows it. Pure but for
 * exceljs reading the workbook in memory.
 */

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/** The MIME type of each format, as sent and as expected. */
export const SHEET_MIME: Readonly<Record<SheetFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Reads an uploaded sheet (bytes) into mapping rows, or the catalog's `IMPORT_*` problem (`IMPORT_TOO_LARGE` over `SHEET_LIMITS`). */
export async function readUploadedSheet(format: SheetFormat, bytes: Uint8Array): Promise<MappingSheet | Problem<MappingIoErrorCode>> {
  // exceljs is loaded only when a workbook is uploaded (see mapping-io.ts).
  const table = format === 'csv' ? parseCsv(Buffer.from(bytes).toString('utf8')) : await (await import('../../../mapping/catalog/xlsx.js')).readMappingsXlsx(bytes);
  if (!table.ok) return table;
  return checkTableBounds(table.rows) ?? readMappingSheet(table.rows);
}

const PlanRow = Type.Object({
  row: Type.Optional(Type.Integer({ description: "the sheet's row number (the header is 1); absent for a removal" })),
  kind: Type.Enum(['add', 'change', 'unchanged', 'remove', 'skip']),
  channel: Type.Optional(Channel),
  channelSku: Type.Optional(Type.String({ description: 'absent for a skipped row' })),
  masterSku: Type.Optional(Type.String({ description: 'what the row maps to after the import' })),
  previous: Type.Optional(Type.String({ description: 'what it maps to now (change, unchanged, remove)' })),
  problem: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() }, { description: 'why a row is skipped' })),
});

export const PlanView = Type.Object({
  mode: Type.Enum(['merge', 'replace']),
  rows: Type.Array(PlanRow, { description: 'sheet rows in row order, then the removals' }),
  counts: Type.Object({
    add: Type.Integer(),
    change: Type.Integer(),
    unchanged: Type.Integer(),
    remove: Type.Integer(),
    skip: Type.Integer(),
  }),
  nearDuplicates: Type.Array(NearDuplicateRecord, { description: 'rows the table would hold that are near another of their channel' }),
});
export type PlanView = Static<typeof PlanView>;

/** The plan of `planMappingImport` in the API's shape: one flat row per planned change. */
export function planView(plan: ImportPlan): PlanView {
  const rows = plan.changes.map((change) => {
    const subject = change.after ?? change.before;
    return {
      ...(change.line === undefined ? {} : { row: change.line }),
      kind: change.action,
      ...(subject ? { channel: subject.channel as Static<typeof Channel>, channelSku: subject.channelSku } : {}),
      ...(change.action !== 'remove' && change.after ? { masterSku: change.after.masterSku } : {}),
      ...(change.before ? { previous: change.before.masterSku } : {}),
      ...(change.code ? { problem: { code: change.code, message: change.message ?? change.code } } : {}),
    };
  });
  return { mode: plan.mode, rows, counts: { ...plan.counts }, nearDuplicates: plan.nearDuplicates.map((near) => ({ ...near })) };
}
