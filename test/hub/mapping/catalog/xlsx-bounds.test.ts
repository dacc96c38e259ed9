import { describe, expect, it } from 'vitest';
import { SHEET_LIMITS, checkTableBounds, checkXlsxBounds } from '../../../../hub/mapping/catalog/xlsx-bounds.js';
import { writeMappingsXlsx } from '../../../../hub/mapping/catalog/xlsx.js';
import { zip } from '../../../helpers/zip.js';

describe('checkXlsxBounds', () => {
  it('passes a workbook exceljs wrote, and leaves bytes that are not a ZIP to exceljs', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ channel: 'taobao', channelSku: `TB-${i}`, masterSku: `SKU-${i}` }));
    expect(checkXlsxBounds(await writeMappingsXlsx(rows))).toBeUndefined();
    expect(checkXlsxBounds(Buffer.from('channel,channel_sku,master_sku\n'))).toBeUndefined();
    expect(checkXlsxBounds(new Uint8Array(0))).toBeUndefined();
  });

  it('counts cells over every sheet of the workbook', () => {
    const cells = (n: number) => Buffer.from(`<sheetData><row r="1">${'<c t="s"><v>0</v></c>'.repeat(n)}</row></sheetData>`);
    const limits = { ...SHEET_LIMITS, cells: 1000 };
    expect(checkXlsxBounds(zip([{ name: 'xl/worksheets/sheet1.xml', data: cells(500) }, { name: 'xl/worksheets/sheet2.xml', data: cells(500) }]), limits)).toBeUndefined();
    expect(checkXlsxBounds(zip([{ name: 'xl/worksheets/sheet1.xml', data: cells(500) }, { name: 'xl/worksheets/sheet2.xml', data: cells(501) }]), limits)).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      message: 'the workbook has over 1000 cells',
    });
  });

  it('refuses a file that inflates past its declared size, in any part of the workbook', () => {
    const liar = zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(5000, 0x41), declaredSize: 10 }]);
    expect(checkXlsxBounds(liar)).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: 'xl/sharedStrings.xml unpacks to more than the 10 bytes it declares' });
  });
});

describe('checkTableBounds', () => {
  it('holds a table to the rows and cell length', () => {
    expect(checkTableBounds([['a', 'b'], ['c', 'd'.repeat(SHEET_LIMITS.cellChars)]])).toBeUndefined();
    expect(checkTableBounds([['a'], ['d'.repeat(SHEET_LIMITS.cellChars + 1)]])).toMatchObject({ code: 'IMPORT_TOO_LARGE' });
    expect(checkTableBounds(Array.from({ length: SHEET_LIMITS.rows + 1 }, () => ['x']))).toMatchObject({ code: 'IMPORT_TOO_LARGE' });
  });
});
