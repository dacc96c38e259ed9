import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_LIMITS } from '../../hub/mapping/catalog/xlsx-bounds.js';
import { writeMappingsXlsx } from '../../hub/mapping/catalog/xlsx.js';
import { Hub } from '../../hub/hub.js';
import { zip } from '../helpers/zip.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;

/** A workbook of the mapping header and what `fill` puts in its sheet. */
async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('mappings');
  sheet.addRow(['channel', 'channel_sku', 'master_sku', 'note']);
  sheet.addRow(['taobao', 'TB-1', 'DRESS-RED-M']);
  fill(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Issue #13, item 5: before, a 400 KB workbook took the hub to 2.6 GB. */
describe('the bounds of a mapping sheet import, over HTTP', () => {
  let hub: Hub;
  let token: string;
  beforeAll(async () => {
    hub = await Hub.start({ site: 'imp', host: '127.0.0.1', port: 0, mqttPort: 0 });
    token = await hub.createToken('manager', 'manager');
  });
  afterAll(() => hub.close());

  const upload = async (body: Buffer | string, type = XLSX) => {
    const res = await fetch(`${hub.httpUrl}/api/v1/mappings/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; plan?: { counts: Record<string, number> } } };
  };
  const refused = (message: RegExp) => ({ status: 413, body: { error: { code: 'IMPORT_TOO_LARGE', message: expect.stringMatching(message) } } });

  it('still reads a sheet within the bounds', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ channel: 'douyin', channelSku: `DY-${i}`, masterSku: `SKU-${i}` }));
    const answer = await upload(Buffer.from(await writeMappingsXlsx(rows)));
    expect(answer.status).toBe(200);
    expect(answer.body.plan?.counts).toMatchObject({ add: 1000, skip: 0 });
  });

  it('refuses a zip bomb by the sizes it declares, before unpacking it', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(80 * MiB, 0x20) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await upload(bomb)).toEqual(refused(/unpacks to 83886080 bytes; at most 67108864/));
  });

  it('refuses a zip bomb that lies about its size, at the size it declares', async () => {
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(80 * MiB, 0x20), declaredSize: 1000 }]);
    expect(await upload(liar)).toEqual(refused(/sheet1\.xml unpacks to more than the 1000 bytes it declares/));
  });

  it('refuses a sheet that uses a row past the bound (a few KB that made 10^6 rows of 16,384 cells)', async () => {
    const far = await workbook((sheet) => void (sheet.getCell('XFD1048576').value = 'x'));
    expect(far.length).toBeLessThan(10_000);
    expect(await upload(far)).toEqual(refused(/uses row 1048576; at most 200000 rows/));
  });

  it('refuses a cell right of the columns read, and a cell too long', async () => {
    expect(await upload(await workbook((sheet) => void (sheet.getCell('BM2').value = 'x')))).toEqual(refused(/a cell at BM2, right of the 64 columns/));
    const long = await workbook((sheet) => void sheet.addRow(['taobao', 'TB-2', 'DRESS-RED-M', 'n'.repeat(SHEET_LIMITS.cellChars + 1)]));
    expect(await upload(long)).toEqual(refused(/row 3 has a cell of 1025 characters; at most 1024/));
  });

  it('holds a CSV to the same rows and cell length', async () => {
    const rows = `channel,channel_sku,master_sku\r\n${'taobao,A,B\r\n'.repeat(SHEET_LIMITS.rows)}`;
    expect(await upload(rows, 'text/csv')).toEqual(refused(/200001 rows; at most 200000/));
  });

  it('counts each refusal in /metrics', async () => {
    const metrics = await fetch(`${hub.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.text());
    expect(metrics).toMatch(/^packgate_http_refusals_total\{code="IMPORT_TOO_LARGE"\} 6$/m);
  });
});
