import { PackgateError } from '../../common/errors.js';
import { checkLabel, formatTime, maskPhone, verificationHash, wrapText } from './label-fields.js';
import type { LabelData } from './types.js';
import { commentText, escapeCode128, escapeFieldData, field } from '../../common/zpl-escape.js';

/**
 * The resident or downloaded font used for every text field. Chinese needs a font with CJK
 * glyphs: Zebra's Andale Simplified Chinese (`E:ANMDS.TTF`) by default; printers sold in China
 * often carry `E:SIMSUN.FNT` instead. See docs/printing.md.
 */
export const DEFAULT_LABEL_FONT = 'E:ANMDS.TTF';

export interface RenderOptions {
  /** Printer font file for all text, `d:NAME.EXT` (ZPL II ^CW): e.g. `E:ANMDS.TTF`, `E:SIMSUN.FNT`. */
  readonly font?: string;
  /** The print job id, written as a ^FX comment so the label's source can be traced. */
  readonly jobId?: string;
  /** IANA time zone for the verification time (default UTC). */
  readonly timeZone?: string;
  /** Marks the label as a reprint of another job. */
  readonly reprint?: { readonly of: string };
}

// ZPL II ^CW: a font file path is a drive letter, a colon, a name of 1–16 characters and an extension.
const FONT_PATH = /^[REBAZ]:[A-Z0-9_-]{1,16}\.(TTF|TTE|FNT)$/i;
/** The ^CW font letter every text field uses; J is not a resident bitmap font on current printers. */
const FONT_ID = 'J';

// A 4 × 6 inch label at 8 dots per mm (203 dpi).
const WIDTH = 812;
const LENGTH = 1218;
const LEFT = 40;
const INNER = WIDTH - 2 * LEFT;

function text(x: number, y: number, size: number, value: string): string {
  return `^FO${x},${y}^A${FONT_ID}N,${size},${size}${field(value)}`;
}

/** Columns of a monospaced font `size` dots wide that fit in `dots`; wide characters take two. */
function columnsFor(dots: number, size: number): number {
  return Math.floor(dots / (size / 2));
}

/**
 * Renders a shipping label as ZPL II: order number, waybill as Code 128, ship-to (phone masked),
 * packer, and a verification box with station, time and a hash of the verified lines. Text is
 * UTF-8 (^CI28) in a configurable CJK font; every field is escaped, so no field can inject ZPL.
 * Throws BAD_LABEL for a missing or malformed field and BAD_LABEL_OPTIONS for bad options.
 */
export function renderLabel(label: LabelData, options: RenderOptions = {}): string {
  checkLabel(label);
  const font = options.font ?? DEFAULT_LABEL_FONT;
  if (!FONT_PATH.test(font)) throw new PackgateError('BAD_LABEL_OPTIONS', `font must be a printer font path like E:ANMDS.TTF, not "${font}"`);
  const time = formatTime(label.verification.at, options.timeZone ?? 'UTC');
  const zone = options.timeZone ?? 'UTC';
  const units = label.verification.lines.reduce((sum, line) => sum + line.quantity, 0);
  const hash = verificationHash(label.verification.lines);

  const out: string[] = ['^XA'];
  if (options.jobId !== undefined) out.push(`^FXpackgate-job:${commentText(options.jobId)}^FS`);
  // ^CI28: field data is UTF-8. ^CW: the CJK font answers to the letter FONT_ID.
  out.push('^CI28', `^CW${FONT_ID},${font}`, `^PW${WIDTH}`, `^LL${LENGTH}`, '^LH0,0');

  out.push(text(LEFT, 30, 44, `Order 订单 ${label.orderId}`));
  if (options.reprint) out.push(text(LEFT, 84, 30, `REPRINT 补打 of ${options.reprint.of}`));
  if (label.carrier !== undefined) out.push(text(LEFT, 124, 30, label.carrier));
  // ^BC: normal orientation, 150 dots high, interpretation line below, no check digit, no mode.
  out.push(`^FO${LEFT},170^BY3^BCN,150,Y,N,N^FH^FD${escapeFieldData(escapeCode128(label.waybill))}^FS`);

  out.push(`^FO${LEFT},390^GB${INNER},0,3^FS`);
  out.push(text(LEFT, 410, 34, `To 收件人: ${label.shipTo.name}   ${maskPhone(label.shipTo.phone)}`));
  const addressLines = wrapText(label.shipTo.address, columnsFor(INNER, 34), 3);
  addressLines.forEach((line, index) => out.push(text(LEFT, 460 + index * 44, 34, line)));

  out.push(`^FO${LEFT},610^GB${INNER},0,3^FS`);
  out.push(text(LEFT, 630, 30, `Packer 打包员: ${label.packer}`));

  out.push(`^FO${LEFT},690^GB${INNER},260,4^FS`);
  out.push(text(LEFT + 24, 712, 48, 'VERIFIED ✓ 已核验'));
  out.push(text(LEFT + 24, 782, 30, `Station 工位: ${label.verification.station}`));
  out.push(text(LEFT + 24, 824, 30, `${time} ${zone}`));
  out.push(text(LEFT + 24, 866, 30, `#${hash}  ${label.verification.lines.length} SKU / ${units} pcs`));

  out.push('^PQ1', '^XZ');
  return `${out.join('\n')}\n`;
}
