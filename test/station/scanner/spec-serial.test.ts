import { describe, expect, it } from 'vitest';
import { DedupeScanner } from '../../../station/scanner/dedupe.js';
import { SCANNER_SPEC_HELP, createScanner, parseScannerSpec } from '../../../station/scanner/spec.js';

describe('parseScannerSpec: serial', () => {
  it.each([
    ['serial:/dev/ttyACM0', { target: { path: '/dev/ttyACM0' }, baudRate: 9600, terminator: 'any', idleMs: 250 }],
    ['serial:/dev/ttyACM0@115200', { target: { path: '/dev/ttyACM0' }, baudRate: 115200 }],
    ['serial:/dev/ttyACM0@9600,term=cr', { terminator: 'cr', idleMs: 250 }],
    ['serial:/dev/ttyUSB1,term=crlf,idle=0,dedupe=500', { terminator: 'crlf', idleMs: 0, duplicateWindowMs: 500 }],
    ['serial:/dev/ttyS0,term=none', { terminator: 'none', idleMs: 50 }],
    ['serial:usb:05E0:1200@115200', { target: { vendorId: '05e0', productId: '1200' }, baudRate: 115200 }],
    ['serial:/dev/serial/by-id/usb-Honeywell_Imaging-if00', { target: { path: '/dev/serial/by-id/usb-Honeywell_Imaging-if00' } }],
  ])('%s', (text, expected) => {
    expect(parseScannerSpec(text)).toMatchObject({ kind: 'serial', ...expected });
  });

  it.each([
    'serial:',
    'serial:@9600',
    'serial:/dev/ttyACM0@9601',
    'serial:/dev/ttyACM0@fast',
    'serial:/dev/ttyACM0,term=tab',
    'serial:/dev/ttyACM0,term=cr,term=lf',
    'serial:/dev/ttyACM0,idle=-1',
    'serial:/dev/ttyACM0,idle=99999999',
    'serial:/dev/ttyACM0,parity=even',
    'serial:/dev/ttyACM0,term=none,idle=0',
    'serial:usb:5e0:1200',
    'serial:usb:05e0',
    'serial:usb:05e0:1200:x',
    'serialx:/dev/ttyACM0',
  ])('refuses %s with BAD_SCANNER_SPEC', (text) => {
    expect(() => parseScannerSpec(text)).toThrow(expect.objectContaining({ code: 'BAD_SCANNER_SPEC' }));
  });

  it('documents the serial form in the --scanner help', () => {
    expect(SCANNER_SPEC_HELP).toContain('serial:TARGET[@BAUD][,term=T][,idle=MS][,dedupe=MS]');
    expect(SCANNER_SPEC_HELP).toContain('usb:VID:PID');
  });
});

describe('createScanner', () => {
  it('wraps every driver in the duplicate filter', async () => {
    const stdin = await createScanner({ kind: 'sim' });
    expect(stdin).toBeInstanceOf(DedupeScanner);
    const serial = await createScanner(parseScannerSpec('serial:/dev/packgate-no-such-tty,dedupe=0'));
    expect(serial).toBeInstanceOf(DedupeScanner);
    expect(serial.kind).toBe('serial');
  });
});
