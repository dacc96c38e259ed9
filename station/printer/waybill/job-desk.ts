import { errorMessage } from '../../../common/errors.js';
import type { Logger } from '../../../common/log.js';
import type { BookPatch, JobBook } from '../queue-state.js';
import type { JobState } from '../types.js';
import type { WaybillJobRecord, WaybillPrintEvent } from './types.js';

/**
 * The waybill queue's jobs and who hears of them: the book, the jobs in doubt that only a person
 * can settle, each move (dropping the print data of a finished job) and each event.
 */
export class WaybillJobDesk {
  /** Jobs in doubt the program could not settle: a person says whether they printed. */
  readonly needsPerson = new Set<string>();

  constructor(
    readonly book: JobBook<WaybillJobRecord>,
    /** Finished jobs kept. */
    private readonly keep: number,
    private readonly onEvent: (event: WaybillPrintEvent) => void,
    private readonly log: Logger,
  ) {}

  move(id: string, state: JobState, patch: BookPatch<WaybillJobRecord> = {}): WaybillJobRecord {
    // The print data goes once the waybill printed or the job was withdrawn.
    const drop = state === 'printed' || state === 'cancelled' ? { print: undefined } : {};
    const job = this.book.update(id, state, new Date(), { ...patch, ...drop });
    if (state === 'printed' || state === 'cancelled') {
      this.needsPerson.delete(id);
      this.book.prune(this.keep);
    }
    return job;
  }

  /** Tells the listener; false when it threw (logged). */
  emit(event: WaybillPrintEvent): boolean {
    try {
      this.onEvent(event);
      return true;
    } catch (err) {
      this.log.error({ err: errorMessage(err), event: event.type }, 'print event listener threw');
      return false;
    }
  }
}
