import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../common/paths.js';
import { HUB_TO_STATION_PATH, hubToStationSource } from './hub-to-station.js';

/** `npm run generate`: rewrites the generated protocol modules from the schemas. */
const source = await hubToStationSource();
writeFileSync(join(packageRoot(), HUB_TO_STATION_PATH), source);
console.log(`wrote ${HUB_TO_STATION_PATH} (${source.length} bytes)`);
