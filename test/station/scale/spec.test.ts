import { describe, expect, it } from 'vitest';
import { PackgateError } from '../../../common/errors.js';
import { describeScaleSpec, parseScaleSpec } from '../../../station/scale/spec.js';

describe('parseScaleSpec', () => {
  it('reads every form', () => {
    expect(parseScaleSpec('none')).toEqual({ kind: 'none' });
    expect(parseScaleSpec('sim')).toEqual({ kind: 'sim' });
    expect(parseScaleSpec('hid:0922:8003')).toEqual({ kind: 'hid', vendorId: 0x0922, productId: 0x8003 });
    expect(parseScaleSpec('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', target: { path: '/dev/ttyUSB0' }, baudRate: 9600, format: 'st-gs' });
    expect(parseScaleSpec('serial:/dev/ttyUSB0@4800:xk3190-eq')).toMatchObject({ baudRate: 4800, format: 'xk3190-eq' });
    expect(parseScaleSpec('serial:COM4:sics')).toMatchObject({ target: { path: 'COM4' }, format: 'sics' });
    expect(parseScaleSpec('serial:usb:0403:6001')).toMatchObject({ target: { vendorId: '0403', productId: '6001' }, format: 'st-gs' });
    expect(parseScaleSpec('serial:usb:0403:6001@19200:xk3190')).toMatchObject({ baudRate: 19200, format: 'xk3190' });
    expect(describeScaleSpec(parseScaleSpec('serial:usb:0403:6001:sics'))).toBe('serial:usb:0403:6001@9600:sics');
  });

  it.each(['', 'scale', 'hid:0922', 'hid:0922:8003:pos', 'serial:', 'serial:/dev/ttyUSB0@9601', 'serial:/dev/ttyUSB0:xk', 'serial:usb:0403:zz'])(
    'refuses %j with BAD_SCALE_SPEC',
    (text) => {
      let caught: unknown;
      try {
        parseScaleSpec(text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PackgateError);
      expect((caught as PackgateError).code).toBe('BAD_SCALE_SPEC');
    },
  );
});
