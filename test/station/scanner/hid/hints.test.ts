import { describe, expect, it } from 'vitest';
import { hidHint } from '../../../../station/scanner/hid/node-hid-opener.js';

describe('hidHint', () => {
  it('points Linux at libusb and the udev rule', () => {
    expect(hidHint('load', 'linux')).toContain('libusb-1.0');
    expect(hidHint('open', 'linux')).toContain('udev rule');
  });

  it('points Windows, which needs no libusb, at reinstalling and at HID-POS mode', () => {
    expect(hidHint('load', 'win32')).not.toContain('libusb');
    expect(hidHint('load', 'win32')).toContain('reinstall');
    expect(hidHint('open', 'win32')).toContain('HID-POS');
  });
});
