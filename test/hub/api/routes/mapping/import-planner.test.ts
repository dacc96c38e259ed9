import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../../common/paths.js';
import { writeMappingsXlsx } from '../../../../../hub/mapping/catalog/xlsx.js';
import { planImport, planSheet, type PlanInput } from '../../../../../hub/api/routes/mapping/import-planner.js';

// The worker runs compiled code: `npm run build` first.
const BUILT = pathToFileURL(join(packageRoot(), 'dist', 'hub', 'api', 'routes', 'mapping', 'import-planner.js')).href;

const current = [
  { channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: 'DRESS-RED-M' },
  { channel: 'douyin', channelSku: '000123', masterSku: 'BOOK-01' },
];
const csv = 'channel,channel_sku,master_sku\ndouyin,DY-RED-M-2601,DRESS-RED-S\ntaobao,BT-001,BT-001\namazon,X,X\n';

describe('planning an import', () => {
  it('runs in-process from sources (tests) and in a worker when compiled', async () => {
    expect(planImport).toBe(planSheet);
    const built = (await import(BUILT)) as typeof import('../../../../../hub/api/routes/mapping/import-planner.js');
    expect(built.planImport).toBe(built.planSheetInWorker);
  });

  it.each([
    ['CSV', async (): Promise<PlanInput> => ({ format: 'csv', bytes: Buffer.from(csv), current, mode: 'replace' }), { add: 1, change: 1, unchanged: 0, remove: 1, skip: 1 }],
    [
      '.xlsx',
      async (): Promise<PlanInput> => ({
        format: 'xlsx',
        bytes: await writeMappingsXlsx([{ channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: 'DRESS-RED-S' }]),
        current,
        mode: 'merge',
      }),
      { add: 0, change: 1, unchanged: 0, remove: 0, skip: 0 },
    ],
    ['a bad workbook', async (): Promise<PlanInput> => ({ format: 'xlsx', bytes: Buffer.from(csv), current, mode: 'merge' }), 'IMPORT_BAD_WORKBOOK'],
  ])('gives the same answer in a worker thread as in-process for %s', async (_name, input, expected) => {
    const built = (await import(BUILT)) as typeof import('../../../../../hub/api/routes/mapping/import-planner.js');
    const given = await input();
    const inWorker = await built.planSheetInWorker(given);
    expect(inWorker).toEqual(await planSheet(given));
    expect(inWorker.ok ? inWorker.view.counts : inWorker.code).toEqual(expected);
  });
});
