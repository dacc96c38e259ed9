import {
  AIM_LENGTH,
  POS_DATA_CAPACITY,
  POS_MORE_FLAG,
  POS_REPORT_ID,
  POS_REPORT_LENGTH,
  PosOffset,
} from '../../station/scanner/hid/pos-layout.js';

export interface PosEncodeOptions {
  /** AIM symbology id, three characters (default `]C0`, Code 128); null sends three zero bytes. */
  readonly aim?: string | null;
  /** Byte 61, the vendor's own symbology id (default 0). */
  readonly vendorSymbology?: number;
  readonly reportId?: number;
}

export const DEFAULT_AIM = ']C0';

/**
 * The HID-POS scanned-data reports a scanner sends for `data`: 56 data bytes a report, each
 * report repeating the AIM id, bit 0 of the last byte set on all but the last. The inverse of
 * `PosReportDecoder` (layout in station/scanner/hid/pos-layout.ts).
 */
export function encodePos(data: string | Uint8Array, options: PosEncodeOptions = {}): Uint8Array[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const aim = options.aim === undefined ? DEFAULT_AIM : options.aim;
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + POS_DATA_CAPACITY);
    offset += chunk.length;
    const report = new Uint8Array(POS_REPORT_LENGTH);
    report[PosOffset.reportId] = options.reportId ?? POS_REPORT_ID;
    report[PosOffset.length] = chunk.length;
    if (aim !== null) report.set(Buffer.from(aim.slice(0, AIM_LENGTH), 'latin1'), PosOffset.aim);
    report.set(chunk, PosOffset.data);
    report[PosOffset.vendorSymbology] = options.vendorSymbology ?? 0;
    report[PosOffset.flags] = offset < bytes.length ? POS_MORE_FLAG : 0;
    reports.push(report);
  } while (offset < bytes.length);
  return reports;
}
