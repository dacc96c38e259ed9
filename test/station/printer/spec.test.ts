import { describe, expect, it } from 'vitest';
import { formatPrinterSpec, parsePrinterSpec } from '../../../station/printer/spec.js';

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
    'usb:0a5f:0084',
    'SIM',
    '',
  ])('refuses %j with BAD_PRINTER_SPEC', (text) => {
    expect(() => parsePrinterSpec(text)).toThrow(expect.objectContaining({ code: 'BAD_PRINTER_SPEC' }));
  });
});
