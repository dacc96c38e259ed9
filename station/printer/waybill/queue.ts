import { PackgateError } from '../../../common/errors.js';
import { createLogger } from '../../../common/log.js';
import type { WaybillPrintData } from '../../../protocol/waybill.js';
import { JobBook, cancellation, checkAct, resolution } from '../queue-state.js';
import { dialectOf } from './dialects.js';
import { WaybillJobDesk } from './job-desk.js';
import { checkPrintDoc } from './print-data.js';
import { ProgramRounds } from './program-rounds.js';
import { WAYBILL_TRANSITIONS } from './results.js';
import type { WaybillDoc, WaybillJobRecord, WaybillPrintQueueOptions, WaybillQueueState, WaybillStatusReport } from './types.js';

export type * from './types.js';

/**
 * Waybills for one platform's print program, sent one at a time, each judged printed only on the
 * program's `printed` result for that task and document, and never sent again under a new task
 * id unless the program (or a person) said the first did not print. docs/printing.md states the
 * guarantee; the API is PrintQueue's, so the agent can drive either. The jobs are the desk's
 * (job-desk.ts); the conversation with the program is the rounds' (program-rounds.ts).
 */
export class WaybillPrintQueue {
  readonly platform: WaybillPrintQueueOptions['platform'];
  readonly url: string;
  readonly printer: string | undefined;
  readonly #desk: WaybillJobDesk;
  readonly #rounds: ProgramRounds;

  constructor(options: WaybillPrintQueueOptions) {
    this.platform = options.platform;
    this.url = options.url;
    this.printer = options.printer;
    const dialect = dialectOf(options.platform);
    const log = options.logger ?? createLogger('station.printer.waybill');
    const foreign = options.state?.jobs.find((job) => job.platform !== options.platform);
    if (foreign) throw new PackgateError('BAD_QUEUE_STATE', `job ${foreign.id} is for ${foreign.platform}, not ${options.platform}`);
    const now = new Date();
    const book = new JobBook(options.state, now, WAYBILL_TRANSITIONS);
    // The result of a job the program had accepted went to a connection that is gone.
    for (const job of book.inState('sent')) book.update(job.id, 'unknown', now, { unknownSince: now.toISOString() });
    this.#desk = new WaybillJobDesk(book, options.keepFinished ?? 200, (event) => options.onEvent?.(event), log);
    const timing = { reply: options.replyTimeoutMs ?? 10_000, result: options.resultTimeoutMs ?? 60_000, poll: options.pollMs ?? 5000 };
    this.#rounds = new ProgramRounds(options, this.#desk, dialect, timing, log);
  }

  /** Connects to the program and starts sending jobs. */
  start(): void {
    this.#rounds.start();
  }

  /** Stops and disconnects; jobs stay as they are in `state()`. */
  close(): Promise<void> {
    return this.#rounds.close();
  }

  /**
   * Queues one parcel's waybill as the task's next job. Throws BAD_TASK_ID, BAD_PRINT_DATA,
   * WRONG_PLATFORM or PRINT_DATA_TOO_LARGE.
   */
  print(taskId: string, doc: WaybillDoc): WaybillJobRecord {
    const checked = checkPrintDoc(this.platform, doc?.waybill, doc?.print);
    const job = this.#desk.book.add(taskId, () => ({ platform: this.platform, ...checked }), new Date());
    return this.#queued(job);
  }

  /**
   * Queues a printed job's waybill again, marked as a reprint: needs a person, a reason
   * (REPRINT_NEEDS_REASON) and the print data again (REPRINT_NEEDS_PRINT_DATA), which the
   * printed job no longer holds.
   */
  reprint(jobId: string, act: { readonly by: string; readonly reason: string; readonly print?: WaybillPrintData }): WaybillJobRecord {
    const { by, reason } = checkAct(act, 'REPRINT_NEEDS_REASON', 'a reprint');
    const original = this.#desk.book.get(jobId);
    if (original.state !== 'printed') throw new PackgateError('JOB_STATE', `print job ${jobId} is ${original.state}; only a printed waybill can be reprinted`);
    if (act.print === undefined) throw new PackgateError('REPRINT_NEEDS_PRINT_DATA', `a reprint of ${jobId} needs its print data again`);
    const checked = checkPrintDoc(this.platform, original.waybill, act.print);
    const at = new Date();
    const job = this.#desk.book.add(
      original.taskId,
      () => ({ platform: this.platform, ...checked, reprintOf: original.id, reprint: { by, reason, at: at.toISOString() } }),
      at,
    );
    this.#desk.emit({ type: 'reprint', job, of: original.id, by, reason });
    return this.#queued(job);
  }

  /** A person's word on an `unknown` job: it came out (printed), or it did not (queued to send again). */
  resolve(jobId: string, verdict: { readonly printed: boolean; readonly by: string; readonly reason: string }): WaybillJobRecord {
    const resolved = resolution(this.#desk.book.get(jobId), verdict, new Date());
    this.#desk.needsPerson.delete(jobId);
    const job = this.#desk.move(jobId, verdict.printed ? 'printed' : 'queued', { resolved });
    this.#desk.emit(verdict.printed ? { type: 'printed', job, proof: 'person' } : { type: 'retry', job, proof: 'person' });
    this.#rounds.kick();
    return job;
  }

  /** Withdraws a job not yet sent (a stop or freeze arrived). */
  cancel(jobId: string, act: { readonly by: string; readonly reason: string }): WaybillJobRecord {
    const cancelled = cancellation(this.#desk.book.get(jobId), act, new Date());
    const job = this.#desk.move(jobId, 'cancelled', { cancelled });
    this.#desk.emit({ type: 'cancelled', job, by: cancelled.by, reason: cancelled.reason });
    return job;
  }

  /** Every job, oldest first: queued, in flight, unknown, and the last finished ones. */
  jobs(): readonly WaybillJobRecord[] {
    return this.#desk.book.jobs();
  }

  /** The whole state as plain JSON, to persist and pass back as `options.state`. */
  state(): WaybillQueueState {
    return this.#desk.book.state();
  }

  /** The program as last seen, and the count of its messages that were not used. */
  status(): WaybillStatusReport {
    return this.#rounds.report;
  }

  #queued(job: WaybillJobRecord): WaybillJobRecord {
    this.#desk.emit({ type: 'queued', job });
    this.#rounds.kick();
    return job;
  }
}
