import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/error-codes.js';
import { PackgateError } from '../../common/errors.js';
import { packageRoot } from '../../common/paths.js';

const page = readFileSync(join(packageRoot(), 'docs/errors.md'), 'utf8');
/** `code → meaning` from the page's tables. */
const documented = new Map([...page.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| (.+) \|$/gm)].map((row) => [row[1]!, row[2]!.replace(/\\\|/g, '|')]));

describe('the error catalogue', () => {
  it('is docs/errors.md, code for code and word for word', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(documented.get(code), code).toBe(meaning);
  });

  it('gives every PackgateError its code', () => {
    const err = new PackgateError('NO_PRINTER', 'no printer');
    expect({ code: err.code, name: err.name, message: err.message }).toEqual({ code: 'NO_PRINTER', name: 'PackgateError', message: 'no printer' });
    expect(ERROR_CODES[err.code]).toContain('--printer');
  });
});
