import { inflateRawSync } from 'node:zlib';
import { MappingIoError, problem, type MappingIoErrorCode, type Problem } from '../../domain/catalog-errors.js';

/**
 * What an imported mapping sheet may hold. A sheet of 100,000 mappings is about 2 MB as an .xlsx
 * and 26 MB unpacked; the bounds leave room above that and keep the hub's memory to a few hundred
 * MB while it reads one, where a 400 KB workbook took it to 2.6 GB.
 */
export const SHEET_LIMITS = {
  /** The workbook's files unpacked, all together (a zip bomb declares or inflates to far more). */
  unpackedBytes: 64 * 1024 * 1024,
  /** Rows, the header included; in an .xlsx also the highest row number any sheet uses. */
  rows: 200_000,
  /** Cells of every sheet of a workbook together. */
  cells: 2_000_000,
  /** Columns: an .xlsx cell right of column BL (64) is refused. */
  columns: 64,
  /** Characters in one cell (a code is at most 64, a note is kept to 500). */
  cellChars: 1024,
} as const;

/** Bounds of a sheet: SHEET_LIMITS, or tighter ones in tests. */
export type SheetLimits = { readonly [K in keyof typeof SHEET_LIMITS]: number };

type Bounds = Problem<MappingIoErrorCode> | undefined;

const tooLarge = (message: string) => problem(MappingIoError.TooLarge, message);

/** A table of cells (CSV or workbook) within the row and cell-length bounds, or `IMPORT_TOO_LARGE`. */
export function checkTableBounds(rows: ReadonlyArray<readonly string[]>, limits: SheetLimits = SHEET_LIMITS): Bounds {
  if (rows.length > limits.rows) return tooLarge(`the sheet has ${rows.length} rows; at most ${limits.rows} are read`);
  for (let i = 0; i < rows.length; i++) {
    for (const cell of rows[i]!) {
      if (cell.length > limits.cellChars) return tooLarge(`row ${i + 1} has a cell of ${cell.length} characters; at most ${limits.cellChars}`);
    }
  }
  return undefined;
}

// ZIP (APPNOTE.TXT 6.3.10): end of central directory, central directory and local file headers.
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly offset: number;
}

/**
 * Checks an .xlsx (a ZIP) before exceljs unpacks it, whose reader inflates every file whole with
 * no bound: the sizes its central directory declares must sum within `unpackedBytes`; each file
 * is then inflated with its declared size as zlib's `maxOutputLength`, so one that inflates to
 * more is caught at that size, not after; and each worksheet's XML is counted for rows, cells
 * and columns. `IMPORT_TOO_LARGE` over a bound; undefined when within them, or when the bytes are
 * not a ZIP this reads (exceljs then says `IMPORT_BAD_WORKBOOK`).
 */
export function checkXlsxBounds(data: Uint8Array, limits: SheetLimits = SHEET_LIMITS): Bounds {
  const zip = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries = centralDirectory(zip);
  if (!entries) return undefined;
  if (entries === 'zip64') return tooLarge('the workbook is a ZIP64 archive: over 4 GB or 65,535 files');
  let declared = 0;
  for (const entry of entries) declared += entry.uncompressed;
  if (declared > limits.unpackedBytes) {
    return tooLarge(`the workbook unpacks to ${declared} bytes; at most ${limits.unpackedBytes}`);
  }
  const counts = { cells: 0 };
  for (const entry of entries) {
    const content = unpack(zip, entry);
    if (content === 'oversized') return tooLarge(`${entry.name} unpacks to more than the ${entry.uncompressed} bytes it declares`);
    if (content === undefined) continue;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      const problem = checkWorksheet(entry.name, content.toString('utf8'), counts, limits);
      if (problem) return problem;
    }
  }
  return undefined;
}

function centralDirectory(zip: Buffer): ZipEntry[] | 'zip64' | undefined {
  let end = -1;
  for (let at = zip.length - EOCD_SIZE; at >= Math.max(0, zip.length - EOCD_SIZE - MAX_COMMENT); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  const start = zip.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff) return 'zip64';
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return undefined;
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      uncompressed: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.offset === 0xffffffff) return 'zip64';
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated to at most its declared size; undefined for what this does not read. */
function unpack(zip: Buffer, entry: ZipEntry): Buffer | 'oversized' | undefined {
  const at = entry.offset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) return undefined;
  const from = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const stored = zip.subarray(from, from + entry.compressed);
  if (entry.method === STORED) return stored.length > entry.uncompressed ? 'oversized' : stored;
  if (entry.method !== DEFLATED) return undefined;
  try {
    // maxOutputLength must be at least 1; an empty entry that inflates to anything is oversized.
    const content = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.uncompressed) });
    return content.length > entry.uncompressed ? 'oversized' : content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'oversized';
    return undefined;
  }
}

const ROW = /<row\b[^>]*?\sr="(\d+)"/g;
const CELL = /<c[\s>/]/g;
const CELL_REF = /<c\b[^>]*?\sr="([A-Z]+)(\d+)"/g;

function checkWorksheet(name: string, xml: string, counts: { cells: number }, limits: SheetLimits): Bounds {
  for (const [, row] of xml.matchAll(ROW)) {
    if (Number(row) > limits.rows) return tooLarge(`${name} uses row ${row}; at most ${limits.rows} rows are read`);
  }
  counts.cells += xml.match(CELL)?.length ?? 0;
  if (counts.cells > limits.cells) return tooLarge(`the workbook has over ${limits.cells} cells`);
  for (const [, letters, row] of xml.matchAll(CELL_REF)) {
    if (columnNumber(letters!) > limits.columns) return tooLarge(`${name} has a cell at ${letters}${row}, right of the ${limits.columns} columns read`);
    if (Number(row) > limits.rows) return tooLarge(`${name} has a cell at ${letters}${row}; at most ${limits.rows} rows are read`);
  }
  return undefined;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}
