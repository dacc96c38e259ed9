import { describe, expect, it } from 'vitest';
import { MAX_PRINT_CONTENTS, MAX_PRINT_DATA_BYTES } from '../../../../protocol/waybill-vocabulary.js';
import { checkPrintDoc } from '../../../../station/printer/waybill/print-data.js';
import { samplePrintData, secretOf } from './fixtures.js';

describe('checkPrintDoc', () => {
  it('takes the document id from the print data, else the waybill, and copies the data', () => {
    const print = samplePrintData('cainiao');
    const checked = checkPrintDoc('cainiao', 'SF1', print);
    expect(checked).toEqual({ waybill: 'SF1', documentId: 'SF1', print });
    expect(checked.print).not.toBe(print);
    expect(checkPrintDoc('cainiao', 'SF1', { ...print, documentId: 'DOC-9' }).documentId).toBe('DOC-9');
  });

  it.each([
    ['no waybill', '', samplePrintData('pdd'), 'BAD_PRINT_DATA'],
    ['a waybill with a control character', 'SF\n1', samplePrintData('pdd'), 'BAD_PRINT_DATA'],
    ['no print data', 'SF1', undefined, 'BAD_PRINT_DATA'],
    ['another platform’s data', 'SF1', samplePrintData('cainiao'), 'WRONG_PLATFORM'],
    ['no contents', 'SF1', { platform: 'pdd', contents: [] }, 'BAD_PRINT_DATA'],
    ['too many contents', 'SF1', { platform: 'pdd', contents: Array.from({ length: MAX_PRINT_CONTENTS + 1 }, () => ({})) }, 'BAD_PRINT_DATA'],
    ['a contents item that is not an object', 'SF1', { platform: 'pdd', contents: ['AES:x'] }, 'BAD_PRINT_DATA'],
    ['a bad document id', 'SF1', { platform: 'pdd', documentId: '', contents: [{}] }, 'BAD_PRINT_DATA'],
    ['data over the bound', 'SF1', { platform: 'pdd', contents: [{ encryptedData: 'x'.repeat(MAX_PRINT_DATA_BYTES) }] }, 'PRINT_DATA_TOO_LARGE'],
  ])('refuses %s', (_what, waybill, print, code) => {
    expect(() => checkPrintDoc('pdd', waybill, print)).toThrow(expect.objectContaining({ code }));
  });

  it('names what is wrong, never the content', () => {
    const print = { ...samplePrintData('pdd'), contents: [samplePrintData('pdd').contents[0]!, 'oops'] };
    try {
      checkPrintDoc('pdd', 'SF1', print);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain(secretOf(print as never));
    }
  });
});
