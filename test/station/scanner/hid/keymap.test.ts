import { describe, expect, it } from 'vitest';
import { Modifier, charForKey, keyForChar } from '../../../../station/scanner/hid/keymap.js';

describe('US keymap', () => {
  it('types letters, shifted letters and digits', () => {
    expect(charForKey(0x04, 0)).toBe(0x61); // a
    expect(charForKey(0x04, Modifier.leftShift)).toBe(0x41); // A
    expect(charForKey(0x1d, Modifier.rightShift)).toBe(0x5a); // Z
    expect(charForKey(0x1e, 0)).toBe(0x31); // 1
    expect(charForKey(0x27, 0)).toBe(0x30); // 0
    expect(charForKey(0x62, 0)).toBe(0x30); // keypad 0
    expect(charForKey(0x62, Modifier.leftShift)).toBe(0x30); // keypad ignores Shift
  });

  it('types the punctuation barcodes carry', () => {
    const cases: Array<[usage: number, modifier: number, char: string]> = [
      [0x30, 0, ']'],
      [0x26, Modifier.leftShift, '('],
      [0x27, Modifier.leftShift, ')'],
      [0x2d, 0, '-'],
      [0x38, 0, '/'],
      [0x33, Modifier.leftShift, ':'],
      [0x37, 0, '.'],
      [0x22, Modifier.leftShift, '%'],
      [0x2e, Modifier.leftShift, '+'],
      [0x2c, 0, ' '],
      [0x2b, 0, '\t'],
    ];
    for (const [usage, modifier, char] of cases) expect(charForKey(usage, modifier)).toBe(char.charCodeAt(0));
  });

  it('maps Ctrl+] to GS and Ctrl+letter to control bytes', () => {
    expect(charForKey(0x30, Modifier.leftCtrl)).toBe(0x1d);
    expect(charForKey(0x30, Modifier.rightCtrl)).toBe(0x1d);
    expect(charForKey(0x04, Modifier.leftCtrl)).toBe(0x01);
    expect(charForKey(0x23, Modifier.leftCtrl | Modifier.leftShift)).toBe(0x1e); // Ctrl+^ is RS
    expect(charForKey(0x1e, Modifier.leftCtrl)).toBeUndefined(); // Ctrl+1 types nothing
  });

  it('has no character for keys outside the table', () => {
    expect(charForKey(0x3a, 0)).toBeUndefined(); // F1
    expect(charForKey(0x29, 0)).toBeUndefined(); // Escape
    expect(charForKey(0xe1, 0)).toBeUndefined(); // Left Shift listed as a key
  });

  it('inverts every byte it can type', () => {
    for (let char = 0; char < 0x7f; char += 1) {
      const stroke = keyForChar(char);
      expect(stroke, `byte ${char}`).toBeDefined();
      expect(charForKey(stroke!.usage, stroke!.modifier), `byte ${char}`).toBe(char);
    }
    expect(keyForChar(0x7f)).toBeUndefined();
    expect(keyForChar(0xe9)).toBeUndefined();
    expect(keyForChar(0x1d)).toEqual({ usage: 0x30, modifier: Modifier.leftCtrl });
    expect(keyForChar(0x37)).toEqual({ usage: 0x24, modifier: 0 }); // '7' from the main block, not the keypad
  });
});
