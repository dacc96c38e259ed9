/**
 * The US keyboard layout as data: HID Usage Tables, Keyboard/Keypad page (0x07). The
 * keyboard-wedge decoder reads it one way and the simulator's encoder the other, so both
 * directions always agree.
 */

/** Boot-report modifier byte (HID 1.11, appendix B.1). */
export const Modifier = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

export const CTRL_MASK = Modifier.leftCtrl | Modifier.rightCtrl;
export const SHIFT_MASK = Modifier.leftShift | Modifier.rightShift;
/** Alt and GUI: a scanner sends them only for Alt-numpad entry, which is not supported. */
export const UNSUPPORTED_MODIFIER_MASK = Modifier.leftAlt | Modifier.rightAlt | Modifier.leftGui | Modifier.rightGui;

/** Enter (0x28) and Keypad Enter (0x58): either ends a scan. */
export const ENTER_USAGES: readonly number[] = [0x28, 0x58];
export const ENTER_USAGE = 0x28;

/** Usages 0x01–0x03 (ErrorRollOver, POSTFail, ErrorUndefined) fill every slot of a phantom-state report. */
export const ERROR_USAGE_MAX = 0x03;

/**
 * Runs of consecutive usages: [first usage, characters unshifted, characters with Shift].
 * The keypad assumes Num Lock on (scanners send keypad digits only that way) and ignores Shift.
 * Where a character appears twice, the first row wins for encoding (main block before keypad).
 */
const ROWS: ReadonlyArray<readonly [first: number, plain: string, shifted: string]> = [
  [0x04, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  [0x1e, '1234567890', '!@#$%^&*()'],
  [0x2b, '\t ', '\t '],
  [0x2d, '-=[]\\', '_+{}|'],
  [0x33, ";'`,./", ':"~<>?'],
  [0x54, '/*-+', '/*-+'],
  [0x59, '1234567890.', '1234567890.'],
];

interface KeyEntry {
  readonly plain: number;
  readonly shifted: number;
}

/** A key press that types one character. */
export interface KeyStroke {
  readonly usage: number;
  readonly modifier: number;
}

const BY_USAGE = new Map<number, KeyEntry>();
const BY_CHAR = new Map<number, KeyStroke>();
for (const [first, plain, shifted] of ROWS) {
  for (let i = 0; i < plain.length; i += 1) {
    const entry = { plain: plain.charCodeAt(i), shifted: shifted.charCodeAt(i) };
    BY_USAGE.set(first + i, entry);
    if (!BY_CHAR.has(entry.plain)) BY_CHAR.set(entry.plain, { usage: first + i, modifier: 0 });
    if (!BY_CHAR.has(entry.shifted)) BY_CHAR.set(entry.shifted, { usage: first + i, modifier: Modifier.leftShift });
  }
}

/**
 * The byte a key types under a modifier byte, or undefined when it types nothing we accept.
 * Ctrl follows the ASCII control convention: Ctrl with a character in `@`–`_` or `a`–`z`
 * types that character & 0x1F, so Ctrl+] is GS (0x1D), the separator GS1 element strings
 * need and scanners in keyboard mode send this way.
 */
export function charForKey(usage: number, modifier: number): number | undefined {
  const entry = BY_USAGE.get(usage);
  if (!entry) return undefined;
  const char = modifier & SHIFT_MASK ? entry.shifted : entry.plain;
  if (!(modifier & CTRL_MASK)) return char;
  const controllable = (char >= 0x40 && char <= 0x5f) || (char >= 0x61 && char <= 0x7a);
  return controllable ? char & 0x1f : undefined;
}

/** The key press that types a byte (the inverse of `charForKey`), or undefined for bytes a US keyboard cannot type. */
export function keyForChar(char: number): KeyStroke | undefined {
  const direct = BY_CHAR.get(char);
  if (direct) return direct;
  if (char > 0x1f) return undefined;
  // Control bytes: Ctrl plus the unshifted letter key where there is one (Ctrl+A, not Ctrl+Shift+A).
  const base = char >= 0x01 && char <= 0x1a ? BY_CHAR.get(char | 0x60) : BY_CHAR.get(char | 0x40);
  return base ? { usage: base.usage, modifier: base.modifier | Modifier.leftCtrl } : undefined;
}
