import { rejected, reading, parseUnit, type Decoded } from '../reading.js';
import { asciiText, parseDecimal } from './ascii.js';

/**
 * `ST,GS,+0001.250kg` lines (A&D's data format, copied by most Chinese indicators): header 1
 * `ST` stable, `US` unstable, `OL` out of range; header 2 `GS` gross, `NT` net, `TR` tare
 * (optional: A&D balances send `ST,+00123.45  g`); sign and 7 figures with the decimal point;
 * the unit; CR LF. Counting (`QT`, `PC`) and percentage lines are rejected as `unit`.
 */
export function decodeStGs(frame: Uint8Array): Decoded {
  const text = asciiText(frame);
  if (text === undefined) return rejected('garbled', 'not ASCII');
  const parts = text.split(',');
  if (parts.length < 2 || parts.length > 3) return rejected('garbled', 'not HEADER,[HEADER,]DATA');
  const [header = '', ...rest] = parts;
  const data = rest.at(-1) ?? '';
  const kind = rest.length === 2 ? rest[0]!.trim() : 'GS';
  if (header === 'QT') return rejected('unit', 'counting data');
  if (!['ST', 'US', 'OL'].includes(header) || !['GS', 'NT', 'TR', 'G', 'N', 'T'].includes(kind)) return rejected('garbled', `header ${header},${kind}`);
  if (kind === 'TR' || kind === 'T') return rejected('garbled', 'a tare line, not a weight');
  const match = /^\s*([+-]?)\s*([0-9. ]*?)\s*([A-Za-z%]{0,3})\s*$/.exec(data);
  if (!match) return rejected('garbled', 'data');
  const [, sign, digits = '', unitText = ''] = match;
  const unit = parseUnit(unitText);
  if (unit === undefined) return rejected('unit', unitText || 'none');
  const net = kind === 'NT' || kind === 'N';
  if (header === 'OL') return reading({ value: 0, unit, stable: false, overload: true, net });
  const value = parseDecimal(digits.replace(/ /g, ''));
  if (Number.isNaN(value)) return rejected('garbled', 'weight');
  return reading({ value: sign === '-' ? -value : value, unit, stable: header === 'ST', net });
}
