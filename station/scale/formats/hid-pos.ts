import { rejected, reading, type Decoded, type ScaleUnit } from '../reading.js';

/** HID Point of Sale Usage Tables 1.02, usage page 0x8D (Scales). */
export const SCALE_USAGE_PAGE = 0x8d;
/** The Scale Data Report's id on the USB postal and shipping scales that send one (Dymo, Stamps.com, Fairbanks). */
export const SCALE_DATA_REPORT_ID = 0x03;
/** Report id, status, unit, exponent, weight LSB, weight MSB. */
export const SCALE_DATA_REPORT_BYTES = 6;

/** Scale Status (usages 0x70–0x78), sent as the index into that list. */
export const SCALE_STATUS = {
  fault: 1,
  stableAtZero: 2,
  inMotion: 3,
  stable: 4,
  underZero: 5,
  overWeight: 6,
  requiresCalibration: 7,
  requiresRezeroing: 8,
} as const;

/** Weight Unit (usages 0x50–0x5C) as the index into that list; the ones packgate takes. */
export const SCALE_UNIT_CODES: Readonly<Record<number, ScaleUnit>> = { 2: 'g', 3: 'kg', 11: 'oz', 12: 'lb' };

/**
 * One Scale Data Report as node-hid delivers it, report id first: status, unit, a signed
 * power-of-ten exponent, and the weight as an unsigned 16-bit little-endian count.
 * 1.250 kg read by a scale counting grams is `03 04 02 00 e2 04`.
 */
export function decodeHidScaleReport(report: Uint8Array): Decoded {
  if (report[0] !== SCALE_DATA_REPORT_ID) return rejected('foreign-report', `report id ${report[0] ?? 'none'}`);
  if (report.length !== SCALE_DATA_REPORT_BYTES) return rejected('bad-length', `${report.length} bytes`);
  const [, status = 0, unitCode = 0, exponentByte = 0, lsb = 0, msb = 0] = report;
  const unit = SCALE_UNIT_CODES[unitCode];
  const exponent = exponentByte > 0x7f ? exponentByte - 0x100 : exponentByte;
  const value = ((msb << 8) | lsb) * 10 ** exponent;
  switch (status) {
    case SCALE_STATUS.fault:
    case SCALE_STATUS.requiresCalibration:
    case SCALE_STATUS.requiresRezeroing:
      return rejected('not-ready', `status ${status}`);
    case SCALE_STATUS.overWeight:
      return reading({ value: 0, unit: unit ?? 'g', stable: false, overload: true });
    case SCALE_STATUS.stableAtZero:
    case SCALE_STATUS.inMotion:
    case SCALE_STATUS.stable:
    case SCALE_STATUS.underZero:
      if (unit === undefined) return rejected('unit', `unit code ${unitCode}`);
      if (exponent < -6 || exponent > 6) return rejected('impossible', `exponent ${exponent}`);
      return reading({
        value: status === SCALE_STATUS.underZero ? -value : status === SCALE_STATUS.stableAtZero ? 0 : value,
        unit,
        stable: status !== SCALE_STATUS.inMotion,
        zero: status === SCALE_STATUS.stableAtZero,
      });
    default:
      return rejected('garbled', `status ${status}`);
  }
}
