import { describe, expect, it } from 'vitest';
import { parseHidSpec } from '../../../../station/scanner/hid/spec.js';
import { SCANNER_SPEC_HELP, parseScannerSpec } from '../../../../station/scanner/spec.js';

describe('parseHidSpec', () => {
  it('reads hex ids and the mode, wedge by default', () => {
    expect(parseHidSpec('05e0:1200')).toEqual({ kind: 'hid', vendorId: 0x05e0, productId: 0x1200, mode: 'wedge' });
    expect(parseHidSpec('0C2E:0B87:pos')).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b87, mode: 'pos' });
    expect(parseHidSpec('05e0:1200:wedge').mode).toBe('wedge');
  });

  it.each(['', '05e0', '5e0:1200', '05e0:12000', 'zzzz:1200', '05e0:1200:pos:x', '05e0:1200:serial', '05e0:1200:'])(
    'refuses "%s" with BAD_SCANNER_SPEC',
    (text) => {
      expect(() => parseHidSpec(text)).toThrow(expect.objectContaining({ code: 'BAD_SCANNER_SPEC' }));
    },
  );
});

describe('parseScannerSpec: hid', () => {
  it('routes hid: to the HID parser and lists the form in the help', () => {
    expect(parseScannerSpec('hid:0c2e:0b87:pos')).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b87, mode: 'pos' });
    expect(() => parseScannerSpec('hid:nope')).toThrow(expect.objectContaining({ code: 'BAD_SCANNER_SPEC' }));
    expect(SCANNER_SPEC_HELP).toContain('hid:VID:PID[:wedge|pos]');
  });
});
