import { rejected, reading, parseUnit, type Decoded } from '../reading.js';
import { asciiText, parseDecimal } from './ascii.js';

/** MT-SICS level 0 `SI`: send the weight now, stable or not. A command ends with CR LF. */
export const SICS_POLL: Uint8Array = Buffer.from('SI\r\n', 'latin1');

/**
 * An MT-SICS response to `S` or `SI` (Mettler Toledo, "MT-SICS Interface Commands"):
 * `S S     1.250 kg` stable, `S D     1.248 kg` dynamic (only from `SI`), `S I` not executable
 * (busy, or no stability in time), `S +` overload, `S -` underload; `ES`, `ET`, `EL` are syntax,
 * transmission and logical errors.
 */
export function decodeSics(frame: Uint8Array): Decoded {
  const text = asciiText(frame);
  if (text === undefined) return rejected('garbled', 'not ASCII');
  const words = text.trim().split(/ +/);
  const [command, status, value, unitText] = words;
  if (command === 'ES' || command === 'ET' || command === 'EL') return rejected('not-ready', command);
  if ((command !== 'S' && command !== 'SI') || status === undefined) return rejected('garbled', 'not an S response');
  if (status === 'I') return rejected('not-ready', 'S I');
  if (status === '+' || status === '-') return reading({ value: 0, unit: 'g', stable: false, overload: true });
  if ((status !== 'S' && status !== 'D') || value === undefined || unitText === undefined || words.length !== 4) {
    return rejected('garbled', `status ${status}`);
  }
  const unit = parseUnit(unitText);
  if (unit === undefined) return rejected('unit', unitText);
  const negative = value.startsWith('-');
  const magnitude = parseDecimal(negative ? value.slice(1) : value);
  if (Number.isNaN(magnitude)) return rejected('garbled', 'weight');
  return reading({ value: negative ? -magnitude : magnitude, unit, stable: status === 'S' });
}
