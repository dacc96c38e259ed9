import { MappingIoError, problem, type MappingIoErrorCode, type Problem } from '../../domain/catalog-errors.js';

/** The rows of a CSV text, each a list of fields. */
export type CsvResult = { readonly ok: true; readonly rows: string[][] } | Problem<MappingIoErrorCode>;

/**
 * Parses CSV as RFC 4180 has it, and as spreadsheets write it: fields split by `,`, records by
 * CRLF or LF, a field in `"…"` may hold commas, line breaks and `""` for a quote. A leading
 * UTF-8 byte-order mark is dropped; blank lines are skipped. `IMPORT_BAD_CSV` (with the line) for
 * an unclosed quote or text after a closing quote.
 */
export function parseCsv(text: string): CsvResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // the row had a quoted field: not blank even if empty
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '' || quoted) rows.push(row);
    row = [];
    field = '';
    quoted = false;
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && field === '') {
      const start = line;
      quoted = true;
      for (i++; ; i++) {
        if (i >= text.length) return problem(MappingIoError.BadCsv, `line ${start}: a quoted field is not closed`);
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        } else if (text[i] === '\n') line++;
        field += text[i];
      }
      i++;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        return problem(MappingIoError.BadCsv, `line ${line}: text after a closing quote`);
      }
      continue;
    }
    if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += char;
    }
    i++;
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return { ok: true, rows };
}

/** A field that needs quoting: a comma, a quote, a line break, or spaces at either end. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Writes rows as CSV (RFC 4180): CRLF line ends, quotes only where a field needs them. */
export function formatCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => row.map((field) => (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',')).join('\r\n') + '\r\n';
}
