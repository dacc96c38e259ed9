import { describe, expect, it } from 'vitest';
import { createPrinterTransport, formatPrinterSpec, parsePrinterSpec } from '../../../station/printer/spec.js';
import { devicePrinterSpec } from '../../helpers/printer-spec.js';

describe('--printer on Windows', () => {
  it.each([
    ['serial:COM4', { kind: 'serial', path: 'COM4', baudRate: 9600 }],
    ['serial:COM4@9600', { kind: 'serial', path: 'COM4', baudRate: 9600 }],
    ['serial:COM10@115200', { kind: 'serial', path: 'COM10', baudRate: 115200 }],
    ['file:C:\\ProgramData\\packgate\\labels.zpl', { kind: 'file', path: 'C:\\ProgramData\\packgate\\labels.zpl' }],
  ])('reads %s', (text, spec) => {
    expect(parsePrinterSpec(text)).toEqual(spec);
    expect(parsePrinterSpec(formatPrinterSpec(parsePrinterSpec(text)))).toEqual(spec);
  });

  it('makes a serial transport for a COM port without opening it', async () => {
    const transport = await createPrinterTransport(devicePrinterSpec('serial:COM4'));
    try {
      expect(transport).toMatchObject({ kind: 'serial', target: 'COM4@9600' });
    } finally {
      await transport.close();
    }
  });
});
