import { ERROR_SECTIONS } from '../error-codes.js';

/** The page whose tables are written from the catalogue, relative to the package root. */
export const ERRORS_PAGE_PATH = 'docs/errors.md';

const BEGIN = '<!-- The tables below are written by `npm run generate` from common/error-codes.ts: edit the catalogue, not them. -->';
const END = '<!-- End of the generated tables. -->';

/** One Markdown table per section of the catalogue, each under its heading. */
export function errorTables(): string {
  return Object.entries(ERROR_SECTIONS)
    .map(([title, codes]) => {
      const rows = Object.entries(codes).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
      return [`## ${title}`, '', '| code | meaning |', '| --- | --- |', ...rows].join('\n');
    })
    .join('\n\n');
}

/** What stands between the page's markers today, or `undefined` when it has none. */
export function generatedPart(page: string): string | undefined {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END, begin);
  if (begin < 0 || end < 0) return undefined;
  return page.slice(begin + BEGIN.length, end).trim();
}

/** `page` with the part between its markers written anew from the catalogue. */
export function withErrorTables(page: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END, begin);
  if (begin < 0 || end < 0) throw new Error(`${ERRORS_PAGE_PATH} lacks the markers of its generated tables: ${BEGIN} … ${END}`);
  return `${page.slice(0, begin + BEGIN.length)}\n\n${errorTables()}\n\n${page.slice(end)}`;
}
