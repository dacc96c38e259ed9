import { describe, expect, it } from 'vitest';
import { PRINTER_SPEC_SYNTAX, createPrinterTransport, createWaybillPrintQueue, formatPrinterSpec, parsePrinterSpec } from '../../../station/printer/spec.js';

describe('parsePrinterSpec', () => {
  it.each([
    ['tcp:10.0.0.5', { kind: 'tcp', host: '10.0.0.5', port: 9100 }],
    ['tcp:10.0.0.5:6101', { kind: 'tcp', host: '10.0.0.5', port: 6101 }],
    ['tcp:zebra-st01.wh3.local:9100', { kind: 'tcp', host: 'zebra-st01.wh3.local', port: 9100 }],
    ['tcp:[fe80::1]', { kind: 'tcp', host: 'fe80::1', port: 9100 }],
    ['tcp:[::1]:9101', { kind: 'tcp', host: '::1', port: 9101 }],
    ['serial:/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['serial:/dev/ttyUSB0@115200', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 }],
    ['serial:COM3@19200', { kind: 'serial', path: 'COM3', baudRate: 19200 }],
    ['file:/tmp/labels.zpl', { kind: 'file', path: '/tmp/labels.zpl' }],
    ['file:labels@2.zpl', { kind: 'file', path: 'labels@2.zpl' }],
    ['sim', { kind: 'sim' }],
    ['sim:9105', { kind: 'sim', port: 9105 }],
    ['cainiao:ws://127.0.0.1:13528', { kind: 'waybill', platform: 'cainiao', url: 'ws://127.0.0.1:13528' }],
    ['cainiao:wss://localhost:13529#GP-L80180 Series', { kind: 'waybill', platform: 'cainiao', url: 'wss://localhost:13529', printer: 'GP-L80180 Series' }],
    ['pdd:ws://127.0.0.1:5000#拼多多打印机', { kind: 'waybill', platform: 'pdd', url: 'ws://127.0.0.1:5000', printer: '拼多多打印机' }],
    ['douyin:ws://127.0.0.1:13888/', { kind: 'waybill', platform: 'douyin', url: 'ws://127.0.0.1:13888' }],
    ['kuaishou:ws://127.0.0.1:16888/ks/printer', { kind: 'waybill', platform: 'kuaishou', url: 'ws://127.0.0.1:16888/ks/printer' }],
    ['kuaishou:ws://127.0.0.1:16888', { kind: 'waybill', platform: 'kuaishou', url: 'ws://127.0.0.1:16888/ks/printer' }],
  ])('reads %s', (text, spec) => {
    expect(parsePrinterSpec(text)).toEqual(spec);
    expect(parsePrinterSpec(formatPrinterSpec(parsePrinterSpec(text)))).toEqual(spec);
  });

  it.each([
    'tcp:',
    'tcp:10.0.0.5:0',
    'tcp:10.0.0.5:65536',
    'tcp:10.0.0.5:91x0',
    'tcp:fe80::1',
    'tcp:[10.0.0.5]:9100',
    'tcp:[::1]9100',
    'tcp:bad_host:9100',
    'serial:',
    'serial:/dev/ttyUSB0@9601',
    'serial:/dev/ttyUSB0@',
    'file:',
    'sim:',
    'sim:0',
    'sim:70000',
    'usb:0a5f:0084',
    'SIM',
    '',
    'cainiao:',
    'cainiao:http://127.0.0.1:13528',
    'cainiao:127.0.0.1:13528',
    'pdd:ws://',
    'pdd:ws://user:pw@127.0.0.1:5000',
    'douyin:ws://127.0.0.1:13888?x=1',
    'cainiao:ws://127.0.0.1:13528#',
    'cainiao:ws://127.0.0.1:13528#a\u0007b',
  ])('refuses %j with BAD_PRINTER_SPEC', (text) => {
    expect(() => parsePrinterSpec(text)).toThrow(expect.objectContaining({ code: 'BAD_PRINTER_SPEC' }));
  });

  it.each(['jd:ws://127.0.0.1:9113', 'Taobao:wss://127.0.0.1:13529', 'CAINIAO:ws://127.0.0.1:13528'])('calls %j an unknown platform and lists the platforms', (text) => {
    expect(() => parsePrinterSpec(text)).toThrow(expect.objectContaining({ code: 'BAD_PRINTER_SPEC', message: expect.stringContaining('the print programs are cainiao, pdd, douyin, kuaishou') }));
  });

  it('lists the platforms in the syntax, and names the platform an unknown spec lacks', () => {
    expect(PRINTER_SPEC_SYNTAX).toContain('PLATFORM:URL[#PRINTER] (PLATFORM: cainiao, pdd, douyin, kuaishou)');
    expect(() => parsePrinterSpec('usb:0a5f:0084')).toThrow(expect.objectContaining({ message: expect.stringContaining('cainiao, pdd, douyin, kuaishou') }));
  });
});

describe('print program specs', () => {
  it('make a WaybillPrintQueue for their platform, address and printer, not yet connected', async () => {
    const spec = parsePrinterSpec('pdd:ws://127.0.0.1:5000#ZT410');
    if (spec.kind !== 'waybill') throw new Error(spec.kind);
    const queue = await createWaybillPrintQueue(spec);
    expect({ platform: queue.platform, url: queue.url, printer: queue.printer }).toEqual({ platform: 'pdd', url: 'ws://127.0.0.1:5000', printer: 'ZT410' });
    expect(queue.status().device).toEqual({ kind: 'pdd', state: 'absent', detail: 'Pinduoduo print program at ws://127.0.0.1:5000: not connected yet' });
    await queue.close();
  });
});
