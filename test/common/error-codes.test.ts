import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS_PAGE_PATH, errorTables, generatedPart, withErrorTables } from '../../common/codegen/errors-page.js';
import { ERROR_CODES, ERROR_SECTIONS } from '../../common/error-codes.js';
import { PackgateError } from '../../common/errors.js';
import { packageRoot } from '../../common/paths.js';

const page = readFileSync(join(packageRoot(), ERRORS_PAGE_PATH), 'utf8');
/** `code → meaning` from the page's tables. */
const documented = new Map([...page.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| (.+) \|$/gm)].map((row) => [row[1]!, row[2]!.replace(/\\\|/g, '|')]));

describe('the error catalogue', () => {
  it('is docs/errors.md, code for code and word for word', () => {
    expect(generatedPart(page), `${ERRORS_PAGE_PATH} differs from common/error-codes.ts: run npm run generate`).toBe(errorTables());
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(documented.get(code), code).toBe(meaning);
  });

  it('names each code in one section only', () => {
    const listed = Object.values(ERROR_SECTIONS).flatMap((codes) => Object.keys(codes));
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed.length).toBe(Object.keys(ERROR_CODES).length);
  });

  it('is written into the page between its markers, leaving the rest as it was', () => {
    const stale = page.replace('| `USAGE` |', '| `USAGE` | old words |');
    const written = withErrorTables(stale);
    expect(written).toBe(withErrorTables(page));
    expect(written.slice(0, written.indexOf('## The command line'))).toBe(page.slice(0, page.indexOf('## The command line')));
    expect(withErrorTables(written)).toBe(written);
    expect(() => withErrorTables('# Error codes\n')).toThrow(/markers/);
  });

  it('gives every PackgateError its code', () => {
    const err = new PackgateError('NO_PRINTER', 'no printer');
    expect({ code: err.code, name: err.name, message: err.message }).toEqual({ code: 'NO_PRINTER', name: 'PackgateError', message: 'no printer' });
    expect(ERROR_CODES[err.code]).toContain('--printer');
  });
});
