import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { ERRORS_PAGE_PATH, withErrorTables } from './errors-page.js';

/** `npm run generate`: rewrites the error tables of docs/errors.md from the catalogue. */
const path = join(packageRoot(), ERRORS_PAGE_PATH);
const page = withErrorTables(readFileSync(path, 'utf8'));
writeFileSync(path, page);
console.log(`wrote the error tables of ${ERRORS_PAGE_PATH} (${page.length} bytes)`);
