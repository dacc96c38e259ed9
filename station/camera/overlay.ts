import { zonedFields } from '../../common/zoned-time.js';
import type { StationEventBody } from '../../protocol/index.js';

/**
 * The clip's overlay as SubRip text, pure: ffmpeg stores it as a timed-text track (mov_text)
 * beside the camera's untouched picture. A cue every second, and one at every mark, shows the
 * order, waybill, station, packer and the time, and the newest scan verdicts as they are made.
 */

export interface OverlayHeader {
  readonly orderNo: string;
  readonly waybill: string;
  readonly station: string;
  readonly packer: string | null;
}

/** Something to show from `at` on (epoch ms): a scan's verdict, the label printed. */
export interface OverlayMark {
  readonly at: number;
  readonly text: string;
}

/** Cues at most: one a second for two hours, then one every few seconds. */
const MAX_CUES = 7200;
/** Verdict lines shown under the header. */
const MARK_LINES = 3;
const MAX_MARK_CHARS = 80;

/** The mark a pack event makes on the overlay, if any. */
export function overlayMark(body: StationEventBody, at: number): OverlayMark | undefined {
  const text = markText(body);
  return text === undefined ? undefined : { at, text: text.slice(0, MAX_MARK_CHARS) };
}

function markText(body: StationEventBody): string | undefined {
  switch (body.type) {
    case 'pack.verdict': {
      const what = body.sku ?? body.code ?? '';
      const count = body.line ? ` ${body.line.counted}/${body.line.quantity}` : '';
      return `${body.verdict === 'counted' ? 'OK' : 'NO'} ${body.verdict} ${what}${count}`.trim();
    }
    case 'pack.block_cleared':
      return `cleared ${body.reason} by ${body.by}`;
    case 'pack.order_verified':
      return 'order verified';
    case 'pack.label_printed':
      return `label printed${body.parcel ? ` ${body.parcel.waybill}` : ''}`;
    case 'pack.sealed':
      return `sealed ${body.parcel.waybill}`;
    case 'pack.parcel_closed':
      return `parcel ${body.parcel.index} closed`;
    case 'pack.order_cancelled':
      return 'order cancelled';
    case 'pack.order_aside':
      return `order put aside (${body.reason})`;
    default:
      return undefined;
  }
}

/** SubRip text for a clip of [from, to]; `timeZone` is the station's (an IANA name). */
export function overlaySrt(header: OverlayHeader, marks: readonly OverlayMark[], from: number, to: number, timeZone: string): string {
  const lengthMs = Math.max(0, to - from);
  const stepMs = 1000 * Math.max(1, Math.ceil(lengthMs / 1000 / MAX_CUES));
  const title = [header.orderNo, header.waybill, header.station, header.packer ?? '-'].map(clean).join(' | ');
  const sorted = [...marks].sort((a, b) => a.at - b.at);
  // A cue starts every step and at every mark, so each verdict shows from the moment it was made.
  const starts = new Set<number>();
  for (let offset = 0; offset < lengthMs; offset += stepMs) starts.add(offset);
  for (const mark of sorted) if (mark.at > from && mark.at < to && starts.size < 2 * MAX_CUES) starts.add(mark.at - from);
  const bounds = [...starts].sort((a, b) => a - b);
  const cues: string[] = [];
  bounds.forEach((offset, i) => {
    const end = bounds[i + 1] ?? lengthMs;
    const shown = sorted.filter((mark) => mark.at <= from + offset).slice(-MARK_LINES).map((mark) => clean(mark.text));
    cues.push(`${i + 1}\n${srtTime(offset)} --> ${srtTime(end)}\n${[title, clock(from + offset, timeZone), ...shown].join('\n')}\n`);
  });
  return cues.join('\n');
}

/** SubRip forbids blank lines in a cue and reads `-->` as timing. */
function clean(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/-->/g, '->');
}

function srtTime(ms: number): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

function clock(at: number, timeZone: string): string {
  const f = zonedFields(at, timeZone);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${String(new Date(at).getUTCSeconds()).padStart(2, '0')}`;
}
