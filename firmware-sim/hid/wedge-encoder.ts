import { PackgateError } from '../../common/errors.js';
import { ENTER_USAGE, keyForChar, type KeyStroke } from '../../station/scanner/hid/keymap.js';
import { WEDGE_REPORT_LENGTH } from '../../station/scanner/hid/wedge-decoder.js';

export interface WedgeEncodeOptions {
  /**
   * `tap` (default): each key goes down and all keys come up before the next, as most
   * scanners type. `rollover`: the next key goes down while the last is still held
   * (n-key rollover); a key typed twice in a row is released in between.
   */
  readonly style?: 'tap' | 'rollover';
  /** End with Enter (default true); false simulates a scanner set to send no suffix. */
  readonly enter?: boolean;
}

const ENTER: KeyStroke = { usage: ENTER_USAGE, modifier: 0 };

function report(modifier: number, keys: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(WEDGE_REPORT_LENGTH);
  bytes[0] = modifier;
  bytes.set(keys, 2);
  return bytes;
}

function strokes(data: string | Uint8Array): KeyStroke[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Array.from(bytes, (char, at) => {
    const stroke = keyForChar(char);
    if (!stroke) throw new PackgateError('HID_UNENCODABLE', `byte 0x${char.toString(16)} at ${at} has no key on a US keyboard`);
    return stroke;
  });
}

/**
 * The keyboard boot reports a wedge scanner sends for `data` (ASCII; control bytes as
 * Ctrl+key, so GS is Left Ctrl + `]`), then Enter. The inverse of `WedgeReportDecoder`.
 */
export function encodeWedge(data: string | Uint8Array, options: WedgeEncodeOptions = {}): Uint8Array[] {
  const keys = strokes(data);
  if (options.enter ?? true) keys.push(ENTER);
  return options.style === 'rollover' ? rollover(keys) : tap(keys);
}

function tap(keys: readonly KeyStroke[]): Uint8Array[] {
  return keys.flatMap((key) => [report(key.modifier, [key.usage]), report(0, [])]);
}

function rollover(keys: readonly KeyStroke[]): Uint8Array[] {
  const reports: Uint8Array[] = [];
  let held: number | undefined;
  for (const key of keys) {
    if (held === key.usage) {
      reports.push(report(0, []));
      held = undefined;
    }
    if (held === undefined) {
      reports.push(report(key.modifier, [key.usage]));
    } else {
      reports.push(report(key.modifier, [held, key.usage]), report(key.modifier, [key.usage]));
    }
    held = key.usage;
  }
  reports.push(report(0, []));
  return reports;
}
