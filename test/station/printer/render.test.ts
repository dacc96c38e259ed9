import { describe, expect, it } from 'vitest';
import { PrinterFirmware } from '../../../firmware-sim/printer/firmware.js';
import { maskPhone, verificationHash, wrapText } from '../../../station/printer/label-fields.js';
import { DEFAULT_LABEL_FONT, renderLabel } from '../../../station/printer/render.js';
import { escapeFieldData } from '../../../common/zpl-escape.js';
import { sampleLabel } from './fixtures.js';

/** Prints rendered ZPL on the simulated printer and returns what came out, and any replies. */
function printOnSimulator(zpl: string) {
  const firmware = new PrinterFirmware();
  const { replies } = firmware.feed(Buffer.from(zpl, 'utf8'));
  return { labels: firmware.printed, replies, firmware };
}

describe('renderLabel', () => {
  it('is one ^XA…^XZ format with UTF-8 (^CI28), the CJK font (^CW) and the job id comment', () => {
    const zpl = renderLabel(sampleLabel(), { jobId: 'TB2026112200123#1' });
    expect(zpl.startsWith('^XA\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain(`^CWJ,${DEFAULT_LABEL_FONT}`);
    expect(zpl).toContain('^FXpackgate-job:TB2026112200123#1^FS');
    // Every text field uses the CJK font and ^FH escaping.
    for (const text of zpl.match(/\^A[^\n]*/g) ?? []) expect(text).toMatch(/^\^AJN,\d+,\d+\^FH\^FD/);
  });

  it('prints the order number, waybill barcode (Code 128), ship-to with a masked phone, packer and verification mark', () => {
    const label = sampleLabel();
    const zpl = renderLabel(label);
    expect(zpl).toMatch(/\^BCN,150,Y,N,N\^FH\^FDSF1234567890123\^FS/);
    const [printed] = printOnSimulator(zpl).labels;
    const fields = printed!.fields;
    expect(fields).toContain('Order 订单 TB2026112200123');
    expect(fields).toContain('SF1234567890123');
    expect(fields).toContain('SF Express 顺丰速运');
    expect(fields).toContain('To 收件人: 张三   +** ***-****-5678');
    expect(fields.join('\n')).not.toContain('138-1234');
    expect(fields.join('')).toContain('广东省深圳市南山区科技园南区');
    expect(fields).toContain('Packer 打包员: P-017');
    expect(fields).toContain('VERIFIED ✓ 已核验');
    expect(fields).toContain('Station 工位: ST-01');
    expect(fields).toContain('2026-11-22 08:30 UTC');
    expect(fields).toContain(`#${verificationHash(label.verification.lines)}  2 SKU / 3 pcs`);
  });

  it('writes Chinese text as raw UTF-8 bytes', () => {
    const bytes = Buffer.from(renderLabel(sampleLabel()), 'utf8');
    expect(bytes.includes(Buffer.from('已核验', 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from([0xe5, 0xb7, 0xb2]))).toBe(true); // 已 = U+5DF2
  });

  it('uses a configured font and time zone', () => {
    const zpl = renderLabel(sampleLabel(), { font: 'E:SIMSUN.FNT', timeZone: 'Asia/Shanghai' });
    expect(zpl).toContain('^CWJ,E:SIMSUN.FNT');
    expect(printOnSimulator(zpl).labels[0]!.fields).toContain('2026-11-22 16:30 Asia/Shanghai');
  });

  it('marks a reprint', () => {
    const fields = printOnSimulator(renderLabel(sampleLabel(), { reprint: { of: 'TB1#1' } })).labels[0]!.fields;
    expect(fields).toContain('REPRINT 补打 of TB1#1');
  });

  it('refuses a bad font path, time zone or label with stable codes', () => {
    expect(() => renderLabel(sampleLabel(), { font: 'E:X.TTF^XZ' })).toThrow(expect.objectContaining({ code: 'BAD_LABEL_OPTIONS' }));
    expect(() => renderLabel(sampleLabel(), { timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'BAD_LABEL_OPTIONS' }));
    expect(() => renderLabel(sampleLabel({ waybill: 'SF 123' }))).toThrow(expect.objectContaining({ code: 'BAD_LABEL' }));
    expect(() => renderLabel(sampleLabel({ waybill: '顺丰123' }))).toThrow(expect.objectContaining({ code: 'BAD_LABEL' }));
    expect(() => renderLabel(sampleLabel({ packer: ' ' }))).toThrow(expect.objectContaining({ code: 'BAD_LABEL' }));
    const noLines = sampleLabel();
    expect(() => renderLabel({ ...noLines, verification: { ...noLines.verification, lines: [] } })).toThrow(expect.objectContaining({ code: 'BAD_LABEL' }));
    expect(() => renderLabel({ ...noLines, verification: { ...noLines.verification, at: 'yesterday' } })).toThrow(expect.objectContaining({ code: 'BAD_LABEL' }));
  });
});

describe('field data cannot inject ZPL', () => {
  const attacks = [
    '^XZ^XA^FO0,0^FDforged^FS^XZ',
    '~JA',
    '~HS',
    '张三^FS^XZ~JA^XA',
    'under_score \\ back\\slash',
    'line\nbreak\r\ttab\u0000nul\u2028sep',
  ];

  it('escapes ^ ~ _ as ^FH hex and turns control characters into spaces', () => {
    expect(escapeFieldData('a^b~c_d')).toBe('a_5Eb_7Ec_5Fd');
    expect(escapeFieldData('a\nb\u0000c\u0085d')).toBe('a b c d');
  });

  it.each(attacks)('prints %j as text on one label, with no command run', (attack) => {
    const label = sampleLabel({
      orderId: attack,
      carrier: attack,
      packer: attack,
      shipTo: { name: attack, phone: attack, address: attack },
      verification: { station: attack, at: '2026-11-22T08:30:00.000Z', lines: [{ sku: attack, quantity: 1 }] },
    });
    const zpl = renderLabel(label, { jobId: `X#1 ${attack}` });
    const { labels, replies, firmware } = printOnSimulator(zpl);
    expect(labels).toHaveLength(1);
    expect(replies).toEqual([]);
    expect(firmware.partialFormat).toBe(false);
    const printedAs = attack.replace(/[\u0000-\u001f\u2028]/g, ' ');
    expect(labels[0]!.fields).toContain(`Packer 打包员: ${printedAs}`);
    expect(labels[0]!.fields).toContain(`Station 工位: ${printedAs}`);
    expect(labels[0]!.jobId).toBe('X#1');
  });

  it('keeps > in a waybill literal for Code 128 (><)', () => {
    const zpl = renderLabel(sampleLabel({ waybill: 'AB>12^~' }));
    expect(zpl).toContain('^BCN,150,Y,N,N^FH^FDAB><12_5E_7E^FS');
  });
});

describe('label fields', () => {
  it('masks every digit of a phone but the last four', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('+** ***-****-5678');
    expect(maskPhone('123')).toBe('123');
  });

  it('hashes verified lines independent of their order', () => {
    const a = verificationHash([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }]);
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(verificationHash([{ sku: 'B', quantity: 2 }, { sku: 'A', quantity: 1 }])).toBe(a);
    expect(verificationHash([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 3 }])).not.toBe(a);
  });

  it('wraps wide characters as two columns and ends a cut address with …', () => {
    expect(wrapText('一二三四五六', 6, 3)).toEqual(['一二三', '四五六']);
    expect(wrapText('12 Long Street Name', 10, 3)).toEqual(['12 Long', 'Street', 'Name']);
    expect(wrapText('一二三四五六七八九十', 4, 2)).toEqual(['一二', '三…']);
  });
});
