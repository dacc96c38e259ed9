import { ReportDecoderBase, type DecodedScan, type ReportRejection } from './decoder-base.js';
import { ENTER_USAGES, ERROR_USAGE_MAX, UNSUPPORTED_MODIFIER_MASK, charForKey } from './keymap.js';

/** Keyboard boot report (HID 1.11, appendix B.1): modifier byte, reserved byte, six key slots. */
export const WEDGE_REPORT_LENGTH = 8;
const FIRST_KEY_SLOT = 2;

/**
 * Decodes a keyboard-wedge scanner's boot reports into scans, one per Enter.
 *
 * A key types a character in the first report that lists it after a report that did not
 * (a press); a key still listed in the next report is held and types nothing more, so a
 * repeated report changes nothing. Shift and Ctrl apply as set in the report of the press;
 * Ctrl+] is GS. A press that types nothing we accept (an unmapped key, or a key under Alt or
 * GUI, as in Alt-numpad entry) is counted and the scan it belongs to is dropped as `damaged`
 * at its Enter: a scan with a character missing must not pass as a barcode. A phantom-state report (ErrorRollOver) is rejected
 * and leaves the held keys as they were.
 */
export class WedgeReportDecoder extends ReportDecoderBase {
  /** Keys listed in the last accepted report. */
  #held = new Set<number>();

  protected override decode(report: Uint8Array, scans: DecodedScan[]): ReportRejection | undefined {
    if (report.length !== WEDGE_REPORT_LENGTH) return 'bad-length';
    const keys = report.subarray(FIRST_KEY_SLOT);
    if (keys.some((usage) => usage !== 0 && usage <= ERROR_USAGE_MAX)) return 'rollover-error';

    const modifier = report[0]!;
    const listed = new Set<number>();
    for (const usage of keys) {
      if (usage === 0 || listed.has(usage)) continue;
      listed.add(usage);
      if (!this.#held.has(usage)) this.#press(usage, modifier, scans);
    }
    this.#held = listed;
    return undefined;
  }

  protected override resetReportState(): void {
    this.#held = new Set();
  }

  #press(usage: number, modifier: number, scans: DecodedScan[]): void {
    if (ENTER_USAGES.includes(usage)) {
      this.finish(scans);
      return;
    }
    if (modifier & UNSUPPORTED_MODIFIER_MASK) {
      this.damage('unsupported-modifier');
      return;
    }
    const char = charForKey(usage, modifier);
    if (char === undefined) this.damage('unmapped-key');
    else this.appendByte(char);
  }
}
