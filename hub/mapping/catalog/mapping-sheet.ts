import { CHANNELS } from '../../domain/schemas.js';
import { formatCsv } from './csv.js';
import { MappingIoError, problem, type MappingIoErrorCode, type Problem } from '../../domain/catalog-errors.js';
import { MAX_SKU_LENGTH } from '../../domain/catalog/master-sku.js';
import type { MappingRef } from './near-miss.js';
import { CHANNEL_SKU } from './template-eval.js';

/** The columns of a mapping sheet, in export order; `note` is read on import when present. */
export const MAPPING_COLUMNS = ['channel', 'channel_sku', 'master_sku'] as const;

/** One valid row of an imported sheet; `line` is its spreadsheet row number (the header is 1). */
export interface SheetRow extends MappingRef {
  readonly line: number;
  readonly note?: string;
}

/** A row that cannot be imported, and why. */
export interface RowProblem {
  readonly line: number;
  readonly code: MappingIoErrorCode;
  readonly message: string;
}

export interface MappingSheet {
  readonly ok: true;
  /** Valid rows, in sheet order. */
  readonly rows: readonly SheetRow[];
  readonly problems: readonly RowProblem[];
  /** Header cells that are not mapping columns (kept out of the import). */
  readonly ignoredColumns: readonly string[];
}

const headerName = (cell: string) => cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
const validCode = (code: string) => code.length <= MAX_SKU_LENGTH && CHANNEL_SKU.test(code);

/**
 * Reads a mapping sheet (CSV or .xlsx, as rows of cells): a header naming `channel`,
 * `channel_sku` and `master_sku` (any case, spaces or `-` for `_`, any order; `note` optional),
 * then one row each. Cells are trimmed; blank rows are skipped. A row with a bad channel or
 * code is `IMPORT_BAD_ROW`; a channel SKU given twice with different master SKUs makes every
 * such row `IMPORT_DUPLICATE_ROW` (none of them is imported); an exact repeat is read once.
 * `IMPORT_BAD_HEADER` when a column is missing.
 */
export function readMappingSheet(table: ReadonlyArray<readonly string[]>): MappingSheet | Problem<MappingIoErrorCode> {
  const header = (table[0] ?? []).map(headerName);
  const column = (name: string) => header.indexOf(name);
  const missing = MAPPING_COLUMNS.filter((name) => column(name) === -1);
  if (missing.length > 0) return problem(MappingIoError.BadHeader, `the first row names no ${missing.join(', ')} column`);
  const [channelAt, skuAt, masterAt] = MAPPING_COLUMNS.map(column) as [number, number, number];
  const noteAt = column('note');
  const ignoredColumns = (table[0] ?? []).filter((_, i) => i !== noteAt && !(MAPPING_COLUMNS as readonly string[]).includes(header[i]!));

  const problems: RowProblem[] = [];
  const byKey = new Map<string, SheetRow[]>();
  const order: string[] = [];
  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const cell = (at: number) => (cells[at] ?? '').trim();
    if (cells.every((value) => value.trim() === '')) return;
    const channel = cell(channelAt).toLowerCase();
    const channelSku = cell(skuAt);
    const masterSku = cell(masterAt);
    const bad = (message: string) => void problems.push({ line, code: MappingIoError.BadRow, message: `line ${line}: ${message}` });
    if (!(CHANNELS as readonly string[]).includes(channel)) return bad(`channel ${JSON.stringify(cell(channelAt))} is not one of ${CHANNELS.join(', ')}`);
    if (!validCode(channelSku)) return bad(`channel SKU ${JSON.stringify(channelSku)} is not a code (1-64 of A-Z a-z 0-9 _ . : / + -, a letter or digit first)`);
    if (!validCode(masterSku)) return bad(`master SKU ${JSON.stringify(masterSku)} is not a code`);
    const note = noteAt === -1 ? '' : cell(noteAt).slice(0, 500);
    const row: SheetRow = { line, channel, channelSku, masterSku, ...(note ? { note } : {}) };
    const key = `${channel}:${channelSku}`;
    const same = byKey.get(key);
    if (same) same.push(row);
    else {
      byKey.set(key, [row]);
      order.push(key);
    }
  });
  const rows: SheetRow[] = [];
  for (const key of order) {
    const same = byKey.get(key)!;
    const masters = new Set(same.map((row) => row.masterSku));
    if (masters.size === 1) {
      rows.push(same[0]!);
      continue;
    }
    const lines = same.map((row) => row.line).join(', ');
    for (const row of same) {
      problems.push({ line: row.line, code: MappingIoError.DuplicateRow, message: `line ${row.line}: ${key} is given different master SKUs on lines ${lines}` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { ok: true, rows, problems, ignoredColumns };
}

/** The mapping table as sheet rows: the header, then every row by channel and channel SKU. */
export function mappingTableRows(rows: Iterable<MappingRef>): string[][] {
  const sorted = [...rows].sort((a, b) => (a.channel === b.channel ? (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0) : a.channel < b.channel ? -1 : 1));
  return [[...MAPPING_COLUMNS], ...sorted.map((row) => [row.channel, row.channelSku, row.masterSku])];
}

/**
 * The mapping table as CSV (RFC 4180, CRLF). Every value is a channel name or a code, which
 * starts with a letter or digit, so no cell can be read as a spreadsheet formula.
 */
export function exportMappingsCsv(rows: Iterable<MappingRef>): string {
  return formatCsv(mappingTableRows(rows));
}
