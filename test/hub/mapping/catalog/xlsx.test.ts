import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  applyMappingImport,
  planMappingImport,
  readMappingSheet,
  type MappingRef,
} from '../../../../hub/mapping/catalog/index.js';
import { readMappingsXlsx, writeMappingsXlsx } from '../../../../hub/mapping/catalog/xlsx.js';

const row = (channelSku: string, masterSku: string, channel = 'douyin'): MappingRef => ({ channel, channelSku, masterSku });
const current = [row('DY-BT-001', 'BT-001'), row('DY-PB-001', 'PB-001'), row('000123', 'NUM-1', 'pinduoduo'), row('TB-1', 'X', 'taobao')];
const table = Object.fromEntries(current.map((r) => [`${r.channel}:${r.channelSku}`, r]));

/** What a person does in a spreadsheet: open the file, change cells, add a row, save. */
async function edit(data: Uint8Array, change: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  change(workbook.getWorksheet('mappings')!);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('.xlsx mapping sheets', () => {
  it('round trip: export, edit a row, import with a dry run, apply', async () => {
    const exported = await writeMappingsXlsx(current);
    const read = await readMappingsXlsx(exported);
    expect(read).toMatchObject({ ok: true });
    if (!read.ok) return;
    expect(read.rows).toEqual([
      ['channel', 'channel_sku', 'master_sku'],
      ['douyin', 'DY-BT-001', 'BT-001'],
      ['douyin', 'DY-PB-001', 'PB-001'],
      ['pinduoduo', '000123', 'NUM-1'], // a code of digits stays text, with its zeros
      ['taobao', 'TB-1', 'X'],
    ]);

    const edited = await edit(exported, (sheet) => {
      sheet.getCell('C2').value = 'PB-001'; // the 217-parcel mistake, made in a spreadsheet
      sheet.addRow(['douyin', { richText: [{ text: 'DY-CABLE-' }, { text: '2' }] }, 'CABLE-2']);
    });
    const reread = await readMappingsXlsx(edited);
    if (!reread.ok) throw new Error(reread.code);
    const sheet = readMappingSheet(reread.rows);
    if (!sheet.ok) throw new Error(sheet.code);

    const plan = planMappingImport(current, sheet);
    expect(plan.changes.filter((change) => change.action !== 'unchanged')).toEqual([
      { action: 'change', line: 2, key: 'douyin:DY-BT-001', before: row('DY-BT-001', 'BT-001'), after: row('DY-BT-001', 'PB-001') },
      { action: 'add', line: 6, key: 'douyin:DY-CABLE-2', after: row('DY-CABLE-2', 'CABLE-2') },
    ]);
    expect(plan.counts).toEqual({ add: 1, change: 1, unchanged: 3, remove: 0, skip: 0 });

    const applied = applyMappingImport(table, plan);
    expect(applied.ok && applied.table).toEqual({
      ...table,
      'douyin:DY-BT-001': row('DY-BT-001', 'PB-001'),
      'douyin:DY-CABLE-2': row('DY-CABLE-2', 'CABLE-2'),
    });
  });

  it('reads numbers and formulas as the text a person sees, and keeps row numbers across blank rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['Channel', 'Channel SKU', 'Master SKU']);
    sheet.getCell('A3').value = 'pinduoduo';
    sheet.getCell('B3').value = 26001;
    sheet.getCell('C3').value = { formula: 'CONCATENATE("PDD-","1")', result: 'PDD-1' };
    const read = await readMappingsXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    if (!read.ok) throw new Error(read.code);
    const mapping = readMappingSheet(read.rows);
    expect(mapping.ok && mapping.rows).toEqual([{ line: 3, channel: 'pinduoduo', channelSku: '26001', masterSku: 'PDD-1' }]);
  });

  it('refuses bytes that are not a workbook', async () => {
    expect(await readMappingsXlsx(new TextEncoder().encode('channel,channel_sku\n'))).toMatchObject({ ok: false, code: 'IMPORT_BAD_WORKBOOK' });
  });
});
