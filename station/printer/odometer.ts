import { PackgateError } from '../../common/errors.js';
import { framesLength, replyFrames } from './host-status.js';
import type { OdometerReading } from './types.js';

/**
 * ZPL II Programming Guide (P1012728-011), ~HQ Host Query, example 7 ("~HQOD"): the printer
 * answers one STX…ETX block of lines,
 *
 *     PRINT METERS
 *        TOTAL NONRESETTABLE:          8560 "
 *        USER RESETTABLE CNTR1:           9 "
 *        USER RESETTABLE CNTR2:        8560 "
 *
 * in the unit ^MA sets (`"` inches or `cm`). It is printed length, not a label count: it moves by
 * at least one unit for any label at least one unit long, which is what the queue relies on.
 */
export const ODOMETER_QUERY = '~HQOD';

/** Bytes making a whole `~HQOD` reply at the start of `received`, or 0 while incomplete. */
export function odometerLength(received: Uint8Array): number {
  return framesLength(received, 1);
}

const TOTAL = /^\s*TOTAL NONRESETTABLE:\s*(\d{1,12})\s*("|'|cm|in|mm)?\s*$/m;

/** Reads TOTAL NONRESETTABLE from a `~HQOD` reply; throws BAD_ODOMETER_REPLY for anything else. Pure. */
export function parseOdometer(reply: Uint8Array | string): OdometerReading {
  let frames: string[];
  try {
    frames = replyFrames(reply);
  } catch (err) {
    throw new PackgateError('BAD_ODOMETER_REPLY', `unreadable ~HQOD reply: ${(err as Error).message}`);
  }
  const body = frames.length === 1 ? frames[0]! : '';
  const match = TOTAL.exec(body);
  if (!/PRINT METERS/.test(body) || !match) throw new PackgateError('BAD_ODOMETER_REPLY', 'unreadable ~HQOD reply: no PRINT METERS TOTAL NONRESETTABLE line');
  // The guide's example prints ' where printers print " for inches.
  const unit = match[2] === undefined || match[2] === "'" || match[2] === 'in' ? '"' : match[2];
  return { total: Number(match[1]), unit };
}

/**
 * What two readings say about labels printed between them: `moved` when the total went up,
 * `still` when it is the same, `unknown` when they cannot be compared (other unit, went down).
 */
export function odometerChange(before: OdometerReading, after: OdometerReading): 'moved' | 'still' | 'unknown' {
  if (before.unit !== after.unit) return 'unknown';
  if (after.total > before.total) return 'moved';
  return after.total === before.total ? 'still' : 'unknown';
}
