import { isIdle, isReady, type HostStatus } from './host-status.js';
import { odometerChange } from './odometer.js';
import type { OdometerReading, PrintJobRecord } from './types.js';

/** What the printer said in one round of questions. `odometer` is absent when it does not answer ~HQOD. */
export interface Observation {
  readonly host: HostStatus;
  readonly odometer?: OdometerReading;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** What to do with a job that is in the printer (`sent`) or may be (`unknown`). */
export type Outcome =
  /** Nothing proven yet; ask again later. */
  | { readonly kind: 'wait' }
  /** The label came out: the buffer emptied with no fault (`status`), or the odometer moved. */
  | { readonly kind: 'printed'; readonly proof: 'status' | 'odometer' }
  /** An `unknown` job's format is in the printer's buffer: it is `sent` after all. */
  | { readonly kind: 'in-printer' }
  /** An `unknown` job's format arrived cut off: cancel it (~JA) and it surely did not print. */
  | { readonly kind: 'cancel-partial' }
  /** The printer is idle and its odometer has not moved across the settle time: it did not print. */
  | { readonly kind: 'not-printed' }
  /** Only a person looking at the printer can tell. */
  | { readonly kind: 'needs-person' };

export interface Decision {
  readonly outcome: Outcome;
  /** When the odometer was first seen unmoved with the printer idle; the caller keeps it for the next round. */
  readonly stillSince: number | undefined;
}

const WAIT: Outcome = { kind: 'wait' };

/**
 * Decides a `sent` or `unknown` job's fate from one observation. Pure. The rules, which
 * docs/printing.md states as the queue's guarantee:
 *
 * - A job is only ever sent with the printer idle and the job alone in flight, so whatever is in
 *   the printer's buffer, or half received, is that job.
 * - `unknown` jobs are judged only `settleMs` after the connection was dropped, so no byte of
 *   the old connection is still on its way.
 * - "Did not print" needs the printer idle and fault-free with its odometer unchanged since
 *   before the send, in two observations at least `settleMs` apart — a label still printing moves
 *   the odometer within that time. Without an odometer it is never concluded.
 */
export function decide(job: PrintJobRecord, seen: Observation, stillSince: number | undefined, settleMs: number): Decision {
  const hold = (outcome: Outcome): Decision => ({ outcome, stillSince: undefined });
  if (job.state === 'unknown') {
    const since = job.unknownSince === undefined ? 0 : Date.parse(job.unknownSince);
    if (seen.at - since < settleMs) return hold(WAIT);
    if (seen.host.partialFormat) return hold({ kind: 'cancel-partial' });
    if (!isIdle(seen.host)) return hold({ kind: 'in-printer' });
  } else if (!isIdle(seen.host)) return hold(WAIT);
  if (!isReady(seen.host)) return hold(WAIT);

  const before = job.odometerBefore;
  if (before === undefined || seen.odometer === undefined) {
    return hold(job.state === 'unknown' ? { kind: 'needs-person' } : { kind: 'printed', proof: 'status' });
  }
  switch (odometerChange(before, seen.odometer)) {
    case 'moved':
      return hold({ kind: 'printed', proof: 'odometer' });
    case 'unknown':
      // Another unit, or a counter that went back: no proof either way; a `sent` job had reached the printer.
      return hold(job.state === 'unknown' ? { kind: 'needs-person' } : { kind: 'printed', proof: 'status' });
    case 'still':
      if (stillSince === undefined) return { outcome: WAIT, stillSince: seen.at };
      if (seen.at - stillSince >= settleMs) return hold({ kind: 'not-printed' });
      return { outcome: WAIT, stillSince };
  }
}
