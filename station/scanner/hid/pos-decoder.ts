import { ReportDecoderBase, type DecodedScan, type ReportDecoderOptions, type ReportRejection } from './decoder-base.js';
import {
  AIM_FLAG_CHAR,
  AIM_LENGTH,
  POS_DATA_CAPACITY,
  POS_MORE_FLAG,
  POS_REPORT_ID,
  POS_REPORT_LENGTH,
  PosOffset,
} from './pos-layout.js';

export interface PosDecoderOptions extends ReportDecoderOptions {
  /** Report id of the scanned-data report; default 0x02. Reports with other ids are counted as `foreign-report`. */
  readonly reportId?: number;
}

/** The AIM id of a report: a string, null when absent (all zero), undefined when malformed. */
function readAim(report: Uint8Array): string | null | undefined {
  const aim = report.subarray(PosOffset.aim, PosOffset.aim + AIM_LENGTH);
  if (aim.every((byte) => byte === 0)) return null;
  const printable = (byte: number): boolean => byte >= 0x21 && byte <= 0x7e;
  if (aim[0] !== AIM_FLAG_CHAR || !printable(aim[1]!) || !printable(aim[2]!)) return undefined;
  return String.fromCharCode(...aim);
}

/**
 * Decodes HID-POS scanned-data reports (layout in pos-layout.ts) into scans. A scan's bytes
 * are its AIM id followed by its data, the same bytes a serial scanner sends with AIM ids
 * on, so the barcode layer sees one format from every scanner.
 *
 * A report whose AIM id differs from the scan in progress starts a new scan; the old one is
 * dropped as `incomplete` (its last report was lost). A lost report in the middle of a scan
 * cannot be seen in this layout: there is no sequence number.
 */
export class PosReportDecoder extends ReportDecoderBase {
  readonly #reportId: number;
  #aim: string | null = null;
  #dataBytes = 0;

  constructor(options: PosDecoderOptions = {}) {
    super(options);
    this.#reportId = options.reportId ?? POS_REPORT_ID;
  }

  protected override decode(report: Uint8Array, scans: DecodedScan[]): ReportRejection | undefined {
    if (report.length !== POS_REPORT_LENGTH) return 'bad-length';
    if (report[PosOffset.reportId] !== this.#reportId) return 'foreign-report';
    const length = report[PosOffset.length]!;
    const aim = readAim(report);
    if (length > POS_DATA_CAPACITY || aim === undefined) return 'bad-header';

    if (this.started && aim !== this.#aim) this.abandon('incomplete');
    if (!this.started) this.#start(aim);
    this.append(report.subarray(PosOffset.data, PosOffset.data + length));
    this.#dataBytes += length;

    if ((report[PosOffset.flags]! & POS_MORE_FLAG) === 0) {
      if (this.#dataBytes === 0) this.abandon('empty-scan');
      else this.finish(scans, this.#aim ?? undefined);
    }
    return undefined;
  }

  #start(aim: string | null): void {
    this.#aim = aim;
    this.#dataBytes = 0;
    if (aim === null) this.begin();
    else this.append(Buffer.from(aim, 'latin1'));
  }
}
