import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128B } from '../../../hub/dock/code128.js';
import { handoverSheet, sheetZpl, ZPL_LINES_PER_PAGE } from '../../../hub/dock/sheet.js';
import { sheetPdf } from '../../../hub/dock/sheet-pdf.js';
import { sheetXlsx } from '../../../hub/dock/sheet-xlsx.js';
import type { HandoverBatch } from '../../../hub/domain/model.js';

const AT = '2026-11-22T09:00:00.000Z';
const batch = (count: number): HandoverBatch => ({
  id: 'H7',
  carrier: 'sf-express',
  station: 'DOCK1',
  openedAt: AT,
  openedBy: 'Zhao Lei',
  parcels: Array.from({ length: count }, (_, i) => ({ waybill: `SF${1000 + i}`, orderId: `taobao:TB${i}`, index: 1, at: AT })),
  closed: { at: AT, by: 'Zhao Lei', count },
});

describe('Code 128 B', () => {
  it('has 106 distinct symbols of 11 modules', () => {
    expect(CODE128_PATTERNS).toHaveLength(106);
    expect(new Set(CODE128_PATTERNS).size).toBe(106);
    for (const pattern of CODE128_PATTERNS) expect([...pattern].reduce((sum, digit) => sum + Number(digit), 0)).toBe(11);
  });

  it('encodes start B, the text, the mod-103 check and the stop', () => {
    // "H7": H = 40, 7 = 23; check (104 + 40·1 + 23·2) mod 103 = 87.
    const widths = code128B('H7');
    expect(widths.join('')).toBe(['211214', CODE128_PATTERNS[40], CODE128_PATTERNS[23], CODE128_PATTERNS[87], '2331112'].join(''));
    expect(() => code128B('交接')).toThrow(RangeError);
  });
});

describe('the handover sheet', () => {
  it('prints as ZPL: the batch id as Code 128, the count, and one line per parcel over as many labels as it takes', () => {
    const zpl = sheetZpl(handoverSheet(batch(ZPL_LINES_PER_PAGE + 1)));
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(zpl.match(/\^BCN,80,Y,N,N\^FH\^FDH7\^FS/g)).toHaveLength(2);
    expect(zpl).toContain('Parcels 件数: 41');
    for (let i = 0; i <= ZPL_LINES_PER_PAGE; i++) expect(zpl).toContain(`${i + 1}. SF${1000 + i}  taobao:TB${i}  #1`);
  });

  it('is a PDF with a page per 45 parcels and every line', () => {
    const text = Buffer.from(sheetPdf(handoverSheet(batch(46)))).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('/Count 2');
    expect(text).toContain('(Parcels: 46)');
    expect(text).toContain('(SF1045)');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
  });

  it('is an xlsx workbook with a row per parcel', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await sheetXlsx(handoverSheet(batch(3)))).buffer as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0]![0]).toBe('Handover 交接单 H7');
    expect(rows).toContainEqual(['no', 'waybill', 'order', 'parcel', 'scanned_at']);
    expect(rows.slice(-3).map((row) => row[1])).toEqual(['SF1000', 'SF1001', 'SF1002']);
  });
});
