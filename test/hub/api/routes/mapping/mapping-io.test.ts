import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SHEET_BYTES } from '../../../../../hub/api/routes/mapping/mapping-io.js';
import { buildApiTestApp, DRESS, type ApiTestApp } from '../../../../helpers/api-app.js';
import { dressOrder } from '../../../../helpers/domain.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('mapping import and export API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
    for (const row of [
      DRESS,
      { channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku },
      { channel: 'douyin', channelSku: '000123', masterSku: 'BOOK-01' },
    ]) {
      const res = await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: row });
      expect(res.statusCode).toBe(200);
    }
  });
  afterEach(() => api.close());

  const table = async () => (await api.request('viewer', { method: 'GET', url: '/api/v1/mappings' })).json().mappings;
  const upload = (query: string, payload: string | Buffer, contentType = 'text/csv') =>
    api.request('manager', { method: 'POST', url: `/api/v1/mappings/import${query}`, payload, headers: { 'content-type': contentType } });

  describe('GET /api/v1/mappings/export', () => {
    it('answers the table as CSV with a file name', async () => {
      const res = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/export' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="packgate-mappings-v3-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.body).toBe(
        'channel,channel_sku,master_sku\r\ndouyin,000123,BOOK-01\r\ndouyin,DY-RED-M-2601,DRESS-RED-M\r\ntaobao,DRESS-2026-RED-M,DRESS-RED-M\r\n',
      );
    });

    it('is 400 for an unknown format and 401 without a token', async () => {
      const bad = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/export?format=ods' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('BAD_REQUEST');
      const anonymous = await api.request('anonymous', { method: 'GET', url: '/api/v1/mappings/export' });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('POST /api/v1/mappings/import', () => {
    const sheet = 'channel,channel_sku,master_sku,note\r\ntaobao,DRESS-2026-RED-M,DRESS-RED-L,size chart\r\ntaobao,BT-001,BT-001,\r\ndouyin,DY-RED-M-2601,DRESS-RED-M,\r\n';

    it('plans row by row by default and changes nothing', async () => {
      const before = await table();
      const res = await upload('', sheet);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        dryRun: true,
        applied: false,
        pending: 0,
        plan: {
          mode: 'merge',
          rows: [
            { row: 2, kind: 'change', channel: 'taobao', channelSku: DRESS.channelSku, masterSku: 'DRESS-RED-L', previous: DRESS.masterSku },
            { row: 3, kind: 'add', channel: 'taobao', channelSku: 'BT-001', masterSku: 'BT-001' },
            { row: 4, kind: 'unchanged', channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku, previous: DRESS.masterSku },
          ],
          counts: { add: 1, change: 1, unchanged: 1, remove: 0, skip: 0 },
          nearDuplicates: [],
        },
      });
      expect(await table()).toEqual(before);
    });

    it('applies adds and changes: a changed row waits for confirmation and holds its orders', async () => {
      const res = await upload('?dryRun=false', sheet);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ dryRun: false, applied: true, pending: 1, plan: { counts: { add: 1, change: 1 } } });
      expect(await table()).toContainEqual({ ...DRESS, masterSku: 'DRESS-RED-L' });
      expect(await table()).toContainEqual({ channel: 'taobao', channelSku: 'BT-001', masterSku: 'BT-001' });
      // One command, all or nothing, each row with its sheet note.
      expect(api.calls.filter((call) => call.command.type === 'setMappings').map((call) => call.command)).toEqual([
        {
          type: 'setMappings',
          rows: [
            { ...DRESS, masterSku: 'DRESS-RED-L', note: 'size chart' },
            { channel: 'taobao', channelSku: 'BT-001', masterSku: 'BT-001' },
          ],
        },
      ]);
      const pending = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/pending' });
      expect(pending.json().rows).toEqual([expect.objectContaining({ channelSku: DRESS.channelSku, previous: DRESS.masterSku, masterSku: 'DRESS-RED-L' })]);
      const order = await api.request('integration', { method: 'POST', url: '/api/v1/orders', payload: dressOrder('TB1') });
      expect(order.json().order.status).toBe('held');
    });

    it('shows skipped rows and the removals of a replace', async () => {
      const res = await upload('?mode=replace', 'channel,channel_sku,master_sku\ndouyin,DY-RED-M-2601,DRESS-RED-M\namazon,X-1,X\n');
      expect(res.json().plan.rows).toEqual([
        { row: 2, kind: 'unchanged', channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku, previous: DRESS.masterSku },
        { row: 3, kind: 'skip', problem: { code: 'IMPORT_BAD_ROW', message: expect.any(String) } },
        { kind: 'remove', channel: 'douyin', channelSku: '000123', previous: 'BOOK-01' },
      ]);
    });

    it('applies a replace as one command: the channel named loses the rows the sheet lacks, others stay', async () => {
      const douyinSheet = 'channel,channel_sku,master_sku\ndouyin,DY-RED-M-2601,DRESS-RED-M\n';
      const res = await upload('?mode=replace&dryRun=false&note=douyin%20sheet%20of%20the%20week', douyinSheet);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ applied: true, pending: 0, plan: { counts: { unchanged: 1, remove: 1 } } });
      expect(await table()).toEqual([{ channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: DRESS.masterSku }, DRESS]);
      expect(api.calls.slice(-2).map((call) => call.command)).toEqual([
        { type: 'setMappings', rows: [], removals: [{ channel: 'douyin', channelSku: '000123' }], note: 'douyin sheet of the week' },
        { type: 'resolveHeldOrders' },
      ]);
      // The audit says which sheet it was (not its bytes: the rows are in the command).
      expect(api.calls.at(-2)?.context.raw).toEqual({ sheet: 'csv', mode: 'replace', bytes: douyinSheet.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('refuses the whole import when it would remove a row whose change awaits confirmation (409 MAPPING_PENDING)', async () => {
      await api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload: { channel: 'douyin', channelSku: '000123', masterSku: 'BOOK-02' } });
      const before = await table();
      const res = await upload('?mode=replace&dryRun=false', 'channel,channel_sku,master_sku\ndouyin,DY-RED-M-2601,DRESS-RED-S\n');
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('MAPPING_PENDING');
      expect(await table()).toEqual(before);
    });

    it.each([
      ['a bad header', 'chan,sku\ntaobao,A\n', 'text/csv', 'IMPORT_BAD_HEADER'],
      ['an unclosed quote', 'channel,channel_sku,master_sku\ntaobao,"A,B\n', 'text/csv', 'IMPORT_BAD_CSV'],
      ['bytes that are not a workbook', 'channel,channel_sku,master_sku\n', XLSX, 'IMPORT_BAD_WORKBOOK'],
      ['an empty body', '', 'text/csv', 'IMPORT_BAD_HEADER'],
    ])('is 400 for %s and changes nothing', async (_name, body, type, code) => {
      const before = await table();
      const calls = api.calls.length;
      const res = await upload('?dryRun=false', body, type);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(await table()).toEqual(before);
      expect(api.calls).toHaveLength(calls);
    });

    it('refuses other content types, too large a sheet, and a viewer', async () => {
      const json = await api.request('manager', { method: 'POST', url: '/api/v1/mappings/import', payload: { rows: [] } });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const large = await upload('', Buffer.alloc(MAX_SHEET_BYTES + 1, 'a'));
      expect(large.statusCode).toBe(413);
      expect(large.json().error.code).toBe('BODY_TOO_LARGE');
      const viewer = await api.request('viewer', {
        method: 'POST',
        url: '/api/v1/mappings/import',
        payload: sheet,
        headers: { 'content-type': 'text/csv' },
      });
      expect(viewer.statusCode).toBe(403);
    });
  });

  it('round-trips an .xlsx: export, edit a row, dry run (one change, nothing changed), apply (changed and pending)', async () => {
    const exported = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/export?format=xlsx' });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    expect(exported.headers['content-disposition']).toMatch(/filename="packgate-mappings-v3-[\d-]+\.xlsx"/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload.buffer.slice(exported.rawPayload.byteOffset, exported.rawPayload.byteOffset + exported.rawPayload.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('mappings')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3].map((column) => String(row.getCell(column).value))));
    expect(rows).toEqual([
      ['channel', 'channel_sku', 'master_sku'],
      ['douyin', '000123', 'BOOK-01'],
      ['douyin', 'DY-RED-M-2601', DRESS.masterSku],
      ['taobao', DRESS.channelSku, DRESS.masterSku],
    ]);
    sheet.getRow(3).getCell(3).value = 'DRESS-RED-S';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = await table();
    const dry = await upload('?format=xlsx&dryRun=true', edited, XLSX);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().plan.counts).toEqual({ add: 0, change: 1, unchanged: 2, remove: 0, skip: 0 });
    expect(dry.json().plan.rows.filter((row: { kind: string }) => row.kind === 'change')).toEqual([
      { row: 3, kind: 'change', channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: 'DRESS-RED-S', previous: DRESS.masterSku },
    ]);
    expect(await table()).toEqual(before);

    const applied = await upload('?format=xlsx&dryRun=false', edited, XLSX);
    expect(applied.json()).toMatchObject({ dryRun: false, applied: true, pending: 1 });
    expect(await table()).toContainEqual({ channel: 'douyin', channelSku: 'DY-RED-M-2601', masterSku: 'DRESS-RED-S' });
    const pending = await api.request('viewer', { method: 'GET', url: '/api/v1/mappings/pending' });
    expect(pending.json().rows).toEqual([
      expect.objectContaining({ channel: 'douyin', channelSku: 'DY-RED-M-2601', previous: DRESS.masterSku, masterSku: 'DRESS-RED-S' }),
    ]);
  });
});
