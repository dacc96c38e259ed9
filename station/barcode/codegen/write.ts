import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../common/paths.js';
import { AI_TABLE_PATH, aiTableFromDictionary, dictionaryPath } from './ai-table.js';

/** `npm run generate`: rewrites the AI table from the GS1 Barcode Syntax Dictionary. */
const source = aiTableFromDictionary();
writeFileSync(join(packageRoot(), AI_TABLE_PATH), source);
console.log(`wrote ${AI_TABLE_PATH} (${source.length} bytes) from ${dictionaryPath()}`);
